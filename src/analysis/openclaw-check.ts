import { analyze, Analysis, AnalyzeOptions } from './analyzer-factory';
import { computeConnectivity, peerClassCount, PodConnectivity } from './connectivity';
import { FlowEndpoint } from './flow-endpoint';
import { runGuards } from './guards';
import { intentPods, OpenClawIntent } from './intent';
import { Difference, judge, Judgement } from './judge';
import { Workload, workloadsOf } from './manifests';
import { PodClass, podClassOf } from './partition';
import { compileSelector, LabelPredicate } from './selectors';
import { labelsSelectedBy, toMatchExpression } from '../net/label-requirement';

/**
 * The OpenClaw check of a set of manifests: the exhaustive connectivity of
 * the OpenClaw pods, judged against the intent, plus what Cilium's agent
 * rejects and the guards that synthesis runs (`runGuards`), so that `check`,
 * the validation plugin and `diff` fail what synthesis fails.
 *
 * @module
 */

/** One violation: a rule id and a message naming the objects involved and the fix. */
export interface Violation {
  readonly rule: string;
  readonly message: string;
}

/** What the check found. */
export interface OpenClawCheck {
  readonly analysis: Analysis;
  /** The OpenClaw pods (classes of the partition), with their workloads. */
  readonly pods: PodClass[];
  /** Every workload of the input (to list when none matches the selector). */
  readonly workloads: Workload[];
  readonly connectivity: PodConnectivity[];
  readonly judgement: Judgement;
  readonly violations: Violation[];
  /** Input the model cannot represent. */
  readonly warnings: string[];
  /** "exhaustive: 41 peer classes × (9 port intervals × TCP, UDP, SCTP + 1 type interval × ICMP, ICMPv6), both directions, 1 OpenClaw pod". */
  readonly coverage: string;
}

/** Runs the check. */
export function checkOpenClaw(manifests: any[], intent: OpenClawIntent, options: AnalyzeOptions = {}): OpenClawCheck {
  const requirements = intent.selectorRequirements ?? [];
  // A pod the selector selects (its requirements met), or none when they contradict its labels.
  const sample = labelsSelectedBy(intent.selector, requirements);
  const samplePods = sample ? (intent.namespaces ?? ['default']).map(namespace => ({ namespace, labels: sample })) : [];
  const analysis = analyze(manifests, { ...options, distinguish: [...options.distinguish ?? [], ...intentPods(intent), ...samplePods] });
  const { analyzer, partition } = analysis;
  const workloads = workloadsOf(analysis.manifests);
  const selects = compileSelector({ matchLabels: intent.selector, matchExpressions: requirements.map(r => toMatchExpression(r)) });
  const pods = openClawPods(analysis, workloads, selects, sample, intent);
  const connectivity = computeConnectivity(analyzer, partition, pods);
  const judgement = judge(analysis, connectivity, intent);
  const violations: Violation[] = [
    ...analyzer.invalidPolicies.map(p => ({
      rule: 'cilium-agent-rejected',
      message: `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name} is rejected by Cilium's agent and dropped whole: `
        + `${p.path}: ${p.message} (${p.upstream}). None of its rules apply, DNS-proxy rules included. Fix: ${p.fix}`,
    })),
    ...pods.flatMap(pod => analyzer.policyResolutionErrors(FlowEndpoint.pod(pod.namespace, pod.labels))
      .map(message => ({ rule: 'cilium-policy-unresolvable', message }))),
    ...judgement.differences.map((d: Difference) => ({ rule: d.rule, message: d.message })),
    ...runGuards(analysis.manifests).findings,
  ];
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : what.endsWith('s') ? 'es' : 's'}`;
  const coverage = `exhaustive: ${plural(peerClassCount(partition), 'peer class')}`
    + ` × (${plural(partition.portStarts.length, 'port interval')} × TCP, UDP, SCTP + ${plural(partition.icmpTypeStarts.length, 'type interval')} × ICMP, ICMPv6),`
    + ` both directions, ${plural(pods.length, 'OpenClaw pod')} (model: ${analysis.model.toLowerCase()})`;
  return { analysis, pods, workloads, connectivity, judgement, violations: unique(violations), warnings: analyzer.warnings, coverage };
}

/**
 * The OpenClaw pods: the workloads (in `namespaces`, when given, and not in
 * `excludedNamespaces`) whose pod
 * labels the selector selects (with all their labels; none if no workload
 * matches); with no workload in the input at all, a pod the selector selects
 * (`sample`: its labels and its requirements met, `labelsSelectedBy`) in each
 * namespace (class, for cluster-wide policies) where some policy selects such
 * pods.
 */
function openClawPods(analysis: Analysis, workloads: Workload[], selects: LabelPredicate,
  sample: { [key: string]: string } | undefined, { namespaces, excludedNamespaces }: OpenClawIntent): PodClass[] {
  const { analyzer, partition } = analysis;
  const inNamespaces = (namespace: string) =>
    (namespaces === undefined || namespaces.includes(namespace)) && !excludedNamespaces?.includes(namespace);
  const matching = workloads.filter(w => inNamespaces(w.namespace) && selects(w.labels));
  const classes = workloads.length
    ? matching.map(w => partition.podsByNamespace.get(w.namespace)?.find(p => p.workloads.includes(`${w.kind} ${w.namespace}/${w.name}`)))
    : sample === undefined ? []
      : policyNamespaces(analysis).filter(ns => inNamespaces(ns) && analyzer.policiesSelecting(FlowEndpoint.pod(ns, sample)).length > 0)
        .map(ns => podClassOf(partition, ns, sample));
  return [...new Set(classes.filter((c): c is PodClass => c !== undefined))];
}

/** The namespaces policies may select pods in: their own, and every namespace class for cluster-wide ones. */
function policyNamespaces(analysis: Analysis): string[] {
  const policies = analysis.analyzer._policies();
  const namespaced = policies.map(policy => policy.namespace).filter((ns): ns is string => ns !== undefined);
  const all = policies.some(policy => policy.namespace === undefined) ? [...analysis.partition.podsByNamespace.keys()] : [];
  return [...new Set([...namespaced, ...all])];
}

function unique(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter(v => !seen.has(v.message) && seen.add(v.message) !== undefined);
}
