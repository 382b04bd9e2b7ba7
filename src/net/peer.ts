import type * as kplus from 'cdk8s-plus-28';
import { Cidr, IpFamily } from './cidr';
import { IpRanges, reachesPublicAddresses } from './ip-ranges';
import { readKplusPeer } from './kplus-selector';
import { describeRequirement, LabelRequirement, labelSelectorJson, NAMESPACE_NAME_LABEL, validatePodSelector } from './label-requirement';
import { compareText, invalid, sortedLabels, validateNamespaces } from '../validation/rules';
import { arrayOf, checkArgument, isString, madeByItsClass, withMethod } from '../validation/types';

/** Checks a cdk8s-plus network policy peer. */
export const isKplusPeer = withMethod('toNetworkPolicyPeerConfig',
  'a cdk8s-plus peer: kplus.Pods.select(...), kplus.Namespaces.select(...), a kplus.Namespace, a workload or a kplus.NetworkPolicyIpBlock');

/** One element of a NetworkPolicy rule's `to` or `from`, keys in alphabetical order as cdk8s writes them. */
export interface NetworkPolicyPeerJson {
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
  readonly namespaceSelector?: { readonly matchLabels: { [key: string]: string } };
  readonly podSelector?: { readonly matchExpressions?: any[]; readonly matchLabels?: { [key: string]: string } };
}

interface IpBlockElement {
  readonly cidr: Cidr;
  readonly except: Cidr[];
}

interface PodsElement {
  /** Undefined means "the policy's own namespace". */
  readonly namespaces?: string[];
  readonly labels: { [key: string]: string };
  /** More requirements on the pods' labels (`matchExpressions`), sorted. */
  readonly requirements: LabelRequirement[];
}

/** `Peer.publicInternet()` without cluster CIDRs, built on first use. */
let PUBLIC_INTERNET: Peer[] | undefined;

/**
 * The other end of a NetworkPolicy rule: pods (by namespace and labels) or an
 * IP block. Validated when it is made.
 *
 * A namespace and pod labels given together select the pods with those labels
 * *in* those namespaces (one peer element, AND), never "those namespaces or
 * those pods".
 */
export class Peer {
  /** Every pod in the given namespaces. */
  public static namespaces(namespaces: string[]): Peer {
    checkArgument('namespaces', namespaces, arrayOf(isString));
    validateNamespaces('namespaces', namespaces);
    const sorted = [...namespaces].sort();
    return new Peer(`pods in namespaces ${sorted.join(', ')}`, undefined, { namespaces: sorted, labels: {}, requirements: [] });
  }

  /**
   * Pods with all of the given labels (and meeting every requirement), in the policy's own namespace.
   *
   * @param requirements more requirements on the pods' labels (a `matchExpressions`)
   */
  public static pods(labels: { [key: string]: string }, requirements?: LabelRequirement[]): Peer {
    const valid = validatePodSelector('labels', labels, 'requirements', requirements ?? [], true);
    return new Peer(`pods ${describeLabels(labels, valid)} in the policy's namespace`, undefined,
      { labels: sortedLabels(labels), requirements: valid });
  }

  /**
   * Pods with all of the given labels (and meeting every requirement) AND in one of the given namespaces.
   *
   * @param requirements more requirements on the pods' labels (a `matchExpressions`)
   */
  public static podsInNamespaces(namespaces: string[], labels: { [key: string]: string }, requirements?: LabelRequirement[]): Peer {
    checkArgument('namespaces', namespaces, arrayOf(isString));
    validateNamespaces('namespaces', namespaces);
    const valid = validatePodSelector('labels', labels, 'requirements', requirements ?? [], true);
    const sorted = [...namespaces].sort();
    return new Peer(`pods ${describeLabels(labels, valid)} in namespaces ${sorted.join(', ')}`, undefined,
      { namespaces: sorted, labels: sortedLabels(labels), requirements: valid });
  }

  /**
   * The peer a cdk8s-plus peer stands for, usable wherever a `Peer` is:
   * `kplus.Pods.select(...)` (with `namespaces`, the pods in those
   * namespaces), `kplus.Namespaces.select(scope, id, { names })` or a
   * `kplus.Namespace` (every pod there), a workload such as a `Deployment`
   * (its pods, by the `cdk8s.io/metadata.addr` label cdk8s-plus gives them,
   * in its namespace), or a `kplus.NetworkPolicyIpBlock`. The emitted rule is
   * the same as with the other factories: namespace and pod selectors in one
   * element, ports explicit.
   *
   * Pods are selected by their labels and `matchExpressions` (`In` with one
   * value carries over as a label, the other expressions as requirements).
   * Namespaces are selected by name (a `kubernetes.io/metadata.name` label
   * counts as one); other namespace labels are refused. An IP block of every
   * address (`kplus.NetworkPolicyIpBlock.anyIpv4(...)`, `anyIpv6`) is refused
   * too: it would reach the cloud metadata endpoint; use
   * `Peer.publicInternet()`.
   */
  public static fromKplus(peer: kplus.INetworkPolicyPeer): Peer {
    checkArgument('peer', peer, isKplusPeer);
    const { pods, ipBlock } = readKplusPeer('peer', peer);
    if (ipBlock !== undefined) {
      if (Cidr.parse(ipBlock.cidr, 'peer cidr').prefixLength === 0) {
        throw invalid('peer', `NetworkPolicyIpBlock ${ipBlock.cidr}`,
          'An ipBlock of every address also reaches private ranges, in-cluster services and the cloud metadata endpoint '
          + '169.254.169.254; use ...Peer.publicInternet() (which excludes private, link-local and metadata ranges), '
          + 'or Peer.ipBlock(cidr, except) to say what is left out.');
      }
      return Peer.ipBlock(ipBlock.cidr, ipBlock.except);
    }
    const { labels, requirements, namespaces } = pods!;
    if (namespaces === undefined) return Peer.pods(labels, requirements);
    return Object.keys(labels).length || requirements.length ? Peer.podsInNamespaces(namespaces, labels, requirements) : Peer.namespaces(namespaces);
  }

  /**
   * An IP block: `cidr` minus each `except` network.
   *
   * Each `except` must lie strictly inside `cidr` and be of the same family.
   * IP blocks are meant for addresses outside the cluster: CNIs differ on
   * whether they match pod IPs, so never use one to reach pods.
   */
  public static ipBlock(cidr: string, except?: string[]): Peer {
    if (except !== undefined) checkArgument('except', except, arrayOf(isString));
    const network = Cidr.parse(cidr, 'cidr');
    const excluded = (except ?? []).map((text, i) => Cidr.parse(text, `except[${i}]`));
    excluded.forEach((inner, i) => {
      if (inner.family !== network.family || !network.contains(inner) || inner.prefixLength === network.prefixLength) {
        throw invalid(`except[${i}]`, inner.toString(),
          `Each except entry must be a ${network.family} network strictly inside ${network.toString()}.`);
      }
    });
    const sorted = uniqueSorted(excluded);
    const suffix = sorted.length ? ` except ${sorted.join(', ')}` : '';
    return new Peer(`${network.toString()}${suffix}`, { cidr: network, except: sorted }, undefined);
  }

  /**
   * Every public address: `0.0.0.0/0` and `::/0` minus the private, CGNAT,
   * loopback, link-local and reserved ranges in `IpRanges`. This excludes the
   * cloud metadata endpoint 169.254.169.254 and the cluster's own private ranges.
   *
   * @param clusterCidrs more ranges to exclude: the cluster's pod and service
   * ranges when they are not private (IPv6 global-unicast pod ranges, or
   * "privately used public IPs")
   */
  public static publicInternet(clusterCidrs?: string[]): Peer[] {
    if (clusterCidrs !== undefined) checkArgument('clusterCidrs', clusterCidrs, arrayOf(isString));
    if (!clusterCidrs?.length) {
      // The common case, built once: the ranges are constants and Peers are immutable.
      PUBLIC_INTERNET ??= Peer.publicInternetExcept([]);
      return [...PUBLIC_INTERNET];
    }
    return Peer.publicInternetExcept(clusterCidrs);
  }

  private static publicInternetExcept(clusterCidrs: string[]): Peer[] {
    const extra = clusterCidrs.map((text, i) => Cidr.parse(text, `clusterCidrs[${i}]`));
    const extraOf = (family: IpFamily) => extra.filter(c => c.family === family).map(String);
    return [
      Peer.ipBlock('0.0.0.0/0', [...IpRanges.NON_PUBLIC_IPV4, ...extraOf(IpFamily.IPV4)]),
      Peer.ipBlock('::/0', [...IpRanges.NON_PUBLIC_IPV6, ...extraOf(IpFamily.IPV6)]),
    ];
  }

  /** A readable description, used in error messages. */
  public readonly description: string;
  private readonly ipBlockElement?: IpBlockElement;
  private readonly podsElement?: PodsElement;

  private constructor(description: string, ipBlock: IpBlockElement | undefined, pods: PodsElement | undefined) {
    madeByItsClass(this);
    this.description = description;
    this.ipBlockElement = ipBlock;
    this.podsElement = pods;
  }

  /**
   * True if this peer reaches at least one public address, i.e. an IP block
   * that is not wholly inside one of the non-public ranges or its own exceptions.
   */
  public get reachesPublicAddresses(): boolean {
    const block = this.ipBlockElement;
    return block !== undefined && reachesPublicAddresses(block.cidr, block.except);
  }

  /**
   * @internal The pods this peer selects: their namespaces (undefined: the
   * policy's own namespace), labels and requirements; undefined for an IP block.
   */
  public get _pods(): PodsElement | undefined {
    return this.podsElement;
  }

  /**
   * @internal The elements of a NetworkPolicy rule's `to` or `from` this
   * peer stands for (k8s.io/api `networking/v1` `NetworkPolicyPeer`). Pods
   * in named namespaces give one element per namespace, each with its
   * `namespaceSelector` (by the `kubernetes.io/metadata.name` label every
   * namespace carries, Kubernetes 1.22+) and the `podSelector` together:
   * within one element both must match (AND), while separate elements are
   * alternatives (OR). Pods in the policy's own namespace give a
   * `podSelector` alone; an IP block an `ipBlock`.
   */
  public _toNetworkPolicyPeers(): NetworkPolicyPeerJson[] {
    if (this.ipBlockElement) {
      const { cidr, except } = this.ipBlockElement;
      return [{ ipBlock: except.length ? { cidr: cidr.toString(), except: except.map(String) } : { cidr: cidr.toString() } }];
    }
    const pods = this.podsElement!;
    const podSelector = labelSelectorJson(pods.labels, pods.requirements);
    if (pods.namespaces === undefined) return [{ podSelector }];
    return pods.namespaces.map(name => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } }, podSelector }));
  }
}

/**
 * `{app=openclaw, tier=gw}`, or with requirements `{app=openclaw, tier in (a,b), !debug}`: a
 * selector in a stable text form for messages and annotations.
 */
export function describeLabels(labels: { [key: string]: string }, requirements: LabelRequirement[] = []): string {
  return `{${[...Object.keys(labels).sort().map(k => `${k}=${labels[k]}`), ...requirements.map(describeRequirement)].join(', ')}}`;
}

function uniqueSorted(cidrs: Cidr[]): Cidr[] {
  const byText = new Map(cidrs.map(c => [c.toString(), c] as const));
  return [...byText.values()].sort((a, b) => compareText(a.toString(), b.toString()));
}
