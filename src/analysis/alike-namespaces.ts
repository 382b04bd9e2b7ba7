import { CLUSTER_WIDE_SAMPLE_NAMESPACE } from './analyzer-factory';
import { OpenClawFlows } from './checks';
import { FlowEndpoint } from './flow-endpoint';
import { isNamespaceObject } from './manifests';
import { WELL_KNOWN_DNS_SERVERS } from './policy-model';
import { SAMPLE_VALUE } from './selectors';
import { validateNamespace } from '../validation/rules';

/**
 * Namespaces that are alike up to their name, such as 1,000 tenants with the
 * same policies, so that the guards judge one of each kind (`runGuards`).
 *
 * Two namespaces N and M are alike when:
 * - their objects (those whose `metadata.namespace` is theirs, and their
 *   `Namespace` object) are the same values, in the same order, except for
 *   that namespace, and so are the OpenClaw flows of their pods, with N and M
 *   in place of each other (annotations are left out: no guard reads them;
 *   a value the comparison cannot write exactly, such as a class instance,
 *   makes its namespace alike to none);
 * - neither name is read anywhere else: no key or scalar of any object or
 *   flow, their own included, reads as the name (the analysis reads label
 *   values with `String()`, so the number 2024 reads as `2024`), other than
 *   as the namespace of their own objects and flow endpoints (a longer string
 *   that contains the name is a different value);
 * - both are valid namespace names, and neither is one the analysis names or
 *   makes up itself (`isNamedByTheAnalysis`).
 *
 * Then renaming N to M and M to N maps the input onto itself, and the
 * analysis reads a namespace name only to compare it with the names in the
 * input and with its own, so what the guards find about M's policies and
 * flows is what they find about N's, renamed. Leaving out M's policies
 * (`NetworkPolicy`, `CiliumNetworkPolicy`, which select pods of M only), its
 * `Namespace` object and its flows (no other flow names M) changes nothing
 * the guards find about the rest; M's workloads and other objects stay, for
 * the named ports all policies resolve against. So if the input without M
 * gives no finding, the whole input gives none.
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

/**
 * Namespaces the analysis names or makes up itself: never alike. Beside the
 * default namespace and the DNS servers' namespaces, it samples pods in
 * made-up namespaces: `cluster-wide-sample`, `sample` (the value of an
 * `Exists` requirement, on the namespace label too: `sampleLabels`),
 * `sample-<policy>-<n>` (`samplePod` in checks.ts), and `undefined` (the
 * text of an `In` requirement without values).
 */
function isNamedByTheAnalysis(namespace: string): boolean {
  return NAMED_BY_THE_ANALYSIS.has(namespace) || namespace.startsWith(`${SAMPLE_VALUE}-`);
}

const NAMED_BY_THE_ANALYSIS = new Set<string>([
  'default', // the namespace of an object without one
  CLUSTER_WIDE_SAMPLE_NAMESPACE,
  SAMPLE_VALUE,
  String(undefined),
  ...WELL_KNOWN_DNS_SERVERS.flatMap(server => (server.namespace === undefined ? [] : [server.namespace])),
  FlowEndpoint.clusterDns().namespace!,
]);

/** Keeps the first namespace of each kind of alike namespaces (see the module comment), and leaves out the others' policies and flows. */
export function oneOfEachAlikeNamespace(manifests: any[], flows: OpenClawFlows[]): OneOfEachAlikeNamespace {
  const namespaces = new Set<string>([...manifests.map(namespaceOf), ...flows.map(flow => flow.pod.namespace)]
    .filter((namespace): namespace is string => namespace !== undefined));
  const candidates = new Set([...namespaces].filter(isPlainNamespace));
  const scan = new NameScan(candidates);
  const texts = new Map<string, string[]>(); // per candidate, the text of each of its objects and flows, without its name
  const record = (namespace: string | undefined, text: string) => {
    if (namespace !== undefined && candidates.has(namespace)) (texts.get(namespace) ?? texts.set(namespace, []).get(namespace)!).push(text);
  };
  for (const manifest of manifests) {
    const namespace = namespaceOf(manifest);
    const value = withoutNamespaceAndAnnotations(manifest, namespace);
    scan.read(value, namespace, false);
    record(namespace, JSON.stringify(value));
  }
  for (const flow of flows) {
    const namespace = flow.pod.namespace;
    scan.read(flow, namespace, true);
    record(namespace, JSON.stringify(flow, (_key, value) => (value instanceof FlowEndpoint ? endpointAsCompared(value, namespace) : value)));
  }

  const firstOfKind = new Map<string, string>();
  const leftOut = new Set<string>();
  for (const [namespace, text] of texts) {
    if (scan.named.has(namespace) || scan.unlike.has(namespace)) continue;
    const kind = text.join('\n');
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

/**
 * Reads every key and scalar of the objects and flows as the analysis may:
 * a candidate namespace is `named` when one reads as its name (label values
 * are read with `String()`, so the number 2024 reads as `2024`), other than
 * a flow endpoint's namespace in its own namespace's flows. A namespace is
 * `unlike` every other when one of its values has no exact JSON text (NaN,
 * Infinity and -0 are written as null and 0, undefined is left out, a class
 * instance writes what it likes), so that JSON texts can compare the rest.
 */
class NameScan {
  public readonly named = new Set<string>();
  public readonly unlike = new Set<string>();
  private namespace: string | undefined;
  private inFlow = false;

  constructor(private readonly candidates: Set<string>) {}

  /** Reads an object or (`inFlow`) a flow of the namespace. */
  public read(value: unknown, namespace: string | undefined, inFlow: boolean): void {
    this.namespace = namespace;
    this.inFlow = inFlow;
    this.value(value);
  }

  private value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        return this.see(value);
      case 'number':
        if (!Number.isFinite(value) || Object.is(value, -0)) this.inexact();
        return this.see(String(value));
      case 'boolean':
        return this.see(String(value));
      case 'object':
        return this.object(value);
      default:
        return this.inexact();
    }
  }

  private object(value: object | null): void {
    if (value === null) return this.see('null');
    if (Array.isArray(value)) {
      for (const item of value) this.value(item);
      return;
    }
    if (value instanceof FlowEndpoint) return this.object(endpointAsCompared(value, this.namespace));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return this.inexact();
    for (const key of Object.keys(value)) {
      const item = (value as any)[key];
      if (item === undefined && this.inFlow) continue; // a flow's optional field, which JSON leaves out too
      this.see(key);
      this.value(item);
    }
  }

  private see(text: string): void {
    if (this.candidates.has(text)) this.named.add(text);
  }

  private inexact(): void {
    if (this.namespace !== undefined) this.unlike.add(this.namespace);
  }
}

/** A flow endpoint as flows are compared: in `namespace` (the flow's own), its namespace is `null`, which no endpoint has. */
function endpointAsCompared(endpoint: FlowEndpoint, namespace: string | undefined): object {
  const own = endpoint.namespace !== undefined && endpoint.namespace === namespace;
  return { namespace: own ? null : endpoint.namespace, labels: endpoint.labels, ip: endpoint.ip, dnsName: endpoint.dnsName };
}

/** The namespace an object belongs to: a `Namespace` object's own name, else its `metadata.namespace` when it is a string. */
function namespaceOf(manifest: any): string | undefined {
  const metadata = manifest?.metadata;
  const namespace = isNamespaceObject(manifest) ? metadata?.name : metadata?.namespace;
  return typeof namespace === 'string' ? namespace : undefined;
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

function isPlainNamespace(namespace: string): boolean {
  if (isNamedByTheAnalysis(namespace)) return false;
  try {
    validateNamespace('namespace', namespace);
    return true;
  } catch {
    return false;
  }
}
