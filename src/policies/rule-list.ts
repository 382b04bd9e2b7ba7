import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PolicyAnnotations } from './annotations';
import { policiesChanged } from './revision';
import { Peer } from '../net/peer';
import { Port, uniquePorts } from '../net/port';
import { validateNotEmpty } from '../validation/rules';
import { arrayOf, instanceOf, struct } from '../validation/types';

/** One allow rule of a NetworkPolicy: some peers, on some ports. */
export interface PolicyRule {
  /** The peers (destinations for egress, sources for ingress). */
  readonly peers: Peer[];
  /** The ports. Use `Port.allTcp()` to mean every TCP port. */
  readonly ports: Port[];
}

/** Checks peers given to an allow policy: an array of `Peer`. */
export const arePeers = arrayOf(instanceOf(Peer));

/** Checks ports given to an allow policy: an array of `Port`. */
export const arePorts = arrayOf(instanceOf(Port));

/** Checks a `PolicyRule` given as a prop, such as `rules[0]`. */
export const isPolicyRule = struct({ peers: arePeers, ports: arePorts }, ['peers', 'ports']);

/** The direction of a NetworkPolicy rule. */
export enum PolicyDirection {
  /** Traffic into the selected pods. */
  INGRESS = 'Ingress',
  /** Traffic out of the selected pods. */
  EGRESS = 'Egress',
}

/**
 * Adds validated allow rules to a cdk8s-plus NetworkPolicy and remembers
 * them, so that the building blocks can report what they allow.
 */
export class RuleList {
  private readonly added: PolicyRule[] = [];

  constructor(private readonly scope: Construct, private readonly policy: kplus.NetworkPolicy, private readonly direction: PolicyDirection) {}

  /** The rules added so far. */
  public get rules(): PolicyRule[] {
    return [...this.added];
  }

  /** Allows the peers on the ports. Both lists must be non-empty. */
  public add(peers: Peer[], ports: Port[]): void {
    const side = this.direction === PolicyDirection.EGRESS ? 'to' : 'from';
    validateNotEmpty(`${this.direction.toLowerCase()} rule ${side}`, peers,
      'Give at least one peer; NetworkPolicy reads an empty peer list as "everywhere".');
    validateNotEmpty(`${this.direction.toLowerCase()} rule ports`, ports,
      'Give at least one port (Port.allTcp() for every TCP port); NetworkPolicy reads an empty port list as "every port and protocol".');
    const kubePorts = uniquePorts(ports).map(p => kplus.NetworkPolicyPort.of({
      port: p.portNumber,
      endPort: p.endPort,
      protocol: kplus.NetworkProtocol[p.protocol],
    }));
    for (const peer of peers) {
      const id = `Peer${this.scope.node.children.length}`;
      const kplusPeer = peer._toKplus(this.scope, id);
      if (this.direction === PolicyDirection.EGRESS) this.policy.addEgressRule(kplusPeer, kubePorts);
      else this.policy.addIngressRule(kplusPeer, kubePorts);
    }
    this.added.push({ peers: [...peers], ports: uniquePorts(ports) });
    policiesChanged();
    this.policy.metadata.addAnnotation(PolicyAnnotations.ALLOWS, this.added
      .map(rule => `${side} ${rule.peers.map(peer => peer.description).join(' or ')} on ${rule.ports.join(', ')}`)
      .join('; '));
  }
}
