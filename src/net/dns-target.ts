import { Cidr } from './cidr';
import { CiliumEgressPeerJson } from './cilium-json';
import { ciliumPodLabels } from './cilium-labels';
import { IpRanges } from './ip-ranges';
import { describeLabels, Peer } from './peer';
import { Port } from './port';
import { invalid, sortedLabels, validateNamespace, validatePortNumber, validateSelectorLabels } from '../validation/rules';
import { arrayOf, checkArgument, instanceOf, isString, madeByItsClass } from '../validation/types';

/** The DNS port, unless a target says otherwise (OpenShift's DNS pods listen on 5353). */
export const DNS_PORT = 53;

/**
 * Where the cluster's DNS servers are: the only place DNS queries may go.
 *
 * Always a specific set of pods or one address, on UDP and TCP, never
 * "any pod on port 53".
 */
export class DnsTarget {
  /** CoreDNS or kube-dns: pods labelled `k8s-app: kube-dns` in `kube-system`, UDP and TCP 53. */
  public static kubeDns(): DnsTarget {
    return DnsTarget.pods('kube-system', { 'k8s-app': 'kube-dns' });
  }

  /**
   * OpenShift's cluster DNS: pods labelled `dns.operator.openshift.io/daemonset-dns: default`
   * in `openshift-dns`, which listen on 5353 (the Service maps 53 to 5353, and
   * policy sees the port after that translation).
   */
  public static openShiftDns(): DnsTarget {
    return DnsTarget.pods('openshift-dns', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, 5353);
  }

  /**
   * NodeLocal DNSCache on its local listen address (`-localip`, default
   * `169.254.20.10`), UDP and TCP 53: the address pods use when kubelet's
   * `--cluster-dns` points at the cache (kube-proxy IPVS mode).
   *
   * The address must be IPv4 link-local (169.254.0.0/16) or, on IPv6, link-local
   * (fe80::/10) or unique local (fc00::/7, e.g. `fd00::10`), as the Kubernetes
   * task "Using NodeLocal DNSCache in Kubernetes Clusters" recommends.
   *
   * Emits: in a NetworkPolicy, an ipBlock `/32` (or `/128`); in a Cilium policy,
   * two rules with the same DNS ports and `rules.dns`, one `toCIDR` for the
   * address and one `toEntities: [host]`. The cache is a hostNetwork pod that
   * binds the address on a dummy interface, and Cilium gives it the host
   * identity only when it counts that interface's addresses as node addresses
   * (cilium/cilium pkg/datapath/tables/node_address.go `getAddressesFromDevice`
   * takes only selected devices; pkg/datapath/linux/devices_controller.go
   * `isSelectedDevice` needs a global unicast route); otherwise the address is
   * outside the cluster (world) and the CIDR rule matches. A NetworkPolicy
   * ipBlock never matches the host identity, so on Cilium give this target to
   * `OpenClawCiliumEgress` too.
   *
   * @param address the cache's listen address
   */
  public static nodeLocalDns(address?: string): DnsTarget {
    if (address !== undefined) checkArgument('address', address, isString);
    const text = address ?? IpRanges.NODE_LOCAL_DNS_IPV4;
    const cidr = singleAddress('address', text);
    const allowed = [...IpRanges.LINK_LOCAL_IPV4, ...IpRanges.LINK_LOCAL_IPV6, ...IpRanges.PRIVATE_IPV6];
    if (!allowed.some(range => Cidr.parse(range).contains(cidr)) || isCloudMetadata(cidr)) {
      throw invalid('address', text,
        'NodeLocal DNSCache listens on a link-local address (default 169.254.20.10; on IPv6 a link-local or unique local one such as fd00::10).'
        + ' If the cache also binds the kube-dns Service IP (kube-proxy iptables mode), use DnsTarget.nodeLocalDnsClusterIp();'
        + ' for GKE Cloud DNS (169.254.169.254) use DnsTarget.gkeCloudDns(); for DNS pods use DnsTarget.pods().');
    }
    return new DnsTarget(`NodeLocal DNSCache at ${text}`, DNS_PORT, undefined, undefined, cidr, true);
  }

  /**
   * NodeLocal DNSCache on the kube-dns Service ClusterIP, UDP and TCP 53.
   *
   * In kube-proxy iptables mode the cache binds the kube-dns ClusterIP on every
   * node as well as its link-local address (`-localip <local>,<clusterIP>` in
   * kubernetes cluster/addons/dns/nodelocaldns/nodelocaldns.yaml), skips the
   * DNAT, and answers there: pods keep sending DNS to the ClusterIP, and the
   * addon's README ("Network policy and DNS connectivity") allows it with an
   * ipBlock for that address.
   *
   * Emits: in a NetworkPolicy, an ipBlock `/32` (or `/128`); in a Cilium policy,
   * two rules with the same DNS ports and `rules.dns`, one `toCIDR` for the
   * address and one `toEntities: [host]` (see `nodeLocalDns()` for why both).
   *
   * Under Cilium, a pod's traffic to a ClusterIP is usually translated to the
   * Service's pods before the cache can intercept it (Cilium docs, Local Redirect
   * Policy, "Node-local DNS cache"), so there list `DnsTarget.kubeDns()` too.
   *
   * @param clusterIp the kube-dns Service ClusterIP, such as `10.96.0.10` or `fd00::10`
   */
  public static nodeLocalDnsClusterIp(clusterIp: string): DnsTarget {
    const cidr = singleAddress('clusterIp', clusterIp);
    const notUnicast = [
      ...IpRanges.LOOPBACK_IPV4, ...IpRanges.LINK_LOCAL_IPV4, ...IpRanges.RESERVED_IPV4,
      ...IpRanges.LOOPBACK_IPV6, ...IpRanges.LINK_LOCAL_IPV6, ...IpRanges.MULTICAST_IPV6, '::/128',
    ];
    if (notUnicast.some(range => Cidr.parse(range).contains(cidr))) {
      throw invalid('clusterIp', clusterIp,
        'Give the kube-dns Service ClusterIP (kubectl -n kube-system get svc kube-dns), a unicast address such as 10.96.0.10 or fd00::10;'
        + ' not a loopback, link-local, multicast or reserved one. For the cache\'s link-local address use DnsTarget.nodeLocalDns().');
    }
    return new DnsTarget(`NodeLocal DNSCache on the kube-dns ClusterIP ${clusterIp}`, DNS_PORT, undefined, undefined, cidr, true);
  }

  /**
   * GKE with Cloud DNS: pods resolve through the node's metadata server at
   * `169.254.169.254`, on UDP and TCP 53 only. The metadata port (80) stays closed.
   *
   * Emits: in a NetworkPolicy, an ipBlock `169.254.169.254/32` on port 53; in a
   * Cilium policy, one `toCIDR` rule. The metadata server is not an address of a
   * node device that Cilium selects, so Cilium sees it outside the cluster
   * (world), where CIDR rules match; no `host` rule, which would open port 53
   * on the node itself.
   */
  public static gkeCloudDns(): DnsTarget {
    return new DnsTarget(`GKE Cloud DNS at the metadata server ${IpRanges.CLOUD_METADATA_IPV4.replace('/32', '')}`, DNS_PORT,
      undefined, undefined, Cidr.parse(IpRanges.CLOUD_METADATA_IPV4), false);
  }

  /**
   * DNS servers run as pods with the given labels in the given namespace.
   *
   * @param namespace the DNS pods' namespace
   * @param labels the DNS pods' labels (at least one)
   * @param port the port the pods listen on, after Service translation (default 53)
   */
  public static pods(namespace: string, labels: { [key: string]: string }, port?: number): DnsTarget {
    validateNamespace('dns namespace', namespace);
    validateSelectorLabels('dns labels', labels, true);
    const dnsPort = port ?? DNS_PORT;
    validatePortNumber('dns port', dnsPort);
    return new DnsTarget(`DNS pods ${describeLabels(labels)} in namespace ${namespace}`, dnsPort, namespace, sortedLabels(labels), undefined, false);
  }

  /** A readable description, used in error messages. */
  public readonly description: string;
  /** The port DNS servers listen on. */
  public readonly port: number;
  /** The DNS pods' namespace, when the target is pods. */
  public readonly namespace?: string;
  /** The DNS pods' labels, when the target is pods (frozen: a DnsTarget is immutable). */
  public readonly labels?: { [key: string]: string };
  private readonly address?: Cidr;
  /** True if Cilium may see the address with the node's host identity (a NodeLocal DNSCache). */
  private readonly mayBeHost: boolean;
  /** `peer` and `ports`, made on first use. */
  private dnsPeer?: Peer;
  private dnsPorts?: Port[];

  private constructor(description: string, port: number, namespace: string | undefined,
    labels: { [key: string]: string } | undefined, address: Cidr | undefined, mayBeHost: boolean) {
    madeByItsClass(this);
    this.description = description;
    this.port = port;
    this.namespace = namespace;
    this.labels = labels && Object.freeze(labels);
    this.address = address;
    this.mayBeHost = mayBeHost;
  }

  /** The DNS server's address, when the target is an address. */
  public get ip(): string | undefined {
    return this.address?.toString().replace(/\/(32|128)$/, '');
  }

  /** The DNS ports: UDP and TCP (large answers and DNSSEC fall back to TCP). */
  public get ports(): Port[] {
    this.dnsPorts ??= [Port.udp(this.port), Port.tcp(this.port)];
    return [...this.dnsPorts];
  }

  /** The NetworkPolicy peer for this target. */
  public get peer(): Peer {
    this.dnsPeer ??= this.address ? Peer.ipBlock(this.address.toString()) : Peer.podsInNamespaces([this.namespace!], this.labels!);
    return this.dnsPeer;
  }

  /**
   * @internal The L3 selectors of the Cilium egress rules for this target, one
   * rule each: `toEndpoints` for pods; for an address, `toCIDR`, plus the
   * `host` entity when Cilium may see the address as the node (NodeLocal DNSCache).
   */
  public _toCiliumPeers(): CiliumEgressPeerJson[] {
    if (!this.address) return [{ toEndpoints: [{ matchLabels: ciliumPodLabels(this.labels!, this.namespace) }] }];
    const cidrPeer: CiliumEgressPeerJson = { toCIDR: [this.address.toString()] };
    return this.mayBeHost ? [cidrPeer, { toEntities: ['host'] }] : [cidrPeer];
  }
}

/** Parses one IPv4 or IPv6 address (no prefix length) as a /32 or /128. */
function singleAddress(prop: string, text: string): Cidr {
  const address = typeof text === 'string' && /^[0-9a-fA-F:.]+$/.test(text) ? Cidr._lenient(text) : undefined;
  if (!address) throw invalid(prop, text, 'Give one IPv4 or IPv6 address without a prefix length, such as "169.254.20.10" or "fd00::10".');
  return address;
}

function isCloudMetadata(address: Cidr): boolean {
  return Cidr.parse(IpRanges.CLOUD_METADATA_IPV4).contains(address);
}

/** Rejects an empty or duplicated list of DNS targets. */
export function validateDnsTargets(prop: string, targets: DnsTarget[]): void {
  checkArgument(prop, targets, arrayOf(instanceOf(DnsTarget)));
  if (!Array.isArray(targets) || targets.length === 0) {
    throw invalid(prop, targets, 'Give at least one DNS target, such as DnsTarget.kubeDns(); with none, default deny blocks all name resolution.');
  }
  const descriptions = targets.map(target => target.description);
  const duplicate = descriptions.find((text, i) => descriptions.indexOf(text) !== i);
  if (duplicate !== undefined) {
    throw invalid(prop, descriptions, `${duplicate} is listed twice.`);
  }
}
