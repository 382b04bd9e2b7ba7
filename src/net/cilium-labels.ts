import { CiliumMatchExpressionJson } from './cilium-json';
import { LabelRequirement, toMatchExpression } from './label-requirement';
import { sortedLabels } from '../validation/rules';

/** Cilium's label for a pod's namespace in endpoint selectors. */
export const CILIUM_NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace';

/** Prefix of Cilium's labels for the labels of a pod's namespace (`k8s:io.cilium.k8s.namespace.labels.<key>`). */
export const CILIUM_NAMESPACE_LABELS_PREFIX = 'k8s:io.cilium.k8s.namespace.labels.';

/**
 * A Cilium `matchLabels` for pods with these Kubernetes labels, in one named
 * namespace and/or in namespaces that carry the given labels. Keys are
 * sorted, so that output is stable.
 */
export function ciliumPodLabels(
  podLabels: { [key: string]: string },
  namespace?: string,
  namespaceLabels: { [key: string]: string } = {},
): { [key: string]: string } {
  const matchLabels: { [key: string]: string } = {};
  if (namespace !== undefined) matchLabels[CILIUM_NAMESPACE_LABEL] = namespace;
  for (const [key, value] of Object.entries(namespaceLabels)) matchLabels[`${CILIUM_NAMESPACE_LABELS_PREFIX}${key}`] = value;
  for (const [key, value] of Object.entries(podLabels)) matchLabels[`k8s:${key}`] = value;
  return sortedLabels(matchLabels);
}

/**
 * The `matchExpressions` of a Cilium selector, to spread beside its
 * `matchLabels`: `{}` without requirements. Keys take the same source prefix
 * as the selector's `matchLabels` (`k8s:` as `ciliumPodLabels` writes them,
 * or none, which Cilium reads as any source: cilium/cilium
 * `pkg/policy/api/selector.go`, `EndpointSelector.UnmarshalJSON` extends
 * both `matchLabels` and `matchExpressions` keys with `GetExtendedKeyFrom`).
 */
export function ciliumMatchExpressions(requirements: LabelRequirement[], prefix: '' | 'k8s:'): { matchExpressions?: CiliumMatchExpressionJson[] } {
  return requirements.length ? { matchExpressions: requirements.map(requirement => toMatchExpression(requirement, prefix)) } : {};
}
