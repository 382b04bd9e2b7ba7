/**
 * A small, independent model of how Cilium 1.17 enforces one
 * CiliumNetworkPolicy's FQDN egress, for behaviour tests:
 * a host is reachable on a port only if (1) some egress rule sends DNS for
 * that name through the DNS proxy (toPorts port 53 with rules.dns matching
 * the name), and (2) some toFQDNs rule matches the name and the port.
 * A policy Cilium's agent rejects (the library's upstream-derived
 * `ciliumAgentRejections`) is dropped whole, so it allows nothing.
 */

import { selectorMatches } from './netpol-eval';
import { ciliumAgentRejections } from '../../src/analysis/cilium-agent-rules';

/** False if Cilium's agent refuses the policy: it then counts as no policy. */
function imported(cnp: any): boolean {
  return ciliumAgentRejections(cnp).length === 0;
}

/**
 * Cilium's matchPattern, as in pkg/fqdn/matchpattern: a bare `*` matches
 * every name; `*` matches zero or more DNS characters within one label; from
 * Cilium 1.19 (`ciliumMinor >= 19`) a `**.` label matches one or more labels.
 */
export function patternMatches(pattern: string, name: string, ciliumMinor = 17): boolean {
  if (pattern === '*') return true;
  const label = '[-a-z0-9_]';
  const source = pattern.toLowerCase().split('.').map(part => {
    if (part === '**' && ciliumMinor >= 19) return `(${label}+\\.)+`;
    return part.split('*').map(escape).join(`${label}*`) + '\\.';
  }).join('');
  return new RegExp(`^${source}$`).test(`${name.toLowerCase()}.`);
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function fqdnEntryMatches(entry: any, name: string, ciliumMinor: number): boolean {
  if (entry.matchName !== undefined) return entry.matchName.toLowerCase() === name.toLowerCase();
  return patternMatches(entry.matchPattern, name, ciliumMinor);
}

function portListMatches(toPorts: any[] | undefined, port: number, protocol: string): boolean {
  if (!toPorts || toPorts.length === 0) return true;
  return toPorts.some(tp => (tp.ports ?? []).some((p: any) => {
    const proto = p.protocol ?? 'ANY';
    if (proto !== 'ANY' && proto !== protocol) return false;
    const start = Number(p.port);
    const end = p.endPort ?? start;
    return start === 0 || (port >= start && port <= end);
  }));
}

/** True if DNS answers for `name` pass through the DNS proxy (so toFQDNs can learn its IPs). */
export function dnsProxySees(cnp: any, name: string, ciliumMinor = 17): boolean {
  return imported(cnp) && (cnp.spec.egress ?? []).some((rule: any) => (rule.toPorts ?? []).some((tp: any) =>
    (tp.ports ?? []).length > 0
    && (tp.rules?.dns ?? []).some((d: any) => fqdnEntryMatches(d, name, ciliumMinor))));
}

/** True if the policy lets the selected pods open `protocol`/`port` to the host `name`. */
export function fqdnAllowed(cnp: any, name: string, port: number, protocol = 'TCP', ciliumMinor = 17): boolean {
  if (!imported(cnp) || !dnsProxySees(cnp, name, ciliumMinor)) return false;
  return (cnp.spec.egress ?? []).some((rule: any) =>
    (rule.toFQDNs ?? []).some((entry: any) => fqdnEntryMatches(entry, name, ciliumMinor))
    && portListMatches(rule.toPorts, port, protocol));
}

/**
 * True if the policy lets the selected pods open `protocol`/`port` to a pod
 * with these labels in this namespace (`toEndpoints`). In a namespaced
 * policy, a selector without a namespace label means the policy's namespace.
 */
export function endpointAllowed(cnp: any, namespace: string, labels: { [key: string]: string }, port: number, protocol = 'TCP'): boolean {
  const podLabels: { [key: string]: string } = { 'k8s:io.kubernetes.pod.namespace': namespace };
  for (const [key, value] of Object.entries(labels)) podLabels[`k8s:${key}`] = value;
  return imported(cnp) && (cnp.spec.egress ?? []).some((rule: any) => (rule.toEndpoints ?? []).some((selector: any) => {
    const wanted: { [key: string]: string } = { ...selector.matchLabels };
    if (cnp.kind === 'CiliumNetworkPolicy' && !('k8s:io.kubernetes.pod.namespace' in wanted)) {
      wanted['k8s:io.kubernetes.pod.namespace'] = cnp.metadata.namespace;
    }
    return Object.entries(wanted).every(([key, value]) => podLabels[key.startsWith('k8s:') ? key : `k8s:${key}`] === value);
  }) && portListMatches(rule.toPorts, port, protocol));
}

type Labels = { [key: string]: string };

/** A pod's Cilium identity labels: `k8s:`-prefixed labels plus its namespace. */
function ciliumLabelsOf(namespace: string, labels: Labels): Labels {
  const result: Labels = { 'k8s:io.kubernetes.pod.namespace': namespace };
  for (const [key, value] of Object.entries(labels)) result[`k8s:${key}`] = value;
  return result;
}

/**
 * A Cilium selector (`matchLabels` and `matchExpressions`, Kubernetes
 * semantics) against a pod; a key without a source prefix matches the pod's
 * `k8s:` label, and a namespaced policy adds its own namespace when none is named.
 */
function ciliumSelectorMatches(cnp: any, selector: any, namespace: string, labels: Labels): boolean {
  const withSource = (key: string) => key.startsWith('k8s:') ? key : `k8s:${key}`;
  const wanted: Labels = { ...selector?.matchLabels };
  if (cnp.kind === 'CiliumNetworkPolicy' && !('k8s:io.kubernetes.pod.namespace' in wanted)) {
    wanted['k8s:io.kubernetes.pod.namespace'] = cnp.metadata.namespace;
  }
  const podLabels = ciliumLabelsOf(namespace, labels);
  const expressions = (selector?.matchExpressions ?? []).map((e: any) => ({ ...e, key: withSource(e.key) }));
  return Object.entries(wanted).every(([key, value]) => podLabels[withSource(key)] === value)
    && selectorMatches({ matchExpressions: expressions }, podLabels);
}

/** True if the policy's `endpointSelector` selects the pod (it is one of the pods the policy applies to). */
export function ciliumSelects(cnp: any, namespace: string, labels: Labels): boolean {
  return ciliumSelectorMatches(cnp, cnp.spec.endpointSelector, namespace, labels);
}

/**
 * One direction of a pod-to-pod flow at `subject` under one Cilium policy
 * (`toEndpoints` / `fromEndpoints` and `toPorts` only): whether the policy
 * selects the pod and turns default deny on in that direction (rules in that
 * direction and `enableDefaultDeny.<direction>` not false), and whether one
 * of its rules allows the peer on the port.
 */
export function ciliumDirection(cnp: any, subject: { namespace: string; labels: Labels }, direction: 'ingress' | 'egress',
  peer: { namespace: string; labels: Labels }, port: number, protocol = 'TCP'): { isolated: boolean; allowed: boolean } {
  const spec = cnp.spec;
  if (!ciliumSelectorMatches(cnp, spec.endpointSelector, subject.namespace, subject.labels)) return { isolated: false, allowed: false };
  const rules: any[] = spec[direction] ?? [];
  const side = direction === 'egress' ? 'toEndpoints' : 'fromEndpoints';
  return {
    isolated: rules.length > 0 && spec.enableDefaultDeny?.[direction] !== false,
    allowed: rules.some(rule => (rule[side] ?? []).some((selector: any) => ciliumSelectorMatches(cnp, selector, peer.namespace, peer.labels))
      && portListMatches(rule.toPorts, port, protocol)),
  };
}
