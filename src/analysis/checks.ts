import { PolicyAnalyzer } from './analyzer';
import { EnforcementModel } from './enforcement-model';
import { FlowEndpoint } from './flow-endpoint';
import { SAMPLE_VALUE, sampleCiliumSelector } from './selectors';
import { DnsTarget } from '../net/dns-target';
import { NAMESPACE_NAME_LABEL } from '../net/label-requirement';
import { Protocol } from '../net/port';

/**
 * Checks of the classic mistakes, on synthesized manifests. They return
 * error messages (empty when all is well); the OpenClaw constructs run them
 * at synth time and the `check` command runs them on YAML.
 *
 * @module
 */

/** The flows an OpenClaw deployment needs, as the checks see them. */
export interface OpenClawFlows {
  /** An OpenClaw pod. */
  readonly pod: FlowEndpoint;
  /** The DNS servers (pods or addresses) and the port they listen on. */
  readonly dnsServers: { readonly endpoint: FlowEndpoint; readonly port: number }[];
  /** The gateway port, if ingress to it is expected. */
  readonly gatewayPort?: number;
  /** Where the gateway is reached from (one pod per ingress namespace). */
  readonly ingressSources: FlowEndpoint[];
  /** Listeners of their own (channel webhooks such as MS Teams 3978), each with where it is reached from. */
  readonly webhookListeners?: { readonly port: number; readonly sources: FlowEndpoint[] }[];
}

/** The checks' view of DNS targets: pods, or a NodeLocal DNSCache address. */
export function dnsServersOf(targets: DnsTarget[]): OpenClawFlows['dnsServers'] {
  return targets.map(target => ({
    endpoint: target.ip !== undefined ? FlowEndpoint.external(target.ip) : FlowEndpoint.pod(target.namespace!, target.labels!),
    port: target.port,
  }));
}

/** True if the manifests contain Cilium policies (then the Cilium model applies). */
export function hasCiliumPolicies(manifests: any[]): boolean {
  return manifests.some(m => m?.apiVersion === 'cilium.io/v2' && /^Cilium(Clusterwide)?NetworkPolicy$/.test(m?.kind));
}

/** DNS: egress-isolated OpenClaw pods must reach at least one DNS server. */
export function checkDns(analyzer: PolicyAnalyzer, flows: OpenClawFlows): string[] {
  const queries = flows.dnsServers.map(dns => ({ from: flows.pod, to: dns.endpoint, port: dns.port, protocol: Protocol.UDP }));
  if (queries.length === 0 || queries.some(query => analyzer.isAllowed(query))) return [];
  const verdicts = queries.map(query => analyzer.check(query));
  if (!verdicts[0].egress.isolated) return [];
  return [`OpenClaw pods ${flows.pod} are egress-isolated (by ${verdicts[0].egress.isolatedBy.join(', ')}) but cannot reach DNS,`
    + ` so they cannot resolve any provider or channel. ${verdicts.map(v => v.reason).join(' ')}`
    + ' Allow UDP and TCP 53 to the cluster DNS (DnsEgress, or the dnsTargets prop).'];
}

/** Ingress: the gateway port, and each webhook listener, must be reachable from at least one of its allowed sources. */
export function checkGateway(analyzer: PolicyAnalyzer, flows: OpenClawFlows): string[] {
  const unreachable = (port: number, sources: FlowEndpoint[]) => {
    const connections = sources.map(source => ({ from: source, to: flows.pod, port }));
    return connections.some(connection => analyzer.isAllowed(connection)) ? undefined
      : connections.map(connection => analyzer.check(connection).reason).join(' ');
  };
  const gateway = flows.gatewayPort !== undefined && flows.ingressSources.length ? unreachable(flows.gatewayPort, flows.ingressSources) : undefined;
  return [
    ...gateway === undefined ? [] : [`The OpenClaw gateway (${flows.pod}, TCP ${flows.gatewayPort}) is unreachable from every allowed ingress source,`
      + ` so the Control UI, health checks and webhooks are cut off. ${gateway}`
      + ' Let the ingress controller\'s pods open connections to the gateway port (their own namespace\'s egress policies),'
      + ' drop the deny rules that match, or set ingressNamespaces to where the ingress controller runs (gatewaySources for pods).'],
    ...(flows.webhookListeners ?? []).flatMap(({ port, sources }) => {
      const reasons = sources.length ? unreachable(port, sources) : undefined;
      return reasons === undefined ? [] : [`The OpenClaw webhook listener (${flows.pod}, TCP ${port}) is unreachable from every allowed`
        + ` webhook source, so that channel receives nothing. ${reasons} Let the ingress controller's pods reach it, or set webhookSources.`];
    }),
  ];
}

/**
 * The DNS proxy: every `toFQDNs` entry of every Cilium policy needs a
 * `rules.dns` rule (in some policy selecting the same pods) that lets the
 * pods resolve the name, or Cilium never learns its IPs.
 */
export function checkFqdnDnsProxy(manifests: any[], ciliumAnalyzer?: PolicyAnalyzer): string[] {
  const cases = manifests.filter(m => hasCiliumPolicies([m])).flatMap(manifest =>
    [...(manifest.spec ? [manifest.spec] : []), ...(manifest.specs ?? [])].map((spec: any, i: number) => ({
      manifest,
      entries: (spec.egress ?? []).flatMap((rule: any) => rule?.toFQDNs ?? []).map((e: any) => String(e?.matchName ?? e?.matchPattern)),
      sample: samplePod(manifest, spec, i),
    })))
    .filter(c => c.entries.length > 0 && c.sample !== undefined);
  if (cases.length === 0) return [];
  // One analyzer for all cases (the caller's, unless cluster-wide samples need namespaces of their own with the selected labels).
  const namespaces = cases.filter(c => Object.keys(c.sample!.namespaceLabels).length)
    .map(c => ({ name: c.sample!.namespace, labels: c.sample!.namespaceLabels }));
  const analyzer = ciliumAnalyzer?.model === EnforcementModel.CILIUM && namespaces.length === 0
    ? ciliumAnalyzer
    : PolicyAnalyzer.fromManifests(manifests, { model: EnforcementModel.CILIUM, namespaces });
  return cases.flatMap(({ manifest, entries, sample }) => {
    // one label for each wildcard: a sample name under 1.17 and 1.19 semantics alike
    const unresolvable = entries.filter((text: string) => !analyzer._canResolve(sample!.pod, text.replace(/\*+/g, 'x')));
    if (unresolvable.length === 0) return [];
    return [`${manifest.kind} ${manifest.metadata?.namespace ? `${manifest.metadata.namespace}/` : ''}${manifest.metadata?.name}`
      + ` allows toFQDNs ${unresolvable.join(', ')}, but no DNS-proxy rule (a port-53 egress rule with rules.dns) of the`
      + ' policies selecting its pods lets them resolve these names. Cilium learns FQDN IPs only from answers its DNS proxy'
      + ' sees, so these rules never match and the traffic is dropped. Add rules.dns to the DNS egress rule (CiliumFqdnEgress does);'
      + ' if that rule filters names (DnsQueryFilter.ALLOW_LISTED_NAMES), add these names to its allow-list (the fqdns prop).'];
  });
}

/**
 * A pod the policy spec selects, built from its selector; undefined if none
 * can be built (an unknown operator, or a label value no pod can carry: the
 * agent accepts any value).
 */
function samplePod(manifest: any, spec: any, index: number):
{ pod: FlowEndpoint; namespace: string; namespaceLabels: { [key: string]: string } } | undefined {
  const sample = sampleCiliumSelector(spec.endpointSelector);
  if (!sample) return undefined;
  const policyNamespace = manifest.kind === 'CiliumNetworkPolicy' ? manifest.metadata?.namespace ?? 'default' : undefined;
  const sampleName = `${SAMPLE_VALUE}-${String(manifest.metadata?.name ?? 'policy').slice(0, 40)}-${index}`.toLowerCase().replace(/[^-a-z0-9]/g, '-');
  const namespace = sample.namespace ?? policyNamespace ?? sample.namespaceLabels[NAMESPACE_NAME_LABEL] ?? sampleName;
  try {
    return { pod: FlowEndpoint.pod(namespace, sample.labels), namespace, namespaceLabels: sample.namespaceLabels };
  } catch {
    return undefined; // labels no pod can carry
  }
}
