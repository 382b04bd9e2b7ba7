import { PolicyAnalyzer } from './analyzer';
import { EnforcementModel } from './enforcement-model';
import { FlowEndpoint } from './flow-endpoint';
import { ICMP_PROTOCOLS, isIcmp, MAX_ICMP_TYPE } from './icmp';
import { AddressClass, NameClass, Partition, PodClass, podEndpoint } from './partition';
import { compileDnsPattern } from './policy-model';
import { Cidr } from '../net/cidr';

/**
 * The exhaustive connectivity of pods: for each direction, every peer class
 * of the partition (`partition.ts`) with the protocols and port ranges the
 * policies allow, judged by the analyzer itself (each representative flow
 * goes through the same decision as `check`), so the semantics live in one
 * place. It is exact: every member of a class gets the same verdict as its
 * representative, because no policy draws a boundary inside a class.
 *
 * Work is shared where the answer cannot differ: a pod's own side of a flow
 * depends on a peer's namespace only if the policies selecting the pod name
 * it, so the pods of namespaces they do not name are evaluated once per class
 * of alike pods (same namespace labels, same pod labels), not per namespace;
 * the peer's side is only asked where the pod's side allows. A tenant's check
 * therefore costs the same whatever the number of other tenants, and the
 * whole check is linear in tenants (unless a policy lets every namespace in,
 * when the connectivity itself is that large).
 *
 * @module
 */

/** The named range of NodeLocal DNSCache's addresses, which the Cilium model gives the host identity. */
const NODE_LOCAL_DNS_RANGE = 'NodeLocal DNSCache';

/** The protocols of the connectivity: ports for TCP, UDP and SCTP, message types for ICMP and ICMPv6 (`icmp.ts`). */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP', ...ICMP_PROTOCOLS];

/** One point of the grid: a protocol and the first port (or ICMP type) of an interval that ends at `end`. */
interface GridPoint {
  readonly protocol: string;
  readonly port: number;
  readonly end: number;
}

/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** A peer class: pods, addresses outside the cluster, or a DNS name (at the addresses where the name adds something). */
export type PeerRef =
  | { readonly kind: 'pod'; readonly pod: PodClass }
  | { readonly kind: 'address'; readonly address: AddressClass }
  | { readonly kind: 'name'; readonly name: NameClass; readonly address: AddressClass };

/** Allowed connectivity with one peer class on one protocol. */
export interface Connection {
  readonly peer: PeerRef;
  readonly protocol: string;
  readonly ports: PortRange[];
}

/** The connectivity of one pod. */
export interface PodConnectivity {
  readonly pod: PodClass;
  /** What the pod may open connections to. */
  readonly egress: Connection[];
  /** What may open connections to the pod. */
  readonly ingress: Connection[];
}

/**
 * The endpoint a peer class stands for, made once per class (the analyzer
 * caches what it compiles per endpoint, so thousands of subjects share it).
 */
export function peerEndpoint(peer: PeerRef): FlowEndpoint {
  const owner = peer.kind === 'pod' ? peer.pod : peer.address;
  const key = peer.kind === 'name' ? peer.name.name : '';
  const byKey = endpointsOf.get(owner) ?? new Map<string, FlowEndpoint>();
  endpointsOf.set(owner, byKey);
  let endpoint = byKey.get(key);
  if (!endpoint) {
    switch (peer.kind) {
      case 'pod': endpoint = podEndpoint(peer.pod); break;
      case 'address': endpoint = FlowEndpoint.external(peer.address.representative); break;
      default: endpoint = FlowEndpoint.external(peer.address.representative, peer.name.name);
    }
    byKey.set(key, endpoint);
  }
  return endpoint;
}

/** The endpoints of each class (a pod class, or an address class with or without a name). */
const endpointsOf = new WeakMap<PodClass | AddressClass, Map<string, FlowEndpoint>>();

/** A peer class's identity, the same in both analyses of one partition. */
export function peerKey(peer: PeerRef): string {
  switch (peer.kind) {
    case 'pod': return `pod ${peer.pod.namespace} ${JSON.stringify(peer.pod.labels)}`;
    case 'address': return `address ${peer.address.cidrs.join(',')}`;
    default: return `name ${peer.name.name} ${peer.address.cidrs.join(',')}`;
  }
}

/** `TCP/443`, `UDP/1-52`, `TCP/all`. */
export function formatPorts(protocol: string, ports: PortRange[]): string {
  const [first, last] = isIcmp(protocol) ? [0, MAX_ICMP_TYPE] : [1, 65535];
  if (ports.length === 1 && ports[0].from === first && ports[0].to === last) return `${protocol}/all`;
  return ports.map(r => `${protocol}/${r.from === r.to ? r.from : `${r.from}-${r.to}`}`).join(', ');
}

/** The number of peer classes of a partition. */
export function peerClassCount(partition: Partition): number {
  return partition.pods.length + partition.addresses.length + partition.names.length;
}

/** Computes the connectivity of `subjects` (pod classes of the partition, or any pods) in both directions. */
export function computeConnectivity(analyzer: PolicyAnalyzer, partition: Partition, subjects: PodClass[]): PodConnectivity[] {
  const namespaceLabels = analyzer._namespaceLabels();
  const namespaceKeys = new Map<string, string>([...partition.podsByNamespace.keys()].map(ns => [ns, JSON.stringify(namespaceLabels.get(ns) ?? {})]));
  const labelKeys = new Map<PodClass, string>(partition.pods.map(pod => [pod, JSON.stringify(pod.labels)]));
  const order = new Map<PodClass, number>(partition.pods.map((pod, i) => [pod, i]));
  // The pods of all namespaces by (namespace labels, pod labels): a pod's policies that name none of these namespaces see them alike.
  const alike = new Map<string, PodClass[]>();
  for (const pod of partition.pods) {
    const key = `${namespaceKeys.get(pod.namespace)}|${labelKeys.get(pod)}`;
    const bucket = alike.get(key) ?? [];
    bucket.push(pod);
    alike.set(key, bucket);
  }
  const points = gridOf(partition);
  // The name classes a pod's `toFQDNs` entries may match, once per list of entries (tenants share theirs).
  const namesByEntries = new Map<string, NameClass[]>();
  const namesMatching = (entries: string[]) => {
    const key = JSON.stringify(entries);
    if (!namesByEntries.has(key)) {
      const patterns = entries.map(entry => compileDnsPattern(entry, true));
      namesByEntries.set(key, partition.names.filter(n => patterns.some(matches => matches(n.name))));
    }
    return namesByEntries.get(key)!;
  };
  const addressPoints = new Map<AddressClass, Cidr>(partition.addresses.map(a => [a, Cidr._lenient(a.representative)!]));

  return subjects.map(pod => {
    const self = peerEndpoint({ kind: 'pod', pod });
    const selecting = analyzer._policiesSelecting(self);
    const mentioned = namesIn(selecting.map(policy => policy.manifest));
    mentioned.add(pod.namespace);
    selecting.forEach(policy => policy.namespace !== undefined && mentioned.add(policy.namespace));
    // An address class as the pod's own policies see it: its family, the host identity (NodeLocal DNSCache), and their CIDRs that hold it.
    const ownCidrs = [...mentioned].map(text => (text.includes('.') || text.includes(':') ? Cidr._lenient(text) : undefined))
      .filter((c): c is Cidr => c !== undefined);
    const addressKey = (address: AddressClass) => {
      const representative = addressPoints.get(address)!;
      return `${address.family}|${address.rangeName === NODE_LOCAL_DNS_RANGE}|${ownCidrs.map(c => (c.contains(representative) ? 1 : 0)).join('')}`;
    };
    const mentionedNamespaces = [...mentioned].filter(name => partition.podsByNamespace.has(name));
    const connections = (direction: 'egress' | 'ingress'): Connection[] => {
      const opposite = direction === 'egress' ? 'ingress' : 'egress';
      const own = (peer: FlowEndpoint) => points.map(p => analyzer._sideAllows(direction, self, peer, p.port, p.protocol));
      // Pods: the pod's own side, once per namespace its policies name and once per class of alike pods elsewhere;
      // the peer's side where that allows. Linear in the namespaces: the others are skipped class by class.
      const reached: { pod: PodClass; vector: boolean[] }[] = [];
      for (const namespace of mentionedNamespaces) {
        const vectors = new Map<string, boolean[]>();
        for (const peerPod of partition.podsByNamespace.get(namespace)!) {
          let vector = vectors.get(labelKeys.get(peerPod)!);
          if (!vector) {
            vector = own(peerEndpoint({ kind: 'pod', pod: peerPod }));
            vectors.set(labelKeys.get(peerPod)!, vector);
          }
          if (vector.includes(true)) reached.push({ pod: peerPod, vector });
        }
      }
      for (const pods of alike.values()) {
        const first = pods.find(peerPod => !mentioned.has(peerPod.namespace));
        const vector = first && own(peerEndpoint({ kind: 'pod', pod: first }));
        if (!vector?.includes(true)) continue;
        reached.push(...pods.filter(peerPod => !mentioned.has(peerPod.namespace)).map(peerPod => ({ pod: peerPod, vector })));
      }
      reached.sort((a, b) => order.get(a.pod)! - order.get(b.pod)!);
      const result: Connection[] = [];
      for (const { pod: peerPod, vector } of reached) {
        const peer = peerEndpoint({ kind: 'pod', pod: peerPod });
        const both = vector.map((ok, i) => ok && analyzer._sideAllows(opposite, peer, self, points[i].port, points[i].protocol));
        result.push(...toConnections({ kind: 'pod', pod: peerPod }, both, points));
      }
      // Addresses outside the cluster: no policy of theirs applies; classes the pod's policies' CIDRs do not tell apart share one evaluation.
      const unnamed = new Map<AddressClass, boolean[]>();
      const addressVectors = new Map<string, boolean[]>();
      for (const address of partition.addresses) {
        const key = addressKey(address);
        let vector = addressVectors.get(key);
        if (!vector) {
          vector = own(peerEndpoint({ kind: 'address', address }));
          addressVectors.set(key, vector);
        }
        unnamed.set(address, vector);
        result.push(...toConnections({ kind: 'address', address }, vector, points));
      }
      // DNS names (egress under Cilium): where a name adds ports to what its address already gets.
      const fqdnEntries = selecting.flatMap(policy => policy.fqdnEntries);
      if (direction === 'egress' && analyzer.model === EnforcementModel.CILIUM && fqdnEntries.length > 0) {
        for (const name of namesMatching(fqdnEntries)) {
          const namedVectors = new Map<string, boolean[]>();
          for (const address of partition.addresses.filter(a => unnamed.get(a)!.includes(false))) {
            const key = addressKey(address);
            let vector = namedVectors.get(key);
            if (!vector) {
              vector = own(peerEndpoint({ kind: 'name', name, address }));
              namedVectors.set(key, vector);
            }
            const added = vector.map((allowed, i) => allowed && !unnamed.get(address)![i]);
            result.push(...toConnections({ kind: 'name', name, address }, added, points));
          }
        }
      }
      return result;
    };
    return { pod, egress: connections('egress'), ingress: connections('ingress') };
  });
}

/** The grid of a partition: every protocol × its port (or ICMP type) intervals. */
function gridOf(partition: Partition): GridPoint[] {
  return PROTOCOLS.flatMap(protocol => {
    const [starts, last] = isIcmp(protocol) ? [partition.icmpTypeStarts, MAX_ICMP_TYPE] : [partition.portStarts, 65535];
    return starts.map((port, i) => ({ protocol, port, end: i + 1 < starts.length ? starts[i + 1] - 1 : last }));
  });
}

/**
 * The allowed port ranges of a vector over the grid, one connection per
 * protocol; an address outside the cluster gets the ICMP of its own family only.
 */
function toConnections(peer: PeerRef, vector: boolean[], points: GridPoint[]): Connection[] {
  const ipv6 = peer.kind === 'pod' ? undefined : peer.address.family.includes('6');
  const byProtocol = new Map<string, PortRange[]>();
  points.forEach((point, i) => {
    if (!vector[i] || (ipv6 !== undefined && isIcmp(point.protocol) && (point.protocol === 'ICMPv6') !== ipv6)) return;
    const ports = byProtocol.get(point.protocol) ?? [];
    const last = ports[ports.length - 1];
    if (last && last.to + 1 === point.port) ports[ports.length - 1] = { from: last.from, to: point.end };
    else ports.push({ from: point.port, to: point.end });
    byProtocol.set(point.protocol, ports);
  });
  return [...byProtocol].map(([protocol, ports]) => ({ peer, protocol, ports }));
}

/** Every string (keys and values) in the manifests: the namespace names their selectors may name. */
function namesIn(manifests: any[]): Set<string> {
  const names = new Set<string>();
  const walk = (value: any) => {
    if (typeof value === 'string') {names.add(value);} else if (Array.isArray(value)) {value.forEach(walk);} else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        names.add(key);
        walk(child);
      }
    }
  };
  manifests.forEach(walk);
  return names;
}
