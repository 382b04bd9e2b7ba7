import { Cidr } from './cidr';

/**
 * Named IP ranges, defined once and used everywhere.
 *
 * "Public internet" in this library means `0.0.0.0/0` and `::/0` minus
 * every range in `NON_PUBLIC_IPV4` and `NON_PUBLIC_IPV6`.
 */
export class IpRanges {
  /** RFC 1918 private IPv4 networks. */
  public static readonly PRIVATE_IPV4: string[] = Object.freeze(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']) as string[];
  /** RFC 6598 carrier-grade NAT (shared address space), used by some clusters for pods or services. */
  public static readonly CGNAT_IPV4: string[] = Object.freeze(['100.64.0.0/10']) as string[];
  /** IPv4 loopback. */
  public static readonly LOOPBACK_IPV4: string[] = Object.freeze(['127.0.0.0/8']) as string[];
  /** IPv4 link-local, which holds the cloud metadata endpoint 169.254.169.254 and NodeLocal DNSCache's 169.254.20.10. */
  public static readonly LINK_LOCAL_IPV4: string[] = Object.freeze(['169.254.0.0/16']) as string[];
  /**
   * IPv4 ranges that are never public unicast: "this network" 0.0.0.0/8,
   * multicast 224.0.0.0/4 and the reserved 240.0.0.0/4 (which some clusters,
   * such as GKE, use for pods).
   */
  public static readonly RESERVED_IPV4: string[] = Object.freeze(['0.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4']) as string[];
  /** Every IPv4 range excluded from "public internet": private, CGNAT, loopback, link-local and reserved. */
  public static readonly NON_PUBLIC_IPV4: string[] = Object.freeze([
    ...IpRanges.PRIVATE_IPV4, ...IpRanges.CGNAT_IPV4, ...IpRanges.LOOPBACK_IPV4, ...IpRanges.LINK_LOCAL_IPV4,
    ...IpRanges.RESERVED_IPV4,
  ]) as string[];

  /** IPv6 unique local addresses (RFC 4193), the IPv6 private range; AWS's IPv6 metadata endpoint fd00:ec2::254 is inside it. */
  public static readonly PRIVATE_IPV6: string[] = Object.freeze(['fc00::/7']) as string[];
  /** IPv6 loopback. */
  public static readonly LOOPBACK_IPV6: string[] = Object.freeze(['::1/128']) as string[];
  /** IPv6 link-local. */
  public static readonly LINK_LOCAL_IPV6: string[] = Object.freeze(['fe80::/10']) as string[];
  /** IPv6 multicast. */
  public static readonly MULTICAST_IPV6: string[] = Object.freeze(['ff00::/8']) as string[];
  /** Every IPv6 range excluded from "public internet": unique local, loopback, link-local and multicast. */
  public static readonly NON_PUBLIC_IPV6: string[] = Object.freeze([
    ...IpRanges.PRIVATE_IPV6, ...IpRanges.LOOPBACK_IPV6, ...IpRanges.LINK_LOCAL_IPV6, ...IpRanges.MULTICAST_IPV6,
  ]) as string[];

  /** The cloud metadata endpoint (AWS, GCP, Azure, and others). */
  public static readonly CLOUD_METADATA_IPV4 = '169.254.169.254/32';
  /** NodeLocal DNSCache's usual link-local address. */
  public static readonly NODE_LOCAL_DNS_IPV4 = '169.254.20.10';

  private constructor() {}
}

/** The non-public ranges as parsed networks, built on first use. */
let NON_PUBLIC: Cidr[] | undefined;

/**
 * True if `cidr` minus `except` holds at least one public address, that is,
 * if it is not wholly inside one of the non-public ranges or its own exceptions.
 */
export function reachesPublicAddresses(cidr: Cidr, except: Cidr[]): boolean {
  NON_PUBLIC ??= [...IpRanges.NON_PUBLIC_IPV4, ...IpRanges.NON_PUBLIC_IPV6].map(text => Cidr.parse(text));
  return ![...NON_PUBLIC, ...except].some(range => range.contains(cidr));
}
