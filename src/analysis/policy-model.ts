import { isCidrGroupEntry, isServiceName, l7ParserOf } from './cilium-agent-rules';
import { EnforcementModel } from './enforcement-model';
import { parseGoUint } from './go-uint';
import { icmpFieldOf, icmpFieldsOf, isIcmp } from './icmp';
import { NamedPort } from './manifests';
import { ciliumLabelView, compileCiliumSelector, compileSelector, LabelPredicate, SampledPod, sampleCiliumSelector, sampleLabels } from './selectors';
import { Cidr } from '../net/cidr';
import { IpRanges, reachesPublicAddresses } from '../net/ip-ranges';

/**
 * The analyzer's model of policies: each manifest is compiled once into
 * predicates, so that a query only runs the rules of the policies that
 * select its endpoints.
 *
 * @module
 */

/** An endpoint as the rules see it. */
export interface Subject {
  readonly isPod: boolean;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** Labels of the pod's namespace (including `kubernetes.io/metadata.name`). */
  readonly namespaceLabels: { [key: string]: string };
  /** Cilium's label view of a pod. */
  readonly ciliumLabels: { [key: string]: string };
  readonly address?: Cidr;
  readonly dnsName?: string;
  /**
   * True for an address Cilium gives the node's host identity (a hostNetwork
   * NodeLocal DNSCache on its link-local address): CIDR rules and ipBlocks do
   * not match it, the `host` entity does.
   */
  readonly isHost: boolean;
}

/** What a rule needs to know besides the peer and the port. */
export interface MatchContext {
  readonly model: EnforcementModel;
  /** True if the client may resolve `name` through Cilium's DNS proxy. */
  dnsResolvable(name: string): boolean;
}

/** One allow or deny rule. */
export interface Rule {
  /** `CiliumNetworkPolicy openclaw/openclaw-fqdn-egress egress[2]`. */
  readonly ref: string;
  /** The rule as written in the manifest. */
  readonly source: any;
  /**
   * True if the rule lets traffic reach some public address: every peer, an
   * ipBlock or CIDR not wholly inside the non-public ranges, or the `world`
   * (or `all`) entity.
   */
  readonly reachesPublicAddresses: boolean;
  matches(peer: Subject, port: number, protocol: string, context: MatchContext): boolean;
  /**
   * True if Cilium would add this rule's peers to an L7 filter on this port
   * and protocol as "allow everything at L7": the rule selects peers by label
   * (not by CIDR or FQDN) and allows the port without L7 rules, because it
   * has no ports at all (L3-only), port 0, or a port (range) that covers it.
   * Upstream: cilium/cilium `pkg/policy/rules.go` `wildcardL3L4Rules` and
   * `wildcardL3L4Rule` (`port != 0 && port != filter.Port` skips, so port 0
   * and L3-only rules widen every L7 filter of the protocol; for a DNS filter
   * the added rule is `PortRuleDNS{}`, sanitized to `matchPattern: "*"`).
   * Ranges and protocol ANY are counted as covering the port: the safe side
   * for a guard, since the versions read do not say otherwise.
   */
  widensL7On(port: number, protocol: string): boolean;
}

/** A DNS server a DNS-proxy rule may carry queries to: pods by labels, or an address. */
export interface DnsServerCandidate {
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly ip?: string;
}

/** A Cilium egress rule with `rules.dns`: which names it lets through, and to which servers and ports. */
export interface DnsProxyRule {
  /** True if the rule lets the pod look up `name`. */
  readonly names: (name: string) => boolean;
  /** DNS servers the rule may carry queries to (the well-known ones, and those its selectors and CIDRs name). */
  readonly candidates: DnsServerCandidate[];
  /** The numbered ports of the rule. */
  readonly ports: number[];
  /** The rule itself, to check that it matches the flow to a candidate. */
  readonly rule: Rule;
}

/** One policy (a NetworkPolicy, or one spec of a Cilium policy). */
export interface Policy {
  /** `NetworkPolicy openclaw/openclaw-egress`. */
  readonly ref: string;
  /** The manifest it was compiled from. */
  readonly manifest: any;
  /**
   * A pod its selector selects, from the selector's `matchLabels` (the
   * namespace is the policy's own); undefined when no such pod can be built.
   */
  readonly podSample?: SampledPod;
  /** The namespace whose pods it may select; undefined for cluster-wide policies. */
  readonly namespace?: string;
  readonly isCilium: boolean;
  readonly selects: (pod: Subject) => boolean;
  readonly isolatesIngress: boolean;
  readonly isolatesEgress: boolean;
  readonly ingress: Rule[];
  readonly egress: Rule[];
  readonly ingressDeny: Rule[];
  readonly egressDeny: Rule[];
  /** The DNS-proxy rules (Cilium egress rules with `rules.dns`) of the policy. */
  readonly dnsRules: DnsProxyRule[];
  /** Names and patterns of `toFQDNs` entries, for the synth-time checks. */
  readonly fqdnEntries: string[];
  /** The Cilium spec as written, for the agent's merge of the policies selecting one endpoint. */
  readonly ciliumSpec?: any;
}

/** Compiles a Cilium `matchPattern` (Cilium 1.17 semantics, plus `**.` labels from 1.19). */
export function compileDnsPattern(pattern: string, multiLabelWildcard: boolean): (name: string) => boolean {
  const text = String(pattern).toLowerCase().replace(/\.$/, '');
  if (text === '*' || (text === '**' && multiLabelWildcard)) return () => true;
  const source = text.split('.').map(label => {
    if (label === '**' && multiLabelWildcard) return '([-a-z0-9_]+\\.)+';
    return label.split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[-a-z0-9_]*') + '\\.';
  }).join('');
  const regex = new RegExp(`^${source}$`);
  return name => regex.test(`${name.toLowerCase().replace(/\.$/, '')}.`);
}

function compileDnsEntry(entry: any, multiLabelWildcard: boolean): (name: string) => boolean {
  if (typeof entry?.matchName === 'string') {
    const wanted = entry.matchName.toLowerCase().replace(/\.$/, '');
    return name => name === wanted;
  }
  if (typeof entry?.matchPattern === 'string') return compileDnsPattern(entry.matchPattern, multiLabelWildcard);
  return () => false;
}

/** Protocols, port numbers and ranges of a rule; undefined means every port. */
type PortMatcher = (port: number, protocol: string) => boolean;

function portEntryMatcher(entry: any, defaultProtocol: string, namedPorts: Map<string, NamedPort[]>): PortMatcher {
  const protocol = String(entry?.protocol ?? defaultProtocol).toUpperCase();
  const raw = entry?.port;
  const protocolMatches = (p: string) => (protocol === 'ANY' && !isIcmp(p)) || protocol === p;
  if (raw === undefined || raw === null) return (_, p) => protocolMatches(p);
  const start = portNumber(raw, defaultProtocol === 'ANY');
  if (start === undefined) {
    // A named port: the numbers the workloads' containers in the input declare under that name (none: it never matches).
    const declared = namedPorts.get(String(raw)) ?? [];
    return (port, p) => protocolMatches(p) && declared.some(named => named.port === port && named.protocol === p);
  }
  if (start === 0) return (_, p) => protocolMatches(p);
  const end = entry?.endPort !== undefined ? Number(entry.endPort) : start;
  return (port, p) => protocolMatches(p) && port >= start && port <= end;
}

/**
 * A port entry's number, or undefined for a name. Cilium reads its port
 * strings as Go's `strconv.ParseUint(port, 0, 16)` does (`"053"` is 43); a
 * NetworkPolicy port is a number or a name.
 */
function portNumber(raw: unknown, cilium: boolean): number | undefined {
  if (!cilium) return /^\d+$/.test(String(raw)) ? Number(raw) : undefined;
  const parsed = parseGoUint(String(raw), 16);
  return 'value' in parsed && !isServiceName(String(raw)) ? parsed.value : undefined;
}

function anyPort(entries: any[] | undefined, defaultProtocol: string, namedPorts: Map<string, NamedPort[]>): PortMatcher {
  if (!entries || entries.length === 0) return () => true;
  const matchers = entries.map(entry => portEntryMatcher(entry, defaultProtocol, namedPorts));
  return (port, protocol) => matchers.some(m => m(port, protocol));
}

function cidrReachesPublicAddresses(cidr: string, except: string[] = []): boolean {
  const network = Cidr._lenient(String(cidr));
  const excluded = (Array.isArray(except) ? except : []).map(text => Cidr._lenient(String(text))).filter((c): c is Cidr => c !== undefined);
  return network !== undefined && reachesPublicAddresses(network, excluded);
}

function cidrMatcher(cidr: string, except: string[] = []): (subject: Subject) => boolean {
  const network = Cidr._lenient(cidr);
  const excluded = except.map(text => Cidr._lenient(text)).filter((c): c is Cidr => c !== undefined);
  if (!network) return () => false;
  return subject => subject.address !== undefined && network.contains(subject.address)
    && !excluded.some(range => range.contains(subject.address!));
}

/** What the analyzer needs from its options to compile policies. */
export interface CompileOptions {
  readonly model: EnforcementModel;
  readonly multiLabelWildcard: boolean;
  readonly defaultNamespace: string;
  /** Named container ports of the workloads in the input, by name. */
  readonly namedPorts: Map<string, NamedPort[]>;
}

/** Compiles the policies among `manifests`; other kinds are ignored. */
export function compilePolicies(manifests: any[], options: CompileOptions): Policy[] {
  const policies: Policy[] = [];
  for (const manifest of manifests) {
    if (manifest?.apiVersion === 'networking.k8s.io/v1' && manifest.kind === 'NetworkPolicy') {
      policies.push(compileNetworkPolicy(manifest, options));
    } else if (options.model === EnforcementModel.CILIUM && manifest?.apiVersion === 'cilium.io/v2'
      && (manifest.kind === 'CiliumNetworkPolicy' || manifest.kind === 'CiliumClusterwideNetworkPolicy')) {
      policies.push(...compileCiliumPolicy(manifest, options));
    }
  }
  return policies;
}

function compileNetworkPolicy(manifest: any, options: CompileOptions): Policy {
  const namespace: string = manifest.metadata?.namespace ?? options.defaultNamespace;
  const ref = `NetworkPolicy ${namespace}/${manifest.metadata?.name}`;
  const spec = manifest.spec ?? {};
  const podSelector = compileSelector(spec.podSelector ?? {});
  // The API server fills in the default when policyTypes is missing or empty.
  const types: string[] = spec.policyTypes?.length ? spec.policyTypes : ['Ingress', ...(spec.egress?.length ? ['Egress'] : [])];
  const rules = (direction: 'ingress' | 'egress'): Rule[] => (spec[direction] ?? []).map((rule: any, i: number) => {
    const peers: any[] = (direction === 'ingress' ? rule?.from : rule?.to) ?? [];
    const peerMatchers = peers.map(peer => networkPolicyPeer(peer, namespace, options.model));
    const ports = anyPort(rule?.ports, 'TCP', options.namedPorts);
    return {
      ref: `${ref} ${direction}[${i}]`,
      source: rule,
      reachesPublicAddresses: peers.length === 0
        || peers.some(peer => peer?.ipBlock && cidrReachesPublicAddresses(peer.ipBlock.cidr, peer.ipBlock.except)),
      matches: (peer: Subject, port: number, protocol: string) =>
        (peerMatchers.length === 0 || peerMatchers.some(m => m(peer))) && ports(port, protocol),
      // NetworkPolicy peers become label selectors in Cilium, except ipBlocks (CIDR rules, which never widen).
      widensL7On: (port: number, protocol: string) => !peers.some(peer => peer?.ipBlock) && ports(port, protocol),
    };
  });
  return {
    ref,
    manifest,
    podSample: podSampleOf(namespace, sampleLabels(spec.podSelector ?? {})),
    namespace,
    isCilium: false,
    selects: pod => pod.namespace === namespace && podSelector(pod.labels),
    isolatesIngress: types.includes('Ingress'),
    isolatesEgress: types.includes('Egress'),
    ingress: types.includes('Ingress') ? rules('ingress') : [],
    egress: types.includes('Egress') ? rules('egress') : [],
    ingressDeny: [],
    egressDeny: [],
    dnsRules: [],
    fqdnEntries: [],
  };
}

function networkPolicyPeer(peer: any, policyNamespace: string, model: EnforcementModel): (subject: Subject) => boolean {
  if (peer?.ipBlock) {
    const matches = cidrMatcher(peer.ipBlock.cidr, peer.ipBlock.except);
    // Cilium never applies ipBlocks to pods; other CNIs (Calico) match pod IPs too.
    return subject => (model === EnforcementModel.GENERIC || (!subject.isPod && !subject.isHost)) && matches(subject);
  }
  if (!peer?.podSelector && !peer?.namespaceSelector) return () => false;
  const pods: LabelPredicate = peer.podSelector ? compileSelector(peer.podSelector) : () => true;
  const namespaces: LabelPredicate | undefined = peer.namespaceSelector ? compileSelector(peer.namespaceSelector) : undefined;
  return subject => subject.isPod
    && (namespaces ? namespaces(subject.namespaceLabels) : subject.namespace === policyNamespace)
    && pods(subject.labels);
}

function compileCiliumPolicy(manifest: any, options: CompileOptions): Policy[] {
  const clusterWide = manifest.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace: string | undefined = clusterWide ? undefined : manifest.metadata?.namespace ?? options.defaultNamespace;
  const base = `${manifest.kind} ${namespace ? `${namespace}/` : ''}${manifest.metadata?.name}`;
  const specs: any[] = [...(manifest.spec ? [manifest.spec] : []), ...(manifest.specs ?? [])];
  return specs.map((spec, index) => {
    const ref = specs.length > 1 ? `${base} specs[${index}]` : base;
    const selector = spec.endpointSelector ? compileCiliumSelector(spec.endpointSelector, namespace, true) : () => false;
    const rules = (field: string, direction: 'ingress' | 'egress'): Rule[] =>
      (spec[field] ?? []).map((rule: any, i: number) => ciliumRule(`${ref} ${field}[${i}]`, rule, direction, namespace, options));
    const dnsRules: DnsProxyRule[] = (spec.egress ?? []).flatMap((rule: any, i: number) => {
      const entries = (rule?.toPorts ?? []).flatMap((portRule: any) => portRule?.rules?.dns ?? []);
      if (entries.length === 0) return [];
      const matchers = entries.map((entry: any) => compileDnsEntry(entry, options.multiLabelWildcard));
      return [{
        names: (name: string) => matchers.some((m: (n: string) => boolean) => m(name)),
        candidates: dnsServerCandidates(rule),
        ports: (rule.toPorts ?? []).flatMap((pr: any) => pr?.ports ?? []).map((p: any) => Number(p?.port)).filter((n: number) => n > 0),
        rule: ciliumRule(`${ref} egress[${i}]`, rule, 'egress', namespace, options),
      }];
    });
    const defaultDeny = spec.enableDefaultDeny ?? {};
    const sample = sampleCiliumSelector(spec.endpointSelector);
    return {
      ref,
      manifest,
      podSample: sample && { ...sample, namespace: namespace ?? sample.namespace },
      namespace,
      isCilium: true,
      selects: pod => (namespace === undefined || pod.namespace === namespace) && selector(pod.ciliumLabels),
      isolatesIngress: ((spec.ingress?.length ?? 0) > 0 || (spec.ingressDeny?.length ?? 0) > 0) && defaultDeny.ingress !== false,
      isolatesEgress: ((spec.egress?.length ?? 0) > 0 || (spec.egressDeny?.length ?? 0) > 0) && defaultDeny.egress !== false,
      ingress: rules('ingress', 'ingress'),
      egress: rules('egress', 'egress'),
      ingressDeny: rules('ingressDeny', 'ingress'),
      egressDeny: rules('egressDeny', 'egress'),
      dnsRules,
      fqdnEntries: (spec.egress ?? []).flatMap((rule: any) => (rule?.toFQDNs ?? [])
        .map((entry: any) => String(entry?.matchName ?? entry?.matchPattern))),
      ciliumSpec: spec,
    };
  });
}

/** NodeLocal DNSCache's usual addresses (169.254.25.10 is Kubespray's default): hostNetwork pods, so Cilium sees them with the host identity. */
export const NODE_LOCAL_DNS_ADDRESSES = [IpRanges.NODE_LOCAL_DNS_IPV4, '169.254.25.10'];

/** The DNS servers clusters run: kube-dns/CoreDNS, OpenShift's DNS, and NodeLocal DNSCache's usual addresses. */
export const WELL_KNOWN_DNS_SERVERS: DnsServerCandidate[] = [
  { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  { namespace: 'openshift-dns', labels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
  ...NODE_LOCAL_DNS_ADDRESSES.map(ip => ({ ip })),
];

/**
 * The DNS servers a DNS-proxy rule may carry queries to: the well-known
 * cluster DNS servers, plus a pod sampled from each `toEndpoints` selector
 * that names its namespace, and each single-address `toCIDR`. (A selector
 * without a namespace stands for pods in the policy's own namespace, where
 * no cluster DNS runs.)
 */
function dnsServerCandidates(rule: any): DnsServerCandidate[] {
  const candidates: DnsServerCandidate[] = [...WELL_KNOWN_DNS_SERVERS];
  for (const selector of rule?.toEndpoints ?? []) {
    const sample = sampleCiliumSelector(selector);
    if (sample?.namespace !== undefined) candidates.push({ namespace: sample.namespace, labels: sample.labels });
  }
  for (const cidr of [...rule?.toCIDR ?? [], ...(rule?.toCIDRSet ?? []).map((set: any) => set?.cidr)]) {
    const network = Cidr._lenient(String(cidr));
    if (network && (network.prefixLength === 32 || network.prefixLength === 128)) candidates.push({ ip: String(cidr).split('/')[0] });
  }
  return candidates;
}

/** Entities that stand for public addresses. */
const PUBLIC_ENTITIES = ['world', 'world-ipv4', 'world-ipv6', 'all'];

/**
 * True for a `toFQDNs` pattern that admits every name, or every name under a
 * top-level domain (`*`, `*.*`, `*.com`, `**.io`): like a `world` rule, it
 * allows practically any public host. (`Fqdn.pattern` refuses these.)
 */
function isCatchAllPattern(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  const labels = pattern.replace(/\.$/, '').split('.');
  return labels.slice(0, -1).every(label => /^\*+$/.test(label)) && (labels.length > 1 || /^\*+$/.test(labels[0]));
}

/** Cilium entities the model knows; others (host, kube-apiserver, …) match no flow endpoint. */
function entityMatcher(entity: string): (subject: Subject) => boolean {
  switch (entity) {
    case 'all': return () => true;
    case 'world':
    case 'world-ipv4':
    case 'world-ipv6':
      return subject => !subject.isPod && !subject.isHost
        && (entity === 'world' || (entity === 'world-ipv6') === subject.address?.family.includes('6'));
    case 'cluster': return subject => subject.isPod || subject.isHost;
    case 'host': return subject => subject.isHost;
    default: return () => false;
  }
}

function ciliumRule(ref: string, rule: any, direction: 'ingress' | 'egress', policyNamespace: string | undefined,
  options: CompileOptions): Rule {
  const side = direction === 'egress' ? 'to' : 'from';
  const peers: ((subject: Subject, context: MatchContext) => boolean)[] = [];
  for (const selector of rule?.[`${side}Endpoints`] ?? []) {
    const reserved = Object.keys(selector?.matchLabels ?? {}).find(key => key.startsWith('reserved:'));
    if (reserved !== undefined) {
      // A reserved identity selector stands for an entity: reserved:world, reserved:host, …
      peers.push(entityMatcher(reserved.slice('reserved:'.length)));
      continue;
    }
    const matches = compileCiliumSelector(selector, policyNamespace);
    peers.push(subject => subject.isPod && matches(subject.ciliumLabels));
  }
  for (const cidr of rule?.[`${side}CIDR`] ?? []) {
    const matches = cidrMatcher(cidr);
    peers.push(subject => !subject.isPod && !subject.isHost && matches(subject));
  }
  for (const set of rule?.[`${side}CIDRSet`] ?? []) {
    const matches = cidrMatcher(set?.cidr, set?.except);
    peers.push(subject => !subject.isPod && !subject.isHost && matches(subject));
  }
  for (const entity of rule?.[`${side}Entities`] ?? []) peers.push(entityMatcher(String(entity)));
  for (const entry of direction === 'egress' ? rule?.toFQDNs ?? [] : []) {
    const matches = compileDnsEntry(entry, options.multiLabelWildcard);
    peers.push((subject, context) => !subject.isPod && subject.dnsName !== undefined
      && matches(subject.dnsName) && context.dnsResolvable(subject.dnsName));
  }
  const hasL3 = ['Endpoints', 'CIDR', 'CIDRSet', 'Entities', 'FQDNs', 'Services', 'Nodes', 'Groups', 'Requires']
    .some(kind => rule?.[`${side}${kind}`] !== undefined);
  const portEntries: any[] = (rule?.toPorts ?? []).flatMap((portRule: any) => portRule?.ports ?? []);
  const hasPorts = (rule?.toPorts ?? []).length > 0;
  // A rule with ICMP types allows those types and nothing else (the agent rejects icmps beside toPorts); see icmp.ts.
  const icmpOnly = (rule?.icmps ?? []).length > 0 && !hasPorts;
  const icmpTypes = icmpFieldsOf(rule).map(icmpFieldOf).filter((t): t is { protocol: string; type: number } => t !== undefined);
  // toPorts without any ports entry merges no L4 filter (pkg/policy/rule.go mergeIngress/mergeEgress: only a rule with
  // toPorts.Len() == 0 is L3-only), so it allows no port; unlike a NetworkPolicy rule's empty ports, which is every port.
  const ports = hasPorts && portEntries.length === 0 ? () => false : anyPort(portEntries, 'ANY', options.namedPorts);
  const l4OnlyEntries: any[] = (rule?.toPorts ?? []).filter((portRule: any) => l7ParserOf(portRule) === undefined)
    .flatMap((portRule: any) => portRule?.ports ?? []);
  // `IsLabelBased` upstream: no CIDR, FQDN, service or group peers (entities are label selectors).
  const labelBased = !['CIDR', 'CIDRSet', 'FQDNs', 'Services', 'Groups'].some(kind => rule?.[`${side}${kind}`] !== undefined);
  const l4OnlyPorts = anyPort(l4OnlyEntries, 'ANY', options.namedPorts);
  const reservedEntities = (rule?.[`${side}Endpoints`] ?? []).flatMap((selector: any) => Object.keys(selector?.matchLabels ?? {})
    .filter(key => key.startsWith('reserved:')).map(key => key.slice('reserved:'.length)));
  const reachesPublic = !icmpOnly && (hasL3
    ? [...rule?.[`${side}Entities`] ?? [], ...reservedEntities].some((entity: any) => PUBLIC_ENTITIES.includes(String(entity)))
      || (rule?.[`${side}CIDR`] ?? []).some((cidr: any) => cidrReachesPublicAddresses(cidr))
      // A CiliumCIDRGroup's CIDRs live in another object the agent resolves at run time: assume it may hold public ones.
      || (rule?.[`${side}CIDRSet`] ?? []).some((set: any) => isCidrGroupEntry(set) || cidrReachesPublicAddresses(set?.cidr, set?.except))
      || (rule?.toFQDNs ?? []).some((entry: any) => isCatchAllPattern(entry?.matchPattern))
    : hasPorts);
  return {
    ref,
    source: rule,
    reachesPublicAddresses: reachesPublic,
    widensL7On: (port, protocol) => !icmpOnly && labelBased && (!hasPorts || (l4OnlyEntries.length > 0 && l4OnlyPorts(port, protocol))),
    matches: (peer, port, protocol, context) => {
      // ICMP: the rule's types, or every type for an L3-only rule; other protocols: the rule's ports, none for an ICMP rule.
      const portMatches = isIcmp(protocol)
        ? (icmpOnly ? icmpTypes.some(t => t.protocol === protocol && t.type === port) : !hasPorts)
        : !icmpOnly && ports(port, protocol);
      // A rule with ports (or ICMP types) but no peers allows them to any peer; an empty rule allows nothing.
      return portMatches && (hasL3 ? peers.some(m => m(peer, context)) : hasPorts || icmpOnly);
    },
  };
}

/** Builds the subject for a flow endpoint. */
export function subjectOf(namespace: string | undefined, labels: { [key: string]: string } | undefined,
  namespaceLabels: { [key: string]: string }, address: Cidr | undefined, dnsName: string | undefined, isHost = false): Subject {
  const isPod = namespace !== undefined;
  return {
    isPod,
    namespace,
    labels: labels ?? {},
    namespaceLabels,
    ciliumLabels: isPod ? ciliumLabelView(namespace!, labels ?? {}, namespaceLabels) : {},
    address,
    dnsName,
    isHost,
  };
}

function podSampleOf(namespace: string, labels: { [key: string]: string } | undefined): SampledPod | undefined {
  return labels && { namespace, labels, namespaceLabels: {} };
}
