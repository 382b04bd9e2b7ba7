/**
 * A small, independent model of how Cilium 1.17 enforces one
 * CiliumNetworkPolicy's FQDN egress, for behaviour tests:
 * a host is reachable on a port only if (1) some egress rule sends DNS for
 * that name through the DNS proxy (toPorts port 53 with rules.dns matching
 * the name), and (2) some toFQDNs rule matches the name and the port.
 */

/** Cilium 1.17/1.18 matchPattern: `*` matches within one DNS label; a bare `*` matches everything. */
export function patternMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  const regex = new RegExp(`^${pattern.toLowerCase().split('*').map(escape).join('[-a-z0-9_]*')}$`);
  return regex.test(name.toLowerCase());
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function fqdnEntryMatches(entry: any, name: string): boolean {
  if (entry.matchName !== undefined) return entry.matchName.toLowerCase() === name.toLowerCase();
  return patternMatches(entry.matchPattern, name);
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
export function dnsProxySees(cnp: any, name: string): boolean {
  return (cnp.spec.egress ?? []).some((rule: any) => (rule.toPorts ?? []).some((tp: any) =>
    (tp.ports ?? []).some((p: any) => p.port === '53')
    && (tp.rules?.dns ?? []).some((d: any) => fqdnEntryMatches(d, name))));
}

/** True if the policy lets the selected pods open `protocol`/`port` to the host `name`. */
export function fqdnAllowed(cnp: any, name: string, port: number, protocol = 'TCP'): boolean {
  if (!dnsProxySees(cnp, name)) return false;
  return (cnp.spec.egress ?? []).some((rule: any) =>
    (rule.toFQDNs ?? []).some((entry: any) => fqdnEntryMatches(entry, name))
    && portListMatches(rule.toPorts, port, protocol));
}
