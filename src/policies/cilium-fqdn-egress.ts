import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { egressAllowsInApp } from './egress-allow';
import { policyMetadata, PolicyTarget, resolvePolicyTarget, SelectedPodsPolicyProps } from './policy-props';
import { EndpointSet } from '../catalog/endpoint-set';
import {
  CiliumNetworkPolicy,
  CiliumNetworkPolicySpecEgress,
  CiliumNetworkPolicySpecEgressToPortsPorts,
  CiliumNetworkPolicySpecEgressToPortsPortsProtocol,
} from '../imports/cilium.io';
import { DnsTarget, validateDnsTargets } from '../net/dns-target';
import { Fqdn, uniqueFqdns } from '../net/fqdn';
import { describeLabels } from '../net/peer';
import { Port, uniquePorts } from '../net/port';

/** Props of `CiliumFqdnEgress`. */
export interface CiliumFqdnEgressProps extends SelectedPodsPolicyProps {
  /**
   * Endpoint sets to allow (catalog entries such as `AiProvider.ANTHROPIC`, or `EndpointSet.of(...)`).
   * More can be added with `allowEndpoints()`.
   * @default []
   */
  readonly endpoints?: EndpointSet[];

  /**
   * Where the cluster's DNS servers are. Each gets an egress rule with an L7
   * `rules.dns` section, so that Cilium's DNS proxy sees the answers and
   * learns the IPs behind the allowed names.
   * @default [DnsTarget.kubeDns()]
   */
  readonly dnsTargets?: DnsTarget[];
}

/**
 * A CiliumNetworkPolicy that limits the selected pods' egress to DNS (through
 * Cilium's DNS proxy) and an allow-list of DNS names (`toFQDNs`).
 *
 * It gets the details right that hand-written policies miss:
 * - the DNS rule carries `rules.dns`, without which `toFQDNs` never matches;
 * - `toFQDNs` sits in rules of its own, never beside other L3 selectors;
 * - at synth time it fails if a NetworkPolicy in the same chart allows the
 *   same pods to reach public IPs (in any chart of the app), because Cilium adds both policies' allows
 *   together and the allow-list would restrict nothing.
 */
export class CiliumFqdnEgress extends Construct {
  /** The CiliumNetworkPolicy this emits. */
  public readonly policy: CiliumNetworkPolicy;
  /** Namespace, name and selector of the policy. */
  public readonly target: PolicyTarget;
  /** The DNS servers allowed. */
  public readonly dnsTargets: DnsTarget[];
  private readonly endpointSets: EndpointSet[] = [];

  constructor(scope: Construct, id: string, props: CiliumFqdnEgressProps) {
    super(scope, id);
    this.target = resolvePolicyTarget(this, props, props.selector, 'CiliumNetworkPolicy');
    this.dnsTargets = props.dnsTargets ?? [DnsTarget.kubeDns()];
    validateDnsTargets('dnsTargets', this.dnsTargets);
    this.allowEndpoints(props.endpoints ?? []);

    this.policy = new CiliumNetworkPolicy(this, 'Resource', {
      metadata: policyMetadata(this.target),
      spec: {
        endpointSelector: { matchLabels: this.target.selector },
        egress: Lazy.any({ produce: () => this.renderEgress() }),
      },
    });
    this.node.addValidation({ validate: () => this.findBroadNetworkPolicyEgress() });
  }

  /** Allows the endpoint sets' hosts on their ports. */
  public allowEndpoints(endpoints: EndpointSet[]): void {
    this.endpointSets.push(...endpoints);
  }

  /** Allows the hosts on the ports (default: TCP 443), as one custom endpoint set named `name`. */
  public allowFqdns(name: string, fqdns: Fqdn[], ports?: Port[]): void {
    this.allowEndpoints([EndpointSet.of(name, fqdns, ports ?? [Port.tcp(443)])]);
  }

  /** The endpoint sets allowed so far. */
  public get endpoints(): EndpointSet[] {
    return [...this.endpointSets];
  }

  /** Every allowed host, sorted. */
  public get fqdns(): Fqdn[] {
    return uniqueFqdns(this.endpointSets.flatMap(set => set.fqdns));
  }

  private renderEgress(): CiliumNetworkPolicySpecEgress[] {
    const dnsRules = this.dnsTargets.map(dns => ({
      ...dns._toCiliumPeer(),
      toPorts: [{
        ports: ciliumPorts(dns.ports),
        rules: { dns: [{ matchPattern: '*' }] },
      }],
    }));
    // One toFQDNs rule per distinct port list, hosts sorted: stable, readable output.
    const byPorts = new Map<string, { ports: Port[]; fqdns: Fqdn[] }>();
    for (const set of this.endpointSets) {
      const key = set.ports.join(',');
      const group = byPorts.get(key) ?? { ports: set.ports, fqdns: [] };
      group.fqdns.push(...set.fqdns);
      byPorts.set(key, group);
    }
    const fqdnRules = [...byPorts.keys()].sort().map(key => {
      const group = byPorts.get(key)!;
      return {
        toFqdNs: uniqueFqdns(group.fqdns).map(f => (f.matchName ? { matchName: f.matchName } : { matchPattern: f.matchPattern })),
        toPorts: [{ ports: ciliumPorts(group.ports) }],
      };
    });
    return [...dnsRules, ...fqdnRules];
  }

  private findBroadNetworkPolicyEgress(): string[] {
    return egressAllowsInApp(this)
      .filter(egress => selectsSamePods(egress.target, this.target))
      .flatMap(egress => egress.rules
        .filter(rule => rule.peers.some(peer => peer.reachesPublicAddresses))
        .map(rule => `NetworkPolicy ${egress.node.path} allows pods ${describeLabels(egress.target.selector)}`
          + ` to reach ${rule.peers.map(p => p.description).join(' and ')} on ${rule.ports.join(', ')},`
          + ` and this CiliumNetworkPolicy limits the same pods (${describeLabels(this.target.selector)}) to an FQDN allow-list.`
          + ' Cilium adds the allows of both policies together, so the allow-list would restrict nothing.'
          + ' Remove the public-IP rule from the NetworkPolicy (with OpenClawNetworkIsolation, set `internetEgress: false`),'
          + ' or give the two policies selectors that match different pods.'));
  }
}

/**
 * True when some pod could match both policies: the same namespace (a policy
 * without one lands wherever it is applied, so it may be any), and no label
 * required with two different values.
 */
function selectsSamePods(a: PolicyTarget, b: PolicyTarget): boolean {
  if (a.namespace !== undefined && b.namespace !== undefined && a.namespace !== b.namespace) return false;
  return Object.keys(a.selector).every(key => !(key in b.selector) || b.selector[key] === a.selector[key]);
}

function ciliumPorts(ports: Port[]): CiliumNetworkPolicySpecEgressToPortsPorts[] {
  return uniquePorts(ports).map(p => ({
    port: String(p.portNumber),
    endPort: p.endPort,
    protocol: CiliumNetworkPolicySpecEgressToPortsPortsProtocol[p.protocol],
  }));
}
