import { CLUSTER_WIDE_SAMPLE_NAMESPACE } from './analyzer-factory';
import { OpenClawFlows } from './checks';
import { FlowEndpoint } from './flow-endpoint';
import { WELL_KNOWN_DNS_SERVERS } from './policy-model';
import { validateNamespace } from '../validation/rules';

/**
 * Namespaces that are alike up to their name, such as 1,000 tenants with the
 * same policies, so that the guards judge one of each kind (`runGuards`).
 *
 * Two namespaces N and M are alike when:
 * - their objects (those whose `metadata.namespace` is theirs, and their
 *   `Namespace` object) are the same, in the same order, except for that
 *   namespace, and so are the OpenClaw flows of their pods, with N and M in
 *   place of each other (annotations are left out: no guard reads them);
 * - neither name appears anywhere else in the input: in no object or flow,
 *   their own included, other than as the namespace of their own objects and
 *   flow endpoints;
 * - both are valid namespace names, and neither is one the analysis names
 *   itself (`default`, the cluster-wide sample namespace, the well-known DNS
 *   servers' namespaces).
 *
 * Then renaming N to M and M to N maps the input onto itself, and the
 * analysis only compares namespace names for equality, so what the guards
 * find about M's policies and flows is what they find about N's, renamed.
 * Leaving out M's policies (`NetworkPolicy`, `CiliumNetworkPolicy`, which
 * select pods of M only), its `Namespace` object and its flows (no other
 * flow names M) changes nothing the guards find about the rest; M's
 * workloads and other objects stay, for the named ports all policies
 * resolve against. So if the input without M gives no finding, the whole
 * input gives none.
 *
 * @module
 */

/** The input with the policies and flows of all but the first of each kind of alike namespaces left out. */
export interface OneOfEachAlikeNamespace {
  readonly manifests: any[];
  readonly flows: OpenClawFlows[];
  /** The namespaces left out, in input order; none if no two namespaces are alike. */
  readonly leftOut: string[];
}

/** Namespaces the analysis names itself: never alike. */
const NAMED_BY_THE_ANALYSIS = new Set<string>([
  'default', // the namespace of an object without one
  CLUSTER_WIDE_SAMPLE_NAMESPACE,
  ...WELL_KNOWN_DNS_SERVERS.flatMap(server => (server.namespace === undefined ? [] : [server.namespace])),
  FlowEndpoint.clusterDns().namespace!,
]);

/** Keeps the first namespace of each kind of alike namespaces (see the module comment), and leaves out the others' policies and flows. */
export function oneOfEachAlikeNamespace(manifests: any[], flows: OpenClawFlows[]): OneOfEachAlikeNamespace {
  const texts = new Map<string, string[]>(); // per namespace, the text of each object and of its flows, without that namespace
  const elsewhere: string[] = []; // the text of every other object and flow
  const textsOf = (namespace: string) => texts.get(namespace) ?? texts.set(namespace, []).get(namespace)!;
  for (const manifest of manifests) {
    const namespace = namespaceOf(manifest);
    (namespace === undefined ? elsewhere : textsOf(namespace)).push(JSON.stringify(withoutNamespaceAndAnnotations(manifest, namespace)));
  }
  for (const flow of flows) {
    const namespace = flow.pod.namespace;
    (namespace === undefined ? elsewhere : textsOf(namespace)).push(JSON.stringify(flow, flowEndpointsOutside(namespace)));
  }

  // A name that appears as a JSON string in any of these texts appears somewhere other than as its own namespace.
  const named = new Set<string>();
  const candidates = new Set([...texts.keys()].filter(isPlainNamespace));
  const dnsLabelStrings = /"([a-z0-9][-a-z0-9]*)"/g;
  for (const text of [...elsewhere, ...[...texts.values()].flat()]) {
    for (const match of text.matchAll(dnsLabelStrings)) if (candidates.has(match[1])) named.add(match[1]);
  }

  const firstOfKind = new Map<string, string>();
  const leftOut = new Set<string>();
  for (const namespace of candidates) {
    if (named.has(namespace)) continue;
    const kind = texts.get(namespace)!.join('\n');
    if (firstOfKind.has(kind)) leftOut.add(namespace);
    else firstOfKind.set(kind, namespace);
  }
  if (leftOut.size === 0) return { manifests, flows, leftOut: [] };
  return {
    manifests: manifests.filter(manifest => !(leftOut.has(namespaceOf(manifest)!) && isPolicyOrNamespace(manifest))),
    flows: flows.filter(flow => !leftOut.has(flow.pod.namespace!)),
    leftOut: [...leftOut],
  };
}

/** The namespace an object belongs to: a `Namespace` object's own name, else its `metadata.namespace` when it is a string. */
function namespaceOf(manifest: any): string | undefined {
  const metadata = manifest?.metadata;
  const namespace = isNamespaceObject(manifest) ? metadata.name : metadata?.namespace;
  return typeof namespace === 'string' ? namespace : undefined;
}

function isNamespaceObject(manifest: any): boolean {
  return manifest?.apiVersion === 'v1' && manifest?.kind === 'Namespace';
}

/** The objects left out for a namespace like another: its policies, which select its own pods only, and its `Namespace` object. */
function isPolicyOrNamespace(manifest: any): boolean {
  return isNamespaceObject(manifest)
    || (manifest?.apiVersion === 'networking.k8s.io/v1' && manifest?.kind === 'NetworkPolicy')
    || (manifest?.apiVersion === 'cilium.io/v2' && manifest?.kind === 'CiliumNetworkPolicy');
}

/** The object without its annotations and without what names `namespace` as its own (`metadata.namespace`, a `Namespace` object's name). */
function withoutNamespaceAndAnnotations(manifest: any, namespace: string | undefined): any {
  const metadata = manifest?.metadata;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return manifest;
  const { annotations, ...rest } = metadata;
  if (namespace !== undefined) {
    if (isNamespaceObject(manifest)) delete rest.name;
    else delete rest.namespace;
  }
  return { ...manifest, metadata: rest };
}

/** A JSON.stringify replacer: each flow endpoint in `namespace` has `null` for its namespace (no endpoint has `null`). */
function flowEndpointsOutside(namespace: string | undefined): (key: string, value: unknown) => unknown {
  return (_key, value) => (value instanceof FlowEndpoint
    ? { namespace: value.namespace === namespace ? null : value.namespace, labels: value.labels, ip: value.ip, dnsName: value.dnsName }
    : value);
}

function isPlainNamespace(namespace: string): boolean {
  if (NAMED_BY_THE_ANALYSIS.has(namespace)) return false;
  try {
    validateNamespace('namespace', namespace);
    return true;
  } catch {
    return false;
  }
}
