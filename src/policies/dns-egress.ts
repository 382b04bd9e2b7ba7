import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { describePods } from './annotations';
import { newNetworkPolicy } from './network-policy-object';
import { PolicyTarget, resolvePolicyTarget, SelectedPodsPolicyProps } from './policy-props';
import { PolicyDirection, RuleList } from './rule-list';
import { DnsTarget, validateDnsTargets } from '../net/dns-target';
import { arrayOf, checkProps, instanceOf } from '../validation/types';

/** Props of `DnsEgress`. */
export interface DnsEgressProps extends SelectedPodsPolicyProps {
  /**
   * Where the cluster's DNS servers are.
   * @default [DnsTarget.kubeDns()]
   */
  readonly targets?: DnsTarget[];
}

/** The type checks of the props, made once. */
const DNS_EGRESS_PROP_CHECKS = { targets: arrayOf(instanceOf(DnsTarget)) };

/**
 * Allows the selected pods to send DNS queries, UDP and TCP, to the cluster's
 * DNS servers only: never to "any pod on port 53", which would let a
 * compromised pod tunnel data through any pod that listens there.
 */
export class DnsEgress extends Construct {
  /** The NetworkPolicy this emits (`networking.k8s.io/v1`), a plain API object. */
  public readonly policy: ApiObject;
  /** Namespace, name and selector of the policy. */
  public readonly target: PolicyTarget;
  /** The DNS servers allowed. */
  public readonly targets: DnsTarget[];

  constructor(scope: Construct, id: string, props: DnsEgressProps) {
    checkProps('props', props, DNS_EGRESS_PROP_CHECKS, ['selector']);
    super(scope, id);
    this.targets = props.targets ?? [DnsTarget.kubeDns()];
    validateDnsTargets('targets', this.targets);
    this.target = resolvePolicyTarget(this, props, props.selector, 'NetworkPolicy');
    const rules = new RuleList(PolicyDirection.EGRESS);
    for (const dns of this.targets) rules.add([dns.peer], dns.ports);
    this.policy = newNetworkPolicy(this, this.target, [PolicyDirection.EGRESS],
      `DNS for ${describePods(this.target.selector, this.target.selectorRequirements)}: queries only to ${this.targets.map(t => t.description).join(' and ')}, on UDP and TCP.`,
      rules);
  }
}
