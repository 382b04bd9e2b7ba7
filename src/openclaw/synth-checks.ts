import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { renderApiObjects } from '../analysis/analyzer';
import { analyzerForChecks, checkDns, checkFqdnDnsProxy, checkGateway, OpenClawFlows } from '../analysis/checks';
import { FlowEndpoint } from '../analysis/flow-endpoint';
import { DnsTarget } from '../net/dns-target';
import { policyRevision } from '../policies/revision';

/** The OpenClaw flows registered in each chart. */
const flowsByChart = new WeakMap<Chart, OpenClawFlows[]>();

/**
 * Makes `cdk8s synth` fail on the classic mistakes in `scope`'s chart: one
 * validation per chart analyzes the chart's synthesized objects once, for
 * every OpenClaw deployment registered in it (DNS reachable, gateway
 * reachable) and for every Cilium FQDN rule (resolvable through the DNS proxy).
 */
export function registerSynthChecks(scope: IConstruct, flows?: OpenClawFlows): void {
  const chart = Chart.of(scope);
  let registered = flowsByChart.get(chart);
  if (!registered) {
    const list: OpenClawFlows[] = [];
    registered = list;
    flowsByChart.set(chart, list);
    chart.node.addValidation({ validate: () => runChecksOnce(chart, list) });
  }
  if (flows) registered.push(flows);
}

/** The last result per chart, with what it was computed for. */
const lastResults = new WeakMap<Chart, { revision: number; nodes: number; errors: string[] }>();

/**
 * cdk8s validates the app twice in one synthesis (`App.synthYaml`, then
 * `Chart.toJson`): reuse the result while neither the library's policies
 * (`policyRevision`) nor the chart's constructs changed.
 */
function runChecksOnce(chart: Chart, flows: OpenClawFlows[]): string[] {
  const key = { revision: policyRevision(), nodes: chart.node.findAll().length };
  const last = lastResults.get(chart);
  if (last && last.revision === key.revision && last.nodes === key.nodes) return last.errors;
  const errors = runChecks(chart, flows);
  lastResults.set(chart, { ...key, errors });
  return errors;
}

function runChecks(chart: Chart, flows: OpenClawFlows[]): string[] {
  // Not chart.toJson(): that validates the app again, and this runs inside validation.
  const manifests = renderApiObjects(chart);
  const analyzer = analyzerForChecks(manifests);
  // The DNS servers of every construct for the same pods count (say, the Cilium policy's when the isolation leaves DNS to it).
  const serversByPod = new Map<string, OpenClawFlows['dnsServers']>();
  for (const f of flows) serversByPod.set(`${f.pod}`, [...serversByPod.get(`${f.pod}`) ?? [], ...f.dnsServers]);
  return [
    ...flows.flatMap(f => {
      const known = serversByPod.get(`${f.pod}`)!;
      const dnsServers = known.length ? known : dnsServersOf([DnsTarget.kubeDns()]);
      return [...checkDns(analyzer, { ...f, dnsServers }), ...checkGateway(analyzer, f)];
    }),
    ...checkFqdnDnsProxy(manifests, analyzer),
  ];
}

/** The checks' view of DNS targets: pods, or a NodeLocal DNSCache address. */
export function dnsServersOf(targets: DnsTarget[]): OpenClawFlows['dnsServers'] {
  return targets.map(target => ({
    endpoint: target.ip !== undefined ? FlowEndpoint.external(target.ip) : FlowEndpoint.pod(target.namespace!, target.labels!),
    port: target.port,
  }));
}
