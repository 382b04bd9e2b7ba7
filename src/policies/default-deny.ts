import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { describePods } from './annotations';
import { newNetworkPolicy } from './network-policy-object';
import { PolicyProps, PolicyTarget, resolvePolicyTarget } from './policy-props';
import { PolicyDirection } from './rule-list';
import { invalid } from '../validation/rules';
import { checkProps, isBoolean } from '../validation/types';

/** Props of `DefaultDeny`. */
export interface DefaultDenyProps extends PolicyProps {
  /**
   * Labels of the pods to isolate.
   * @default {} - every pod in the namespace
   */
  readonly selector?: { [key: string]: string };

  /**
   * Deny all ingress not allowed by another policy.
   * @default true
   */
  readonly ingress?: boolean;

  /**
   * Deny all egress not allowed by another policy. Remember that this blocks
   * DNS too: pair it with `DnsEgress`.
   * @default true
   */
  readonly egress?: boolean;
}

/** The type checks of the props, made once. */
const DEFAULT_DENY_PROP_CHECKS = { ingress: isBoolean, egress: isBoolean };

/**
 * Isolates pods: a NetworkPolicy with the given policy types and no rules, so
 * that only what other policies allow gets through.
 */
export class DefaultDeny extends Construct {
  /** The NetworkPolicy this emits (`networking.k8s.io/v1`), a plain API object. */
  public readonly policy: ApiObject;
  /** Namespace, name and selector of the policy. */
  public readonly target: PolicyTarget;

  constructor(scope: Construct, id: string, props: DefaultDenyProps = {}) {
    checkProps('props', props, DEFAULT_DENY_PROP_CHECKS);
    super(scope, id);
    const ingress = props.ingress ?? true;
    const egress = props.egress ?? true;
    if (!ingress && !egress) {
      throw invalid('ingress/egress', { ingress, egress }, 'DefaultDeny needs at least one direction to deny.');
    }
    this.target = resolvePolicyTarget(this, props, props.selector ?? {}, 'NetworkPolicy');
    const directions = [ingress ? 'ingress' : undefined, egress ? 'egress' : undefined].filter(d => d).join(' and ');
    const policyTypes = [...egress ? [PolicyDirection.EGRESS] : [], ...ingress ? [PolicyDirection.INGRESS] : []];
    this.policy = newNetworkPolicy(this, this.target, policyTypes,
      `Default deny of ${directions} for ${describePods(this.target.selector, this.target.selectorRequirements)} in this namespace: only what other policies allow gets through.`);
  }
}
