import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { toJson_NetworkPolicySpec as networkPolicySpecJson } from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { PolicyAnnotations } from './annotations';
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
 * Adds validated allow rules to a cdk8s-plus NetworkPolicy, which keeps
 * them and renders the spec. The policy's `cdk8s-openclaw.io/allows`
 * annotation is rendered at synth from that final spec, so that it also
 * tells of rules added straight to the cdk8s-plus object.
 */
export class RuleList {
  private readonly added: PolicyRule[] = [];

  constructor(private readonly scope: Construct, private readonly policy: kplus.NetworkPolicy, private readonly direction: PolicyDirection) {
    const field = direction === PolicyDirection.EGRESS ? 'egress' : 'ingress';
    policy.metadata.addAnnotation(PolicyAnnotations.ALLOWS, Lazy.any({
      produce: () => {
        // The spec as cdk8s-plus renders it (its own rule list), in manifest form.
        const rules: any[] = networkPolicySpecJson(policy._toKube())?.[field] ?? [];
        return rules.length ? describeNetworkPolicyRules(rules, field) : undefined;
      },
    }));
  }

  /** The rules added through `add()` so far (the spec also holds any added straight to the cdk8s-plus policy). */
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
  }
}
