import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PolicyAnnotations } from './annotations';
import { policyMetadata, PolicyTarget } from './policy-props';
import { PolicyDirection, RuleList } from './rule-list';
import { labelSelectorJson } from '../net/label-requirement';
import { compareText } from '../validation/rules';

/**
 * The NetworkPolicy (`networking.k8s.io/v1`) a policy building block emits:
 * one plain `ApiObject`, whose spec is rendered at synth from the target and
 * from `rules` (the one place the rules are kept), as is its
 * `cdk8s-openclaw.io/allows` annotation. `policyTypes` is always explicit:
 * an egress-only policy says `policyTypes: [Egress]`, so the API server never
 * defaults it to an Ingress policy. `purpose` becomes the purpose annotation.
 *
 * The object sits at `<scope>/Resource/Resource`, where the building blocks
 * emitted it through cdk8s-plus-28 before, so that a name cdk8s generates
 * from the construct path (when no `name` is given) stays the same.
 */
export function newNetworkPolicy(
  scope: Construct, target: PolicyTarget, policyTypes: PolicyDirection[], purpose: string, rules?: RuleList,
): ApiObject {
  const types = [...policyTypes].sort(compareText);
  const podSelector = labelSelectorJson(target.selector, target.selectorRequirements);
  const policy = new ApiObject(new Construct(scope, 'Resource'), 'Resource', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { ...policyMetadata(target), annotations: { [PolicyAnnotations.PURPOSE]: purpose } },
    spec: Lazy.any({
      produce: () => {
        const ruleJson = rules?.toJson() ?? [];
        return { ...ruleJson.length ? { [rules!.field]: ruleJson } : {}, podSelector, policyTypes: types };
      },
    }),
  });
  if (rules !== undefined) policy.metadata.addAnnotation(PolicyAnnotations.ALLOWS, Lazy.any({ produce: () => rules.describe() }));
  return policy;
}
