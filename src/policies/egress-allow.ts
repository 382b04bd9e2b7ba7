import { Construct } from 'constructs';
import { AllowPolicy } from './allow-policy';
import { SelectedPodsPolicyProps } from './policy-props';
import { arePeers, arePorts, PolicyDirection, PolicyRule } from './rule-list';
import { Peer } from '../net/peer';
import { Port } from '../net/port';
import { checkArgument } from '../validation/types';

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
export class EgressAllow extends AllowPolicy {
  constructor(scope: Construct, id: string, props: EgressAllowProps) {
    super(scope, id, props, PolicyDirection.EGRESS);
    for (const rule of props.rules ?? []) this.allowTo(rule.peers, rule.ports);
  }

  /** Allows connections to the peers on the ports. */
  public allowTo(peers: Peer[], ports: Port[]): void {
    checkArgument('peers', peers, arePeers);
    checkArgument('ports', ports, arePorts);
    this._ruleList.add(peers, ports);
  }
}
