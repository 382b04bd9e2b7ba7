import { PolicyAnalyzer } from './analyzer';
import { hasCiliumPolicies } from './checks';
import { EnforcementModel } from './enforcement-model';
import { FlowEndpoint } from './flow-endpoint';
import { runGuards } from './guards';
import { Flow, Verdict } from './verdict';
import { Protocol } from '../net/port';

/**
 * The least-privilege audit of OpenClaw deployments in a set of manifests:
 * the standard OpenClaw flows, each with the verdict least privilege
 * expects, plus the guards that synthesis runs (`runGuards`), so that `check`
 * fails what synthesis fails. The `check` command and the cdk8s validation
 * plugin print it.
 *
 * @module
 */

/** What the audit needs to know. */
export interface AuditOptions {
  readonly model: EnforcementModel;
  /** Labels of the OpenClaw pods. */
  readonly selector: { [key: string]: string };
  readonly gatewayPort: number;
  readonly ingressNamespaces: string[];
  /** Hosts OpenClaw must reach on TCP 443, such as `api.anthropic.com`. */
  readonly requiredHosts: string[];
}

/** One standard flow and its verdict. */
export interface AuditFlow {
  /** The least-privilege rule the flow tests, such as `dns-only-to-cluster-dns`. */
  readonly rule: string;
  /** What the flow stands for, such as "DNS to a pod that is not the cluster DNS". */
  readonly name: string;
  readonly flow: Flow;
  /** How a graph names the server, when not by its address or DNS name. */
  readonly serverLabel?: string;
  /** What least privilege expects; undefined when the flow is only shown (not judged). */
  readonly expectAllowed?: boolean;
  readonly verdict: Verdict;
}

/** The audit's result. */
export interface AuditResult {
  /** The namespaces where OpenClaw pods were found. */
  readonly namespaces: string[];
  /** The OpenClaw pods probed. */
  readonly pods: OpenClawPod[];
  readonly flows: AuditFlow[];
  /** The violations, each with its rule and a reason that names the deciding policies. */
  readonly violations: AuditViolation[];
}

/** One violation of the least-privilege expectations. */
export interface AuditViolation {
  /** The rule, such as `fqdn-dns-proxy`. */
  readonly rule: string;
  readonly message: string;
}

/** Standard addresses for the probes (documentation and well-known ranges). */
const PUBLIC_PROVIDER_IP = '203.0.113.10';
const UNLISTED_HOST_IP = '203.0.113.66';
const SERVICE_IP = '10.96.0.10';
const OTHER_POD_IP = '10.244.3.7';
const METADATA_IP = '169.254.169.254';

/** Kinds whose pod template carries the pod labels, and where. */
function podLabelsOf(manifest: any): { [key: string]: string } | undefined {
  switch (manifest?.kind) {
    case 'Pod': return manifest.metadata?.labels;
    case 'CronJob': return manifest.spec?.jobTemplate?.spec?.template?.metadata?.labels;
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job':
      return manifest.spec?.template?.metadata?.labels;
    default: return undefined;
  }
}

/** An OpenClaw pod the audit probes: its namespace and its full labels. */
export interface OpenClawPod {
  readonly namespace: string;
  readonly labels: { [key: string]: string };
}

/**
 * The OpenClaw pods: those of workloads whose pod labels include the
 * selector (with all their labels), or else the selector's labels in each
 * namespace where some policy selects such pods (`default` for policies
 * without a namespace).
 */
export function findOpenClawPods(manifests: any[], selector: { [key: string]: string }, analyzer: PolicyAnalyzer): OpenClawPod[] {
  const matches = (labels: { [key: string]: string } | undefined) =>
    labels !== undefined && Object.entries(selector).every(([key, value]) => labels[key] === value);
  const byKey = new Map<string, OpenClawPod>();
  for (const m of manifests.filter(w => matches(podLabelsOf(w)))) {
    const pod = { namespace: m.metadata?.namespace ?? 'default', labels: { ...podLabelsOf(m)! } };
    byKey.set(`${pod.namespace}/${JSON.stringify(Object.entries(pod.labels).sort())}`, pod);
  }
  if (byKey.size) return [...byKey.keys()].sort().map(key => byKey.get(key)!);
  const namespaces = [...new Set(manifests.filter(m => typeof m?.kind === 'string' && m.kind.endsWith('Policy'))
    .map(m => (typeof m?.metadata?.namespace === 'string' ? m.metadata.namespace : 'default')))].sort();
  return namespaces.filter(ns => analyzer.policiesSelecting(FlowEndpoint.pod(ns, selector)).length > 0)
    .map(namespace => ({ namespace, labels: { ...selector } }));
}

/** The labels of the `Namespace` objects among the manifests. */
function namespaceLabelsOf(manifests: any[]): { name: string; labels: { [key: string]: string } }[] {
  return manifests.filter(m => m?.apiVersion === 'v1' && m?.kind === 'Namespace' && typeof m?.metadata?.name === 'string')
    .map(m => ({ name: m.metadata.name, labels: { ...m.metadata.labels } }));
}

/** Runs the audit. */
export function auditOpenClaw(manifests: any[], options: AuditOptions): AuditResult {
  const analyzer = PolicyAnalyzer.fromManifests(manifests, { model: options.model, namespaces: namespaceLabelsOf(manifests) });
  const pods = findOpenClawPods(manifests, options.selector, analyzer);
  const namespaces = [...new Set(pods.map(p => p.namespace))];
  const flows: AuditFlow[] = [];
  const add = (rule: string, name: string, flow: Flow, expectAllowed: boolean | undefined, serverLabel?: string) =>
    flows.push({ rule, name, flow, expectAllowed, verdict: analyzer.check(flow), serverLabel });
  for (const { namespace, labels } of pods) {
    const openclaw = FlowEndpoint.pod(namespace, labels);
    const fqdnAllowList = options.model === EnforcementModel.CILIUM
      && analyzer._fqdnRestricted(openclaw);
    add('dns-reachable', 'DNS to the cluster DNS (UDP)', { from: openclaw, to: FlowEndpoint.clusterDns(), port: 53, protocol: Protocol.UDP }, true);
    add('dns-reachable', 'DNS to the cluster DNS (TCP)', { from: openclaw, to: FlowEndpoint.clusterDns(), port: 53, protocol: Protocol.TCP }, true);
    add('dns-only-to-cluster-dns', 'DNS to a pod that is not the cluster DNS',
      { from: openclaw, to: FlowEndpoint.pod('default', { app: 'not-dns' }, OTHER_POD_IP), port: 53, protocol: Protocol.UDP }, false);
    for (const host of options.requiredHosts) {
      add('provider-reachable', `HTTPS to ${host}`, { from: openclaw, to: FlowEndpoint.external(PUBLIC_PROVIDER_IP, host), port: 443 }, true);
    }
    add('fqdn-allow-list-enforced', fqdnAllowList ? 'HTTPS to an unlisted public host, despite the FQDN allow-list' : 'HTTPS to any public host',
      { from: openclaw, to: FlowEndpoint.external(UNLISTED_HOST_IP, 'any-public-host.example'), port: 443 }, fqdnAllowList ? false : undefined,
      'any public address');
    add('fqdn-allow-list-enforced', fqdnAllowList ? 'TCP 5222 to an unlisted public host, despite the FQDN allow-list' : 'TCP 5222 to any public host',
      { from: openclaw, to: FlowEndpoint.external(UNLISTED_HOST_IP, 'any-public-host.example'), port: 5222 }, fqdnAllowList ? false : undefined,
      'any public address');
    add('no-metadata-endpoint', 'the cloud metadata endpoint (HTTP)', { from: openclaw, to: FlowEndpoint.external(METADATA_IP), port: 80 }, false);
    add('no-metadata-endpoint', 'the cloud metadata endpoint on 443', { from: openclaw, to: FlowEndpoint.external(METADATA_IP), port: 443 }, false);
    if (options.model === EnforcementModel.GENERIC) {
      // Cilium translates a ClusterIP to its backend pods before policy, so there the pod probe below stands for services.
      add('no-in-cluster-egress', 'an in-cluster service address on 443', { from: openclaw, to: FlowEndpoint.external(SERVICE_IP), port: 443 }, false);
    }
    add('no-in-cluster-egress', 'a pod in another namespace on 443',
      { from: openclaw, to: FlowEndpoint.pod('default', { app: 'database' }, OTHER_POD_IP), port: 443 }, false);
    for (const source of options.ingressNamespaces) {
      add('gateway-reachable', `the gateway from ${source}`, { from: FlowEndpoint.pod(source, {}), to: openclaw, port: options.gatewayPort }, true);
    }
    add('gateway-only-from-ingress', 'the gateway from a pod in default', { from: FlowEndpoint.pod('default', {}), to: openclaw, port: options.gatewayPort }, false);
    if (options.ingressNamespaces.length) {
      add('gateway-only-from-ingress', `another port from ${options.ingressNamespaces[0]}`,
        { from: FlowEndpoint.pod(options.ingressNamespaces[0], {}), to: openclaw, port: 22 }, false);
    }
  }
  const violations: AuditViolation[] = [
    ...analyzer.invalidPolicies.map(p => ({
      rule: 'cilium-agent-rejected',
      message: `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name} is rejected by Cilium's agent and dropped whole: `
        + `${p.path}: ${p.message} (${p.upstream}). None of its rules apply, DNS-proxy rules included.`,
    })),
    ...pods.flatMap(({ namespace, labels }) => analyzer.policyResolutionErrors(FlowEndpoint.pod(namespace, labels))
      .map(message => ({ rule: 'cilium-policy-unresolvable', message }))),
    ...flows.filter(f => f.expectAllowed !== undefined && f.expectAllowed !== f.verdict.allowed)
      .map(f => ({ rule: f.rule, message: `${f.name}: expected ${f.expectAllowed ? 'allowed' : 'denied'}. ${f.verdict.reason}` })),
    ...runGuards(manifests).findings,
  ];
  return { namespaces, pods, flows, violations };
}

/** The model to use when the user does not say: Cilium if Cilium policies are present. */
export function defaultModel(manifests: any[]): EnforcementModel {
  return hasCiliumPolicies(manifests) ? EnforcementModel.CILIUM : EnforcementModel.GENERIC;
}
