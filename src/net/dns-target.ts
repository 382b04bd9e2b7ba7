import { Cidr, IpFamily } from './cidr';
import { ciliumPodLabels } from './cilium-labels';
import { IpRanges } from './ip-ranges';
import { describeLabels, Peer } from './peer';
import { Port } from './port';
import { CiliumNetworkPolicySpecEgressToEntities } from '../imports/cilium.io';
import { invalid, sortedLabels, validateLabels, validateNamespace, validatePortNumber } from '../validation/rules';
import { arrayOf, checkArgument, instanceOf, isString } from '../validation/types';

/**
 * Where the cluster's DNS servers are: the only place DNS queries may go.
 *
 * Always a specific set of pods (or one node-local address), on UDP and TCP,
 * never "any pod on port 53".
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
   * NodeLocal DNSCache: a hostNetwork cache on a link-local address on every
   * node (default `169.254.20.10`), UDP and TCP 53.
   *
   * On Cilium, NetworkPolicy ipBlocks do not match the cache (it has the
   * node's host identity): give this target to `OpenClawCiliumEgress` too.
   *
   * @param address the cache's IP address
   */
  public static nodeLocalDns(address?: string): DnsTarget {
    if (address !== undefined) checkArgument('address', address, isString);
    const text = address ?? IpRanges.NODE_LOCAL_DNS_IPV4;
    const family = text.includes(':') ? IpFamily.IPV6 : IpFamily.IPV4;
    const cidr = Cidr.parse(`${text}/${family === IpFamily.IPV4 ? 32 : 128}`, 'address');
    const linkLocal = [...IpRanges.LINK_LOCAL_IPV4, ...IpRanges.LINK_LOCAL_IPV6].map(range => Cidr.parse(range));
    if (!linkLocal.some(range => range.contains(cidr))) {
      throw invalid('address', text,
        'NodeLocal DNSCache listens on a link-local address (default 169.254.20.10). For DNS servers elsewhere use DnsTarget.pods(); '
        + 'a Service IP never matches (policy sees the address after translation).');
    }
    return new DnsTarget(`NodeLocal DNSCache at ${text}`, 53, undefined, undefined, cidr);
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
    validateLabels('dns labels', labels, true);
    const dnsPort = port ?? 53;
    validatePortNumber('dns port', dnsPort);
    return new DnsTarget(`DNS pods ${describeLabels(labels)} in namespace ${namespace}`, dnsPort, namespace, sortedLabels(labels), undefined);
  }

  /** A readable description, used in error messages. */
  public readonly description: string;
  /** The port DNS servers listen on. */
  public readonly port: number;
  /** The DNS pods' namespace, when the target is pods. */
  public readonly namespace?: string;
  /** The DNS pods' labels, when the target is pods. */
  public readonly labels?: { [key: string]: string };
  private readonly address?: Cidr;

  private constructor(description: string, port: number, namespace: string | undefined,
    labels: { [key: string]: string } | undefined, address: Cidr | undefined) {
    this.description = description;
    this.port = port;
    this.namespace = namespace;
    this.labels = labels;
    this.address = address;
  }

  /** The NodeLocal DNSCache address, when the target is an address. */
  public get ip(): string | undefined {
    return this.address?.toString().replace(/\/(32|128)$/, '');
  }

  /** The DNS ports: UDP and TCP (large answers and DNSSEC fall back to TCP). */
  public get ports(): Port[] {
    return [Port.udp(this.port), Port.tcp(this.port)];
  }

  /** The NetworkPolicy peer for this target. */
  public get peer(): Peer {
    if (this.address) return Peer.ipBlock(this.address.toString());
    return Peer.podsInNamespaces([this.namespace!], this.labels!);
  }

  /**
   * @internal The Cilium egress rule peer: `toEndpoints` for pods; for a
   * NodeLocal DNSCache address, `toCIDR` plus the `host` entity (a
   * hostNetwork cache has Cilium's host identity, which CIDR rules do not match).
   */
  public _toCiliumPeer(): {
    toEndpoints?: { matchLabels: { [key: string]: string } }[];
    toCidr?: string[];
    toEntities?: CiliumNetworkPolicySpecEgressToEntities[];
  } {
    if (this.address) return { toCidr: [this.address.toString()], toEntities: [CiliumNetworkPolicySpecEgressToEntities.HOST] };
    return { toEndpoints: [{ matchLabels: ciliumPodLabels(this.labels!, this.namespace) }] };
  }
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
