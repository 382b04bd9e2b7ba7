import { Cidr } from '../net/cidr';
import { describeLabels } from '../net/peer';
import { invalid, sortedLabels, validateLabels, validateNamespace } from '../validation/rules';
import { madeByItsClass } from '../validation/types';

/**
 * One end of a flow: a pod (by namespace and labels) or an address outside
 * the cluster (optionally with the DNS name the client resolved to reach it).
 */
export class FlowEndpoint {
  /**
   * A pod in the cluster.
   *
   * @param namespace the pod's namespace
   * @param labels the pod's labels
   * @param ip the pod's IP, for CNIs that match ipBlocks against pod IPs (generic model only)
   */
  public static pod(namespace: string, labels: { [key: string]: string }, ip?: string): FlowEndpoint {
    validateNamespace('namespace', namespace);
    validateLabels('labels', labels, false);
    if (ip !== undefined) parseAddress(ip);
    return new FlowEndpoint(namespace, sortedLabels(labels), ip, undefined);
  }

  /** The cluster DNS: a CoreDNS pod (`k8s-app: kube-dns`) in `kube-system`. */
  public static clusterDns(): FlowEndpoint {
    return FlowEndpoint.pod('kube-system', { 'k8s-app': 'kube-dns' });
  }

  /**
   * An address outside the cluster.
   *
   * @param ip the IPv4 or IPv6 address
   * @param dnsName the name the client looked up to get `ip`; Cilium's `toFQDNs` rules match on it
   */
  public static external(ip: string, dnsName?: string): FlowEndpoint {
    parseAddress(ip);
    if (dnsName !== undefined && (typeof dnsName !== 'string' || !/^[-a-zA-Z0-9_.]{1,253}$/.test(dnsName))) {
      throw invalid('dnsName', dnsName, 'Give the DNS name the client resolved, such as "api.anthropic.com".');
    }
    return new FlowEndpoint(undefined, undefined, ip, dnsName?.toLowerCase().replace(/\.$/, ''));
  }

  /** The pod's namespace (pods only). */
  public readonly namespace?: string;
  /** The pod's labels (pods only). */
  public readonly labels?: { [key: string]: string };
  /** The address (external endpoints, or a pod given one). */
  public readonly ip?: string;
  /** The DNS name the client resolved (external endpoints only). */
  public readonly dnsName?: string;

  private constructor(namespace: string | undefined, labels: { [key: string]: string } | undefined,
    ip: string | undefined, dnsName: string | undefined) {
    madeByItsClass(this);
    this.namespace = namespace;
    this.labels = labels;
    this.ip = ip;
    this.dnsName = dnsName;
  }

  /** True for a pod, false for an external address. */
  public get isPod(): boolean {
    return this.namespace !== undefined;
  }

  /** `openclaw/{app=openclaw}`, `203.0.113.7` or `api.anthropic.com (203.0.113.7)`. */
  public toString(): string {
    if (this.isPod) return `${this.namespace}/${describeLabels(this.labels!)}`;
    return this.dnsName ? `${this.dnsName} (${this.ip})` : this.ip!;
  }
}

/** Parses an address as a /32 or /128. */
export function parseAddress(ip: string): Cidr {
  const address = typeof ip === 'string' && !ip.includes('/') ? Cidr._lenient(ip) : undefined;
  if (!address) throw invalid('ip', ip, 'Give an IPv4 or IPv6 address, such as "203.0.113.7" or "2001:db8::7".');
  return address;
}
