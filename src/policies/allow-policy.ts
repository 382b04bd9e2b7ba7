import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { describePods, PolicyAnnotations } from './annotations';
import { newKplusPolicy, PolicyTarget, resolvePolicyTarget, SelectedPodsPolicyProps } from './policy-props';
import { isPolicyRule, PolicyDirection, PolicyRule, RuleList } from './rule-list';
import { arrayOf, checkProps } from '../validation/types';

/**
 * A NetworkPolicy of one direction that allows listed peers on listed ports
 * and nothing else. `EgressAllow` and `IngressAllow` are its two forms.
 */
export abstract class AllowPolicy extends Construct {
  /** The cdk8s-plus NetworkPolicy this emits. */
  public readonly policy: kplus.NetworkPolicy;
  /** Namespace, name and selector of the policy. */
  public readonly target: PolicyTarget;
  /** @internal */
  protected readonly _ruleList: RuleList;

  /** Checks the props of both forms (each has `rules`) before anything is built. */
  protected constructor(scope: Construct, id: string, props: SelectedPodsPolicyProps, direction: PolicyDirection) {
    checkProps('props', props, { rules: arrayOf(isPolicyRule) }, ['selector']);
    super(scope, id);
    this.target = resolvePolicyTarget(this, props, props.selector, 'NetworkPolicy');
    const what = direction === PolicyDirection.EGRESS ? 'Egress' : 'Ingress';
    this.policy = newKplusPolicy(this, this.target, direction === PolicyDirection.INGRESS, direction === PolicyDirection.EGRESS,
      `${what} allow-list for ${describePods(this.target.selector, this.target.selectorRequirements)}: only the peers and ports in ${PolicyAnnotations.ALLOWS}; everything else stays denied.`);
    this._ruleList = new RuleList(this, this.policy, direction);
  }

  /** The rules this policy allows. */
  public get rules(): PolicyRule[] {
    return this._ruleList.rules;
  }
}
