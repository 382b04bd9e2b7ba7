import { PolicyAnalyzer } from './analyzer';
import { EnforcementModel } from './enforcement-model';
import { FlowEndpoint } from './flow-endpoint';
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
 * it, so namespaces they do not name share one evaluation; the peer's side is
 * only asked where the pod's side allows.
 *
 * @module
 */

/** The named range of NodeLocal DNSCache's addresses, which the Cilium model gives the host identity. */
const NODE_LOCAL_DNS_RANGE = 'NodeLocal DNSCache';

/** The protocols of the connectivity (ICMP rules are reported as not analysed). */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

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

/** The endpoint a peer class stands for. */
export function peerEndpoint(peer: PeerRef): FlowEndpoint {
  switch (peer.kind) {
    case 'pod': return podEndpoint(peer.pod);
    case 'address': return FlowEndpoint.external(peer.address.representative);
    default: return FlowEndpoint.external(peer.address.representative, peer.name.name);
  }
}

/** `TCP/443`, `UDP/1-52`, `TCP/all`. */
export function formatPorts(protocol: string, ports: PortRange[]): string {
  if (ports.length === 1 && ports[0].from === 1 && ports[0].to === 65535) return `${protocol}/all`;
  return ports.map(r => `${protocol}/${r.from === r.to ? r.from : `${r.from}-${r.to}`}`).join(', ');
}

/** The number of peer classes of a partition. */
export function peerClassCount(partition: Partition): number {
  return partition.pods.length + partition.addresses.length + partition.names.length;
}

/** Computes the connectivity of `subjects` (pod classes of the partition, or any pods) in both directions. */
export function computeConnectivity(analyzer: PolicyAnalyzer, partition: Partition, subjects: PodClass[]): PodConnectivity[] {
  const byNamespace = new Map<string, PodClass[]>();
  for (const pod of partition.pods) byNamespace.set(pod.namespace, [...byNamespace.get(pod.namespace) ?? [], pod]);
  const namespaceLabels = analyzer._namespaceLabels();
  const labelKeys = new Map<PodClass, string>(partition.pods.map(pod => [pod, JSON.stringify(pod.labels)]));
  const namespaceKeys = new Map<string, string>([...byNamespace.keys()].map(ns => [ns, JSON.stringify(namespaceLabels.get(ns) ?? {})]));
  const endpoints = new Map<PodClass, FlowEndpoint>(partition.pods.map(pod => [pod, podEndpoint(pod)]));
  const points = PROTOCOLS.flatMap(protocol => partition.portStarts.map(port => ({ protocol, port })));

  return subjects.map(pod => {
    const self = podEndpoint(pod);
    const selecting = analyzer._policiesSelecting(self);
    const mentioned = namesIn(selecting.map(policy => policy.manifest));
    mentioned.add(pod.namespace);
    selecting.forEach(policy => policy.namespace !== undefined && mentioned.add(policy.namespace));
    // An address class as the pod's own policies see it: its family, the host identity (NodeLocal DNSCache), and their CIDRs that hold it.
    const ownCidrs = [...mentioned].map(text => (text.includes('.') || text.includes(':') ? Cidr._lenient(text) : undefined))
      .filter((c): c is Cidr => c !== undefined);
    const addressKey = (address: AddressClass) => {
      const representative = Cidr._lenient(address.representative)!;
      return `${address.family}|${address.rangeName === NODE_LOCAL_DNS_RANGE}|${ownCidrs.map(c => (c.contains(representative) ? 1 : 0)).join('')}`;
    };
    const connections = (direction: 'egress' | 'ingress'): Connection[] => {
      const opposite = direction === 'egress' ? 'ingress' : 'egress';
      const result: Connection[] = [];
      const own = (peer: FlowEndpoint) => points.map(p => analyzer._sideAllows(direction, self, peer, p.port, p.protocol));
      // Pods: the pod's own side, shared by the namespaces its policies do not name; the peer's side where that allows.
      const memo = new Map<string, Map<string, boolean[]>>();
      for (const [namespace, pods] of byNamespace) {
        const namespaceKey = `${mentioned.has(namespace) ? namespace : '*'}|${namespaceKeys.get(namespace)}`;
        const vectors = memo.get(namespaceKey) ?? new Map<string, boolean[]>();
        memo.set(namespaceKey, vectors);
        for (const peerPod of pods) {
          const peer = endpoints.get(peerPod)!;
          let vector = vectors.get(labelKeys.get(peerPod)!);
          if (!vector) {
            vector = own(peer);
            vectors.set(labelKeys.get(peerPod)!, vector);
          }
          if (!vector.includes(true)) continue;
          const both = vector.map((allowed, i) => allowed && analyzer._sideAllows(opposite, peer, self, points[i].port, points[i].protocol));
          result.push(...toConnections({ kind: 'pod', pod: peerPod }, both, partition.portStarts));
        }
      }
      // Addresses outside the cluster: no policy of theirs applies; classes the pod's policies' CIDRs do not tell apart share one evaluation.
      const unnamed = new Map<AddressClass, boolean[]>();
      const addressVectors = new Map<string, boolean[]>();
      for (const address of partition.addresses) {
        const key = addressKey(address);
        let vector = addressVectors.get(key);
        if (!vector) {
          vector = own(FlowEndpoint.external(address.representative));
          addressVectors.set(key, vector);
        }
        unnamed.set(address, vector);
        result.push(...toConnections({ kind: 'address', address }, vector, partition.portStarts));
      }
      // DNS names (egress under Cilium): where a name adds ports to what its address already gets.
      const fqdnEntries = selecting.flatMap(policy => policy.fqdnEntries);
      if (direction === 'egress' && analyzer.model === EnforcementModel.CILIUM && fqdnEntries.length > 0) {
        const patterns = fqdnEntries.map(entry => compileDnsPattern(entry, true));
        for (const name of partition.names.filter(n => patterns.some(matches => matches(n.name)))) {
          const namedVectors = new Map<string, boolean[]>();
          for (const address of partition.addresses.filter(a => unnamed.get(a)!.includes(false))) {
            const key = addressKey(address);
            let vector = namedVectors.get(key);
            if (!vector) {
              vector = own(FlowEndpoint.external(address.representative, name.name));
              namedVectors.set(key, vector);
            }
            const added = vector.map((allowed, i) => allowed && !unnamed.get(address)![i]);
            result.push(...toConnections({ kind: 'name', name, address }, added, partition.portStarts));
          }
        }
      }
      return result;
    };
    return { pod, egress: connections('egress'), ingress: connections('ingress') };
  });
}

/** The allowed port ranges of a vector over (protocol × port interval), one connection per protocol. */
function toConnections(peer: PeerRef, vector: boolean[], portStarts: number[]): Connection[] {
  const result: Connection[] = [];
  PROTOCOLS.forEach((protocol, p) => {
    const ports: PortRange[] = [];
    portStarts.forEach((start, i) => {
      if (!vector[p * portStarts.length + i]) return;
      const end = i + 1 < portStarts.length ? portStarts[i + 1] - 1 : 65535;
      const last = ports[ports.length - 1];
      if (last && last.to + 1 === start) ports[ports.length - 1] = { from: last.from, to: end };
      else ports.push({ from: start, to: end });
    });
    if (ports.length) result.push({ peer, protocol, ports });
  });
  return result;
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
