import { Connection, formatPorts, PeerRef } from './connectivity';
import { OpenClawIntent } from './intent';
import { describePeers, excessPorts, podText } from './judge';
import { OpenClawCheck } from './openclaw-check';

/**
 * The computed connectivity of the OpenClaw pods as lines and graphs: peers
 * that get the same ports form one node (whole namespaces, address classes,
 * DNS names by name); an edge beyond the intent is a violation (red in the
 * graphs, `!` in text). Every peer class with any allowed port is drawn.
 *
 * @module
 */

/** One drawn edge: the OpenClaw pod, a group of peers, the ports, and whether it goes beyond the intent. */
export interface ConnectivityEdge {
  readonly pod: string;
  readonly direction: 'egress' | 'ingress';
  readonly peers: string;
  readonly ports: string;
  readonly violation: boolean;
}

/** The edges of the check's connectivity, peers with equal ports and verdicts grouped. */
export function connectivityEdges(check: OpenClawCheck, intent: OpenClawIntent): ConnectivityEdge[] {
  const edges: ConnectivityEdge[] = [];
  for (const pod of check.connectivity) {
    for (const direction of ['egress', 'ingress'] as const) {
      const byPeer = new Map<PeerRef, Connection[]>();
      for (const c of pod[direction]) byPeer.set(c.peer, [...byPeer.get(c.peer) ?? [], c]);
      const groups = new Map<string, { peers: PeerRef[]; ports: string; violation: boolean }>();
      for (const [peer, connections] of byPeer) {
        const ports = connections.map(c => formatPorts(c.protocol, c.ports)).join(', ');
        const violation = connections.some(c => excessPorts(c, direction, intent).length > 0);
        const key = `${ports}|${violation}|${peer.kind === 'address' ? peer.address.rangeName : peer.kind}`;
        const group = groups.get(key) ?? { peers: [], ports, violation };
        group.peers.push(peer);
        groups.set(key, group);
      }
      for (const group of groups.values()) {
        const peers = describePeers(group.peers, check.analysis);
        edges.push({ pod: podText(pod.pod), direction, peers, ports: group.ports, violation: group.violation });
      }
    }
  }
  return edges;
}

/** A Mermaid flowchart (GitHub renders it in Markdown), with a legend. */
export function toMermaid(edges: ConnectivityEdge[]): string {
  const nodes = nodesOf(edges);
  const ids = new Map(nodes.map((node, i) => [node, `n${i}`]));
  const id = (node: string) => ids.get(node)!;
  const lines = ['flowchart LR', ...nodes.map(node => `  ${id(node)}["${node.replace(/"/g, '#quot;')}"]`)];
  const red: number[] = [];
  edges.forEach((edge, i) => {
    const [from, to] = edge.direction === 'egress' ? [edge.pod, edge.peers] : [edge.peers, edge.pod];
    lines.push(`  ${id(from)} -->|${edge.ports}| ${id(to)}`);
    if (edge.violation) red.push(i);
  });
  lines.push('  subgraph legend [Legend]', '    l0["OpenClaw pod"] -->|allowed, intended| l1["peer class"]',
    '    l2["OpenClaw pod"] -->|allowed beyond the intent| l3["peer class"]', '  end');
  red.push(edges.length + 1);
  lines.push(`  linkStyle ${red.join(',')} stroke:red,color:red`);
  return lines.join('\n');
}

/** A Graphviz dot digraph, with a legend. */
export function toDot(edges: ConnectivityEdge[]): string {
  const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return [
    'digraph openclaw {',
    '  rankdir=LR;',
    '  node [shape=box];',
    ...nodesOf(edges).map(node => `  ${quote(node)};`),
    ...edges.map(edge => {
      const [from, to] = edge.direction === 'egress' ? [edge.pod, edge.peers] : [edge.peers, edge.pod];
      return `  ${quote(from)} -> ${quote(to)} [label=${quote(edge.ports)}${edge.violation ? ', color=red, fontcolor=red' : ''}];`;
    }),
    '  subgraph cluster_legend {',
    '    label="Legend";',
    '    "OpenClaw pod" -> "peer class" [label="allowed, intended"];',
    '    "OpenClaw pod " -> "peer class " [label="allowed beyond the intent", color=red, fontcolor=red];',
    '  }',
    '}',
  ].join('\n');
}

function nodesOf(edges: ConnectivityEdge[]): string[] {
  return [...new Set(edges.flatMap(edge => [edge.pod, edge.peers]))];
}
