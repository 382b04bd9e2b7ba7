import { compareText, invalid, isPlainObject, sortedLabels, validateLabelValue, validateSelectorKey, validateSelectorLabels } from '../validation/rules';

type Labels = { [key: string]: string };

/** How a `LabelRequirement` relates a label key to its values (a Kubernetes `matchExpressions` operator). */
export enum LabelOperator {
  /** The label is set to one of the values. */
  IN = 'In',
  /** The label is not set, or set to none of the values. */
  NOT_IN = 'NotIn',
  /** The label is set, to any value. */
  EXISTS = 'Exists',
  /** The label is not set. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * One entry of a label selector's `matchExpressions`: a requirement on one
 * label, ANDed with the selector's labels and its other requirements.
 */
export interface LabelRequirement {
  /** The label key. */
  readonly key: string;
  /** How the label relates to `values`. */
  readonly operator: LabelOperator;
  /**
   * The values: at least one for `IN` and `NOT_IN`, none for `EXISTS` and `DOES_NOT_EXIST`.
   * @default - none
   */
  readonly values?: string[];
}

const OPERATORS: string[] = Object.values(LabelOperator);

/** The namespace label every namespace carries with its own name (Kubernetes 1.22+; cdk8s-plus's `Namespace.NAME_LABEL`). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Validates requirements the way the API server and Cilium's agent do, and
 * returns them sorted (values sorted and unique), for stable output.
 *
 * Sources: kubernetes/kubernetes
 * `staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go`
 * (`ValidateLabelSelectorRequirement`: a known operator, values "must be
 * specified when `operator` is 'In' or 'NotIn'" and "may not be specified when
 * `operator` is 'Exists' or 'DoesNotExist'", the key a label name, each value
 * a label value); cilium/cilium `pkg/policy/api/selector.go`
 * (`EndpointSelector.sanitize` applies the same rules, and the agent drops a
 * policy that breaks them).
 */
export function validateLabelRequirements(prop: string, requirements: LabelRequirement[]): LabelRequirement[] {
  if (!Array.isArray(requirements)) {
    throw invalid(prop, requirements, 'Give an array of { key, operator, values } requirements (a Kubernetes matchExpressions).');
  }
  const valid = requirements.map((requirement, i) => validateLabelRequirement(`${prop}[${i}]`, requirement));
  return valid.sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
}

function validateLabelRequirement(prop: string, requirement: LabelRequirement): LabelRequirement {
  if (!isPlainObject(requirement)) throw invalid(prop, requirement, 'A requirement is { key, operator, values }.');
  const { key, operator, values } = requirement;
  validateSelectorKey(`${prop}.key`, key);
  if (!OPERATORS.includes(operator)) {
    throw invalid(`${prop}.operator`, operator, `Use one of ${Object.keys(LabelOperator).map(name => `LabelOperator.${name}`).join(', ')}.`);
  }
  const takesValues = operator === LabelOperator.IN || operator === LabelOperator.NOT_IN;
  if (values !== undefined && !Array.isArray(values)) throw invalid(`${prop}.values`, values, 'Give an array of label values.');
  if (takesValues && !values?.length) {
    throw invalid(`${prop}.values`, values ?? [], `${operator} needs at least one value (the API server and Cilium's agent reject it without).`);
  }
  if (!takesValues && values?.length) {
    throw invalid(`${prop}.values`, values, `${operator} takes no values (the API server and Cilium's agent reject it with values).`);
  }
  (values ?? []).forEach((value, i) => validateLabelValue(`${prop}.values[${i}]`, value));
  return takesValues ? { key, operator, values: [...new Set(values)].sort(compareText) } : { key, operator };
}

/**
 * Validates a pod selector: its labels (`prop`) and requirements
 * (`requirementsProp`), and that together they select some pod. With
 * `requireOne`, the pods must carry at least one label the selector names (a
 * label, or an `IN` or `EXISTS` requirement): otherwise it selects every pod
 * of the namespace but those it excludes. Returns the requirements sorted.
 */
export function validatePodSelector(
  prop: string, labels: Labels, requirementsProp: string, requirements: LabelRequirement[], requireOne: boolean,
): LabelRequirement[] {
  const valid = validateLabelRequirements(requirementsProp, requirements);
  validateSelectorLabels(prop, labels, requireOne && !valid.some(requiresLabel));
  if (labelsSelectedBy(labels, valid) === undefined) {
    throw invalid(requirementsProp, valid.map(describeRequirement), `Together with ${prop} ${JSON.stringify(labels)} no pod can match them, so the policy would select no pod.`);
  }
  return valid;
}

/**
 * The labels of a pod that `labels` and `requirements` both select, or
 * undefined when they select no pod at all (such as `tier In (a)` with
 * `tier NotIn (a)`, or `tier` both required and excluded). Each key gets the
 * smallest value it may have (`sample` when any value not excluded will do);
 * keys that must be absent, or may be, are left out. Used to refuse a
 * selector that selects nothing, and as the sample pod of the synth-time
 * checks.
 */
export function labelsSelectedBy(labels: Labels, requirements: LabelRequirement[]): Labels | undefined {
  if (requirements.length === 0) return sortedLabels(labels); // labels alone select the pods that carry them
  const keys = [...new Set([...Object.keys(labels), ...requirements.map(r => r.key)])].sort(compareText);
  const sample: Labels = {};
  for (const key of keys) {
    const on = requirements.filter(r => r.key === key);
    const of = (operator: LabelOperator) => on.filter(r => r.operator === operator);
    const excluded = new Set(of(LabelOperator.NOT_IN).flatMap(r => r.values ?? []));
    const allowedSets = [...key in labels ? [[labels[key]]] : [], ...of(LabelOperator.IN).map(r => r.values ?? [])];
    const mustExist = allowedSets.length > 0 || of(LabelOperator.EXISTS).length > 0;
    if (of(LabelOperator.DOES_NOT_EXIST).length) {
      if (mustExist) return undefined;
      continue;
    }
    if (!mustExist) continue;
    if (allowedSets.length === 0) {
      sample[key] = anyValueBut(excluded);
      continue;
    }
    const candidates = allowedSets.reduce((common, set) => common.filter(value => set.includes(value)))
      .filter(value => !excluded.has(value)).sort(compareText);
    if (candidates.length === 0) return undefined;
    sample[key] = candidates[0];
  }
  return sample;
}

/** A label value outside `excluded`. */
function anyValueBut(excluded: Set<string>): string {
  for (let n = 0; ; n++) {
    const value = n === 0 ? 'sample' : `sample-${n}`;
    if (!excluded.has(value)) return value;
  }
}

/** True if a requirement selects only pods that carry its label (`IN`, `EXISTS`). */
export function requiresLabel(requirement: LabelRequirement): boolean {
  return requirement.operator === LabelOperator.IN || requirement.operator === LabelOperator.EXISTS;
}

/** A requirement as the Kubernetes selector syntax writes it: `tier in (a,b)`, `tier notin (a)`, `tier`, `!tier`. */
export function describeRequirement(requirement: LabelRequirement): string {
  const values = `(${(requirement.values ?? []).join(',')})`;
  switch (requirement.operator) {
    case LabelOperator.IN: return `${requirement.key} in ${values}`;
    case LabelOperator.NOT_IN: return `${requirement.key} notin ${values}`;
    case LabelOperator.EXISTS: return requirement.key;
    case LabelOperator.DOES_NOT_EXIST: return `!${requirement.key}`;
  }
}

/** A requirement read back from `describeRequirement`'s text; undefined when the text is not one (a label key has no space, `!` or parenthesis). */
export function parseRequirement(text: string): LabelRequirement | undefined {
  const match = /^(!?)([^\s!()]+)(?: (in|notin) \(([^()\s]*)\))?$/.exec(text);
  if (!match) return undefined;
  const [, not, key, operator, values] = match;
  if (operator === undefined) return { key, operator: not ? LabelOperator.DOES_NOT_EXIST : LabelOperator.EXISTS };
  if (not || values === '') return undefined;
  return { key, operator: operator === 'in' ? LabelOperator.IN : LabelOperator.NOT_IN, values: values.split(',') };
}

/** A Kubernetes `matchExpressions` entry, with the key under `keyPrefix` (Cilium's `k8s:` source, or none). */
export function toMatchExpression(requirement: LabelRequirement, keyPrefix = ''): { key: string; operator: string; values?: string[] } {
  const key = `${keyPrefix}${requirement.key}`;
  const { operator, values } = requirement;
  return values === undefined ? { key, operator } : { key, operator, values: [...values] };
}

/**
 * A Kubernetes `LabelSelector` (as in a NetworkPolicy's `podSelector`): `{}`
 * (every pod) without labels and requirements, else `matchExpressions`
 * and/or `matchLabels`. Keys in alphabetical order, as cdk8s writes them.
 * A label with an empty value stays a label (it selects the pods that
 * carry the key with no value), where cdk8s-plus 2.5.6 would drop a
 * selector whose values are all empty and select every pod.
 */
export function labelSelectorJson(labels: Labels, requirements: LabelRequirement[]): { matchExpressions?: any[]; matchLabels?: Labels } {
  const hasLabels = Object.keys(labels).length > 0;
  return {
    ...requirements.length ? { matchExpressions: requirements.map(requirement => toMatchExpression(requirement)) } : {},
    ...hasLabels ? { matchLabels: { ...labels } } : {},
  };
}
