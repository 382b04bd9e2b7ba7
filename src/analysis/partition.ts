/* eslint-disable no-bitwise -- IP address arithmetic is bit arithmetic. */
import { ciliumAgentRejections } from './cilium-agent-rules';
import { FlowEndpoint } from './flow-endpoint';
import { icmpFieldOf, icmpFieldsOf, MAX_ICMP_TYPE } from './icmp';
import { namespaceLabelsOf, Workload, workloadsOf } from './manifests';
import { compileDnsPattern } from './policy-model';
import { Cidr, IpFamily } from '../net/cidr';
import { IpRanges } from '../net/ip-ranges';
import { NAMESPACE_NAME_LABEL } from '../net/label-requirement';
import { compareText } from '../validation/rules';

/**
 * The partition behind the exhaustive connectivity (in the manner of
 * np-guard's netpol-analyzer): every boundary the input's policies can
 * draw, so that one representative per class stands for all its members.
 *
 * - pods: per namespace class (the input's namespaces, those its selectors
 *   name, one per combination of the namespace labels selectors ask for, and
 *   one namespace that nothing names), one pod per combination of the label
 *   values selectors ask for (plus an "other value" where `Exists` or
 *   `DoesNotExist` is used), and the workloads' own labels;
 * - addresses: the elementary intervals of every CIDR and `except`, IPv4 and
 *   IPv6, with the non-public ranges, the metadata endpoint and NodeLocal
 *   DNSCache's addresses; intervals that lie in the same policy CIDRs and the
 *   same named range form one class;
 * - DNS names (Cilium): one name per `toFQDNs` and `rules.dns` entry, plus a
 *   name that no policy lists;
 * - ports: the intervals over 1–65535 cut by every port and `endPort`;
 * - ICMP types (Cilium `icmps`): the intervals over 0–255 cut by every type.
 *
 * When the label combinations of a namespace would exceed
 * `MAX_LABEL_COMBINATIONS`, the pods are each selector's own sample, the
 * unions of two of them, and the workloads (exact for every workload).
 *
 * @module
 */

/** A class of pods: one namespace (or namespace class) and one label set. */
export interface PodClass {
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  /** True for a namespace that stands for every namespace nothing in the input names. */
  readonly unlistedNamespace: boolean;
  /** The workloads of the input in this class, as `Kind namespace/name`. */
  readonly workloads: string[];
}

/** A class of addresses outside the cluster. */
export interface AddressClass {
  readonly family: IpFamily;
  /** The class's addresses as CIDRs. */
  readonly cidrs: string[];
  /** The named range it lies in: `public`, `private`, `cloud metadata`, … */
  readonly rangeName: string;
  /** One address of the class. */
  readonly representative: string;
}

/** A class of DNS names (Cilium `toFQDNs`). */
export interface NameClass {
  /** A name of the class. */
  readonly name: string;
  /** The policy entry it comes from (`matchName`/`matchPattern` text), or undefined for a name no policy lists. */
  readonly entry?: string;
  /** Which of the partition's DNS entries the name matches: names with the same signature are one class. */
  readonly signature: string;
}

/** The partition of peers and ports. */
export interface Partition {
  readonly pods: PodClass[];
  /** The pod classes by namespace, namespaces in the order of `pods`. */
  readonly podsByNamespace: Map<string, PodClass[]>;
  readonly addresses: AddressClass[];
  readonly names: NameClass[];
  /** The first port of each port interval, ascending, starting at 1. */
  readonly portStarts: number[];
  /** The first ICMP type of each type interval (ICMP and ICMPv6), ascending, starting at 0. */
  readonly icmpTypeStarts: number[];
  /** Which DNS entries of the policies a name matches (names with equal signatures are one class). */
  readonly nameSignature: (name: string) => string;
  /** Pod label key → the values selectors name (other values behave as the key's absence, or as OTHER_VALUE where listed). */
  readonly podLabelValues: Map<string, Set<string>>;
  /** Pod label keys whose unnamed values behave as OTHER_VALUE (Exists/DoesNotExist). */
  readonly podOtherKeys: Set<string>;
  /** Namespaces with labels no `Namespace` object gives: what the analyzer must be told. */
  readonly syntheticNamespaces: { name: string; labels: { [key: string]: string } }[];
}

/** At most this many label combinations per namespace class are enumerated in full. */
export const MAX_LABEL_COMBINATIONS = 256;

/** The namespace that stands for every namespace nothing in the input names. */
export const UNLISTED_NAMESPACE = 'namespace-named-nowhere';

/** A name that no policy lists. */
export const UNLISTED_NAME = 'name-listed-nowhere.example';

const CILIUM_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
const CILIUM_NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';
/** A label value no selector names (for `Exists` and `DoesNotExist`). */
const OTHER_VALUE = 'other-value';

/** The named ranges, most specific first where they nest. */
const NAMED_RANGES: { cidr: string; name: string }[] = [
  { cidr: IpRanges.CLOUD_METADATA_IPV4, name: 'cloud metadata' },
  { cidr: `${IpRanges.NODE_LOCAL_DNS_IPV4}/32`, name: 'NodeLocal DNSCache' },
  { cidr: '169.254.25.10/32', name: 'NodeLocal DNSCache' },
  ...IpRanges.PRIVATE_IPV4.map(cidr => ({ cidr, name: 'private' })),
  ...IpRanges.CGNAT_IPV4.map(cidr => ({ cidr, name: 'CGNAT' })),
  ...IpRanges.LOOPBACK_IPV4.map(cidr => ({ cidr, name: 'loopback' })),
  ...IpRanges.LINK_LOCAL_IPV4.map(cidr => ({ cidr, name: 'link-local' })),
  ...IpRanges.RESERVED_IPV4.map(cidr => ({ cidr, name: 'reserved' })),
  ...IpRanges.PRIVATE_IPV6.map(cidr => ({ cidr, name: 'private' })),
  ...IpRanges.LOOPBACK_IPV6.map(cidr => ({ cidr, name: 'loopback' })),
  ...IpRanges.LINK_LOCAL_IPV6.map(cidr => ({ cidr, name: 'link-local' })),
  ...IpRanges.MULTICAST_IPV6.map(cidr => ({ cidr, name: 'multicast' })),
];

/** Selector facts collected from the policies. */
interface SelectorFacts {
  /** Pod label key → the values selectors name. */
  podValues: Map<string, Set<string>>;
  /** Pod label keys used with Exists/DoesNotExist (they need an "other value"). */
  podOther: Set<string>;
  /** Each selector's own pod-label sample (for the fallback). */
  podSamples: { [key: string]: string }[];
  namespaceValues: Map<string, Set<string>>;
  namespaceOther: Set<string>;
  /** Namespace names selectors name. */
  namespaceNames: Set<string>;
  cidrs: string[];
  ports: number[];
  icmpTypes: number[];
  dnsEntries: { text: string; pattern: boolean }[];
}

/** Options of `partitionOf`. */
export interface PartitionOptions {
  readonly cilium: boolean;
  readonly multiLabelWildcard: boolean;
  readonly defaultNamespace?: string;
  /** More pods to tell apart (the intent's DNS servers, ingress sources and in-cluster peers). */
  readonly distinguish?: { readonly namespace: string; readonly labels: { [key: string]: string } }[];
}

/** Builds the partition of the manifests' peers and ports. */
export function partitionOf(manifests: any[], options: PartitionOptions): Partition {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  // A Cilium policy the agent rejects is no policy: its peers and ports need no classes of their own.
  const facts = selectorFacts(manifests.filter(manifest => isPolicy(manifest) && ciliumAgentRejections(manifest).length === 0), options.cilium);
  for (const pods of options.distinguish ?? []) {
    facts.namespaceNames.add(pods.namespace);
    for (const [key, value] of Object.entries(pods.labels)) facts.podValues.set(key, (facts.podValues.get(key) ?? new Set()).add(value));
    facts.podSamples.push({ ...pods.labels });
  }
  const declared = new Map(namespaceLabelsOf(manifests).map(ns => [ns.name, ns.labels]));
  const workloads = workloadsOf(manifests, defaultNamespace);

  // Namespaces: declared, used by objects, named by selectors, one per label combination, and one named nowhere.
  const named = new Set<string>([defaultNamespace, ...declared.keys(), ...facts.namespaceNames,
    ...manifests.map(m => m?.metadata?.namespace).filter((ns): ns is string => typeof ns === 'string')]);
  const namespaces: { name: string; labels: { [key: string]: string }; unlisted: boolean }[] = [...named].sort(compareText)
    .filter(isNamespaceName).map(name => ({ name, labels: declared.get(name) ?? {}, unlisted: false }));
  const syntheticNamespaces: Partition['syntheticNamespaces'] = [];
  const labelCombinations = combinations(facts.namespaceValues, facts.namespaceOther, []).filter(labels => Object.keys(labels).length > 0);
  labelCombinations.forEach((labels, i) => {
    const name = `namespace-labelled-${i + 1}`;
    syntheticNamespaces.push({ name, labels });
    namespaces.push({ name, labels, unlisted: true });
  });
  namespaces.push({ name: UNLISTED_NAMESPACE, labels: {}, unlisted: true });

  const podLabelSets = combinations(facts.podValues, facts.podOther, facts.podSamples);
  const workloadsByNamespace = new Map<string, Workload[]>();
  for (const w of workloads) workloadsByNamespace.set(w.namespace, [...workloadsByNamespace.get(w.namespace) ?? [], w]);
  const pods: PodClass[] = [];
  const podsByNamespace = new Map<string, PodClass[]>();
  for (const ns of namespaces) {
    const byKey = new Map<string, { [key: string]: string }>();
    for (const labels of podLabelSets) byKey.set(labelKey(labels), labels);
    const owners = new Map<string, string[]>();
    for (const w of workloadsByNamespace.get(ns.name) ?? []) {
      byKey.set(labelKey(w.labels), w.labels);
      owners.set(labelKey(w.labels), [...owners.get(labelKey(w.labels)) ?? [], `${w.kind} ${w.namespace}/${w.name}`]);
    }
    const inNamespace = [...byKey.keys()].sort(compareText)
      .map(key => ({ namespace: ns.name, labels: byKey.get(key)!, unlistedNamespace: ns.unlisted, workloads: owners.get(key) ?? [] }));
    pods.push(...inNamespace);
    podsByNamespace.set(ns.name, [...podsByNamespace.get(ns.name) ?? [], ...inNamespace]);
  }

  const names: NameClass[] = [];
  const dnsEntries = [...new Map(facts.dnsEntries.map(entry => [`${entry.pattern}|${entry.text.toLowerCase()}`, entry])).values()];
  const dnsMatchers = dnsEntries.map(entry => (entry.pattern
    ? compileDnsPattern(entry.text, options.multiLabelWildcard)
    : (name: string) => name === entry.text.toLowerCase().replace(/\.$/, '')));
  const signatureOf = (name: string) => dnsMatchers.map(matches => (matches(name) ? '1' : '0')).join('');
  if (options.cilium) {
    const seen = new Set<string>();
    for (const entry of dnsEntries) {
      const name = entry.pattern ? sampleName(entry.text, options.multiLabelWildcard) : entry.text.toLowerCase().replace(/\.$/, '');
      if (!seen.has(signatureOf(name))) names.push({ name, entry: entry.text, signature: signatureOf(name) });
      seen.add(signatureOf(name));
    }
    names.sort((a, b) => compareText(a.name, b.name));
    if (!seen.has(signatureOf(UNLISTED_NAME))) names.push({ name: UNLISTED_NAME, signature: signatureOf(UNLISTED_NAME) });
  }

  const starts = new Set<number>([1]);
  for (const port of facts.ports) if (port >= 1 && port <= 65536) starts.add(port);
  starts.delete(65536);
  const icmpStarts = new Set<number>([0, ...facts.icmpTypes.filter(type => type <= MAX_ICMP_TYPE)]);
  return {
    pods,
    podsByNamespace,
    addresses: addressClasses(facts.cidrs),
    names,
    portStarts: [...starts].sort((a, b) => a - b),
    icmpTypeStarts: [...icmpStarts].sort((a, b) => a - b),
    nameSignature: signatureOf,
    podLabelValues: facts.podValues,
    podOtherKeys: facts.podOther,
    syntheticNamespaces,
  };
}

/**
 * The class of a pod in a namespace without labels of its own beyond its name
 * (a namespace the input does not name falls in the class of the namespace
 * named nowhere); undefined when the partition holds no class for its labels.
 */
export function podClassOf(partition: Partition, namespace: string, labels: { [key: string]: string }): PodClass | undefined {
  const classNamespace = partition.podsByNamespace.has(namespace) ? namespace : UNLISTED_NAMESPACE;
  const candidates = partition.podsByNamespace.get(classNamespace) ?? [];
  const projected: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(labels)) {
    if (partition.podLabelValues.get(key)?.has(value)) projected[key] = value;
    else if (partition.podOtherKeys.has(key)) projected[key] = OTHER_VALUE;
  }
  const wanted = labelKey(projected);
  return candidates.find(p => labelKey(p.labels) === wanted) ?? candidates.find(p => labelKey(p.labels) === labelKey(labels));
}

/** The class of a DNS name (Cilium). */
export function nameClassOf(partition: Partition, name: string): NameClass | undefined {
  const signature = partition.nameSignature(name.toLowerCase().replace(/\.$/, ''));
  return partition.names.find(n => n.signature === signature);
}

/** The class of an address outside the cluster. */
export function addressClassOf(partition: Partition, ip: string): AddressClass | undefined {
  const address = Cidr._lenient(ip);
  return address && partition.addresses.find(a => a.cidrs.some(cidr => Cidr._lenient(cidr)!.contains(address)));
}

/** The pod a class stands for, as a flow endpoint. */
export function podEndpoint(pod: PodClass): FlowEndpoint {
  return FlowEndpoint.pod(pod.namespace, pod.labels);
}

function isPolicy(manifest: any): boolean {
  return (manifest?.apiVersion === 'networking.k8s.io/v1' && manifest?.kind === 'NetworkPolicy')
    || (manifest?.apiVersion === 'cilium.io/v2' && /^Cilium(Clusterwide)?NetworkPolicy$/.test(manifest?.kind));
}

function isNamespaceName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name);
}

function isLabelValue(value: string): boolean {
  return /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/.test(value);
}

function labelKey(labels: { [key: string]: string }): string {
  return JSON.stringify(Object.keys(labels).sort().map(key => [key, labels[key]]));
}

/** A name that a `matchPattern` matches: each `*` becomes one label character. */
function sampleName(pattern: string, multiLabelWildcard: boolean): string {
  const text = pattern.toLowerCase().replace(/\.$/, '');
  const name = text === '*' ? 'x.example' : text.replace(/\*+/g, 'x');
  return compileDnsPattern(text, multiLabelWildcard)(name) ? name : `x.${name}`;
}

function selectorFacts(policies: any[], cilium: boolean): SelectorFacts {
  const facts: SelectorFacts = {
    podValues: new Map(),
    podOther: new Set(),
    podSamples: [{}],
    namespaceValues: new Map(),
    namespaceOther: new Set(),
    namespaceNames: new Set(),
    cidrs: [],
    ports: [],
    icmpTypes: [],
    dnsEntries: [],
  };
  const addValue = (map: Map<string, Set<string>>, key: string, value: unknown) => {
    const text = String(value);
    if (!isLabelValue(text)) return;
    map.set(key, (map.get(key) ?? new Set()).add(text));
  };
  /** Reads one label selector; `target` says whose labels each key is about. */
  const readSelector = (selector: any, target: (key: string) => 'pod' | 'namespace' | 'namespace-name' | 'skip') => {
    if (!selector || typeof selector !== 'object') return;
    const sample: { [key: string]: string } = {};
    const requirement = (rawKey: string, values: unknown[], other: boolean) => {
      const kind = target(rawKey);
      const key = cilium ? rawKey.replace(/^(k8s|any):/, '').replace(CILIUM_NAMESPACE_LABELS, '') : rawKey;
      if (kind === 'namespace-name') {
        values.forEach(v => facts.namespaceNames.add(String(v)));
      } else if (kind === 'namespace' && key === NAMESPACE_NAME_LABEL) {
        values.forEach(v => facts.namespaceNames.add(String(v))); // every namespace carries its own name
      } else if (kind === 'namespace') {
        values.forEach(v => addValue(facts.namespaceValues, key, v));
        if (other) facts.namespaceOther.add(key);
      } else if (kind === 'pod') {
        values.forEach(v => addValue(facts.podValues, key, v));
        if (other) facts.podOther.add(key);
        if (values.length && isLabelValue(String(values[0]))) sample[key] = String(values[0]);
        else if (other) sample[key] = OTHER_VALUE;
      }
    };
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirement(key, [value], false);
    for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
      const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
      requirement(String(e?.key), values, e?.operator === 'Exists' || e?.operator === 'DoesNotExist');
    }
    facts.podSamples.push(sample);
  };
  const k8sTarget = (kind: 'pod' | 'namespace') => () => kind;
  const ciliumTarget = (rawKey: string) => {
    const colon = rawKey.indexOf(':');
    const source = colon < 0 ? 'any' : rawKey.slice(0, colon);
    if (source !== 'k8s' && source !== 'any') return 'skip' as const;
    const key = colon < 0 ? rawKey : rawKey.slice(colon + 1);
    if (key === CILIUM_POD_NAMESPACE) return 'namespace-name' as const;
    if (key.startsWith(CILIUM_NAMESPACE_LABELS)) return 'namespace' as const;
    return 'pod' as const;
  };
  const readCidr = (cidr: unknown, except: unknown) => {
    facts.cidrs.push(String(cidr));
    if (Array.isArray(except)) facts.cidrs.push(...except.map(String));
  };
  const readPort = (port: any) => {
    if (/^\d+$/.test(String(port?.port))) {
      facts.ports.push(Number(port.port));
      facts.ports.push((port.endPort !== undefined ? Number(port.endPort) : Number(port.port)) + 1);
    }
  };
  for (const policy of policies) {
    if (policy.kind === 'NetworkPolicy') {
      const spec = policy.spec ?? {};
      readSelector(spec.podSelector, k8sTarget('pod'));
      for (const rule of [...spec.ingress ?? [], ...spec.egress ?? []]) {
        for (const peer of [...rule?.from ?? [], ...rule?.to ?? []]) {
          readSelector(peer?.podSelector, k8sTarget('pod'));
          readSelector(peer?.namespaceSelector, k8sTarget('namespace'));
          if (peer?.ipBlock) readCidr(peer.ipBlock.cidr, peer.ipBlock.except);
        }
        (rule?.ports ?? []).forEach(readPort);
      }
      continue;
    }
    if (!cilium) continue;
    for (const spec of [policy.spec, ...Array.isArray(policy.specs) ? policy.specs : []].filter(s => s)) {
      readSelector(spec.endpointSelector, ciliumTarget);
      for (const field of ['ingress', 'ingressDeny', 'egress', 'egressDeny']) {
        const side = field.startsWith('egress') ? 'to' : 'from';
        for (const rule of spec[field] ?? []) {
          (rule?.[`${side}Endpoints`] ?? []).forEach((s: any) => readSelector(s, ciliumTarget));
          (rule?.[`${side}CIDR`] ?? []).forEach((c: any) => readCidr(c, undefined));
          (rule?.[`${side}CIDRSet`] ?? []).forEach((set: any) => readCidr(set?.cidr, set?.except));
          for (const icmp of icmpFieldsOf(rule).map(icmpFieldOf)) if (icmp) facts.icmpTypes.push(icmp.type, icmp.type + 1);
          for (const entry of rule?.toFQDNs ?? []) {
            if (typeof entry?.matchName === 'string') facts.dnsEntries.push({ text: entry.matchName, pattern: false });
            else if (typeof entry?.matchPattern === 'string') facts.dnsEntries.push({ text: entry.matchPattern, pattern: true });
          }
          for (const portRule of rule?.toPorts ?? []) {
            (portRule?.ports ?? []).forEach(readPort);
            for (const entry of portRule?.rules?.dns ?? []) {
              if (typeof entry?.matchName === 'string') facts.dnsEntries.push({ text: entry.matchName, pattern: false });
              else if (typeof entry?.matchPattern === 'string') facts.dnsEntries.push({ text: entry.matchPattern, pattern: true });
            }
          }
        }
      }
    }
  }
  return facts;
}

/**
 * Every combination of the values selectors name (each key also absent, and
 * with an "other value" where needed); above MAX_LABEL_COMBINATIONS, the
 * selectors' own samples and the unions of two compatible samples.
 */
function combinations(values: Map<string, Set<string>>, other: Set<string>, samples: { [key: string]: string }[]): { [key: string]: string }[] {
  const keys = [...new Set([...values.keys(), ...other])].sort(compareText);
  const choices = keys.map(key => [undefined, ...[...values.get(key) ?? []].sort(compareText), ...other.has(key) ? [OTHER_VALUE] : []]);
  const total = choices.reduce((product, c) => product * c.length, 1);
  if (total <= MAX_LABEL_COMBINATIONS) {
    let sets: { [key: string]: string }[] = [{}];
    keys.forEach((key, i) => {
      sets = sets.flatMap(set => choices[i].map(value => (value === undefined ? set : { ...set, [key]: value })));
    });
    return sets;
  }
  const result = new Map<string, { [key: string]: string }>();
  for (const a of samples) {
    result.set(labelKey(a), a);
    for (const b of samples) {
      if (Object.keys(b).every(key => !(key in a) || a[key] === b[key])) {
        const union = { ...a, ...b };
        result.set(labelKey(union), union);
      }
    }
  }
  return [...result.values()];
}

/**
 * The address classes: elementary intervals of the policy CIDRs and the named
 * ranges, grouped by the policy CIDRs that contain them and their named range.
 */
function addressClasses(policyCidrs: string[]): AddressClass[] {
  const parsed = [...new Set(policyCidrs)].map(text => Cidr._lenient(text)).filter((c): c is Cidr => c !== undefined);
  const named = NAMED_RANGES.map(r => ({ ...r, network: Cidr.parse(r.cidr) }));
  const classes: AddressClass[] = [];
  for (const family of [IpFamily.IPV4, IpFamily.IPV6]) {
    const max = family === IpFamily.IPV4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
    const networks = [...parsed.filter(c => c.family === family), ...named.filter(r => r.network.family === family).map(r => r.network)];
    const cuts = new Set<bigint>([0n]);
    for (const network of networks) {
      cuts.add(network._first());
      if (network._last() < max) cuts.add(network._last() + 1n);
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const groups = new Map<string, { rangeName: string; intervals: [bigint, bigint][] }>();
    starts.forEach((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] - 1n : max;
      const inside = (c: Cidr) => c._first() <= start && end <= c._last();
      const rangeName = named.filter(r => r.network.family === family && inside(r.network))
        .sort((a, b) => b.network.prefixLength - a.network.prefixLength)[0]?.name ?? 'public';
      const signature = `${rangeName}|${parsed.map((c, j) => (c.family === family && inside(c) ? j : -1)).filter(j => j >= 0).join(',')}`;
      const group = groups.get(signature) ?? { rangeName, intervals: [] };
      group.intervals.push([start, end]);
      groups.set(signature, group);
    });
    for (const group of groups.values()) {
      const cidrs = group.intervals.flatMap(([start, end]) => intervalCidrs(start, end, family));
      classes.push({
        family,
        cidrs,
        rangeName: group.rangeName,
        representative: representativeOf(group.intervals, family),
      });
    }
  }
  return classes;
}

/** An address of the intervals: a documentation address when the class holds one, else the first usable address. */
function representativeOf(intervals: [bigint, bigint][], family: IpFamily): string {
  const preferred = family === IpFamily.IPV4 ? ['203.0.113.10', '169.254.169.254', '10.244.3.7'] : ['2001:db8::10'];
  for (const text of preferred) {
    const value = Cidr._lenient(text)!._first();
    if (intervals.some(([start, end]) => start <= value && value <= end)) return text;
  }
  const [start, end] = intervals[0];
  return Cidr._formatAddress(start < end ? start + 1n : start, family);
}

/** The CIDRs that cover exactly [start, end]. */
function intervalCidrs(start: bigint, end: bigint, family: IpFamily): string[] {
  const width = family === IpFamily.IPV4 ? 32 : 128;
  const out: string[] = [];
  let current = start;
  while (current <= end) {
    let size = 0;
    while (size < width && (current & ((1n << BigInt(size + 1)) - 1n)) === 0n && current + (1n << BigInt(size + 1)) - 1n <= end) size++;
    out.push(`${Cidr._formatAddress(current, family)}/${width - size}`);
    current += 1n << BigInt(size);
  }
  return out;
}
