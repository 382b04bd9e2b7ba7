import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { describePods, PolicyAnnotations } from './annotations';
import { CiliumIngressAllow } from './cilium-ingress-allow';
import { newCiliumPolicy } from './cilium-policy-object';
import { allowListedDnsNames, DnsQueryFilter } from './dns-query-filter';
import { Enforcement } from './enforcement';
import { PeerIngressPolicies, podsInOwnNamespace } from './peer-ingress';
import { policyMetadata, PolicyTarget, resolvePolicyTarget, SelectedPodsPolicyProps } from './policy-props';
import { observeEnforcedBy } from '../analysis/synth-guard';
import { EndpointSet } from '../catalog/endpoint-set';
import { CiliumEgressRuleJson, CiliumFqdnSelectorJson } from '../net/cilium-json';
import { ciliumMatchExpressions, ciliumPodLabels } from '../net/cilium-labels';
import { ciliumPorts } from '../net/cilium-ports';
import { CiliumVersion } from '../net/cilium-version';
import { DnsTarget, validateDnsTargets } from '../net/dns-target';
import { Fqdn, uniqueFqdns } from '../net/fqdn';
import { describeLabels } from '../net/peer';
import { Port } from '../net/port';
import { compareText, invalid, validateDnsDomain, validateSelectorLabels } from '../validation/rules';
import { arrayOf, checkArgument, checkProps, FieldChecks, instanceOf, isString, oneOf } from '../validation/types';

/** The Cilium egress options shared by `CiliumFqdnEgress` and `OpenClawCiliumEgress`. */
export interface CiliumEgressOptions {
  /**
   * Where the cluster's DNS servers are. Each gets an egress rule with an L7
   * `rules.dns` section, so that Cilium's DNS proxy sees the answers and
   * learns the IPs behind the allowed names.
   * @default [DnsTarget.kubeDns()]
   */
  readonly dnsTargets?: DnsTarget[];

  /**
   * Makes this a cluster-wide policy (CiliumClusterwideNetworkPolicy) for the
   * pods matching `selector` in every namespace that carries these labels,
   * such as `{ 'openclaw.io/tenant': 'true' }`. Leave `namespace` unset.
   * @default - a namespaced CiliumNetworkPolicy
   */
  readonly namespaceSelector?: { [key: string]: string };

  /**
   * Which names the pods may look up through the DNS proxy.
   * @default DnsQueryFilter.ANY_NAME
   */
  readonly dnsQueryFilter?: DnsQueryFilter;

  /**
   * The cluster domain, for the search suffixes of `DnsQueryFilter.ALLOW_LISTED_NAMES`.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Search domains the pods' resolv.conf has beyond the cluster's own (the
   * node's, such as `ec2.internal` or `c.<project>.internal`), for
   * `DnsQueryFilter.ALLOW_LISTED_NAMES`.
   * @default []
   */
  readonly dnsSearchDomains?: string[];

  /**
   * The Cilium version the cluster runs. Patterns with a `**` label need 1.19.
   * @default CiliumVersion.V1_17
   */
  readonly ciliumVersion?: CiliumVersion;

  /**
   * Enforce default deny, or only observe (rollout mode, `enableDefaultDeny: false`).
   * @default Enforcement.ENFORCE
   */
  readonly enforcement?: Enforcement;
}

/**
 * The type checks of `CiliumEgressOptions`, for every construct that takes
 * them (the other options are checked by their value rules).
 */
export const CILIUM_EGRESS_OPTION_CHECKS: FieldChecks = {
  dnsTargets: arrayOf(instanceOf(DnsTarget)),
  dnsQueryFilter: oneOf(DnsQueryFilter, 'DnsQueryFilter'),
  dnsSearchDomains: arrayOf(isString),
  ciliumVersion: instanceOf(CiliumVersion),
  enforcement: oneOf(Enforcement, 'Enforcement'),
};

/** Props of `CiliumFqdnEgress`. */
export interface CiliumFqdnEgressProps extends SelectedPodsPolicyProps, CiliumEgressOptions {
  /**
   * Endpoint sets to allow (catalog entries such as `AiProvider.ANTHROPIC`, or `EndpointSet.of(...)`).
   * More can be added with `allowEndpoints()`.
   * @default []
   */
  readonly endpoints?: EndpointSet[];
}

/**
 * A Cilium policy that limits the selected pods' egress to DNS (through
 * Cilium's DNS proxy) and an allow-list: DNS names (`toFQDNs`) and, for
 * in-cluster endpoints, pods (`toEndpoints`).
 *
 * It gets the details right that hand-written policies miss:
 * - the DNS rule carries `rules.dns`, without which `toFQDNs` never matches;
 * - every rule has one L3 selector kind (`toFQDNs`, `toEndpoints`, `toCIDR` or
 *   `toEntities`): Cilium's agent rejects a rule that combines two, and drops
 *   the whole policy;
 * - patterns are checked against the Cilium version's wildcard semantics;
 * - at synth time the app's guards (`runGuards`) fail if any other policy in
 *   the app lets the same pods reach public addresses (Cilium adds all
 *   policies' allows together, so the allow-list would restrict nothing), or
 *   look up any name while this policy filters DNS names;
 * - in-cluster endpoints in the policy's own namespace get the matching
 *   ingress allow (`<name>-<pod label values>-ingress`, a
 *   `CiliumIngressAllow`): a default deny there (such as
 *   `OpenClawNetworkIsolation`'s) would otherwise drop the connection at the
 *   receiving pod. Endpoints in other namespaces need an ingress allow there
 *   if that namespace denies ingress; a cluster-wide policy emits none.
 *
 * Each policy is annotated with its purpose and one
 * `egress.cdk8s-openclaw.io/<set>` annotation per endpoint set.
 */
export class CiliumFqdnEgress extends Construct {
  /**
   * The CiliumNetworkPolicy, or CiliumClusterwideNetworkPolicy with `namespaceSelector`: a plain
   * `ApiObject` (`cilium.io/v2`), not an object of the generated `cilium` classes, so JSON patches
   * use the CRD's field names (`toFQDNs`).
   */
  public readonly policy: ApiObject;
  /** Namespace (none when cluster-wide), name and selector of the policy. */
  public readonly target: PolicyTarget;
  /** The namespace labels of a cluster-wide policy. */
  public readonly namespaceSelector?: { [key: string]: string };
  /** The DNS servers allowed. */
  public readonly dnsTargets: DnsTarget[];
  /** Which names the pods may look up. */
  public readonly dnsQueryFilter: DnsQueryFilter;
  /** The Cilium version the policy is written for. */
  public readonly ciliumVersion: CiliumVersion;
  /** Whether the policy enforces default deny or only observes. */
  public readonly enforcement: Enforcement;
  private readonly endpointSets: EndpointSet[] = [];
  private readonly peerIngress: PeerIngressPolicies<CiliumIngressAllow>;
  private readonly clusterDomain: string;
  private readonly dnsSearchDomains: string[];

  constructor(scope: Construct, id: string, props: CiliumFqdnEgressProps) {
    super(scope, id);
    checkProps('props', props, FQDN_EGRESS_PROP_CHECKS, ['selector']);
    const clusterWide = props.namespaceSelector !== undefined;
    if (clusterWide && props.namespace !== undefined) {
      throw invalid('namespace', props.namespace,
        'A cluster-wide policy (namespaceSelector) has no namespace; select the namespaces by their labels instead.');
    }
    if (clusterWide) validateSelectorLabels('namespaceSelector', props.namespaceSelector!, true);
    const kind = clusterWide ? 'CiliumClusterwideNetworkPolicy' : 'CiliumNetworkPolicy';
    this.target = resolvePolicyTarget(this, props, props.selector, kind, clusterWide);
    this.namespaceSelector = props.namespaceSelector;
    this.dnsTargets = props.dnsTargets ?? [DnsTarget.kubeDns()];
    validateDnsTargets('dnsTargets', this.dnsTargets);
    this.dnsQueryFilter = props.dnsQueryFilter ?? DnsQueryFilter.ANY_NAME;
    this.clusterDomain = props.clusterDomain ?? 'cluster.local';
    validateDnsDomain('clusterDomain', this.clusterDomain);
    this.dnsSearchDomains = props.dnsSearchDomains ?? [];
    this.dnsSearchDomains.forEach((domain, i) => validateDnsDomain(`dnsSearchDomains[${i}]`, domain));
    if (this.dnsQueryFilter === DnsQueryFilter.ANY_NAME && (props.clusterDomain !== undefined || this.dnsSearchDomains.length)) {
      throw invalid('clusterDomain/dnsSearchDomains', { clusterDomain: props.clusterDomain, dnsSearchDomains: props.dnsSearchDomains },
        'They shape the DNS rule of DnsQueryFilter.ALLOW_LISTED_NAMES only; set dnsQueryFilter too, or drop them.');
    }
    this.ciliumVersion = props.ciliumVersion ?? CiliumVersion.V1_17;
    this.enforcement = props.enforcement ?? Enforcement.ENFORCE;
    if (this.enforcement === Enforcement.OBSERVE && this.dnsQueryFilter === DnsQueryFilter.ALLOW_LISTED_NAMES) {
      throw invalid('dnsQueryFilter/enforcement', { dnsQueryFilter: this.dnsQueryFilter, enforcement: this.enforcement },
        'In observe mode Cilium either adds an allow-all DNS rule (1.16.10+, 1.17.4+: the filter would filter nothing)'
        + ' or enforces the DNS rule anyway (earlier releases: unlisted names would fail). Observe with DnsQueryFilter.ANY_NAME,'
        + ' then switch to ALLOW_LISTED_NAMES when you enforce.');
    }

    const metadata = {
      ...policyMetadata(this.target),
      annotations: {
        [PolicyAnnotations.PURPOSE]: `Egress allow-list for ${describePods(this.target.selector, this.target.selectorRequirements)}`
          + (clusterWide ? ` in namespaces ${describeLabels(props.namespaceSelector!)}` : '')
          + `: DNS to ${this.dnsTargets.map(t => t.description).join(' and ')} through Cilium's DNS proxy,`
          + ` and only the endpoint sets in the ${PolicyAnnotations.EGRESS_PREFIX}* annotations.`,
        [PolicyAnnotations.DNS]: this.dnsQueryFilter === DnsQueryFilter.ANY_NAME
          ? 'Any name may be looked up; connections are limited to the allow-list.'
          : 'Only the allow-listed names (and their search-suffix forms) may be looked up.',
        [PolicyAnnotations.ENFORCEMENT]: Lazy.any({ produce: () => this.describeEnforcement() }),
      },
    };
    const endpointSelector = clusterWide
      ? { ...ciliumMatchExpressions(this.target.selectorRequirements, 'k8s:'), matchLabels: ciliumPodLabels(this.target.selector, undefined, props.namespaceSelector) }
      : { ...ciliumMatchExpressions(this.target.selectorRequirements, ''), matchLabels: this.target.selector };
    const enableDefaultDeny = this.enforcement === Enforcement.OBSERVE ? { egress: false, ingress: false } as const : undefined;
    this.policy = newCiliumPolicy(this, kind, metadata, () => ({ egress: this.renderEgress(), enableDefaultDeny, endpointSelector }));
    this.peerIngress = new PeerIngressPolicies(this.target.name, (selector, name, index) =>
      new CiliumIngressAllow(this, `PeerIngress${index}`, {
        namespace: this.target.namespace!, name, selector, from: this.target.selector, fromRequirements: this.target.selectorRequirements,
      }));
    this.allowEndpoints(props.endpoints ?? []);
    this.node.addValidation({ validate: () => this.findEmptyDnsAllowList() });
  }

  /** Allows the endpoint sets' hosts (or in-cluster pods) on their ports. */
  public allowEndpoints(endpoints: EndpointSet[]): void {
    checkArgument('endpoints', endpoints, ARE_ENDPOINT_SETS);
    for (const set of endpoints) {
      for (const fqdn of set.fqdns) {
        if (!this.ciliumVersion.isAtLeast(fqdn.minimumCiliumVersion)) {
          throw invalid(`${set.name} fqdns`, fqdn.toString(),
            `A "**" label matches several labels only from Cilium ${fqdn.minimumCiliumVersion}; this policy is for Cilium ${this.ciliumVersion}`
            + ' (set ciliumVersion: CiliumVersion.V1_19 if the cluster runs it), where "*" matches within one label: list each depth ("*.example.com", "*.*.example.com").');
        }
      }
      if (this.endpointSets.includes(set)) continue;
      if (set.isInCluster) this.allowIngressFromSelectedPods(set);
      const isNewName = !this.endpointSets.some(s => s.name === set.name);
      this.endpointSets.push(set);
      if (isNewName) {
        const lines = () => [...new Set(this.endpointSets.filter(s => s.name === set.name).map(s => s.describe()))].sort();
        this.policy.metadata.addAnnotation(`${PolicyAnnotations.EGRESS_PREFIX}${set.name}`, Lazy.any({ produce: () => lines().join(' | ') }));
      }
    }
  }

  /** Allows the hosts on the ports (default: TCP 443), as one custom endpoint set named `name`. */
  public allowFqdns(name: string, fqdns: Fqdn[], ports?: Port[]): void {
    checkArgument('fqdns', fqdns, arrayOf(instanceOf(Fqdn)));
    if (ports !== undefined) checkArgument('ports', ports, arrayOf(instanceOf(Port)));
    this.allowEndpoints([EndpointSet.of(name, fqdns, ports ?? [Port.tcp(443)])]);
  }

  /** The endpoint sets allowed so far. */
  public get endpoints(): EndpointSet[] {
    return [...this.endpointSets];
  }

  /** Every allowed host, sorted. */
  public get fqdns(): Fqdn[] {
    return uniqueFqdns(this.endpointSets.flatMap(set => set.fqdns));
  }

  /** The ingress allow for an in-cluster endpoint set in this policy's own namespace (none for a cluster-wide policy). */
  private allowIngressFromSelectedPods(set: EndpointSet): void {
    if (this.namespaceSelector !== undefined) return;
    const pods = podsInOwnNamespace([set.namespace!], set.podLabels!, this.target.namespace, `${set.name} namespace`, set.namespace!);
    if (pods !== undefined) this.peerIngress.forPods(pods).allowPorts(set.ports);
  }

  private renderEgress(): CiliumEgressRuleJson[] {
    const dnsNames: CiliumFqdnSelectorJson[] = this.dnsQueryFilter === DnsQueryFilter.ANY_NAME
      ? [{ matchPattern: '*' }]
      : uniqueFqdns(allowListedDnsNames(this.fqdns, this.inClusterNamespaces(), {
        namespace: this.target.namespace,
        clusterDomain: this.clusterDomain,
        searchDomains: this.dnsSearchDomains,
      })).map(toCiliumFqdn);
    // One rule per L3 selector: Cilium's agent rejects a rule that combines two kinds, and drops the whole policy.
    const dnsRules = this.dnsTargets.flatMap(dns => dns._toCiliumPeers().map((peer): CiliumEgressRuleJson => ({
      ...peer,
      toPorts: [{ ports: ciliumPorts(dns.ports), rules: { dns: dnsNames } }],
    })));
    // One toFQDNs rule per distinct port list, hosts sorted: stable, readable output.
    const byPorts = new Map<string, { ports: Port[]; fqdns: Fqdn[] }>();
    for (const set of this.endpointSets.filter(s => !s.isInCluster)) {
      const key = set.ports.join(',');
      const group = byPorts.get(key) ?? { ports: set.ports, fqdns: [] };
      group.fqdns.push(...set.fqdns);
      byPorts.set(key, group);
    }
    const fqdnRules = [...byPorts.keys()].sort().map((key): CiliumEgressRuleJson => ({
      toFQDNs: uniqueFqdns(byPorts.get(key)!.fqdns).map(toCiliumFqdn),
      toPorts: [{ ports: ciliumPorts(byPorts.get(key)!.ports) }],
    }));
    const inClusterRules = this.endpointSets.filter(s => s.isInCluster)
      .map((set): { key: string; rule: CiliumEgressRuleJson } => ({
        key: JSON.stringify([set.namespace, set.podLabels, set.ports.join(',')]),
        rule: {
          toEndpoints: [{ matchLabels: ciliumPodLabels(set.podLabels!, set.namespace) }],
          toPorts: [{ ports: ciliumPorts(set.ports) }],
        },
      }))
      .sort((a, b) => compareText(a.key, b.key))
      .filter((entry, i, all) => i === 0 || all[i - 1].key !== entry.key)
      .map(entry => entry.rule);
    return [...dnsRules, ...fqdnRules, ...inClusterRules];
  }

  /**
   * What the enforcement annotation says: enforced; or observe only, and
   * then whether other policies of the app (as the app's guard found them
   * at synth) put the same pods in egress default deny anyway.
   */
  private describeEnforcement(): string {
    if (this.enforcement === Enforcement.ENFORCE) return 'Enforced: everything not allowed here or by another policy is dropped.';
    const enforcers = observeEnforcedBy(this.policy) ?? [];
    if (enforcers.length === 0) {
      return 'Observe only (enableDefaultDeny false): this policy adds allows and blocks nothing; watch Hubble policy verdicts, then enforce.';
    }
    return 'Observe only (enableDefaultDeny false): this policy adds allows and blocks nothing itself, but these pods are in'
      + ` egress default deny already through ${enforcers.join(', ')}: egress that no policy allows is dropped now.`
      + ' Hubble shows those drops as enforced, not observed.';
  }

  private findEmptyDnsAllowList(): string[] {
    if (this.dnsQueryFilter === DnsQueryFilter.ANY_NAME || this.endpointSets.length) return [];
    return [`Cilium policy ${this.node.path} uses DnsQueryFilter.ALLOW_LISTED_NAMES but allows no endpoints,`
      + ' so its DNS rule would list no names. Allow at least one endpoint set, or use DnsQueryFilter.ANY_NAME.'];
  }

  private inClusterNamespaces(): string[] {
    return [...new Set(this.endpointSets.filter(s => s.isInCluster).map(s => s.namespace!))].sort();
  }
}

const ARE_ENDPOINT_SETS = arrayOf(instanceOf(EndpointSet));

/** The type checks of the props, made once. */
const FQDN_EGRESS_PROP_CHECKS: FieldChecks = { ...CILIUM_EGRESS_OPTION_CHECKS, endpoints: ARE_ENDPOINT_SETS };

function toCiliumFqdn(fqdn: Fqdn): CiliumFqdnSelectorJson {
  return fqdn.matchName ? { matchName: fqdn.matchName } : { matchPattern: fqdn.matchPattern! };
}
