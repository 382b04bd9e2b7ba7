import type * as JsYaml from 'js-yaml';
import { invalid } from '../validation/rules';

/**
 * Parses YAML text with one or more documents into plain objects, as
 * kubectl reads it: YAML 1.2's core scalars, the standard `!!binary`,
 * `!!set`, `!!omap`, `!!pairs` and `!!timestamp` tags, and merge keys applied
 * as go-yaml v2 applies them (`mergeKeysAsKubectl`). A document whose aliases
 * expand far beyond its text is refused (`refuseAliasBombs`). `List` objects
 * are flattened into their items; empty documents are skipped.
 */
export function parseManifests(text: string): any[] {
  if (typeof text !== 'string') throw invalid('yaml', text, 'Give YAML text.');
  // Loaded on first use: most users of the library never parse YAML, and it adds to import time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jsYaml = require('js-yaml') as typeof JsYaml;
  // (@types/js-yaml 4.0.9 does not declare js-yaml 4.1's `types` export.)
  const { binary, omap, pairs, set } = (jsYaml as unknown as { types: { [name: string]: JsYaml.Type } }).types;
  // An explicit `!!timestamp` stays text, as sigs.k8s.io/yaml hands it to the JSON decoder.
  const timestamp = new jsYaml.Type('tag:yaml.org,2002:timestamp', { kind: 'scalar', construct: (data: string) => data });
  // No merge type: `<<` stays an ordinary key here, and `mergeKeysAsKubectl` applies it in document order.
  const schema = jsYaml.CORE_SCHEMA.extend({ explicit: [binary, omap, pairs, set, timestamp] });
  let documents: unknown[];
  try {
    documents = jsYaml.loadAll(text, undefined, { schema });
  } catch (e) {
    throw invalid('yaml', (e as Error).message, 'Give valid YAML: one Kubernetes object per document, separated by "---".');
  }
  refuseAliasBombs(documents, text.length);
  const objects = documents.filter(value => value !== null && value !== undefined).map(document => mergeKeysAsKubectl(document, new Map()));
  return expandLists(objects);
}

/**
 * Refuses documents whose aliases expand to more than 20 nodes per
 * character of text (plus 10,000): js-yaml shares an alias's target instead
 * of copying it, so loading is cheap, but every later walk would expand it
 * ("billion laughs"). yaml 2 refused this too (`maxAliasCount`), and so does
 * kubectl (go-yaml v2.2.4+ "document contains excessive aliasing",
 * CVE-2019-11253). The walk stops as soon as the budget is spent.
 */
function refuseAliasBombs(documents: unknown[], textLength: number): void {
  const budget = 20 * textLength + 10_000;
  const stack: unknown[] = [...documents];
  let visited = 0;
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (++visited > budget) {
      throw invalid('yaml', `aliases expanding to more than ${budget} nodes`,
        'Give YAML whose aliases (*name) do not multiply its size; kubectl refuses such documents too ("excessive aliasing").');
    }
    stack.push(...Object.values(value));
  }
}

/**
 * A document with its merge keys (`<<`) applied as go-yaml v2 applies them
 * for kubectl (sigs.k8s.io/yaml `goyaml.v2/decode.go`, `decoder.mapping` and
 * `decoder.merge`): the keys of a mapping are set in document order, so a
 * merge overrides the keys written before it and the keys after it override
 * the merge; of a list of merged mappings the first wins. A merge of anything
 * but a mapping or a list of mappings is refused, as go-yaml refuses it.
 * (Two `<<` keys in one mapping are a duplicate key, which the parser refuses.)
 */
function mergeKeysAsKubectl(value: unknown, done: Map<object, unknown>): any {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const shared = done.get(value);
  if (shared !== undefined) return shared;
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    done.set(value, list);
    for (const element of value) list.push(mergeKeysAsKubectl(element, done));
    return list;
  }
  const mapping: { [key: string]: unknown } = {};
  done.set(value, mapping);
  for (const [key, entry] of Object.entries(value)) {
    if (key !== '<<') {
      mapping[key] = mergeKeysAsKubectl(entry, done);
      continue;
    }
    const merged = mergeKeysAsKubectl(entry, done);
    const sources = Array.isArray(merged) ? [...merged].reverse() : [merged];
    for (const source of sources) {
      if (source === null || typeof source !== 'object' || Array.isArray(source)) {
        throw invalid('yaml', entry, 'A merge key (<<) takes a mapping or a list of mappings, as kubectl reads it.');
      }
      Object.assign(mapping, source);
    }
  }
  return mapping;
}

/**
 * Replaces `List` objects (as `kubectl get -o yaml|json` prints them, kind
 * `List` or `<Kind>List`) with their items; a list without items adds nothing.
 */
export function expandLists(objects: any[]): any[] {
  return objects.flatMap(value => {
    const isList = typeof value?.kind === 'string' && value.kind.endsWith('List') && 'items' in value;
    if (!isList && value?.kind !== 'List') return [value];
    return Array.isArray(value.items) ? expandLists(value.items) : [];
  });
}

/** Kinds whose pod template carries the pod labels and containers, and where the template is. */
export function podTemplateOf(manifest: any): any | undefined {
  switch (manifest?.kind) {
    case 'Pod': return manifest;
    case 'CronJob': return manifest.spec?.jobTemplate?.spec?.template;
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job': case 'ReplicationController':
      return manifest.spec?.template;
    default: return undefined;
  }
}

/** A workload of the input: its kind, name, namespace and pod labels. */
export interface Workload {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
}

/** The workloads among the manifests (objects with a pod template), in input order. */
export function workloadsOf(manifests: any[], defaultNamespace = 'default'): Workload[] {
  return manifests.filter(m => podTemplateOf(m) !== undefined).map(m => ({
    kind: String(m.kind),
    name: String(m.metadata?.name),
    namespace: typeof m.metadata?.namespace === 'string' ? m.metadata.namespace : defaultNamespace,
    labels: Object.fromEntries(Object.entries(podTemplateOf(m)?.metadata?.labels ?? {}).map(([k, v]) => [k, String(v)])),
  }));
}

/** A named container port: the number and protocol a workload's container declares under that name. */
export interface NamedPort {
  readonly port: number;
  readonly protocol: string;
}

/**
 * The named ports the workloads' containers declare (`ports[].name`), by name:
 * what a policy's named port resolves to, as kube-proxy and the CNIs resolve it.
 */
export function namedPortsOf(manifests: any[]): Map<string, NamedPort[]> {
  const byName = new Map<string, NamedPort[]>();
  for (const template of manifests.map(podTemplateOf).filter(t => t !== undefined)) {
    const containers = [...template.spec?.containers ?? [], ...template.spec?.initContainers ?? []];
    for (const port of containers.flatMap((c: any) => (Array.isArray(c?.ports) ? c.ports : []))) {
      if (typeof port?.name !== 'string' || !Number.isInteger(Number(port.containerPort))) continue;
      const entry = { port: Number(port.containerPort), protocol: String(port.protocol ?? 'TCP').toUpperCase() };
      const list = byName.get(port.name) ?? [];
      if (!list.some(p => p.port === entry.port && p.protocol === entry.protocol)) list.push(entry);
      byName.set(port.name, list);
    }
  }
  return byName;
}

/** True for a `Namespace` object (`v1`). */
export function isNamespaceObject(manifest: any): boolean {
  return manifest?.apiVersion === 'v1' && manifest?.kind === 'Namespace';
}

/** The labels of the `Namespace` objects among the manifests. */
export function namespaceLabelsOf(manifests: any[]): { name: string; labels: { [key: string]: string } }[] {
  return manifests.filter(m => isNamespaceObject(m) && typeof m?.metadata?.name === 'string')
    .map(m => ({ name: m.metadata.name, labels: Object.fromEntries(Object.entries(m.metadata.labels ?? {}).map(([k, v]) => [k, String(v)])) }));
}
