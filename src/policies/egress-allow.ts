import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { newKplusPolicy, PolicyTarget, resolvePolicyTarget, SelectedPodsPolicyProps } from './policy-props';
import { Direction, PolicyRule, RuleList } from './rule-list';
import { Peer } from '../net/peer';
import { Port } from '../net/port';

/** Props of `EgressAllow`. */
export interface EgressAllowProps extends SelectedPodsPolicyProps {
  /**
   * The egress rules. More can be added with `allowTo()`.
   * @default - none: the selected pods are egress-isolated and may reach nothing through this policy
   */
  readonly rules?: PolicyRule[];
}

/**
 * Allows the selected pods to open connections to some peers on some ports,
 * and nothing else (`policyTypes: [Egress]`).
 *
 * ```ts
 * const egress = new EgressAllow(chart, 'Egress', { selector: { app: 'openclaw' } });
 * egress.allowTo(Peer.publicInternet(), [Port.tcp(443)]);
 * ```
 */
export class EgressAllow extends Construct {
  /** The cdk8s-plus NetworkPolicy this emits. */
  public readonly policy: kplus.NetworkPolicy;
  /** Namespace, name and selector of the policy. */
  public readonly target: PolicyTarget;
  private readonly ruleList: RuleList;

  constructor(scope: Construct, id: string, props: EgressAllowProps) {
    super(scope, id);
    this.target = resolvePolicyTarget(this, props, props.selector, 'NetworkPolicy');
    this.policy = newKplusPolicy(this, this.target, false, true);
    this.ruleList = new RuleList(this, this.policy, Direction.EGRESS);
    for (const rule of props.rules ?? []) this.allowTo(rule.peers, rule.ports);
  }

  /** Allows connections to the peers on the ports. */
  public allowTo(peers: Peer[], ports: Port[]): void {
    this.ruleList.add(peers, ports);
  }

  /** The rules this policy allows. */
  public get rules(): PolicyRule[] {
    return this.ruleList.rules;
  }
}
