/**
 * Label-selector matching for the analyzer: Kubernetes `LabelSelector`
 * semantics (matchLabels AND matchExpressions), and Cilium's label view of
 * an endpoint (source-prefixed keys such as `k8s:app`).
 *
 * @module
 */

/** Cilium's label for a pod's namespace, without its source prefix. */
const POD_NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
/** Prefix of Cilium's namespace-label labels, without the source prefix. */
const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

/** A compiled selector: true if the labels match. */
export type LabelPredicate = (labels: { [key: string]: string }) => boolean;

/** Compiles a Kubernetes LabelSelector (`{}` matches everything). */
export function compileSelector(selector: any): LabelPredicate {
  const matchLabels: { [key: string]: string } = selector?.matchLabels ?? {};
  const expressions: any[] = selector?.matchExpressions ?? [];
  const required = Object.entries(matchLabels).map(([key, value]) => [key, String(value)] as const);
  const tests = expressions.map(compileExpression);
  return labels => required.every(([key, value]) => labels[key] === value) && tests.every(test => test(labels));
}

function compileExpression(expression: any): LabelPredicate {
  const key = String(expression?.key);
  const values: string[] = (expression?.values ?? []).map(String);
  switch (expression?.operator) {
    case 'In': return labels => key in labels && values.includes(labels[key]);
    case 'NotIn': return labels => !(key in labels) || !values.includes(labels[key]);
    case 'Exists': return labels => key in labels;
    case 'DoesNotExist': return labels => !(key in labels);
    default: return () => false;
  }
}

/**
 * The labels Cilium sees on a pod, without source prefixes: the pod's own
 * labels, `io.kubernetes.pod.namespace`, and its namespace's labels under
 * `io.cilium.k8s.namespace.labels.`.
 */
export function ciliumLabelView(namespace: string, labels: { [key: string]: string },
  namespaceLabels: { [key: string]: string }): { [key: string]: string } {
  const view: { [key: string]: string } = { ...labels, [POD_NAMESPACE_KEY]: namespace };
  for (const [key, value] of Object.entries(namespaceLabels)) view[`${NAMESPACE_LABELS_PREFIX}${key}`] = value;
  return view;
}

/**
 * Compiles a Cilium endpoint selector against `ciliumLabelView`. Keys lose
 * their `k8s:`/`any:` source prefix; keys of other sources (`reserved:`,
 * `cidr:`, …) never match a pod. In a namespaced policy a selector that names
 * neither the pod namespace nor namespace labels is limited to the policy's
 * own namespace; with `overrideNamespace` (an endpointSelector) it always is.
 */
export function compileCiliumSelector(selector: any, policyNamespace: string | undefined, overrideNamespace = false): LabelPredicate {
  const strip = (key: string): string | undefined => {
    const colon = key.indexOf(':');
    if (colon < 0) return key;
    const source = key.slice(0, colon);
    return source === 'k8s' || source === 'any' ? key.slice(colon + 1) : undefined;
  };
  const matchLabels: { [key: string]: string } = {};
  let unmatchable = false;
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    const stripped = strip(key);
    if (stripped === undefined) unmatchable = true;
    else matchLabels[stripped] = String(value);
  }
  const matchExpressions = (selector?.matchExpressions ?? []).map((e: any) => ({ ...e, key: strip(String(e?.key)) ?? '\u0000' }));
  // Cilium scopes a namespaced policy's selectors to its namespace, unless they name the pod
  // namespace or select namespaces by their labels; an endpointSelector is always scoped.
  const keys = [...Object.keys(matchLabels), ...matchExpressions.map((e: any) => e.key)];
  const namesNamespace = keys.some(key => key === POD_NAMESPACE_KEY || key.startsWith(NAMESPACE_LABELS_PREFIX));
  if (policyNamespace !== undefined && (overrideNamespace || !namesNamespace)) {
    matchLabels[POD_NAMESPACE_KEY] = policyNamespace;
    for (const e of matchExpressions) if (overrideNamespace && e.key === POD_NAMESPACE_KEY) e.key = '\u0001ignored';
  }
  const predicate = compileSelector({ matchLabels, matchExpressions });
  return unmatchable ? () => false : predicate;
}

/** The pod a Cilium selector's `matchLabels` and `matchExpressions` describe. */
export interface SampledPod {
  /** The namespace, when the selector names it (`k8s:io.kubernetes.pod.namespace`). */
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** Labels its namespace must carry (`k8s:io.cilium.k8s.namespace.labels.*`). */
  readonly namespaceLabels: { [key: string]: string };
}

/**
 * A pod that a Cilium selector selects, built from its `matchLabels` and its
 * `matchExpressions` (see `sampleLabels`); undefined when it uses labels of
 * another source (`reserved:`, `cidr:`, …), which no sample pod can carry.
 */
export function sampleCiliumSelector(selector: any): SampledPod | undefined {
  const pairs = selector ? sampleLabels(selector) : undefined;
  if (!pairs) return undefined;
  const labels: { [key: string]: string } = {};
  const namespaceLabels: { [key: string]: string } = {};
  let namespace: string | undefined;
  for (const [rawKey, value] of Object.entries(pairs)) {
    const key = rawKey.replace(/^(k8s|any):/, '');
    if (key === POD_NAMESPACE_KEY) namespace = value;
    else if (key.startsWith(NAMESPACE_LABELS_PREFIX)) namespaceLabels[key.slice(NAMESPACE_LABELS_PREFIX.length)] = value;
    else if (key.includes(':')) return undefined;
    else labels[key] = value;
  }
  return { namespace, labels, namespaceLabels };
}

/** The value a sample pod's label takes when any value will do (`Exists`); a sample namespace's name starts with it too. */
export const SAMPLE_VALUE = 'sample';

/**
 * Labels of a pod that a label selector selects: its `matchLabels`, plus for
 * each expression `In` its first value and `Exists` some value (`NotIn` and
 * `DoesNotExist` are met by leaving the label out). Undefined for an unknown
 * operator. The caller checks the sample against the compiled selectors, so a
 * sample that misses (say, `In` and `NotIn` on one key) only loses that pair.
 */
export function sampleLabels(selector: any): { [key: string]: string } | undefined {
  const labels: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) labels[key] = String(value);
  for (const expression of Array.isArray(selector?.matchExpressions) ? selector.matchExpressions : []) {
    const key = String(expression?.key);
    switch (expression?.operator) {
      case 'In':
        labels[key] ??= String(expression.values?.[0]);
        break;
      case 'Exists':
        labels[key] ??= SAMPLE_VALUE;
        break;
      case 'NotIn':
      case 'DoesNotExist':
        break;
      default:
        return undefined;
    }
  }
  return labels;
}
