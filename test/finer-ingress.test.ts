/**
 * Finer ingress: sources per port (the gateway from the ingress controller
 * and monitoring, a channel's own webhook port from the ingress controller
 * only), pod-level sources (`Peer` or cdk8s-plus), and an explicit "no
 * ingress"; and the synth-time checks that understand all three.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EgressAllow, EnforcementModel, FlowEndpoint, MessagingChannel, OpenClawNetworkIsolation, OpenClawNetworkIsolationProps, Peer, PolicyAnalyzer, Port } from '../src';
import { allows, pod } from './support/netpol-eval';
import { newChart, objectNamed, synth } from './support/synth';

type Labels = { [key: string]: string };
const OPENCLAW: Labels = { app: 'openclaw' };
const PROMETHEUS: Labels = { 'app.kubernetes.io/name': 'prometheus' };
const GRAFANA: Labels = { 'app.kubernetes.io/name': 'grafana' };

function isolation(props: OpenClawNetworkIsolationProps): { chart: Chart; objects: any[] } {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation', props);
  return { chart, objects: synth(chart) };
}

/** Who reaches OpenClaw on `port`, as the independent evaluator and the PolicyAnalyzer see it (they must agree). */
function reachable(chart: Chart, objects: any[], port: number): string[] {
  const sources: [string, string, Labels][] = [
    ['ingress-nginx', 'ingress-nginx', {}], ['traefik', 'traefik', {}], ['prometheus', 'monitoring', PROMETHEUS],
    ['grafana', 'monitoring', GRAFANA], ['default', 'default', {}], ['neighbour', 'openclaw', { app: 'neighbour' }],
  ];
  const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.GENERIC });
  return sources.filter(([name, namespace, labels]) => {
    const independent = allows(objects, { from: pod(namespace, labels), to: pod('openclaw', OPENCLAW), port });
    const judged = analyzer.isAllowed({ from: FlowEndpoint.pod(namespace, labels), to: FlowEndpoint.pod('openclaw', OPENCLAW), port });
    expect([name, port, judged]).toEqual([name, port, independent]);
    return judged;
  }).map(([name]) => name);
}

describe('sources per port', () => {
  test('default: the gateway from ingress-nginx and monitoring; the Teams webhook port from ingress-nginx only', () => {
    const { chart, objects } = isolation({ channels: [MessagingChannel.MS_TEAMS] });
    expect(reachable(chart, objects, 18789)).toEqual(['ingress-nginx', 'prometheus', 'grafana']);
    expect(reachable(chart, objects, 3978)).toEqual(['ingress-nginx']);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-ingress').spec.ingress.map((rule: any) => rule.ports.map((p: any) => p.port)))
      .toEqual([[18789], [3978]]);
  });

  test('webhookSources: the webhook port from another ingress controller, and nothing else changes', () => {
    const { chart, objects } = isolation({ channels: [MessagingChannel.MS_TEAMS], webhookSources: [Peer.namespaces(['traefik'])] });
    expect(reachable(chart, objects, 3978)).toEqual(['traefik']);
    expect(reachable(chart, objects, 18789)).toEqual(['ingress-nginx', 'prometheus', 'grafana']);
  });

  test('ingressNamespaces, the coarse form, still opens every ingress port to those namespaces', () => {
    const { chart, objects } = isolation({ channels: [MessagingChannel.MS_TEAMS], ingressNamespaces: ['traefik'] });
    expect(reachable(chart, objects, 18789)).toEqual(['traefik']);
    expect(reachable(chart, objects, 3978)).toEqual(['traefik']);
  });

  test('additionalIngressPorts open to the gateway\'s sources', () => {
    const { chart, objects } = isolation({ gatewaySources: [Peer.podsInNamespaces(['monitoring'], PROMETHEUS)], additionalIngressPorts: [Port.tcp(9464)] });
    expect(reachable(chart, objects, 9464)).toEqual(['prometheus']);
  });
});

describe('pod-level sources', () => {
  test('gatewaySources: the ingress controller and just the Prometheus pods of monitoring', () => {
    const { chart, objects } = isolation({
      gatewaySources: [Peer.namespaces(['ingress-nginx']), Peer.podsInNamespaces(['monitoring'], PROMETHEUS)],
    });
    expect(reachable(chart, objects, 18789)).toEqual(['ingress-nginx', 'prometheus']);
  });

  test('gatewaySources from cdk8s-plus: Pods.select in a named namespace', () => {
    const chart = newChart();
    const prometheus = kplus.Pods.select(chart, 'Prometheus', {
      labels: PROMETHEUS, namespaces: kplus.Namespaces.select(chart, 'Monitoring', { names: ['monitoring'] }),
    });
    new OpenClawNetworkIsolation(chart, 'Isolation', { gatewaySources: [Peer.fromKplus(prometheus)] });
    expect(reachable(chart, synth(chart), 18789)).toEqual(['prometheus']);
  });

  test('a pod of OpenClaw\'s own namespace as a source: the check asks for its egress allow, and with it the pod gets in', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { gatewaySources: [Peer.pods({ app: 'neighbour' })] });
    expect(() => synth(chart)).toThrow(/pod openclaw\/\{app=neighbour\} is isolated for egress by NetworkPolicy openclaw\/openclaw-default-deny/);
    new EgressAllow(chart, 'NeighbourEgress', { selector: { app: 'neighbour' }, rules: [{ peers: [Peer.pods(OPENCLAW)], ports: [Port.tcp(18789)] }] });
    expect(reachable(chart, synth(chart), 18789)).toEqual(['neighbour']);
  });
});

describe('no ingress', () => {
  test('allowIngress: false: nothing reaches any port of the OpenClaw pods, and synthesis does not complain', () => {
    const { chart, objects } = isolation({ allowIngress: false });
    for (const port of [18789, 3978, 8788, 22]) expect([port, reachable(chart, objects, port)]).toEqual([port, []]);
    const ingress = objectNamed(objects, 'NetworkPolicy', 'openclaw-ingress');
    expect(ingress.spec.policyTypes).toEqual(['Ingress']);
    expect(ingress.spec.ingress).toBeUndefined();
  });
});

describe('the synth-time checks understand per-port and pod-level sources and no ingress', () => {
  /** A NetworkPolicy that denies all egress of the pods of a namespace (or of some of them). */
  function denyEgress(chart: Chart, namespace: string, labels: Labels = {}): void {
    new ApiObject(chart, `deny-${namespace}-${Object.values(labels).join('-')}`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `deny-egress-${Object.values(labels).join('-') || 'all'}`, namespace },
      spec: { podSelector: { matchLabels: labels }, policyTypes: ['Egress'] },
    });
  }
  const synthError = (chart: Chart) => {
    try {
      Testing.synth(chart);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };

  test('a pod-level gateway source that cannot send is reported', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { gatewaySources: [Peer.podsInNamespaces(['monitoring'], PROMETHEUS)] });
    denyEgress(chart, 'monitoring', PROMETHEUS);
    expect(synthError(chart)).toMatch(/OpenClaw gateway \(openclaw\/\{app=openclaw\}, TCP 18789\) is unreachable/);
  });

  test('denying egress of other monitoring pods does not matter to a pod-level source', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { gatewaySources: [Peer.podsInNamespaces(['monitoring'], PROMETHEUS)] });
    denyEgress(chart, 'monitoring', GRAFANA);
    expect(synthError(chart)).toBe('');
  });

  test('a webhook port its sources cannot reach is reported, even when the gateway is reachable', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { channels: [MessagingChannel.MS_TEAMS], webhookSources: [Peer.namespaces(['traefik'])] });
    denyEgress(chart, 'traefik');
    const message = synthError(chart);
    expect(message).toMatch(/webhook listener \(openclaw\/\{app=openclaw\}, TCP 3978\) is unreachable/);
    expect(message).not.toMatch(/gateway \(/);
  });

  test('with allowIngress: false there is nothing to reach, so no check fails', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { allowIngress: false });
    denyEgress(chart, 'ingress-nginx');
    denyEgress(chart, 'monitoring');
    expect(synthError(chart)).toBe('');
  });
});
