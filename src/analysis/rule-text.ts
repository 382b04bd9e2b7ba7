import { NAMESPACE_NAME_LABEL } from '../net/label-requirement';

/**
 * Readable text for policy rules as written in manifests: the
 * `cdk8s-openclaw.io/allows` annotation is rendered from the final spec with
 * it, and the guards name the rule at fault with it.
 *
 * @module
 */

/**
 * What a NetworkPolicy's rules allow, one clause per rule, in spec order:
 * `to 0.0.0.0/0 except 10.0.0.0/8 on TCP/443; to pods {k8s-app=kube-dns} in
 * namespaces kube-system on TCP/53, UDP/53`. Consecutive rules with the same
 * ports share one clause (`to A or B on TCP/443`).
 */
export function describeNetworkPolicyRules(rules: any[], direction: 'ingress' | 'egress'): string {
  const clauses: { peers: string[]; ports: string }[] = [];
  for (const rule of rules) {
    const ports = describeNetworkPolicyPorts(rule?.ports);
    const peers = describeNetworkPolicyPeers((direction === 'egress' ? rule?.to : rule?.from) ?? []);
    const last = clauses[clauses.length - 1];
    if (last && last.ports === ports) last.peers.push(...peers);
    else clauses.push({ peers, ports });
  }
  const side = direction === 'egress' ? 'to' : 'from';
  return clauses.map(clause => `${side} ${clause.peers.join(' or ')} on ${clause.ports}`).join('; ');
}

/** One NetworkPolicy rule: `to 0.0.0.0/0 on TCP/443`. */
export function describeNetworkPolicyRule(rule: any, direction: 'ingress' | 'egress'): string {
  return describeNetworkPolicyRules([rule], direction);
}

function describeNetworkPolicyPorts(ports: any[] | undefined): string {
  if (!Array.isArray(ports) || ports.length === 0) return 'every port';
  return ports.map(port => {
    const protocol = String(port?.protocol ?? 'TCP');
    if (port?.port === undefined) return `${protocol}/all`;
    return port.endPort === undefined ? `${protocol}/${port.port}` : `${protocol}/${port.port}-${port.endPort}`;
  }).join(', ');
}

/** Peers, with pods of one selector in several named namespaces described together. */
function describeNetworkPolicyPeers(peers: any[]): string[] {
  if (peers.length === 0) return ['every peer'];
  const texts: string[] = [];
  const namespacesByPods = new Map<string, string[]>();
  for (const peer of peers) {
    const namespaceName = namedNamespace(peer?.namespaceSelector);
    if (peer?.ipBlock) {
      const except: string[] = peer.ipBlock.except ?? [];
      texts.push(`${peer.ipBlock.cidr}${except.length ? ` except ${except.join(', ')}` : ''}`);
    } else if (namespaceName !== undefined) {
      const pods = podsText(peer.podSelector);
      const key = pods;
      if (!namespacesByPods.has(key)) texts.push(key);
      namespacesByPods.set(key, [...namespacesByPods.get(key) ?? [], namespaceName]);
    } else if (peer?.namespaceSelector) {
      texts.push(`${podsText(peer.podSelector)} in namespaces ${selectorText(peer.namespaceSelector)}`);
    } else {
      texts.push(`${podsText(peer?.podSelector)} in the policy's namespace`);
    }
  }
  return texts.map(text => (namespacesByPods.has(text) ? `${text} in namespaces ${namespacesByPods.get(text)!.join(', ')}` : text));
}

/** The namespace a selector names by `kubernetes.io/metadata.name` alone, if that is all it does. */
function namedNamespace(selector: any): string | undefined {
  const labels = selector?.matchLabels ?? {};
  const keys = Object.keys(labels);
  return keys.length === 1 && keys[0] === NAMESPACE_NAME_LABEL && !(selector.matchExpressions ?? []).length
    ? String(labels[NAMESPACE_NAME_LABEL]) : undefined;
}

function podsText(selector: any): string {
  const labels = selector?.matchLabels ?? {};
  if (!Object.keys(labels).length && !(selector?.matchExpressions ?? []).length) return 'pods';
  return `pods ${selectorText(selector)}`;
}

function selectorText(selector: any): string {
  const labels = selector?.matchLabels ?? {};
  const parts = Object.keys(labels).sort().map(key => `${key}=${labels[key]}`);
  for (const e of selector?.matchExpressions ?? []) parts.push(`${e?.key} ${e?.operator}${e?.values?.length ? ` (${e.values.join(', ')})` : ''}`);
  return `{${parts.join(', ')}}`;
}

/** One Cilium rule: `toEntities world on TCP/443`, `toCIDR 0.0.0.0/0 on every port`. */
export function describeCiliumRule(rule: any, direction: 'ingress' | 'egress'): string {
  const side = direction === 'egress' ? 'to' : 'from';
  const l3 = Object.keys(rule ?? {}).filter(key => key.startsWith(side) && key !== 'toPorts').sort()
    .map(key => `${key} ${JSON.stringify(rule[key])}`);
  const ports = (rule?.toPorts ?? []).flatMap((portRule: any) => portRule?.ports ?? [])
    .map((port: any) => `${port?.protocol ?? 'ANY'}/${port?.port ?? 0}${port?.endPort !== undefined ? `-${port.endPort}` : ''}`);
  return `${l3.length ? l3.join(' and ') : 'every peer'} on ${ports.length ? ports.join(', ') : 'every port'}`;
}
