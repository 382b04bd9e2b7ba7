import { DnsServerSpec, NamesSpec, OpenClawIntent, PodsSpec, PortSpec } from './intent';
import { ciliumLabelView, compileCiliumSelector, compileSelector } from './selectors';
import { DNS_PORT, DnsTarget } from '../net/dns-target';
import { describeRequirement, LabelRequirement, labelsSelectedBy, NAMESPACE_NAME_LABEL, parseRequirement } from '../net/label-requirement';
import { Peer } from '../net/peer';
import { PolicyAnnotations, describePods } from '../policies/annotations';
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
 * The record is compact: canonical JSON (`canonicalJson`) that leaves out
 * what the reader rebuilds. `intentAnnotation` writes it and
 * `recordedIntents` reads it back; this is its only definition:
 * - `namespace` (absent: every namespace), `selector` (labels), `gatewayPort`;
 * - `namespaceSelector`: the labels of the namespaces a cluster-wide Cilium
 *   policy selects (`OpenClawCiliumEgress`'s `namespaceSelector`);
 * - `requirements`: the selector's requirements (its `matchExpressions`, from
 *   the expressions of a cdk8s-plus `pods`), each as the Kubernetes selector
 *   syntax writes it (`describeRequirement`: `"tier in (a,b)"`, `"!debug"`);
 * - a port is `PROTOCOL:PORT` or `PROTOCOL:FROM-TO` (`"TCP:443"`, `"TCP:8000-8100"`);
 * - pods are `{"labels":{…},"namespace":…}`, without `labels` when there are none
 *   (`ingressFrom`, `webhookFrom`);
 * - `names` groups the DNS names by their ports, then by their source (the
 *   catalog entry or prop they come from, named in messages):
 *   `{"TCP:443":{"anthropic":["api.anthropic.com"],"slack":["*.slack.com","slack.com"]}}`,
 *   several ports joined by `,` (`"TCP:443,TCP:5222"`); a name with a `*`
 *   is a pattern (a plain name never has one: `Fqdn.exact`);
 * - `inCluster` lists pods with their `ports` and `source`;
 * - `dns` lists pods, or `{"ip":…}`, with `port` only when it is not 53;
 *   the description is rebuilt as the `DnsTarget` factories word it;
 * - `cloudMetadata` only when true; empty lists are left out.
 *
 * A record owns the fields of the construct that wrote it, known by the kind
 * of the object it is on (`OWNED_FIELDS`): an owned field the record leaves
 * out is empty, or false (the isolation always writes `gatewayPort`), while
 * a field no record owns keeps the judge's base intent (`mergeRecordedIntents`).
 *
 * @module
 */

/** The part of the intent one construct owns, for the pods it selects. */
export interface RecordedIntent {
  /** The namespace of the pods (none: every namespace, as for a cluster-wide Cilium policy or a policy without a namespace). */
  readonly namespace?: string;
  readonly selector: { [key: string]: string };
  /** More requirements on the pods' labels (none when absent). */
  readonly selectorRequirements?: LabelRequirement[];
  /** The labels of the namespaces a cluster-wide record applies to (none: every namespace). */
  readonly namespaceSelector?: { [key: string]: string };
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
type IntentField = Exclude<keyof RecordedIntent, 'namespace' | 'selector' | 'selectorRequirements' | 'namespaceSelector'>;

/** Every field a construct may record. */
const INTENT_FIELDS: IntentField[] = ['gatewayPort', 'ingressPorts', 'ingressFrom', 'webhookPorts', 'webhookFrom', 'publicEgressPorts', 'names', 'inCluster', 'dns', 'cloudMetadata'];

/** The fields `OpenClawCiliumEgress` records on its Cilium policy. */
const CILIUM_FIELDS: IntentField[] = ['names', 'inCluster', 'dns'];

/** The fields each record owns, by the kind of the object it is on: `OpenClawNetworkIsolation` records every field on its default deny. */
const OWNED_FIELDS: { [kind: string]: IntentField[] } = {
  NetworkPolicy: INTENT_FIELDS,
  CiliumNetworkPolicy: CILIUM_FIELDS,
  CiliumClusterwideNetworkPolicy: CILIUM_FIELDS,
};

/** Pods in the record: no `labels` when there are none. */
interface PodsRecord {
  readonly namespace: string;
  readonly labels?: { [key: string]: string };
}

/** A DNS server in the record: pods or an address, and its port unless 53. */
interface DnsRecord extends Partial<PodsRecord> {
  readonly ip?: string;
  readonly port?: number;
}

/** The record as written (see the module comment). */
interface IntentRecord {
  readonly namespace?: string;
  readonly selector: { [key: string]: string };
  /** `describeRequirement` texts. */
  readonly requirements?: string[];
  readonly namespaceSelector?: { [key: string]: string };
  readonly gatewayPort?: number;
  readonly ingressPorts?: string[];
  readonly ingressFrom?: PodsRecord[];
  readonly webhookPorts?: string[];
  readonly webhookFrom?: PodsRecord[];
  readonly publicEgressPorts?: string[];
  /** Names by their ports, then by their source. */
  readonly names?: { [ports: string]: { [source: string]: string[] } };
  readonly inCluster?: (PodsRecord & { readonly ports: string[]; readonly source: string })[];
  readonly dns?: DnsRecord[];
  readonly cloudMetadata?: true;
}

/** The annotation a construct writes: its part of the intent as a compact record. */
export function intentAnnotation(intent: RecordedIntent): string {
  const list = <T>(values: T[] | undefined) => (values?.length ? values : undefined);
  const ports = (specs: PortSpec[] | undefined) => list(specs?.map(portText));
  const pods = (specs: PodsSpec[] | undefined) => list(specs?.map(podsRecord));
  return canonicalJson({
    namespace: intent.namespace,
    selector: intent.selector,
    requirements: list(intent.selectorRequirements?.map(describeRequirement)),
    namespaceSelector: intent.namespaceSelector,
    gatewayPort: intent.gatewayPort,
    ingressPorts: ports(intent.ingressPorts),
    ingressFrom: pods(intent.ingressFrom),
    webhookPorts: ports(intent.webhookPorts),
    webhookFrom: pods(intent.webhookFrom),
    publicEgressPorts: ports(intent.publicEgressPorts),
    names: list(intent.names) && namesRecord(intent.names!),
    inCluster: list(intent.inCluster?.map(peer => ({ ...podsRecord(peer.pods), ports: peer.ports.map(portText), source: peer.source }))),
    dns: list(intent.dns?.map(server => ({
      ...server.pods && podsRecord(server.pods),
      ip: server.ip,
      port: server.port === DNS_PORT ? undefined : server.port,
    }))),
    cloudMetadata: intent.cloudMetadata || undefined,
  } satisfies IntentRecord);
}

/** The records the constructs wrote, and the objects whose record is not trusted. */
export interface RecordedIntents {
  /** The trusted records, in input order. */
  readonly records: RecordedIntent[];
  /** One violation per object whose record is malformed, on a kind no construct writes it on, or about pods the object does not select. */
  readonly violations: { readonly rule: string; readonly message: string }[];
}

/**
 * The intents the constructs recorded in the manifests. A record is trusted
 * only on the objects the constructs write it on (`OWNED_FIELDS`: a
 * NetworkPolicy for the isolation, a CiliumNetworkPolicy or
 * CiliumClusterwideNetworkPolicy for the Cilium egress), with only the fields
 * that construct owns, and only when the object selects the record's pods: its
 * namespace is the record's, and its `podSelector` (or `endpointSelector`,
 * with the record's `namespaceSelector`) selects a pod the record's selector
 * selects (`labelsSelectedBy`). Any other record is not used and is reported,
 * naming its object: a record elsewhere must not widen the intent.
 */
export function recordedIntents(manifests: any[]): RecordedIntents {
  const records: RecordedIntent[] = [];
  const violations: RecordedIntents['violations'] = [];
  for (const manifest of manifests) {
    const text = manifest?.metadata?.annotations?.[PolicyAnnotations.INTENT];
    if (text === undefined) continue;
    const namespace = manifest?.metadata?.namespace;
    const object = `${manifest?.kind} ${namespace ? `${namespace}/` : ''}${manifest?.metadata?.name}`;
    try {
      records.push(trustedRecord(manifest, text));
    } catch (e) {
      violations.push({
        rule: 'intent-record-untrusted',
        message: `${object} carries a ${PolicyAnnotations.INTENT} record that is not used: ${(e as Error).message}.`
          + ` Fix: remove the annotation from ${object}; only the library's constructs write it, on the policy of the pods it describes.`,
      });
    }
  }
  return { records, violations };
}

/** The record an object carries, read back; throws why it is not trusted. */
function trustedRecord(manifest: any, text: unknown): RecordedIntent {
  const owned = Object.prototype.hasOwnProperty.call(OWNED_FIELDS, manifest?.kind) ? OWNED_FIELDS[manifest.kind] : undefined;
  if (owned === undefined) throw new Error(`no construct writes it on a ${manifest?.kind} (only on ${Object.keys(OWNED_FIELDS).join(', ')})`);
  if (typeof text !== 'string') throw new Error('it is not text');
  let record: IntentRecord;
  try {
    record = JSON.parse(text);
  } catch (e) {
    throw new Error(`it is not JSON (${(e as Error).message})`);
  }
  checkRecordShape(record);
  const foreign = Object.keys(record).filter(field => INTENT_FIELDS.includes(field as IntentField) && !owned.includes(field as IntentField));
  if (foreign.length) throw new Error(`it records ${foreign.join(', ')}, which the construct writing it on a ${manifest.kind} does not own`);
  const intent = readRecord(record, owned);
  const selected = selectsRecordedPods(manifest, intent);
  if (selected !== true) throw new Error(selected);
  return intent;
}

/** True if the object selects the record's pods; else why not. */
function selectsRecordedPods(manifest: any, intent: RecordedIntent): true | string {
  const namespace: string | undefined = manifest.metadata?.namespace;
  const clusterWide = manifest.kind === 'CiliumClusterwideNetworkPolicy';
  if (clusterWide ? intent.namespace !== undefined : intent.namespace !== namespace) {
    return `its namespace ${JSON.stringify(intent.namespace ?? null)} is not the object's (${JSON.stringify(clusterWide ? null : namespace ?? null)})`;
  }
  if (!clusterWide && intent.namespaceSelector !== undefined) return 'a namespaced policy has no namespaceSelector';
  const pod = labelsSelectedBy(intent.selector, intent.selectorRequirements ?? []);
  if (pod === undefined) return 'its selector selects no pod';
  const selects = manifest.kind === 'NetworkPolicy'
    ? compileSelector(manifest.spec?.podSelector)(pod)
    : compileCiliumSelector(manifest.spec?.endpointSelector, clusterWide ? undefined : namespace ?? 'default', true)(
      ciliumLabelView(namespace ?? 'default', pod, intent.namespaceSelector ?? {}));
  return selects || `the object's ${manifest.kind === 'NetworkPolicy' ? 'podSelector' : 'endpointSelector'} does not select its pods (${describePods(intent.selector, intent.selectorRequirements ?? [])})`;
}

/** Throws unless the record has the shape `intentAnnotation` writes. */
function checkRecordShape(record: any): void {
  const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
  const isLabels = (value: unknown) => isObject(value) && Object.values(value as object).every(v => typeof v === 'string');
  const isList = (value: unknown, item: (v: any) => boolean) => Array.isArray(value) && value.every(item);
  const isPort = (value: unknown) => typeof value === 'string' && /^[A-Z0-9]+:\d+(-\d+)?$/.test(value);
  const isPods = (value: any) => isObject(value) && typeof value.namespace === 'string' && (value.labels === undefined || isLabels(value.labels));
  const checks: { [field: string]: (value: any) => boolean } = {
    namespace: v => typeof v === 'string',
    selector: isLabels,
    requirements: v => isList(v, t => typeof t === 'string' && parseRequirement(t) !== undefined),
    namespaceSelector: isLabels,
    gatewayPort: v => Number.isInteger(v) && v >= 1 && v <= 65535,
    ingressPorts: v => isList(v, isPort),
    ingressFrom: v => isList(v, isPods),
    webhookPorts: v => isList(v, isPort),
    webhookFrom: v => isList(v, isPods),
    publicEgressPorts: v => isList(v, isPort),
    names: v => isObject(v) && Object.entries(v).every(([ports, bySource]) => ports.split(',').every(isPort)
      && isObject(bySource) && Object.values(bySource as object).every(texts => isList(texts, t => typeof t === 'string'))),
    inCluster: v => isList(v, peer => isPods(peer) && isList(peer.ports, isPort) && typeof peer.source === 'string'),
    dns: v => isList(v, server => isObject(server) && (isPods(server) || typeof server.ip === 'string')
      && (server.port === undefined || Number.isInteger(server.port))),
    cloudMetadata: v => v === true,
  };
  if (!isObject(record)) throw new Error('it is not a JSON object');
  if (record.selector === undefined) throw new Error('it has no selector');
  for (const [field, value] of Object.entries(record)) {
    const check = Object.prototype.hasOwnProperty.call(checks, field) ? checks[field] : undefined;
    if (check === undefined) throw new Error(`it has an unknown field "${field}"`);
    if (!check(value)) throw new Error(`its ${field} ${JSON.stringify(value)} is malformed`);
  }
}

/** A record read back: every field as the intent has it, the owned fields it leaves out empty. */
function readRecord(record: IntentRecord, owned: IntentField[]): RecordedIntent {
  const intent: any = {
    namespace: record.namespace,
    selector: record.selector,
    selectorRequirements: record.requirements?.map(requirementOfText),
    namespaceSelector: record.namespaceSelector,
    gatewayPort: record.gatewayPort,
    ingressPorts: record.ingressPorts?.map(portSpecOfText),
    ingressFrom: record.ingressFrom?.map(podsSpecOf),
    webhookPorts: record.webhookPorts?.map(portSpecOfText),
    webhookFrom: record.webhookFrom?.map(podsSpecOf),
    publicEgressPorts: record.publicEgressPorts?.map(portSpecOfText),
    names: record.names && namesSpecsOf(record.names),
    inCluster: record.inCluster?.map(peer => ({ pods: podsSpecOf(peer), ports: peer.ports.map(portSpecOfText), source: peer.source })),
    dns: record.dns?.map(dnsServerSpecOf),
    cloudMetadata: record.cloudMetadata,
  };
  // The gateway port has no empty value: the isolation always writes it.
  for (const field of owned.filter(f => f !== 'gatewayPort')) intent[field] ??= field === 'cloudMetadata' ? false : [];
  return intent;
}

function requirementOfText(text: string): LabelRequirement {
  const requirement = parseRequirement(text);
  if (requirement === undefined) throw new Error(`"${text}" is not a label requirement (such as "tier in (a,b)", "tier notin (a)", "tier", "!tier")`);
  return requirement;
}

/** `TCP:443`, or `TCP:8000-8100` for a range. */
function portText(port: PortSpec): string {
  return `${port.protocol}:${port.from === port.to ? port.from : `${port.from}-${port.to}`}`;
}

function portSpecOfText(text: string): PortSpec {
  const [protocol, range] = text.split(':');
  const [from, to = from] = range.split('-').map(Number);
  return { protocol, from, to };
}

function podsRecord(pods: PodsSpec): PodsRecord {
  return { namespace: pods.namespace, labels: Object.keys(pods.labels).length ? pods.labels : undefined };
}

function podsSpecOf(pods: PodsRecord): PodsSpec {
  return { namespace: pods.namespace, labels: { ...pods.labels } };
}

/** The names by their ports (sorted, joined by `,`), then by their source. */
function namesRecord(names: NamesSpec[]): IntentRecord['names'] {
  const byPorts: { [ports: string]: { [source: string]: string[] } } = {};
  for (const name of names) {
    const ports = [...new Set(name.ports.map(portText))].sort(compareText).join(',');
    const bySource = byPorts[ports] ??= {};
    (bySource[name.source] ??= []).push(name.text);
  }
  return byPorts;
}

function namesSpecsOf(record: NonNullable<IntentRecord['names']>): NamesSpec[] {
  return Object.entries(record).flatMap(([ports, bySource]) => Object.entries(bySource).flatMap(([source, texts]) =>
    texts.map(text => ({ text, pattern: text.includes('*'), ports: ports.split(',').map(portSpecOfText), source }))));
}

/** A DNS server read back, described as its `DnsTarget` factory words it: an address is GKE Cloud DNS's (the metadata server) or NodeLocal DNSCache's. */
function dnsServerSpecOf(record: DnsRecord): DnsServerSpec {
  const port = record.port ?? DNS_PORT;
  if (record.namespace !== undefined) {
    const pods = podsSpecOf({ namespace: record.namespace, labels: record.labels });
    return { pods, port, description: DnsTarget.pods(pods.namespace, pods.labels, port).description };
  }
  const gke = DnsTarget.gkeCloudDns();
  return { ip: record.ip, port, description: record.ip === gke.ip ? gke.description : `NodeLocal DNSCache at ${record.ip}` };
}

/** A value as compact JSON with sorted keys and sorted lists: the same intent always renders the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(canonicalJson);
    return `[${(items.length > 1 ? [...new Set(items)].sort(compareText) : items).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as { readonly [key: string]: unknown };
    let fields = '';
    for (const key of Object.keys(record).sort(compareText)) {
      if (record[key] !== undefined) fields += `${fields ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(record[key])}`;
    }
    return `{${fields}}`;
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

/** A Namespace object of the input: its name and labels. */
export interface NamespaceLabels {
  readonly name: string;
  readonly labels: { [key: string]: string };
}

/**
 * The recorded intents merged per group of OpenClaw pods: the records of one
 * namespace and selector (labels and requirements), and the cluster-wide
 * records of that selector whose namespace selector selects that namespace,
 * make one intent, over `base` for the fields no record owns; lists add up.
 * Groups whose intents are equal are judged together (`namespaces` lists
 * theirs), so a thousand tenants cost one analysis.
 *
 * A cluster-wide record's `namespaceSelector` is matched against the
 * `Namespace` objects of the input (`namespaces`), each with the
 * `kubernetes.io/metadata.name` label the API server sets. A namespace no
 * Namespace object describes is known by that label only, as the analyzer
 * knows it, so a selector on other labels does not select it: its pods are
 * not granted the cluster-wide allow-list, and what that policy lets them
 * reach is reported beyond their intent rather than passed. A cluster-wide
 * record that joins no group is judged on its own, in every namespace but
 * those it is known not to select (`excludedNamespaces`).
 */
export function mergeRecordedIntents(records: RecordedIntent[], base: OpenClawIntent, namespaces: NamespaceLabels[] = []): MergedIntents {
  const groups = new Map<string, { namespaces?: string[]; excludedNamespaces?: string[]; records: RecordedIntent[] }>();
  // The pods: labels and requirements (two tenants may differ by their requirements only).
  const selectorKey = (record: RecordedIntent) =>
    canonicalJson({ labels: record.selector, requirements: record.selectorRequirements?.map(describeRequirement) });
  for (const record of records.filter(r => r.namespace !== undefined)) {
    const key = `${record.namespace} ${selectorKey(record)}`;
    const group = groups.get(key) ?? { namespaces: [record.namespace!], records: [] };
    groups.set(key, { ...group, records: [...group.records, record] });
  }
  const labelsOf = new Map(namespaces.map(ns => [ns.name, ns.labels]));
  const known = [...new Set([...labelsOf.keys(), ...records.flatMap(r => (r.namespace === undefined ? [] : [r.namespace]))])].sort(compareText);
  for (const record of records.filter(r => r.namespace === undefined)) {
    const selects = (namespace: string) => record.namespaceSelector === undefined || Object.entries(record.namespaceSelector)
      .every(([key, value]) => ({ ...labelsOf.get(namespace), [NAMESPACE_NAME_LABEL]: namespace })[key] === value);
    const joined = [...groups.values()].filter(group => group.namespaces !== undefined && group.namespaces.every(selects)
      && selectorKey(group.records[0]) === selectorKey(record));
    for (const group of joined) group.records.push(record);
    if (joined.length > 0) continue;
    const key = `* ${selectorKey(record)} ${canonicalJson(record.namespaceSelector ?? {})}`;
    const excluded = known.filter(namespace => !selects(namespace));
    const group = groups.get(key) ?? { excludedNamespaces: excluded.length ? excluded : undefined, records: [] };
    groups.set(key, { ...group, records: [...group.records, record] });
  }
  const merged = new Map<string, OpenClawIntent>();
  const violations: MergedIntents['violations'] = [];
  for (const group of groups.values()) {
    const intent: OpenClawIntent = { ...mergeGroup(group.records, base), excludedNamespaces: group.excludedNamespaces };
    const gatewayPorts = [...new Set(group.records.flatMap(record => (record.gatewayPort === undefined ? [] : [record.gatewayPort])))];
    if (gatewayPorts.length > 1) violations.push(gatewayPortConflict(intent, group.namespaces, gatewayPorts.sort((a, b) => a - b)));
    const key = canonicalJson({ ...intent, namespaces: undefined });
    const seen = merged.get(key);
    merged.set(key, seen === undefined ? { ...intent, namespaces: group.namespaces }
      : { ...intent, namespaces: seen.namespaces && group.namespaces && [...seen.namespaces, ...group.namespaces] });
  }
  return { intents: [...merged.values()], violations };
}

/** The intents, one per group of OpenClaw pods, and what contradicts itself in the records. */
export interface MergedIntents {
  readonly intents: OpenClawIntent[];
  readonly violations: { readonly rule: string; readonly message: string }[];
}

/**
 * Two isolations of the same pods that name different gateway ports: OpenClaw
 * listens on one gateway port, so one of them opens a port nothing serves.
 * Both ports stay in `ingressPorts` (each construct allows its own), and the
 * gateway judged reachable is the lowest.
 */
function gatewayPortConflict(intent: OpenClawIntent, namespaces: string[] | undefined, ports: number[]): { rule: string; message: string } {
  const pods = `${describePods(intent.selector, intent.selectorRequirements ?? [])}${namespaces ? ` in ${namespaces.join(', ')}` : ''}`;
  return {
    rule: 'intent-gateway-port-conflict',
    message: `The OpenClaw ${pods} are given ${ports.length} gateway ports by their OpenClawNetworkIsolation constructs (${ports.join(', ')}),`
      + ' but OpenClaw listens on one gateway port. Fix: give every OpenClawNetworkIsolation of these pods the same gatewayPort'
      + ' (and other ports as additionalIngressPorts).',
  };
}


/**
 * One group's records over the base intent, the same whatever their order:
 * lists joined, the lowest gateway port (see `gatewayPortConflict`), and the
 * cloud metadata endpoint when any record allows it (policies add up).
 */
function mergeGroup(group: RecordedIntent[], base: OpenClawIntent): OpenClawIntent {
  const intent: any = { ...base, selector: { ...group[0].selector }, selectorRequirements: group[0].selectorRequirements };
  for (const field of INTENT_FIELDS) {
    const values = group.map(record => record[field]).filter(value => value !== undefined);
    if (values.length === 0) continue;
    if (field === 'gatewayPort') intent[field] = Math.min(...values as number[]);
    else if (field === 'cloudMetadata') intent[field] = values.some(Boolean);
    else intent[field] = unique((values as unknown[][]).flat(), field);
  }
  return intent;
}

/**
 * A list without repeats, sorted (in-cluster peers by pods and ports: the
 * same server may be recorded by two constructs under two sources; the first
 * source in text order names it).
 */
function unique(values: unknown[], field: IntentField): unknown[] {
  const key = (value: any) => canonicalJson(field === 'inCluster' ? { pods: value.pods, ports: value.ports } : value);
  const byKey = new Map<string, unknown>();
  const sorted = values.map(value => ({ value, text: canonicalJson(value) })).sort((a, b) => compareText(a.text, b.text));
  for (const { value } of sorted) if (!byKey.has(key(value))) byKey.set(key(value), value);
  return [...byKey.values()];
}
