/**
 * A small, independent evaluator of Kubernetes NetworkPolicy semantics, used
 * by the behaviour tests to say what synthesized policies allow and deny.
 * It reads only plain API objects (never the library's classes).
 *
 * Model: a flow is allowed when the source's egress and the destination's
 * ingress both allow it. A pod is isolated in a direction once any policy of
 * that type selects it. ipBlocks match external IPs, and pod IPs when a pod
 * is given one (as Calico does), so tests can show that private ranges are
 * excluded either way.
 */

import { cidrContains, parseCidr } from './schemas';

type Labels = { [key: string]: string };

/** A pod: its namespace, labels and (optionally) its IP. */
export interface Pod {
  readonly namespace: string;
  readonly labels: Labels;
  readonly ip?: string;
}

/** One end of a flow: a pod or an external IP address. */
export type Endpoint = { readonly pod: Pod } | { readonly ip: string };

export interface Flow {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export const pod = (namespace: string, labels: Labels, ip?: string): Endpoint => ({ pod: { namespace, labels, ip } });
export const ip = (address: string): Endpoint => ({ ip: address });

/** True if the policies allow the flow. */
export function allows(objects: any[], flow: Flow): boolean {
  const policies = objects.filter(o => o.kind === 'NetworkPolicy');
  const protocol = flow.protocol ?? 'TCP';
  const egressOk = !('pod' in flow.from) || directionAllows(policies, flow.from.pod, 'Egress', flow.to, flow.port, protocol);
  const ingressOk = !('pod' in flow.to) || directionAllows(policies, flow.to.pod, 'Ingress', flow.from, flow.port, protocol);
  return egressOk && ingressOk;
}

/**
 * One direction of a flow at `subject` under the NetworkPolicies alone:
 * whether some policy of that type selects (isolates) it, and whether some
 * rule of a selecting policy allows the peer on the port.
 */
export function netpolDirection(objects: any[], subject: Pod, direction: 'Ingress' | 'Egress', peer: Endpoint, port: number,
  protocol = 'TCP'): { isolated: boolean; allowed: boolean } {
  const policies = objects.filter(o => o.kind === 'NetworkPolicy');
  const selecting = policies.filter(p => p.metadata.namespace === subject.namespace
    && selectorMatches(p.spec.podSelector ?? {}, subject.labels)
    && policyTypes(p).includes(direction));
  return { isolated: selecting.length > 0, allowed: rulesAllow(selecting, direction, peer, port, protocol) };
}

function directionAllows(policies: any[], subject: Pod, direction: 'Ingress' | 'Egress', peer: Endpoint, port: number, protocol: string): boolean {
  const { isolated, allowed } = netpolDirection(policies, subject, direction, peer, port, protocol);
  return !isolated || allowed;
}

function rulesAllow(selecting: any[], direction: 'Ingress' | 'Egress', peer: Endpoint, port: number, protocol: string): boolean {
  return selecting.some(p => {
    const rules: any[] = (direction === 'Egress' ? p.spec.egress : p.spec.ingress) ?? [];
    return rules.some(rule => {
      const peers: any[] | undefined = direction === 'Egress' ? rule.to : rule.from;
      const peerOk = !peers || peers.length === 0 || peers.some(x => peerMatches(x, peer, p.metadata.namespace));
      const ports: any[] | undefined = rule.ports;
      const portOk = !ports || ports.length === 0 || ports.some(x => portMatches(x, port, protocol));
      return peerOk && portOk;
    });
  });
}

function policyTypes(policy: any): string[] {
  if (policy.spec.policyTypes) return policy.spec.policyTypes;
  return policy.spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function peerMatches(peer: any, endpoint: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    const address = 'ip' in endpoint ? endpoint.ip : endpoint.pod.ip;
    if (!address) return false;
    return ipBlockContains(peer.ipBlock.cidr, address) && !(peer.ipBlock.except ?? []).some((e: string) => ipBlockContains(e, address));
  }
  if (!('pod' in endpoint)) return false;
  const target = endpoint.pod;
  const namespaceOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, { 'kubernetes.io/metadata.name': target.namespace })
    : target.namespace === policyNamespace;
  const podOk = peer.podSelector ? selectorMatches(peer.podSelector, target.labels) : true;
  return namespaceOk && podOk;
}

function portMatches(rulePort: any, port: number, protocol: string): boolean {
  if ((rulePort.protocol ?? 'TCP') !== protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'string') return false; // named ports are unknown here
  return rulePort.endPort === undefined ? port === rulePort.port : port >= rulePort.port && port <= rulePort.endPort;
}

/** Label-selector matching: matchLabels AND matchExpressions. */
export function selectorMatches(selector: any, labels: Labels): boolean {
  const matchLabels: Labels = selector.matchLabels ?? {};
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every((e: any) => {
    switch (e.operator) {
      case 'In': return e.key in labels && e.values.includes(labels[e.key]);
      case 'NotIn': return !(e.key in labels) || !e.values.includes(labels[e.key]);
      case 'Exists': return e.key in labels;
      case 'DoesNotExist': return !(e.key in labels);
      default: throw new Error(`unknown operator ${e.operator}`);
    }
  });
}

/** True if the address lies in the CIDR (the test-side parser from schemas.ts, independent of the library). */
function ipBlockContains(cidr: string, address: string): boolean {
  const outer = parseCidr(cidr);
  const inner = parseCidr(`${address}/${address.includes(':') ? 128 : 32}`);
  if (!outer || !inner) throw new Error(`unparseable CIDR ${cidr} or address ${address}`);
  return cidrContains(outer, inner);
}
