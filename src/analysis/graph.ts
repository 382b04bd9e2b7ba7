import { AuditFlow } from './audit';
import { FlowEndpoint } from './flow-endpoint';
import { Protocol } from '../net/port';

/**
 * Draws the allowed flows of an audit as a graph: OpenClaw pods, DNS,
 * ingress sources and external destinations as nodes, ports on the edges.
 *
 * @module
 */

interface Edge { from: string; to: string; ports: string[] }

function nodeLabel(endpoint: FlowEndpoint, openclawNamespaces: string[]): string {
  if (!endpoint.isPod) return endpoint.dnsName ?? endpoint.ip!;
  const labels = Object.entries(endpoint.labels!).map(([k, v]) => `${k}=${v}`).join(', ');
  if (endpoint.namespace === 'kube-system' && endpoint.labels!['k8s-app'] === 'kube-dns') return 'cluster DNS (kube-system)';
  const who = openclawNamespaces.includes(endpoint.namespace!) && labels ? 'OpenClaw' : 'pods';
  return `${who} ${endpoint.namespace}/{${labels}}`;
}

function edges(flows: AuditFlow[], openclawNamespaces: string[]): { nodes: string[]; edges: Edge[] } {
  const nodes: string[] = [];
  const byKey = new Map<string, Edge>();
  for (const { flow, verdict, serverLabel } of flows) {
    if (!verdict.allowed) continue;
    const from = nodeLabel(flow.from, openclawNamespaces);
    const to = serverLabel ?? nodeLabel(flow.to, openclawNamespaces);
    for (const node of [from, to]) if (!nodes.includes(node)) nodes.push(node);
    const edge = byKey.get(`${from}\u0000${to}`) ?? { from, to, ports: [] };
    const port = `${flow.protocol ?? Protocol.TCP}/${flow.port}`;
    if (!edge.ports.includes(port)) edge.ports.push(port);
    byKey.set(`${from}\u0000${to}`, edge);
  }
  return { nodes, edges: [...byKey.values()] };
}

/** A Mermaid flowchart (GitHub renders it in Markdown). */
export function toMermaid(flows: AuditFlow[], openclawNamespaces: string[]): string {
  const graph = edges(flows, openclawNamespaces);
  const id = (node: string) => `n${graph.nodes.indexOf(node)}`;
  return [
    'flowchart LR',
    ...graph.nodes.map(node => `  ${id(node)}["${node.replace(/"/g, '#quot;')}"]`),
    ...graph.edges.map(edge => `  ${id(edge.from)} -->|${edge.ports.join(', ')}| ${id(edge.to)}`),
  ].join('\n');
}

/** A Graphviz dot digraph. */
export function toDot(flows: AuditFlow[], openclawNamespaces: string[]): string {
  const graph = edges(flows, openclawNamespaces);
  const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return [
    'digraph openclaw {',
    '  rankdir=LR;',
    ...graph.nodes.map(node => `  ${quote(node)};`),
    ...graph.edges.map(edge => `  ${quote(edge.from)} -> ${quote(edge.to)} [label=${quote(edge.ports.join(', '))}];`),
    '}',
  ].join('\n');
}
