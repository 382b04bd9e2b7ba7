import { DnsServerSpec, NamesSpec, OpenClawIntent, PodsSpec, PortSpec } from './intent';
import { Peer } from '../net/peer';
import { PolicyAnnotations } from '../policies/annotations';
import { compareText } from '../validation/rules';

/**
 * The intent the library's constructs record in the manifests they render,
 * so that the validation plugin judges an app's output against what its
 * constructs were asked for, without being told again. Each construct writes
 * the part it owns as one JSON annotation (`cdk8s-openclaw.io/intent`) on one
 * of its objects: `OpenClawNetworkIsolation` on its default-deny
 * NetworkPolicy (gateway, ingress sources, public egress ports, in-cluster
 * peers, DNS targets), `OpenClawCiliumEgress` on its Cilium policy (the
 * FQDN allow-list, in-cluster model servers, DNS targets).
 *
 * @module
 */

/** The part of the intent one construct owns, for the pods it selects. */
export interface RecordedIntent {
  /** The namespace of the pods (none: every namespace, as for a cluster-wide Cilium policy or a policy without a namespace). */
  readonly namespace?: string;
  readonly selector: { [key: string]: string };
  readonly gatewayPort?: number;
  readonly ingressPorts?: PortSpec[];
  readonly ingressFrom?: PodsSpec[];
  readonly webhookPorts?: PortSpec[];
  readonly webhookFrom?: PodsSpec[];
  readonly publicEgressPorts?: PortSpec[];
  readonly names?: NamesSpec[];
  readonly inCluster?: OpenClawIntent['inCluster'];
  readonly dns?: DnsServerSpec[];
  readonly cloudMetadata?: boolean;
}

/** The intent fields a construct may record (all but the pods). */
type IntentField = Exclude<keyof RecordedIntent, 'namespace' | 'selector'>;

/** A value as compact JSON with sorted keys and sorted lists: the same intent always renders the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${[...new Set(value.map(canonicalJson))].sort(compareText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The pods peers select, as intent pods (pods of no namespace are in `ownNamespace`); IP blocks are not pods and are left out. */
export function podsSpecsOf(peers: Peer[], ownNamespace: string): PodsSpec[] {
  return peers.flatMap(peer => {
    const pods = peer._pods;
    if (pods === undefined) return [];
    return (pods.namespaces ?? [ownNamespace]).map(namespace => ({ namespace, labels: { ...pods.labels } }));
  });
}

/** The intents the constructs recorded in the manifests, in input order. */
export function recordedIntents(manifests: any[]): RecordedIntent[] {
  return manifests.flatMap(manifest => {
    const text = manifest?.metadata?.annotations?.[PolicyAnnotations.INTENT];
    return typeof text === 'string' ? [JSON.parse(text) as RecordedIntent] : [];
  });
}

/**
 * The recorded intents merged per group of OpenClaw pods: the records of one
 * namespace and selector (and the cluster-wide records of that selector)
 * make one intent, over `base` for the fields no record owns; lists add up.
 * Groups whose intents are equal are judged together (`namespaces` lists
 * theirs), so a thousand tenants cost one analysis.
 */
export function mergeRecordedIntents(records: RecordedIntent[], base: OpenClawIntent): OpenClawIntent[] {
  const groups = new Map<string, RecordedIntent[]>();
  const selectorKey = (record: RecordedIntent) => canonicalJson(record.selector);
  for (const record of records.filter(r => r.namespace !== undefined)) {
    const key = `${record.namespace} ${selectorKey(record)}`;
    groups.set(key, [...groups.get(key) ?? [], record]);
  }
  const clusterWide = records.filter(r => r.namespace === undefined);
  for (const record of clusterWide) {
    const joined = [...groups.values()].filter(group => selectorKey(group[0]) === selectorKey(record));
    for (const group of joined) group.push(record);
    if (joined.length === 0) groups.set(`* ${selectorKey(record)}`, [...groups.get(`* ${selectorKey(record)}`) ?? [], record]);
  }
  const merged = new Map<string, OpenClawIntent>();
  for (const group of groups.values()) {
    const intent = mergeGroup(group, base);
    const key = canonicalJson({ ...intent, namespaces: undefined });
    const namespaces = group[0].namespace === undefined ? undefined : [group[0].namespace];
    const seen = merged.get(key);
    merged.set(key, seen === undefined ? { ...intent, namespaces }
      : { ...intent, namespaces: seen.namespaces && namespaces && [...seen.namespaces, ...namespaces] });
  }
  return [...merged.values()];
}

/** One group's records over the base intent: scalars from the first record that has them, lists joined. */
function mergeGroup(group: RecordedIntent[], base: OpenClawIntent): OpenClawIntent {
  const intent: any = { ...base, selector: { ...group[0].selector } };
  const fields: IntentField[] = ['gatewayPort', 'ingressPorts', 'ingressFrom', 'webhookPorts', 'webhookFrom', 'publicEgressPorts', 'names', 'inCluster', 'dns', 'cloudMetadata'];
  for (const field of fields) {
    const values = group.map(record => record[field]).filter(value => value !== undefined);
    if (values.length === 0) continue;
    intent[field] = Array.isArray(values[0]) ? unique((values as unknown[][]).flat(), field) : values[0];
  }
  return intent;
}

/** A list without repeats (in-cluster peers by pods and ports: the same server may be recorded by two constructs under two sources). */
function unique(values: unknown[], field: IntentField): unknown[] {
  const key = (value: any) => canonicalJson(field === 'inCluster' ? { pods: value.pods, ports: value.ports } : value);
  const byKey = new Map<string, unknown>();
  for (const value of values) if (!byKey.has(key(value))) byKey.set(key(value), value);
  return [...byKey.values()];
}
