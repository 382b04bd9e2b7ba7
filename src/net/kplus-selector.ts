/**
 * Reads cdk8s-plus selectors (`IPodSelector`, `INetworkPolicyPeer`) into this
 * library's terms: pods by exact labels, in named namespaces. cdk8s-plus
 * builds its selectors from `toPodSelectorConfig()` and
 * `toNetworkPolicyPeerConfig()` (cdk8s-team/cdk8s-plus `src/pod.ts`,
 * `src/namespace.ts`, `src/network-policy.ts`); a workload (Deployment,
 * StatefulSet, DaemonSet, Job, Pod) selects its pods by the
 * `cdk8s.io/metadata.addr` label it gives them, in its own namespace.
 *
 * The policies and the synth-time checks select pods by exact labels, so a
 * `matchExpressions` entry carries over when it is one: `In` with a single
 * value. Any other expression (`NotIn`, `Exists`, `DoesNotExist`, `In` with
 * several values) is refused with an error that says so.
 *
 * @module
 */
import * as kplus from 'cdk8s-plus-28';
import { invalid, sortedLabels, validateLabels, validateNamespaces } from '../validation/rules';

type Labels = { [key: string]: string };

/** The pods a cdk8s-plus selector selects: exact labels, and the namespaces by name (undefined: the policy's own). */
export interface KplusPods {
  readonly labels: Labels;
  readonly namespaces?: string[];
}

/** The namespace label every namespace carries with its own name (Kubernetes 1.22+). */
const NAME_LABEL = kplus.Namespace.NAME_LABEL;

/** What `LabelSelector._toKube()` returns (cdk8s-plus keeps the selector's fields private). */
interface KubeLabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: { readonly key: string; readonly operator: string; readonly values?: string[] }[];
}

/** The pods of a cdk8s-plus pod selector. `prop` names it in errors. */
export function readKplusPodSelector(prop: string, selector: kplus.IPodSelector): KplusPods {
  const config = selector.toPodSelectorConfig();
  const labels = exactLabels(prop, config.labelSelector);
  const namespaces = config.namespaces;
  if (namespaces === undefined) return { labels };
  const namespaceLabels = namespaces.labelSelector ? exactLabels(`${prop} namespaces`, namespaces.labelSelector) : {};
  const { [NAME_LABEL]: nameLabel, ...otherLabels } = namespaceLabels;
  if (Object.keys(otherLabels).length) {
    throw invalid(`${prop} namespaces`, namespaceLabels,
      'This library selects namespaces by name only; use kplus.Namespaces.select(scope, id, { names: [...] }).');
  }
  const names = [...namespaces.names ?? [], ...nameLabel !== undefined ? [nameLabel] : []];
  if (namespaces.names?.length && nameLabel !== undefined && !namespaces.names.includes(nameLabel)) {
    throw invalid(`${prop} namespaces`, { names: namespaces.names, [NAME_LABEL]: nameLabel }, 'The names and the name label select no namespace together.');
  }
  if (names.length === 0) {
    throw invalid(`${prop} namespaces`, 'every namespace',
      'This library selects namespaces by name; name them with kplus.Namespaces.select(scope, id, { names: [...] }).');
  }
  const unique = [...new Set(names)].sort();
  validateNamespaces(`${prop} namespaces`, unique);
  return { labels, namespaces: unique };
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
 * `matchLabels` plus each `In` expression with one value, which is the same
 * as a label (k8s.io/apimachinery `pkg/labels/selector.go`, `Requirement.Matches`).
 */
function exactLabels(prop: string, selector: kplus.LabelSelector): Labels {
  const kube = (selector as unknown as { _toKube(): KubeLabelSelector })._toKube();
  const labels: Labels = { ...kube.matchLabels ?? {} };
  (kube.matchExpressions ?? []).forEach((expression, i) => {
    const { key, operator, values } = expression;
    if (operator !== 'In' || values?.length !== 1) {
      throw invalid(`${prop} matchExpressions[${i}]`, expression,
        'The policies and their checks select pods by exact labels, so only "In" with one value (the same as a label) carries over;'
        + ' give the pods a label of their own and select it.');
    }
    if (labels[key] !== undefined && labels[key] !== values[0]) {
      throw invalid(`${prop} matchExpressions[${i}]`, expression, `The selector also requires ${key}=${labels[key]}, so it selects no pod.`);
    }
    labels[key] = values[0];
  });
  validateLabels(prop, labels, false);
  return sortedLabels(labels);
}
