import { PolicyAnalyzer } from './analyzer';
import { hasCiliumPolicies } from './checks';
import { EnforcementModel } from './enforcement-model';
import { expandLists } from './manifests';
import { Partition, partitionOf } from './partition';
import { CiliumVersion } from '../net/cilium-version';

/**
 * The one way the CLI, the validation plugin, the synth-time audit and the
 * tests get an analyzer for a set of manifests: it picks the model (Cilium
 * when Cilium policies are present, unless told), reads the `Namespace`
 * labels and the workloads' named ports of the input (the analyzer does),
 * and builds the partition for the exhaustive connectivity, whose
 * label-only namespaces the analyzer is told about.
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
