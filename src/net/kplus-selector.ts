/**
 * Reads cdk8s-plus selectors (`IPodSelector`, `INetworkPolicyPeer`) into this
 * library's terms: pods by exact labels, in named namespaces. cdk8s-plus
 * builds its selectors from `toPodSelectorConfig()` and
 * `toNetworkPolicyPeerConfig()` (cdk8s-team/cdk8s-plus `src/pod.ts`,
 * `src/namespace.ts`, `src/network-policy.ts`); a workload (Deployment,
 * StatefulSet, DaemonSet, Job, Pod) selects its pods by the
 * `cdk8s.io/metadata.addr` label it gives them, in its own namespace.
 *
 * A pod selector's `matchExpressions` carry over: `In` with a single value as
 * a label (the same thing), the others (`In` with several values, `NotIn`,
 * `Exists`, `DoesNotExist`) as `LabelRequirement`s, which both the
 * NetworkPolicy `podSelector` and the Cilium `endpointSelector` express.
 * Namespaces are selected by name only, so a namespace selector's
 * expressions are refused with an error that says so.
 *
 * @module
 */
import type * as kplus from 'cdk8s-plus-28';
import { LabelOperator, LabelRequirement, NAMESPACE_NAME_LABEL, validateLabelRequirements, validatePodSelector } from './label-requirement';
import { invalid, sortedLabels, validateNamespaces } from '../validation/rules';

type Labels = { [key: string]: string };

/**
 * The pods a cdk8s-plus selector selects: labels and requirements (sorted),
 * and the namespaces by name (undefined: the policy's own).
 */
export interface KplusPods {
  readonly labels: Labels;
  readonly requirements: LabelRequirement[];
  readonly namespaces?: string[];
}


/** A selector in Kubernetes terms. */
interface KubeLabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: { readonly key: string; readonly operator: string; readonly values?: string[] }[];
}

/** The pods of a cdk8s-plus pod selector. `prop` names it in errors. */
export function readKplusPodSelector(prop: string, selector: kplus.IPodSelector): KplusPods {
  const config = selector.toPodSelectorConfig();
  const { labels, requirements } = podSelector(prop, config.labelSelector);
  const namespaces = config.namespaces;
  if (namespaces === undefined) return { labels, requirements };
  const namespaceLabels = namespaces.labelSelector ? namespaceSelectorLabels(`${prop} namespaces`, namespaces.labelSelector) : {};
  const { [NAMESPACE_NAME_LABEL]: nameLabel, ...otherLabels } = namespaceLabels;
  if (Object.keys(otherLabels).length) {
    throw invalid(`${prop} namespaces`, namespaceLabels,
      'This library selects namespaces by name only; use kplus.Namespaces.select(scope, id, { names: [...] }).');
  }
  const names = [...namespaces.names ?? [], ...nameLabel !== undefined ? [nameLabel] : []];
  if (namespaces.names?.length && nameLabel !== undefined && !namespaces.names.includes(nameLabel)) {
    throw invalid(`${prop} namespaces`, { names: namespaces.names, [NAMESPACE_NAME_LABEL]: nameLabel }, 'The names and the name label select no namespace together.');
  }
  if (names.length === 0) {
    throw invalid(`${prop} namespaces`, 'every namespace',
      'This library selects namespaces by name; name them with kplus.Namespaces.select(scope, id, { names: [...] }).');
  }
  const unique = [...new Set(names)].sort();
  validateNamespaces(`${prop} namespaces`, unique);
  return { labels, requirements, namespaces: unique };
}

/** The peer a cdk8s-plus network policy peer stands for: pods, or an IP block. */
export function readKplusPeer(prop: string, peer: kplus.INetworkPolicyPeer): { pods?: KplusPods; ipBlock?: kplus.NetworkPolicyIpBlock } {
  const config = peer.toNetworkPolicyPeerConfig();
  if (config.ipBlock !== undefined) return { ipBlock: config.ipBlock };
  const selector = peer.toPodSelector();
  if (selector === undefined) throw invalid(prop, peer.node.path, 'A cdk8s-plus peer is pods, namespaces, a workload or an IP block.');
  return { pods: readKplusPodSelector(prop, selector) };
}

/**
 * The labels and requirements of a pod selector. An `In` expression with one
 * value is the same as a label (k8s.io/apimachinery `pkg/labels/selector.go`,
 * `Requirement.Matches`) and carries over as one; the others carry over as
 * they are, validated as the API server and Cilium's agent validate them.
 */
function podSelector(prop: string, selector: kplus.LabelSelector): { labels: Labels; requirements: LabelRequirement[] } {
  const kube = kubeSelector(selector);
  const labels: Labels = { ...kube.matchLabels ?? {} };
  const requirements: LabelRequirement[] = [];
  for (const requirement of validateLabelRequirements(`${prop} matchExpressions`, (kube.matchExpressions ?? []) as LabelRequirement[])) {
    const { key, operator, values } = requirement;
    if (operator === LabelOperator.IN && values!.length === 1 && (labels[key] ?? values![0]) === values![0]) labels[key] = values![0];
    else requirements.push(requirement);
  }
  const valid = validatePodSelector(prop, labels, `${prop} matchExpressions`, requirements, false);
  return { labels: sortedLabels(labels), requirements: valid };
}

/**
 * The labels of a namespace selector: this library selects namespaces by
 * name (the `kubernetes.io/metadata.name` label, or `In` with that one
 * value), so other expressions are refused.
 */
function namespaceSelectorLabels(prop: string, selector: kplus.LabelSelector): Labels {
  const { labels, requirements } = podSelector(prop, selector);
  if (requirements.length) {
    throw invalid(`${prop} matchExpressions`, requirements,
      'This library selects namespaces by name only; use kplus.Namespaces.select(scope, id, { names: [...] }).');
  }
  return labels;
}

/**
 * The labels and expressions of a cdk8s-plus selector, read from its
 * (private) fields: its `_toKube()` drops the labels when all their values
 * are empty (`{ role: '' }`, cdk8s-plus-28 `undefinedIfEmpty`), which would
 * widen the selector to every pod.
 */
function kubeSelector(selector: kplus.LabelSelector): KubeLabelSelector {
  const { labels, expressions } = selector as unknown as { labels: Labels; expressions: kplus.LabelExpression[] };
  return {
    matchLabels: labels,
    matchExpressions: expressions.map(({ key, operator, values }) => values === undefined ? { key, operator } : { key, operator, values }),
  };
}
