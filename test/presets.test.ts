/**
 * Presets for the real deployments: the community Helm chart
 * (serhanekicii/openclaw-helm, tests/snapshots/default.yaml) and the OpenClaw
 * operator (openclaw-rocks/openclaw-operator, internal/resources/common.go and
 * networkpolicy.go). The pods below carry the labels those sources render.
 */
import { ApiObject } from 'cdk8s';
import { EnforcementModel, FlowEndpoint, OpenClawDeployment, OpenClawNetworkIsolation, PolicyAnalyzer } from '../src';
import { allows, ip, pod } from './support/netpol-eval';
import { newChart, synth } from './support/synth';

/** spec.template.metadata.labels of the chart's Deployment, release "openclaw" (tests/snapshots/default.yaml). */
const HELM_POD_LABELS = {
  'app.kubernetes.io/controller': 'main',
  'app.kubernetes.io/instance': 'openclaw',
  'app.kubernetes.io/name': 'openclaw',
};

/** Labels(instance) of the operator (common.go): the selector labels plus managed-by. */
const OPERATOR_POD_LABELS = {
  'app.kubernetes.io/name': 'openclaw',
  'app.kubernetes.io/instance': 'demo',
  'app.kubernetes.io/managed-by': 'openclaw-operator',
};

describe('OpenClawDeployment.helmChart', () => {
  const preset = OpenClawDeployment.helmChart('openclaw');

  test('matches the chart\'s rendered Deployment: its selector labels and gateway port', () => {
    expect(preset.selector).toEqual(HELM_POD_LABELS);
    expect(preset.gatewayPort).toBe(18789);
    expect(preset.additionalIngressPorts).toEqual([]);
  });

  test('the policies select the chart\'s pods, and not another release\'s', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { selector: preset.selector, gatewayPort: preset.gatewayPort });
    const objects = synth(chart);
    const otherRelease = { ...HELM_POD_LABELS, 'app.kubernetes.io/instance': 'staging' };
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', HELM_POD_LABELS), port: 18789 })).toBe(true);
    expect(allows(objects, { from: pod('openclaw', HELM_POD_LABELS), to: ip('160.79.104.10'), port: 443 })).toBe(true);
    expect(allows(objects, { from: pod('openclaw', otherRelease), to: ip('160.79.104.10'), port: 443 })).toBe(false);
  });
});

describe('OpenClawDeployment.operator', () => {
  const preset = OpenClawDeployment.operator('demo');

  test('matches SelectorLabels, GatewayPort and CanvasPort of the operator', () => {
    expect(preset.selector).toEqual({ 'app.kubernetes.io/instance': 'demo', 'app.kubernetes.io/name': 'openclaw' });
    expect(preset.gatewayPort).toBe(18789);
    expect(preset.additionalIngressPorts.map(String)).toEqual(['TCP/18793']);
  });

  /** The operator's own NetworkPolicy for instance "demo" in "openclaw", as BuildNetworkPolicy renders it with default spec. */
  function operatorNetworkPolicy(chart: ReturnType<typeof newChart>): void {
    new ApiObject(chart, 'OperatorPolicy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'demo', namespace: 'openclaw' },
      spec: {
        podSelector: { matchLabels: preset.selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openclaw' } } }],
          ports: [{ protocol: 'TCP', port: 18789 }, { protocol: 'TCP', port: 18793 }],
        }],
        egress: [
          { to: [], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
          { to: [], ports: [{ protocol: 'TCP', port: 443 }] },
        ],
      },
    });
  }

  test('compared with the operator\'s own NetworkPolicy: ours closes in-cluster 443 and DNS to any pod, and opens the UI to the ingress controller', () => {
    const theirs = newChart();
    operatorNetworkPolicy(theirs);
    const ours = newChart();
    new OpenClawNetworkIsolation(ours, 'Isolation', {
      selector: preset.selector, gatewayPort: preset.gatewayPort, additionalIngressPorts: preset.additionalIngressPorts,
    });
    const openclaw = FlowEndpoint.pod('openclaw', OPERATOR_POD_LABELS);
    const flows = {
      'in-cluster service on 443': { from: openclaw, to: FlowEndpoint.pod('payments', { app: 'api' }), port: 443 },
      'any pod on 53': { from: openclaw, to: FlowEndpoint.pod('default', { app: 'tunnel' }), port: 53 },
      'a pod of its own namespace to the gateway': { from: FlowEndpoint.pod('openclaw', { app: 'other' }), to: openclaw, port: 18789 },
      'the ingress controller to the canvas': { from: FlowEndpoint.pod('ingress-nginx', {}), to: openclaw, port: 18793 },
      'a public API on 443': { from: openclaw, to: FlowEndpoint.external('160.79.104.10'), port: 443 },
    };
    const verdicts = (chart: ReturnType<typeof newChart>) => {
      const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.GENERIC });
      return Object.fromEntries(Object.entries(flows).map(([name, flow]) => [name, analyzer.isAllowed(flow)]));
    };
    expect(verdicts(theirs)).toEqual({
      'in-cluster service on 443': true,
      'any pod on 53': true,
      'a pod of its own namespace to the gateway': true,
      'the ingress controller to the canvas': false,
      'a public API on 443': true,
    });
    expect(verdicts(ours)).toEqual({
      'in-cluster service on 443': false,
      'any pod on 53': false,
      'a pod of its own namespace to the gateway': false,
      'the ingress controller to the canvas': true,
      'a public API on 443': true,
    });
  });
});
