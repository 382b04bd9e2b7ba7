import { NamespaceLabels, PolicyAnalyzer } from './analyzer';
import { hasCiliumPolicies } from './checks';
import { EnforcementModel } from './enforcement-model';
import { expandLists, namespaceLabelsOf } from './manifests';
import { Partition, partitionOf } from './partition';
import { sampleCiliumSelector } from './selectors';
import { CiliumVersion } from '../net/cilium-version';
import { validateLabels, validateNamespace } from '../validation/rules';

/**
 * The one way the CLI, the validation plugin, the synth-time audit and the
 * tests get an analyzer for a set of manifests: it picks the model (Cilium
 * when Cilium policies are present, unless told), reads the `Namespace`
 * labels and the workloads' named ports of the input (the analyzer does),
 * and builds the partition for the exhaustive connectivity, whose
 * label-only namespaces the analyzer is told about.
 *
 * The synth-time guards cannot afford the partition (synthesis at 1,000
 * tenants must stay cheap), so `analyzeAssumingNamespaceLabels` gives them
 * the same analyzer without it, with the namespaces they ask about labelled
 * as cluster-wide policies may select them.
 *
 * @module
 */

/** An analyzer and the partition of its input. */
export interface Analysis {
  readonly manifests: any[];
  readonly model: EnforcementModel;
  readonly analyzer: PolicyAnalyzer;
  readonly partition: Partition;
}

/** Options of `analyze`. */
export interface AnalyzeOptions {
  /** The model; by default Cilium when Cilium policies are present. */
  readonly model?: EnforcementModel;
  readonly ciliumVersion?: CiliumVersion;
  /** Partition over these manifests instead (a superset), so that two analyses share their classes (`diff`). */
  readonly partitionOver?: any[];
  /** More pods the partition must tell apart (the intent's). */
  readonly distinguish?: { readonly namespace: string; readonly labels: { [key: string]: string } }[];
}

/** Builds the analysis of the manifests (`List` objects are expanded). */
export function analyze(input: any[], options: AnalyzeOptions = {}): Analysis {
  const manifests = expandLists(input.flat());
  const model = options.model ?? defaultModel(manifests);
  const ciliumVersion = options.ciliumVersion ?? CiliumVersion.V1_17;
  const partition = partitionOf(options.partitionOver ? expandLists(options.partitionOver.flat()) : manifests, {
    cilium: model === EnforcementModel.CILIUM,
    multiLabelWildcard: ciliumVersion.isAtLeast(CiliumVersion.V1_19),
    distinguish: options.distinguish,
  });
  const analyzer = PolicyAnalyzer.fromManifests(manifests, { model, ciliumVersion, namespaces: partition.syntheticNamespaces });
  return { manifests, model, analyzer, partition };
}

/** The model to use when the user does not say: Cilium if Cilium policies are present. */
export function defaultModel(manifests: any[]): EnforcementModel {
  return hasCiliumPolicies(manifests) ? EnforcementModel.CILIUM : EnforcementModel.GENERIC;
}

/**
 * A namespace for a pod that two cluster-wide policies may both select:
 * `analyzeAssumingNamespaceLabels` always labels it.
 */
export const CLUSTER_WIDE_SAMPLE_NAMESPACE = 'cluster-wide-sample';

/**
 * An analyzer of the manifests (`List` objects are expanded) in the default
 * model, without the partition: every namespace the manifests or
 * `moreNamespaces` mention, `default` and `CLUSTER_WIDE_SAMPLE_NAMESPACE`
 * carry their `Namespace` object's labels, or else (a namespace no
 * `Namespace` object describes may carry any labels) those that cluster-wide
 * Cilium policies select namespaces by.
 */
export function analyzeAssumingNamespaceLabels(input: any[], moreNamespaces: string[] = []): PolicyAnalyzer {
  const manifests = expandLists(input.flat());
  return PolicyAnalyzer.fromManifests(manifests, {
    model: defaultModel(manifests),
    namespaces: assumedNamespaceLabels(manifests, moreNamespaces),
  });
}

/**
 * The namespaces the manifests mention that no `Namespace` object describes
 * (the analyzer reads those itself), each with the labels cluster-wide
 * policies select namespaces by.
 */
function assumedNamespaceLabels(manifests: any[], moreNamespaces: string[]): NamespaceLabels[] {
  const declared = new Set(namespaceLabelsOf(manifests).map(ns => ns.name));
  const selected: { [key: string]: string } = {};
  const sampledNamespaces: string[] = [];
  for (const m of manifests.filter(o => o?.apiVersion === 'cilium.io/v2' && o?.kind === 'CiliumClusterwideNetworkPolicy')) {
    for (const spec of [m.spec, ...(Array.isArray(m.specs) ? m.specs : [])].filter(s => s)) {
      const sample = sampleCiliumSelector(spec.endpointSelector);
      for (const [key, value] of Object.entries(sample?.namespaceLabels ?? {})) selected[key] ??= value;
      if (sample?.namespace !== undefined) sampledNamespaces.push(sample.namespace);
    }
  }
  const names = new Set<string>([
    'default',
    CLUSTER_WIDE_SAMPLE_NAMESPACE,
    ...sampledNamespaces,
    ...manifests.map(m => m?.metadata?.namespace).filter((ns): ns is string => typeof ns === 'string'),
    ...moreNamespaces,
  ]);
  return [...names].filter(name => !declared.has(name) && canCarry(name, selected)).map(name => ({ name, labels: selected }));
}

/** False for a hand-written name or labels that no real namespace can have. */
function canCarry(name: string, labels: { [key: string]: string }): boolean {
  try {
    validateNamespace('namespace', name);
    validateLabels('namespace labels', labels, false);
    return true;
  } catch {
    return false;
  }
}
