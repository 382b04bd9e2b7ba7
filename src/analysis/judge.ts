import { Analysis } from './analyzer-factory';
import { Connection, formatPorts, PeerRef, peerEndpoint, peerKey, PodConnectivity, PortRange, PROTOCOLS } from './connectivity';
import { EnforcementModel } from './enforcement-model';
import { FlowEndpoint } from './flow-endpoint';
import { isIcmp } from './icmp';
import { namesCover, OpenClawIntent, PodsSpec, podsMatch, PortSpec } from './intent';
import { AddressClass, Partition, PodClass } from './partition';
import { Flow, Verdict } from './verdict';
import { Cidr } from '../net/cidr';
import { Protocol } from '../net/port';
import { compareText } from '../validation/rules';

/**
 * Compares the exhaustive connectivity of the OpenClaw pods with the intent:
 * connectivity the intent does not contain is a violation, and so is every
 * intended flow that is denied. Each difference is reported once: peers that
 * the same rule lets through on the same ports form one finding, which names
 * the policy rules responsible and the fix.
 *
 * @module
 */

/** One difference between the connectivity and the intent. */
export interface Difference {
  /** `dns-only-to-cluster-dns`, `no-in-cluster-egress`, `no-metadata-endpoint`, `public-egress-beyond-intent`, … */
  readonly rule: string;
  /** `allowed` (beyond the intent) or `denied` (an intended flow). */
  readonly kind: 'allowed' | 'denied';
  readonly direction: 'egress' | 'ingress';
  /** The OpenClaw pod, as `namespace/{labels}`. */
  readonly pod: string;
  /** The peers, described. */
  readonly peers: string;
  /** The ports, such as `TCP/22, UDP/all`. */
  readonly ports: string;
  /** The policy rules responsible (`Kind namespace/name egress[0]`), or the policies that isolate the pod. */
  readonly policies: string[];
  /** What is wrong, the rules responsible and the fix, in one paragraph. */
  readonly message: string;
}

/** An intended flow and its verdict. */
export interface IntendedFlow {
  readonly rule: string;
  /** The OpenClaw pod's side of the flow. */
  readonly direction: 'egress' | 'ingress';
  readonly name: string;
  readonly flow: Flow;
  readonly verdict: Verdict;
}

/** The judge's result. */
export interface Judgement {
  readonly differences: Difference[];
  readonly intendedFlows: IntendedFlow[];
}

/** A public address for intended flows to names and public ports (TEST-NET-3). */
const PUBLIC_ADDRESS = '203.0.113.10';

/** Judges the connectivity of each OpenClaw pod against the intent. */
export function judge(analysis: Analysis, connectivity: PodConnectivity[], intent: OpenClawIntent): Judgement {
  const differences: Difference[] = [];
  const intendedFlows: IntendedFlow[] = [];
  // The intent's peers are the same for every pod: one endpoint each, so the analyzer compiles each once.
  const made = new Map<string, FlowEndpoint>();
  const endpoint = (make: () => FlowEndpoint, ...key: unknown[]) => {
    const text = JSON.stringify(key);
    if (!made.has(text)) made.set(text, make());
    return made.get(text)!;
  };
  for (const pod of connectivity) {
    differences.push(...beyondIntent(analysis, pod, 'egress', intent), ...beyondIntent(analysis, pod, 'ingress', intent));
    const flows = intendedFlowsOf(analysis, pod.pod, intent, endpoint);
    intendedFlows.push(...flows);
    // Denied intended flows with the same rule and the same blocking policies are one finding.
    const denied = new Map<string, { flows: IntendedFlow[]; blockers: string[] }>();
    for (const f of flows.filter(x => !x.verdict.allowed)) {
      const side = f.direction === 'egress' ? f.verdict.egress : f.verdict.ingress;
      const other = f.direction === 'egress' ? f.verdict.ingress : f.verdict.egress;
      const otherBlockers = other.allowed ? [] : [...other.deniedBy, ...other.isolatedBy];
      const blockers = [...new Set([...side.deniedBy, ...side.isolatedBy, ...otherBlockers])].sort(compareText);
      const key = `${f.rule}|${f.direction}|${blockers.join(',')}`;
      const group = denied.get(key) ?? { flows: [], blockers };
      group.flows.push(f);
      denied.set(key, group);
    }
    for (const { flows: group, blockers } of denied.values()) {
      const first = group[0];
      const names = group.map(f => f.name);
      differences.push({
        rule: first.rule,
        kind: 'denied',
        direction: first.direction,
        pod: podText(pod.pod),
        peers: [...new Set(group.map(f => `${first.direction === 'egress' ? f.flow.to : f.flow.from}`))].join(', '),
        ports: [...new Set(group.map(f => `${f.flow.protocol ?? Protocol.TCP}/${f.flow.port}`))].join(', '),
        policies: blockers,
        message: `${names.join('; ')}: intended but denied. ${first.verdict.reason}${group.length > 1 ? ' (The same for the others.)' : ''}`
          + ` Fix: allow ${group.length > 1 ? 'them' : 'it'} in the policies named, or correct the intent.`,
      });
    }
  }
  return { differences, intendedFlows };
}

/** The flows the intent asks for, each with its verdict. */
function intendedFlowsOf(analysis: Analysis, pod: PodClass, intent: OpenClawIntent,
  endpoint: (make: () => FlowEndpoint, ...key: unknown[]) => FlowEndpoint): IntendedFlow[] {
  const podAt = (pods: PodsSpec) => endpoint(() => FlowEndpoint.pod(pods.namespace, pods.labels), pods.namespace, pods.labels);
  const external = (ip: string, name?: string) => endpoint(() => FlowEndpoint.external(ip, name), ip, name);
  const self = peerEndpoint({ kind: 'pod', pod });
  const flows: IntendedFlow[] = [];
  const add = (rule: string, name: string, flow: Flow) =>
    flows.push({ rule, name, flow, direction: flow.to === self ? 'ingress' : 'egress', verdict: analysis.analyzer.check(flow) });
  for (const dns of intent.dns) {
    const server = dns.pods ? podAt(dns.pods) : external(dns.ip!);
    for (const protocol of [Protocol.UDP, Protocol.TCP]) {
      add('dns-reachable', `DNS to ${dns.description} (${protocol}/${dns.port})`, { from: self, to: server, port: dns.port, protocol });
    }
  }
  for (const source of intent.ingressFrom) {
    add('gateway-reachable', `the gateway (TCP/${intent.gatewayPort}) from ${source.namespace}/${labelsText(source.labels)}`,
      { from: podAt(source), to: self, port: intent.gatewayPort });
  }
  for (const source of intent.webhookFrom ?? []) {
    for (const port of intent.webhookPorts ?? []) {
      add('webhook-reachable', `the webhook port ${port.protocol}/${port.from} from ${source.namespace}/${labelsText(source.labels)}`,
        { from: podAt(source), to: self, port: port.from, protocol: port.protocol as Protocol });
    }
  }
  const fqdnModel = analysis.model === EnforcementModel.CILIUM;
  for (const names of intent.names) {
    const sample = names.pattern ? names.text.replace(/\*+/g, 'x') : names.text;
    for (const port of names.ports) {
      add('provider-reachable', `${port.protocol}/${port.from} to ${names.text} (${names.source})`, {
        from: self, to: external(PUBLIC_ADDRESS, fqdnModel ? sample : undefined), port: port.from, protocol: port.protocol as Protocol,
      });
    }
  }
  for (const port of intent.publicEgressPorts) {
    add('public-egress-reachable', `${port.protocol}/${port.from} to public addresses`,
      { from: self, to: external(PUBLIC_ADDRESS), port: port.from, protocol: port.protocol as Protocol });
  }
  for (const peer of intent.inCluster) {
    for (const port of peer.ports) {
      add('provider-reachable', `${port.protocol}/${port.from} to ${peer.pods.namespace}/${labelsText(peer.pods.labels)} (${peer.source})`, {
        from: self, to: podAt(peer.pods), port: port.from, protocol: port.protocol as Protocol,
      });
    }
  }
  return flows;
}

/** One allowed (peer class, protocol, port ranges) beyond the intent, with its rule id and the rules responsible. */
interface Excess {
  readonly rule: string;
  readonly peer: PeerRef;
  readonly protocol: string;
  readonly ports: PortRange[];
  readonly policies: string[];
  readonly open: boolean;
}

function beyondIntent(analysis: Analysis, pod: PodConnectivity, direction: 'egress' | 'ingress', intent: OpenClawIntent): Difference[] {
  const self = peerEndpoint({ kind: 'pod', pod: pod.pod });
  const excesses: Excess[] = [];
  for (const connection of pod[direction]) {
    const extra = excessPorts(connection, direction, intent);
    if (extra.length === 0) continue;
    // The pod's own side names the rules responsible (the peer's side allows too, or the connection would not be there).
    const side = analysis.analyzer._sideVerdict(direction, self, peerEndpoint(connection.peer), extra[0].from, connection.protocol);
    excesses.push({
      rule: ruleOf(connection.peer, connection.protocol, extra, direction),
      peer: connection.peer,
      protocol: connection.protocol,
      ports: extra,
      policies: side.isolated ? side.allowedBy : [],
      open: !side.isolated,
    });
  }
  // ICMP a rule lets through beside other protocols (a rule without ports) belongs to that rule's finding.
  const sameRule = (e: Excess) => `${peerKey(e.peer)}|${e.policies.join(',')}|${e.open}`;
  const ruleOfSame = new Map<string, string>(excesses.filter(e => !isIcmp(e.protocol)).map(e => [sameRule(e), e.rule]));
  // One finding per rule id, rules responsible and ports: the peers they let through are listed together.
  const groups = new Map<string, Excess[]>();
  for (const excess of excesses.map(e => ({ ...e, rule: (isIcmp(e.protocol) && ruleOfSame.get(sameRule(e))) || e.rule }))) {
    const key = `${excess.rule}|${excess.policies.join(',')}|${excess.open}`;
    groups.set(key, [...groups.get(key) ?? [], excess]);
  }
  return [...groups.values()].map(group => {
    const first = group[0];
    const ports = portsText(group);
    const peers = describePeers(group.map(e => e.peer), analysis);
    const what = direction === 'egress'
      ? `${podText(pod.pod)} may open connections to ${peers} on ${ports}`
      : `${peers} may open connections to ${podText(pod.pod)} on ${ports}`;
    const why = first.open
      ? `No policy isolates the pod for ${direction}, so everything is allowed.`
      : `Allowed by ${first.policies.join(', ')}.`;
    return {
      rule: first.rule,
      kind: 'allowed' as const,
      direction,
      pod: podText(pod.pod),
      peers,
      ports,
      policies: first.open ? [] : first.policies,
      message: `${what}, beyond the intent. ${why} Fix: ${fixOf(first, direction, intent)}`,
    };
  });
}

/** The ports of a connection beyond the intent (empty when the intent covers it). */
export function excessPorts(connection: Connection, direction: 'egress' | 'ingress', intent: OpenClawIntent): PortRange[] {
  return subtract(connection.ports, intendedPorts(connection, direction, intent).filter(p => p.protocol === connection.protocol));
}

/** The ports the intent allows with a connection's peer. */
function intendedPorts(connection: Connection, direction: 'egress' | 'ingress', intent: OpenClawIntent): PortSpec[] {
  const peer = connection.peer;
  if (direction === 'ingress') {
    if (peer.kind !== 'pod') return [];
    const from = (sources: PodsSpec[] | undefined) => (sources ?? []).some(source => podsMatch(source, peer.pod.namespace, peer.pod.labels));
    return [...from(intent.ingressFrom) ? intent.ingressPorts : [], ...from(intent.webhookFrom) ? intent.webhookPorts ?? [] : []];
  }
  const dnsPorts = (port: number): PortSpec[] => [{ protocol: 'UDP', from: port, to: port }, { protocol: 'TCP', from: port, to: port }];
  if (peer.kind === 'pod') {
    return [
      ...intent.dns.filter(d => d.pods && podsMatch(d.pods, peer.pod.namespace, peer.pod.labels)).flatMap(d => dnsPorts(d.port)),
      ...intent.inCluster.filter(p => podsMatch(p.pods, peer.pod.namespace, peer.pod.labels)).flatMap(p => p.ports),
    ];
  }
  const address = peer.address;
  const ports: PortSpec[] = [
    ...address.rangeName === 'public' ? intent.publicEgressPorts : [],
    ...address.rangeName === 'cloud metadata' && intent.cloudMetadata ? [{ protocol: 'TCP', from: 80, to: 80 }] : [],
    ...intent.dns.filter(d => d.ip !== undefined && inClass(address, d.ip)).flatMap(d => dnsPorts(d.port)),
  ];
  if (peer.kind === 'name') ports.push(...intent.names.filter(n => namesCover(n, peer.name.name)).flatMap(n => n.ports));
  return ports;
}

function inClass(address: AddressClass, ip: string): boolean {
  const parsed = Cidr._lenient(ip);
  return parsed !== undefined && address.cidrs.some(cidr => Cidr._lenient(cidr)!.contains(parsed));
}

function ruleOf(peer: PeerRef, protocol: string, extra: PortRange[], direction: 'egress' | 'ingress'): string {
  if (isIcmp(protocol)) return 'no-icmp';
  if (direction === 'ingress') return 'gateway-only-from-ingress';
  if (peer.kind === 'name') return 'fqdn-allow-list-enforced';
  const dnsOnly = extra.length === 1 && extra[0].from === 53 && extra[0].to === 53;
  if (peer.kind === 'pod') return dnsOnly ? 'dns-only-to-cluster-dns' : 'no-in-cluster-egress';
  switch (peer.address.rangeName) {
    case 'public': return dnsOnly ? 'dns-only-to-cluster-dns' : 'public-egress-beyond-intent';
    case 'cloud metadata': return 'no-metadata-endpoint';
    default: return dnsOnly ? 'dns-only-to-cluster-dns' : 'no-in-cluster-egress';
  }
}

function fixOf(excess: Excess, direction: 'egress' | 'ingress', intent: OpenClawIntent): string {
  if (excess.open) return `add a default-deny policy for ${direction} of these pods (OpenClawNetworkIsolation does), then allow only the intended flows.`;
  const rules = excess.policies.join(', ');
  if (excess.rule === 'no-icmp') {
    return `remove the icmps from ${rules} (OpenClaw needs no ICMP), or, for a rule without ports, give it the intended ports (TCP, UDP or SCTP only).`;
  }
  if (direction === 'ingress') {
    return `limit ${rules} to pods in ${intent.ingressFrom.map(s => `${s.namespace}/${labelsText(s.labels)}`).join(', ') || 'the ingress namespaces'}`
      + ` on TCP/${intent.gatewayPort}, or add the source to the intent (--ingress-from).`;
  }
  switch (excess.rule) {
    case 'dns-only-to-cluster-dns': return `limit ${rules} to the DNS servers (${intent.dns.map(d => d.description).join(', ')}), or add the server to the intent (--dns).`;
    case 'no-metadata-endpoint': return `exclude 169.254.169.254/32 from ${rules} (or the whole link-local range 169.254.0.0/16).`;
    case 'fqdn-allow-list-enforced': return `remove the name from ${rules}, or add it to the intent (--fqdn, --providers, --channels).`;
    case 'public-egress-beyond-intent': return `limit ${rules} to the intended ports (${intent.publicEgressPorts.map(p => `${p.protocol}/${p.from}`).join(', ') || 'none: the FQDN allow-list owns internet egress'}), or add the ports to the intent (--egress-ports).`;
    default: return `limit ${rules} to the intended peers (the DNS servers and in-cluster providers), excluding the private and cluster ranges from ipBlocks.`;
  }
}

/** `TCP/22, UDP/all` for a group's ports (the union of its members'). */
function portsText(group: Excess[]): string {
  const byProtocol = new Map<string, PortRange[]>();
  for (const e of group) byProtocol.set(e.protocol, union([...byProtocol.get(e.protocol) ?? [], ...e.ports]));
  return PROTOCOLS.filter(p => byProtocol.has(p)).map(p => formatPorts(p, byProtocol.get(p)!)).join(', ');
}

/** The peers of a finding, collapsed: whole namespaces, every namespace, address classes and names. */
export function describePeers(peers: PeerRef[], analysis: Analysis): string {
  const parts: string[] = [];
  const pods = new Set(peers.filter((p): p is Extract<PeerRef, { kind: 'pod' }> => p.kind === 'pod').map(p => p.pod));
  const byNamespace = analysis.partition.podsByNamespace;
  const position = namespacePositions(analysis.partition);
  // The namespaces of the finding's pods, in the partition's order; whole when every class of the namespace is in.
  const touched = [...new Set([...pods].map(p => p.namespace))].sort((a, b) => position.get(a)! - position.get(b)!);
  const namespacesWhole = new Set(touched.filter(ns => byNamespace.get(ns)!.every(p => pods.has(p))));
  if (namespacesWhole.size === byNamespace.size) {
    parts.push('every pod in every namespace');
  } else {
    if (namespacesWhole.size) parts.push(`any pod in ${[...namespacesWhole].map(namespaceText).join(', ')}`);
    // Per namespace, the labels all its pods in the finding share, when exactly the pods with those labels are in it.
    const shown: string[] = [];
    for (const ns of touched.filter(n => !namespacesWhole.has(n))) {
      const members = byNamespace.get(ns)!.filter(p => pods.has(p));
      const common = Object.fromEntries(Object.entries(members[0].labels).filter(([k, v]) => members.every(m => m.labels[k] === v)));
      const carrying = byNamespace.get(ns)!.filter(p => Object.entries(common).every(([k, v]) => p.labels[k] === v));
      if (carrying.every(p => pods.has(p))) shown.push(`pods ${namespaceText(ns)}/${labelsText(common)}`);
      else shown.push(...members.map(p => `pods ${podText(p)}`));
    }
    parts.push(...shown.slice(0, 6), ...shown.length > 6 ? [`${shown.length - 6} more pod classes`] : []);
  }
  for (const peer of peers) {
    if (peer.kind === 'address') parts.push(addressText(peer.address));
    if (peer.kind === 'name') parts.push(`${peer.name.name}${peer.name.entry && peer.name.entry !== peer.name.name ? ` (${peer.name.entry})` : ''}`);
  }
  return [...new Set(parts)].join(', ');
}

/** Each partition's namespaces with their positions, made once. */
const positions = new WeakMap<Partition, Map<string, number>>();
function namespacePositions(partition: Partition): Map<string, number> {
  let position = positions.get(partition);
  if (!position) {
    position = new Map([...partition.podsByNamespace.keys()].map((ns, i) => [ns, i]));
    positions.set(partition, position);
  }
  return position;
}

function namespaceText(namespace: string): string {
  if (namespace.startsWith('namespace-')) return 'namespaces the input does not name';
  return namespace;
}

/** `public IPv4 addresses`, `8.8.8.8/32 (public)`. */
export function addressText(address: AddressClass): string {
  const family = address.family.includes('6') ? 'IPv6' : 'IPv4';
  if (address.cidrs.length <= 3) return `${address.cidrs.join(', ')} (${address.rangeName})`;
  return `${address.rangeName} ${family} addresses (${address.cidrs.length} ranges, e.g. ${address.representative})`;
}

export function podText(pod: PodClass): string {
  return `${pod.namespace}/${labelsText(pod.labels)}`;
}

function labelsText(labels: { [key: string]: string }): string {
  return `{${Object.keys(labels).sort(compareText).map(key => `${key}=${labels[key]}`).join(', ')}}`;
}

/** The ranges minus the other ranges. */
export function subtract(ranges: PortRange[], minus: readonly { from: number; to: number }[]): PortRange[] {
  let result = [...ranges];
  for (const m of minus) {
    result = result.flatMap(r => {
      if (m.to < r.from || m.from > r.to) return [r];
      return [...r.from < m.from ? [{ from: r.from, to: m.from - 1 }] : [], ...m.to < r.to ? [{ from: m.to + 1, to: r.to }] : []];
    });
  }
  return result;
}

function union(ranges: PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) out[out.length - 1] = { from: last.from, to: Math.max(last.to, r.to) };
    else out.push(r);
  }
  return out;
}
