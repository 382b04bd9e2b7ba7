import { compileDnsPattern } from './policy-model';
import { AiProvider } from '../catalog/ai-provider';
import { EndpointSet } from '../catalog/endpoint-set';
import { MessagingChannel } from '../catalog/messaging-channel';
import { DnsTarget } from '../net/dns-target';
import { LabelRequirement } from '../net/label-requirement';
import { Port } from '../net/port';
import { OpenClawDefaults } from '../openclaw/defaults';

/**
 * What OpenClaw should be allowed, as data: the constructs' props (pods,
 * gateway port and ingress sources, public egress ports, providers, channels,
 * FQDNs, DNS targets). The judge compares the exhaustive connectivity with
 * it: anything allowed outside it is a violation, and so is any flow in it
 * that is denied. The CLI builds it from flags, whose defaults are the
 * constructs' defaults; an app's constructs record theirs in their manifests
 * (`recorded-intent.ts`).
 *
 * @module
 */

/** A protocol and an inclusive port range. */
export interface PortSpec {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

/** Pods by namespace and labels (a pod matches if it carries all the labels). */
export interface PodsSpec {
  readonly namespace: string;
  readonly labels: { [key: string]: string };
}

/** DNS names (a `matchName` or `matchPattern`) and the ports OpenClaw uses on them. */
export interface NamesSpec {
  readonly text: string;
  readonly pattern: boolean;
  readonly ports: PortSpec[];
  /** Where the names come from: `anthropic`, `--fqdn`, … */
  readonly source: string;
}

/** A DNS server: pods, or an address (NodeLocal DNSCache), on one port (UDP and TCP). */
export interface DnsServerSpec {
  readonly pods?: PodsSpec;
  readonly ip?: string;
  readonly port: number;
  readonly description: string;
}

/** What OpenClaw should be allowed. */
export interface OpenClawIntent {
  /** Labels of the OpenClaw pods. */
  readonly selector: { [key: string]: string };
  /** More requirements on the OpenClaw pods' labels (a pod selector's `matchExpressions`; default: none). */
  readonly selectorRequirements?: LabelRequirement[];
  /** The namespaces of the OpenClaw pods (default: every namespace). */
  readonly namespaces?: string[];
  /** Namespaces whose pods are not these OpenClaw pods, even without `namespaces` (a cluster-wide policy's namespaces it does not select). */
  readonly excludedNamespaces?: string[];
  /** The gateway port (TCP), which `ingressFrom` must reach. */
  readonly gatewayPort: number;
  /** Every port `ingressFrom` may reach: the gateway, and `additionalIngressPorts`. */
  readonly ingressPorts: PortSpec[];
  /** The pods that may reach the gateway (none: no ingress at all, as with `allowIngress: false`). */
  readonly ingressFrom: PodsSpec[];
  /** The channels' webhook ports (MS Teams 3978, …), which only `webhookFrom` may reach. */
  readonly webhookPorts?: PortSpec[];
  /** The pods that may reach the webhook ports (default: the ingress controller's namespace). */
  readonly webhookFrom?: PodsSpec[];
  /** Ports OpenClaw may use towards any public address (none when an FQDN allow-list owns internet egress). */
  readonly publicEgressPorts: PortSpec[];
  /** DNS names OpenClaw must reach (providers, channels, `--fqdn`). */
  readonly names: NamesSpec[];
  /** In-cluster peers OpenClaw must reach (in-cluster model servers). */
  readonly inCluster: { readonly pods: PodsSpec; readonly ports: PortSpec[]; readonly source: string }[];
  /** DNS servers OpenClaw must reach, and the only peers it may send DNS to. */
  readonly dns: DnsServerSpec[];
  /** True if the cloud metadata endpoint may be reached on TCP 80. */
  readonly cloudMetadata: boolean;
}

/** A `Port` as a port spec (all ports: 1–65535). */
export function portSpecOf(port: Port): PortSpec {
  return { protocol: port.protocol, from: port.portNumber ?? 1, to: port.endPort ?? port.portNumber ?? 65535 };
}

/** The DNS names and in-cluster peers of catalog entries. */
export function endpointSetIntent(sets: EndpointSet[]): Pick<OpenClawIntent, 'names' | 'inCluster'> {
  return {
    names: sets.filter(set => !set.isInCluster).flatMap(set => set.fqdns.map(fqdn => ({
      text: String(fqdn.matchName ?? fqdn.matchPattern),
      pattern: fqdn.matchPattern !== undefined,
      ports: set.ports.map(portSpecOf),
      source: set.name,
    }))),
    inCluster: sets.filter(set => set.isInCluster).map(set => ({
      pods: { namespace: set.namespace!, labels: { ...set.podLabels } },
      ports: set.ports.map(portSpecOf),
      source: set.name,
    })),
  };
}

/** A DNS target of the library as a DNS server of the intent. */
export function dnsServerOf(target: DnsTarget): DnsServerSpec {
  return {
    pods: target.namespace !== undefined ? { namespace: target.namespace, labels: { ...target.labels } } : undefined,
    ip: target.ip,
    port: target.port,
    description: target.description,
  };
}

/**
 * The intent of the constructs' defaults: `OpenClawNetworkIsolation` (gateway
 * from the ingress namespaces, DNS to kube-dns, public egress on TCP 443 and
 * 5222) and the `OpenClawCiliumEgress` providers and channels. Under an FQDN
 * allow-list (`publicEgress: false`) OpenClaw reaches those names and no other
 * public address.
 */
export function defaultIntent(publicEgress: boolean): OpenClawIntent {
  const sets: EndpointSet[] = [...OpenClawDefaults.PROVIDERS, ...OpenClawDefaults.CHANNELS];
  return {
    selector: { ...OpenClawDefaults.SELECTOR },
    gatewayPort: OpenClawDefaults.GATEWAY_PORT,
    ingressPorts: [{ protocol: 'TCP', from: OpenClawDefaults.GATEWAY_PORT, to: OpenClawDefaults.GATEWAY_PORT }],
    ingressFrom: OpenClawDefaults.INGRESS_NAMESPACES.map(namespace => ({ namespace, labels: {} })),
    webhookPorts: sets.flatMap(set => set.inboundPorts).map(portSpecOf),
    webhookFrom: OpenClawDefaults.WEBHOOK_NAMESPACES.map(namespace => ({ namespace, labels: {} })),
    publicEgressPorts: publicEgress ? OpenClawDefaults.EGRESS_PORTS.map(portSpecOf) : [],
    ...endpointSetIntent(sets),
    dns: [dnsServerOf(DnsTarget.kubeDns())],
    cloudMetadata: false,
  };
}

/** The catalog entries by their name (`anthropic`, `telegram`, …). */
export function catalogEntry(kind: 'provider' | 'channel', name: string): EndpointSet | undefined {
  const owner: any = kind === 'provider' ? AiProvider : MessagingChannel;
  return Object.keys(owner).map(key => owner[key]).find(value => value instanceof EndpointSet && value.name === name);
}

/** The names of the catalog entries of a kind, for error messages. */
export function catalogNames(kind: 'provider' | 'channel'): string[] {
  const owner: any = kind === 'provider' ? AiProvider : MessagingChannel;
  return Object.keys(owner).map(key => owner[key]).filter(value => value instanceof EndpointSet).map(set => set.name).sort();
}

/** True if the pod (namespace and labels) is one of `spec`'s pods. */
export function podsMatch(spec: PodsSpec, namespace: string, labels: { [key: string]: string }): boolean {
  return spec.namespace === namespace && Object.entries(spec.labels).every(([key, value]) => labels[key] === value);
}

/** True if the intended names cover `name` (Cilium 1.17 pattern semantics). */
export function namesCover(spec: NamesSpec, name: string): boolean {
  let matches = compiledNames.get(spec);
  if (!matches) {
    const exact = spec.text.toLowerCase().replace(/\.$/, '');
    matches = spec.pattern ? compileDnsPattern(spec.text, false) : (n: string) => n === exact;
    compiledNames.set(spec, matches);
  }
  return matches(name);
}

/** Each names spec's compiled matcher, made once. */
const compiledNames = new WeakMap<NamesSpec, (name: string) => boolean>();

/** The pods the intent names: its DNS servers, ingress sources and in-cluster peers. */
export function intentPods(intent: OpenClawIntent): PodsSpec[] {
  return [
    ...intent.dns.flatMap(d => (d.pods ? [d.pods] : [])), ...intent.ingressFrom, ...intent.webhookFrom ?? [], ...intent.inCluster.map(p => p.pods),
  ];
}
