import { Analysis } from './analyzer-factory';
import { Connection, formatPorts, PeerRef, peerKey, PodConnectivity, PortRange, PROTOCOLS } from './connectivity';
import { describePeers, podText, subtract } from './judge';

/**
 * The connectivity added and removed between two versions of a set of
 * manifests, for reviews of a policy change (np-guard's `diff`). Both
 * versions are analysed over one partition (of both inputs together), so
 * each peer class means the same in both.
 *
 * @module
 */

/** Connectivity present in one version and not in the other, grouped by peers with the same ports. */
export interface ConnectivityChange {
  readonly pod: string;
  readonly direction: 'egress' | 'ingress';
  readonly peers: string;
  readonly ports: string;
}

/** What changed. */
export interface ConnectivityDiff {
  readonly added: ConnectivityChange[];
  readonly removed: ConnectivityChange[];
}

/** Compares the connectivity of the same pods in two analyses that share a partition. */
export function diffConnectivity(before: PodConnectivity[], after: PodConnectivity[], analysis: Analysis): ConnectivityDiff {
  return { added: changes(after, before, analysis), removed: changes(before, after, analysis) };
}

/** What `from` has and `than` lacks. */
function changes(from: PodConnectivity[], than: PodConnectivity[], analysis: Analysis): ConnectivityChange[] {
  const result: ConnectivityChange[] = [];
  for (const pod of from) {
    const other = than.find(p => podText(p.pod) === podText(pod.pod));
    for (const direction of ['egress', 'ingress'] as const) {
      const theirs = new Map<string, Connection>((other?.[direction] ?? []).map(c => [`${peerKey(c.peer)}|${c.protocol}`, c]));
      const extra = new Map<string, { peer: PeerRef; ports: Map<string, PortRange[]> }>();
      for (const c of pod[direction]) {
        const left = subtract(c.ports, theirs.get(`${peerKey(c.peer)}|${c.protocol}`)?.ports ?? []);
        if (left.length === 0) continue;
        const entry = extra.get(peerKey(c.peer)) ?? { peer: c.peer, ports: new Map() };
        entry.ports.set(c.protocol, left);
        extra.set(peerKey(c.peer), entry);
      }
      const groups = new Map<string, PeerRef[]>();
      for (const { peer, ports } of extra.values()) {
        const text = PROTOCOLS.filter(p => ports.has(p)).map(p => formatPorts(p, ports.get(p)!)).join(', ');
        groups.set(text, [...groups.get(text) ?? [], peer]);
      }
      for (const [ports, peers] of groups) result.push({ pod: podText(pod.pod), direction, peers: describePeers(peers, analysis), ports });
    }
  }
  return result;
}
