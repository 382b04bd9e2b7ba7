import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { newKplusPolicy, PolicyTarget, resolvePolicyTarget, SelectedPodsPolicyProps } from './policy-props';
import { Direction, PolicyRule, RuleList } from './rule-list';
import { Peer } from '../net/peer';
import { Port } from '../net/port';

/** Props of `IngressAllow`. */
export interface IngressAllowProps extends SelectedPodsPolicyProps {
  /**
   * The ingress rules. More can be added with `allowFrom()`.
   * @default - none: the selected pods are ingress-isolated and accept nothing through this policy
   */
  readonly rules?: PolicyRule[];
}

/**
 * Allows the selected pods to accept connections from some peers on some
 * ports, and nothing else (`policyTypes: [Ingress]`).
 *
 * ```ts
 * const ingress = new IngressAllow(chart, 'Ingress', { selector: { app: 'openclaw' } });
 * ingress.allowFrom([Peer.namespaces(['ingress-nginx'])], [Port.tcp(18789)]);
 * ```
 */
export class IngressAllow extends Construct {
  /** The cdk8s-plus NetworkPolicy this emits. */
  public readonly policy: kplus.NetworkPolicy;
  /** Namespace, name and selector of the policy. */
  public readonly target: PolicyTarget;
  private readonly ruleList: RuleList;

  constructor(scope: Construct, id: string, props: IngressAllowProps) {
    super(scope, id);
    this.target = resolvePolicyTarget(this, props, props.selector, 'NetworkPolicy');
    this.policy = newKplusPolicy(this, this.target, true, false);
    this.ruleList = new RuleList(this, this.policy, Direction.INGRESS);
    for (const rule of props.rules ?? []) this.allowFrom(rule.peers, rule.ports);
  }

  /** Allows connections from the peers on the ports. */
  public allowFrom(peers: Peer[], ports: Port[]): void {
    this.ruleList.add(peers, ports);
  }

  /** The rules this policy allows. */
  public get rules(): PolicyRule[] {
    return this.ruleList.rules;
  }
}
