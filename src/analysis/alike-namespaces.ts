import { CLUSTER_WIDE_SAMPLE_NAMESPACE } from './analyzer-factory';
import { OpenClawFlows } from './checks';
import { FlowEndpoint } from './flow-endpoint';
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
  return namespace === 'default' // the namespace of an object without one
    || namespace === CLUSTER_WIDE_SAMPLE_NAMESPACE
    || namespace === SAMPLE_VALUE || namespace.startsWith(`${SAMPLE_VALUE}-`)
    || namespace === String(undefined)
    || namespace === FlowEndpoint.clusterDns().namespace
    || WELL_KNOWN_DNS_SERVERS.some(server => server.namespace === namespace);
}

/** Keeps the first namespace of each kind of alike namespaces (see the module comment), and leaves out the others' policies and flows. */
export function oneOfEachAlikeNamespace(manifests: any[], flows: OpenClawFlows[]): OneOfEachAlikeNamespace {
  const namespaces = new Set<string>([...manifests.map(namespaceOf), ...flows.map(flow => flow.pod.namespace)]
    .filter((namespace): namespace is string => namespace !== undefined));
  const candidates = new Set([...namespaces].filter(isPlainNamespace));
  const named = new Set<string>(); // the candidates whose name the analysis may read anywhere other than as their own namespace
  const elsewhere = new CanonicalText(candidates, named, undefined); // every object and flow outside the candidates
  const writers = new Map<string, CanonicalText>(); // per candidate, the text of its objects and flows, without its name
  const writerOf = (namespace: string | undefined) => (namespace === undefined || !candidates.has(namespace) ? elsewhere
    : writers.get(namespace) ?? writers.set(namespace, new CanonicalText(candidates, named, namespace)).get(namespace)!);
  for (const manifest of manifests) {
    const namespace = namespaceOf(manifest);
    writerOf(namespace).write(withoutNamespaceAndAnnotations(manifest, namespace));
  }
  for (const flow of flows) writerOf(flow.pod.namespace).write(flow);

  const firstOfKind = new Map<string, string>();
  const leftOut = new Set<string>();
  for (const [namespace, writer] of writers) {
    if (named.has(namespace) || writer.exotic) continue;
    const kind = writer.text;
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
 * The text of a value (an object, or a flow) that tells apart every two
 * values the analysis may read differently: each scalar with its type
 * (`NaN`, `Infinity`, `-0`, `undefined` and `null` included), and objects
 * with their keys in order. A flow endpoint in the namespace being written
 * has no namespace in the text. Each key and scalar the analysis may read as
 * a candidate's name (it reads label values with `String()`) marks that
 * candidate as named. A value of any other kind (a class instance, a
 * function) is exotic: the namespace is not alike to any other.
 */
class CanonicalText {
  public exotic = false;
  private readonly parts: string[] = [];

  constructor(private readonly candidates: Set<string>, private readonly named: Set<string>, private readonly namespace: string | undefined) {}

  public get text(): string {
    return this.parts.join('');
  }

  public write(value: unknown): void {
    switch (typeof value) {
      case 'string':
        if (this.candidates.has(value)) this.named.add(value);
        this.parts.push(JSON.stringify(value));
        return;
      case 'number':
      case 'boolean':
      case 'undefined':
        return this.scalar(value);
      case 'object':
        return this.object(value);
      default:
        this.exotic = true;
    }
  }

  private scalar(value: number | boolean | undefined | null): void {
    const text = String(value);
    if (this.candidates.has(text)) this.named.add(text);
    this.parts.push(Object.is(value, -0) ? '-0' : text);
  }

  private object(value: object | null): void {
    if (value === null) return this.scalar(null);
    if (Array.isArray(value)) {
      this.parts.push('[');
      for (const item of value) {
        this.write(item);
        this.parts.push(',');
      }
      this.parts.push(']');
      return;
    }
    if (value instanceof FlowEndpoint) {
      const own = value.namespace !== undefined && value.namespace === this.namespace;
      return this.write({ namespace: own ? null : value.namespace, labels: value.labels, ip: value.ip, dnsName: value.dnsName });
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      this.exotic = true;
      return;
    }
    this.parts.push('{');
    for (const key of Object.keys(value)) {
      this.write(key);
      this.parts.push(':');
      this.write((value as any)[key]);
      this.parts.push(',');
    }
    this.parts.push('}');
  }
}

/** The namespace an object belongs to: a `Namespace` object's own name, else its `metadata.namespace` when it is a string. */
function namespaceOf(manifest: any): string | undefined {
  const metadata = manifest?.metadata;
  const namespace = isNamespaceObject(manifest) ? metadata?.name : metadata?.namespace;
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

function isPlainNamespace(namespace: string): boolean {
  if (isNamedByTheAnalysis(namespace)) return false;
  try {
    validateNamespace('namespace', namespace);
    return true;
  } catch {
    return false;
  }
}
