import type * as JsYaml from 'js-yaml';
import { invalid } from '../validation/rules';

/**
 * Parses YAML text with one or more documents into plain objects, as
 * kubectl reads it (merge keys included). `List` objects are flattened into
 * their items; empty documents are skipped.
 */
export function parseManifests(text: string): any[] {
  if (typeof text !== 'string') throw invalid('yaml', text, 'Give YAML text.');
  // Loaded on first use: most users of the library never parse YAML, and it adds to import time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jsYaml = require('js-yaml') as typeof JsYaml;
  // YAML 1.2's core schema (as yaml 2 and cdk8s read it: no timestamps, no `yes`/`no` booleans), plus
  // merge keys (`<<: *anchor`), which `kubectl apply` honours (YAML 1.1 merge).
  // (@types/js-yaml 4.0.9 does not declare js-yaml 4.1's `types` export.)
  const { merge } = (jsYaml as unknown as { types: { merge: JsYaml.Type } }).types;
  const schema = jsYaml.CORE_SCHEMA.extend({ implicit: [merge] });
  let documents: unknown[];
  try {
    documents = jsYaml.loadAll(text, undefined, { schema });
  } catch (e) {
    throw invalid('yaml', (e as Error).message, 'Give valid YAML: one Kubernetes object per document, separated by "---".');
  }
  const objects = documents.filter(value => value !== null && value !== undefined);
  return expandLists(objects);
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

/** The labels of the `Namespace` objects among the manifests. */
export function namespaceLabelsOf(manifests: any[]): { name: string; labels: { [key: string]: string } }[] {
  return manifests.filter(m => m?.apiVersion === 'v1' && m?.kind === 'Namespace' && typeof m?.metadata?.name === 'string')
    .map(m => ({ name: m.metadata.name, labels: Object.fromEntries(Object.entries(m.metadata.labels ?? {}).map(([k, v]) => [k, String(v)])) }));
}
