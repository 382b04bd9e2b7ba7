import { describeNetworkPolicyRules } from '../analysis/rule-text';
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
 * The allow rules of one NetworkPolicy, validated as they are added: the one
 * place they are kept. The policy's spec (`egress` or `ingress`) and its
 * `cdk8s-openclaw.io/allows` annotation are both rendered from this list at
 * synth, so rules added after construction show in both.
 */
export class RuleList {
  private readonly list: PolicyRule[] = [];

  constructor(public readonly direction: PolicyDirection) {}

  /** The spec field the rules render into: `egress` or `ingress`. */
  public get field(): 'egress' | 'ingress' {
    return this.direction === PolicyDirection.EGRESS ? 'egress' : 'ingress';
  }

  /** The rules added so far, as copies: a change to them changes no policy (`add` is the one way in, validated). */
  public get rules(): PolicyRule[] {
    return this.list.map(rule => ({ peers: [...rule.peers], ports: [...rule.ports] }));
  }

  /** Allows the peers on the ports. Both lists must be non-empty. */
  public add(peers: Peer[], ports: Port[]): void {
    const side = this.direction === PolicyDirection.EGRESS ? 'to' : 'from';
    validateNotEmpty(`${this.direction.toLowerCase()} rule ${side}`, peers,
      'Give at least one peer; NetworkPolicy reads an empty peer list as "everywhere".');
    validateNotEmpty(`${this.direction.toLowerCase()} rule ports`, ports,
      'Give at least one port (Port.allTcp() for every TCP port); NetworkPolicy reads an empty port list as "every port and protocol".');
    this.list.push({ peers: [...peers], ports: uniquePorts(ports) });
  }

  /**
   * The spec's `egress` or `ingress` rules (k8s.io/api `networking/v1`
   * `NetworkPolicyEgressRule`, `NetworkPolicyIngressRule`): one rule per
   * peer, in the order added, each with the ports explicit. Keys in
   * alphabetical order, as cdk8s writes them.
   */
  public toJson(): any[] {
    return this.list.flatMap(({ peers, ports }) => {
      const portsJson = ports.map(networkPolicyPortJson);
      return peers.map(peer => this.direction === PolicyDirection.EGRESS
        ? { ports: portsJson, to: peer._toNetworkPolicyPeers() }
        : { from: peer._toNetworkPolicyPeers(), ports: portsJson });
    });
  }

  /** The `cdk8s-openclaw.io/allows` text of the rendered rules; undefined when there are none. */
  public describe(): string | undefined {
    const rules = this.toJson();
    return rules.length ? describeNetworkPolicyRules(rules, this.field) : undefined;
  }
}

/** A `NetworkPolicyPort`: no port number for every port of the protocol, `endPort` for a range. */
function networkPolicyPortJson(port: Port): { endPort?: number; port?: number; protocol: string } {
  return {
    ...port.endPort !== undefined ? { endPort: port.endPort } : {},
    ...port.portNumber !== undefined ? { port: port.portNumber } : {},
    protocol: port.protocol,
  };
}
