import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { describePods, PolicyAnnotations } from './annotations';
import { newNetworkPolicy } from './network-policy-object';
import { PolicyTarget, resolvePolicyTarget, SelectedPodsPolicyProps } from './policy-props';
import { isPolicyRule, PolicyDirection, PolicyRule, RuleList } from './rule-list';
import { arrayOf, checkProps } from '../validation/types';

/** The type checks of the props, made once. */
const ALLOW_POLICY_PROP_CHECKS = { rules: arrayOf(isPolicyRule) };

/**
 * A NetworkPolicy of one direction that allows listed peers on listed ports
 * and nothing else. `EgressAllow` and `IngressAllow` are its two forms.
 */
export abstract class AllowPolicy extends Construct {
  /**
   * The NetworkPolicy this emits (`networking.k8s.io/v1`), a plain API object
   * whose spec is rendered from `rules` at synth. Add rules with the
   * construct's own methods; a change made through `addJsonPatch` is judged
   * by the synth-time checks like any other object, but does not show in
   * the `cdk8s-openclaw.io/allows` annotation.
   */
  public readonly policy: ApiObject;
  /** Namespace, name and selector of the policy. */
  public readonly target: PolicyTarget;
  /** @internal */
  protected readonly _ruleList: RuleList;

  /** Checks the props of both forms (each has `rules`) before anything is built. */
  protected constructor(scope: Construct, id: string, props: SelectedPodsPolicyProps, direction: PolicyDirection) {
    checkProps('props', props, ALLOW_POLICY_PROP_CHECKS, ['selector']);
    super(scope, id);
    this.target = resolvePolicyTarget(this, props, props.selector, 'NetworkPolicy');
    const what = direction === PolicyDirection.EGRESS ? 'Egress' : 'Ingress';
    this._ruleList = new RuleList(direction);
    this.policy = newNetworkPolicy(this, this.target, [direction],
      `${what} allow-list for ${describePods(this.target.selector, this.target.selectorRequirements)}: only the peers and ports in ${PolicyAnnotations.ALLOWS}; everything else stays denied.`,
      this._ruleList);
  }

  /** The rules this policy allows. */
  public get rules(): PolicyRule[] {
    return this._ruleList.rules;
  }
}
