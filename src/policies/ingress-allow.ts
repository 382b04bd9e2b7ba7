import { Construct } from 'constructs';
import { AllowPolicy } from './allow-policy';
import { SelectedPodsPolicyProps } from './policy-props';
import { arePeers, arePorts, PolicyDirection, PolicyRule } from './rule-list';
import { Peer } from '../net/peer';
import { Port } from '../net/port';
import { checkArgument } from '../validation/types';

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
export class IngressAllow extends AllowPolicy {
  constructor(scope: Construct, id: string, props: IngressAllowProps) {
    super(scope, id, props, PolicyDirection.INGRESS);
    for (const rule of props.rules ?? []) this.allowFrom(rule.peers, rule.ports);
  }

  /** Allows connections from the peers on the ports. */
  public allowFrom(peers: Peer[], ports: Port[]): void {
    checkArgument('peers', peers, arePeers);
    checkArgument('ports', ports, arePorts);
    this._ruleList.add(peers, ports);
  }
}
