/**
 * Peers inside OpenClaw's own default-denied namespace: when the OpenClaw
 * pods get egress to pods next to them, those pods' ingress must allow it
 * too, or the namespace-wide default deny drops the connection at the
 * receiving end. Judged by the independent evaluators (netpol-eval,
 * cilium-eval) and by the PolicyAnalyzer, both directions of every flow.
 */
import { Chart } from 'cdk8s';
import {
  AiProvider, EndpointSet, EnforcementModel, FlowEndpoint, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, PolicyAnalyzer, Port,
} from '../src';
import { ciliumDirection } from './support/cilium-eval';
import { allows, netpolDirection, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newApp, newChart, objectNamed, synth } from './support/synth';
import { ciliumAgentRejections } from '../src/analysis/cilium-agent-rules';
import { CiliumIngressAllow } from '../src/policies/cilium-ingress-allow';

type Labels = { [key: string]: string };

const OPENCLAW: Labels = { app: 'openclaw' };
const OLLAMA: Labels = { app: 'ollama' };
const OTHER: Labels = { app: 'other' };

/**
 * Cilium enforces NetworkPolicies and Cilium policies together: a pod is
 * isolated in a direction when any policy of either kind isolates it, and
 * then a flow passes when any rule of either kind allows it. A connection
 * needs the source's egress and the destination's ingress.
 */
function ciliumAllows(objects: any[], from: Labels, to: Labels, port: number, namespace = 'openclaw'): boolean {
  const cnps = objects.filter(o => o.kind === 'CiliumNetworkPolicy');
  const src = { namespace, labels: from };
  const dst = { namespace, labels: to };
  const side = (subject: typeof src, peer: typeof src, direction: 'ingress' | 'egress') => {
    const netpol = netpolDirection(objects, subject, direction === 'ingress' ? 'Ingress' : 'Egress', { pod: peer }, port);
    const cilium = cnps.map(cnp => ciliumDirection(cnp, subject, direction, peer, port));
    const isolated = netpol.isolated || cilium.some(c => c.isolated);
    return !isolated || netpol.allowed || cilium.some(c => c.allowed);
  };
  return side(src, dst, 'egress') && side(dst, src, 'ingress');
}

function analyzer(chart: Chart, model = EnforcementModel.CILIUM): PolicyAnalyzer {
  return PolicyAnalyzer.fromChart(chart, { model });
}

/** A chart without a namespace (`newChart(undefined)` would fall back to its default one). */
const namespacelessChart = () => new Chart(newApp(), 'test');

const flow = (from: Labels, to: Labels, port: number) =>
  ({ from: FlowEndpoint.pod('openclaw', from), to: FlowEndpoint.pod('openclaw', to), port });

function expectValid(objects: any[]): void {
  for (const obj of objects) {
    expect([obj.metadata.name, validateManifest(obj)]).toEqual([obj.metadata.name, []]);
    expect([obj.metadata.name, apiServerRuleErrors(obj)]).toEqual([obj.metadata.name, []]);
    expect([obj.metadata.name, ciliumAgentRejections(obj)]).toEqual([obj.metadata.name, []]);
  }
}

describe('OpenClawCiliumEgress with Ollama in OpenClaw\'s own namespace', () => {
  // The README quick start: the Cilium recipe with AiProvider.ollama given to the Cilium policy only.
  function recipe(): Chart {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ANTHROPIC, AiProvider.ollama('openclaw')] });
    return chart;
  }

  test('regression: OpenClaw reaches Ollama on 11434, egress AND ingress, beside the namespace-wide default deny', () => {
    const chart = recipe();
    const objects = synth(chart);
    const verdict = analyzer(chart).check(flow(OPENCLAW, OLLAMA, 11434));
    expect(verdict.egress.allowedBy).toEqual(['CiliumNetworkPolicy openclaw/openclaw-fqdn-egress egress[2]']);
    expect(verdict.ingress.allowedBy).toEqual(['CiliumNetworkPolicy openclaw/openclaw-fqdn-egress-ollama-ingress ingress[0]']);
    expect(verdict.allowed).toBe(true);
    expect(ciliumAllows(objects, OPENCLAW, OLLAMA, 11434)).toBe(true);
  });

  test('other pods of the namespace still cannot reach Ollama, and other ports stay closed', () => {
    const chart = recipe();
    const objects = synth(chart);
    const cilium = analyzer(chart);
    const rows: [string, Labels, Labels, number][] = [
      ['openclaw → ollama 11434', OPENCLAW, OLLAMA, 11434],
      ['other → ollama 11434', OTHER, OLLAMA, 11434],
      ['openclaw → ollama 22', OPENCLAW, OLLAMA, 22],
      ['openclaw → ollama 11435', OPENCLAW, OLLAMA, 11435],
      ['openclaw → other 11434', OPENCLAW, OTHER, 11434],
      ['ollama → openclaw 18789', OLLAMA, OPENCLAW, 18789],
    ];
    const judged = Object.fromEntries(rows.map(([label, from, to, port]) =>
      [label, [ciliumAllows(objects, from, to, port), cilium.isAllowed(flow(from, to, port))]]));
    expect(judged).toEqual({
      'openclaw → ollama 11434': [true, true],
      'other → ollama 11434': [false, false],
      'openclaw → ollama 22': [false, false],
      'openclaw → ollama 11435': [false, false],
      'openclaw → other 11434': [false, false],
      'ollama → openclaw 18789': [false, false],
    });
  });

  test('the ingress allow is one additive rule: fromEndpoints (one L3 selector) with toPorts, never turning default deny on', () => {
    const cnp = objectNamed(synth(recipe()), 'CiliumNetworkPolicy', 'openclaw-fqdn-egress-ollama-ingress');
    expect(cnp.metadata.namespace).toBe('openclaw');
    expect(cnp.spec).toEqual({
      endpointSelector: { matchLabels: { app: 'ollama' } },
      enableDefaultDeny: { ingress: false, egress: false },
      ingress: [{
        fromEndpoints: [{ matchLabels: { 'k8s:app': 'openclaw', 'k8s:io.kubernetes.pod.namespace': 'openclaw' } }],
        toPorts: [{ ports: [{ port: '11434', protocol: 'TCP' }] }],
      }],
    });
  });

  test('alone (no default deny of ours), the allow isolates nothing: Ollama\'s other clients keep access', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ollama('openclaw')] });
    const objects = synth(chart);
    expect(ciliumAllows(objects, { app: 'open-webui' }, OLLAMA, 11434)).toBe(true);
    expect(analyzer(chart).isAllowed(flow({ app: 'open-webui' }, OLLAMA, 11434))).toBe(true);
    expect(ciliumAllows(objects, OPENCLAW, OLLAMA, 11434)).toBe(true);
    expect(analyzer(chart).isAllowed(flow(OPENCLAW, OLLAMA, 11434))).toBe(true);
  });

  test('allowEndpoints and EndpointSet.inClusterPods get the allow too; ports of the same pods merge into one rule', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    const egress = new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.vllm('openclaw')] });
    egress.allowEndpoints([
      EndpointSet.inClusterPods('matrix', 'openclaw', { app: 'synapse' }, [Port.tcp(8008)]),
      AiProvider.inCluster('vllm-metrics', 'openclaw', { app: 'vllm' }, 8001),
    ]);
    const objects = synth(chart);
    expect(objects.filter(o => o.kind === 'CiliumNetworkPolicy').map(o => o.metadata.name)).toEqual([
      'openclaw-fqdn-egress', 'openclaw-fqdn-egress-vllm-ingress', 'openclaw-fqdn-egress-synapse-ingress',
    ]);
    expect(objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress-vllm-ingress').spec.ingress).toHaveLength(1);
    const cilium = analyzer(chart);
    for (const [to, port, allowed] of [
      [{ app: 'vllm' }, 8000, true], [{ app: 'vllm' }, 8001, true], [{ app: 'vllm' }, 8002, false],
      [{ app: 'synapse' }, 8008, true], [{ app: 'synapse' }, 8000, false],
    ] as [Labels, number, boolean][]) {
      expect([to, port, ciliumAllows(objects, OPENCLAW, to, port), cilium.isAllowed(flow(OPENCLAW, to, port))])
        .toEqual([to, port, allowed, allowed]);
      expect(cilium.isAllowed(flow(OTHER, to, port))).toBe(false);
    }
    expectValid(objects);
  });

  test('a model server in another namespace gets no object there (its own policies decide)', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ollama('llm')] });
    expect(synth(chart).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['CiliumNetworkPolicy/openclaw-fqdn-egress']);
  });

  test('a cluster-wide policy emits no ingress allow', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Fleet', { namespaceSelector: { tenant: 'true' }, providers: [AiProvider.ollama('llm')] });
    expect(synth(chart).map(o => o.kind)).toEqual(['CiliumClusterwideNetworkPolicy']);
  });

  test('without a namespace, an in-cluster endpoint fails at construction, naming the fix', () => {
    const chart = namespacelessChart();
    expect(() => new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ollama('openclaw')] }))
      .toThrow(/^Invalid ollama namespace: "openclaw"\. The policies have no namespace, .*Set the namespace prop/);
  });

  test('all emitted objects pass the schemas, the API-server rules and the agent\'s checks', () => {
    expectValid(synth(recipe()));
  });
});

describe('OpenClawNetworkIsolation.allowEgressTo a pod in OpenClaw\'s own namespace', () => {
  const LITELLM: Labels = { app: 'litellm' };
  const openclaw = pod('openclaw', OPENCLAW);
  const litellm = pod('openclaw', LITELLM);
  const other = pod('openclaw', OTHER);

  test.each<[string, Peer]>([
    ['Peer.pods (the policy\'s own namespace)', Peer.pods(LITELLM)],
    ['Peer.podsInNamespaces naming it', Peer.podsInNamespaces(['openclaw'], LITELLM)],
  ])('regression, %s: egress and ingress allowed on the port, nothing else', (_label, peer) => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
    isolation.allowEgressTo([peer], [Port.tcp(4000)]);
    const objects = synth(chart);
    expect(allows(objects, { from: openclaw, to: litellm, port: 4000 })).toBe(true);
    expect(allows(objects, { from: other, to: litellm, port: 4000 })).toBe(false);
    expect(allows(objects, { from: openclaw, to: litellm, port: 4001 })).toBe(false);
    expect(allows(objects, { from: openclaw, to: litellm, port: 4000, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: openclaw, to: other, port: 4000 })).toBe(false);
    expect(isolation.peerIngress.map(p => p.target.name)).toEqual(['openclaw-litellm-ingress']);
    for (const model of [EnforcementModel.GENERIC, EnforcementModel.CILIUM]) {
      const verdict = analyzer(chart, model).check(flow(OPENCLAW, LITELLM, 4000));
      expect(verdict.egress.allowedBy).toEqual(['NetworkPolicy openclaw/openclaw-egress egress[2]']);
      expect(verdict.ingress.allowedBy).toEqual(['NetworkPolicy openclaw/openclaw-litellm-ingress ingress[0]']);
      expect(analyzer(chart, model).isAllowed(flow(OTHER, LITELLM, 4000))).toBe(false);
      expect(analyzer(chart, model).isAllowed(flow(OPENCLAW, LITELLM, 4001))).toBe(false);
    }
    expectValid(objects);
  });

  test('additionalEgress gets the same allow; a peer in another namespace gets none', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', {
      additionalEgress: [{ peers: [Peer.pods(LITELLM), Peer.podsInNamespaces(['llm'], OLLAMA)], ports: [Port.tcp(4000)] }],
    });
    expect(allows(synth(chart), { from: openclaw, to: litellm, port: 4000 })).toBe(true);
    expect(isolation.peerIngress.map(p => p.target.name)).toEqual(['openclaw-litellm-ingress']);
  });

  test('Peer.namespaces with OpenClaw\'s own namespace: every pod there accepts the OpenClaw pods on the port only', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
    isolation.allowEgressTo([Peer.namespaces(['openclaw'])], [Port.tcp(9000)]);
    const objects = synth(chart);
    expect(isolation.peerIngress.map(p => p.target.name)).toEqual(['openclaw-all-pods-ingress']);
    expect(allows(objects, { from: openclaw, to: other, port: 9000 })).toBe(true);
    expect(allows(objects, { from: other, to: litellm, port: 9000 })).toBe(false);
    expect(allows(objects, { from: openclaw, to: other, port: 9001 })).toBe(false);
  });

  test('providers and allowEgressTo for the same pods share one policy; its rules add up', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', { providers: [AiProvider.ollama('openclaw')] });
    isolation.allowEgressTo([Peer.pods(OLLAMA)], [Port.tcp(9090)]);
    const objects = synth(chart);
    expect(isolation.peerIngress.map(p => p.target.name)).toEqual(['openclaw-ollama-ingress']);
    expect(allows(objects, { from: openclaw, to: pod('openclaw', OLLAMA), port: 11434 })).toBe(true);
    expect(allows(objects, { from: openclaw, to: pod('openclaw', OLLAMA), port: 9090 })).toBe(true);
    expect(allows(objects, { from: openclaw, to: pod('openclaw', OLLAMA), port: 9091 })).toBe(false);
  });

  test('derived names are stable and distinct: label values, sorted by key; -2 when two selectors give the same text', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', { name: 'bot' });
    isolation.allowEgressTo([Peer.pods({ 'app.kubernetes.io/name': 'LiteLLM', 'app.kubernetes.io/component': 'proxy' })], [Port.tcp(4000)]);
    isolation.allowEgressTo([Peer.pods({ app: 'proxy-litellm' })], [Port.tcp(4000)]);
    expect(isolation.peerIngress.map(p => p.target.name)).toEqual(['bot-proxy-litellm-ingress', 'bot-proxy-litellm-2-ingress']);
  });

  test('without a namespace: Peer.pods still gets its allow; a peer naming namespaces fails, naming the fix', () => {
    const isolation = new OpenClawNetworkIsolation(namespacelessChart(), 'Isolation');
    isolation.allowEgressTo([Peer.pods(LITELLM)], [Port.tcp(4000)]);
    expect(isolation.peerIngress.map(p => [p.target.namespace, p.target.name])).toEqual([[undefined, 'openclaw-litellm-ingress']]);
    expect(() => isolation.allowEgressTo([Peer.podsInNamespaces(['llm'], OLLAMA)], [Port.tcp(11434)]))
      .toThrow('Invalid egress peer: "pods {app=ollama} in namespaces llm". The policies have no namespace, so the library cannot tell'
        + ' whether llm is their own namespace');
    expect(() => new OpenClawNetworkIsolation(namespacelessChart(), 'Isolation', { providers: [AiProvider.ollama('llm')] }))
      .toThrow(/Set the namespace prop \(or the chart's namespace\)/);
  });

  test('an IP block peer needs no ingress allow', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
    isolation.allowEgressTo([Peer.ipBlock('203.0.113.0/24')], [Port.tcp(8443)]);
    expect(isolation.peerIngress).toEqual([]);
  });
});

describe('CiliumIngressAllow without ports (internal)', () => {
  /** A namespace-wide ingress default deny, as OpenClawNetworkIsolation's, so that only allows open a flow. */
  const denyIngress = {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'openclaw' }, spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
  const make = (chart: Chart) => new CiliumIngressAllow(chart, 'Allow', {
    namespace: 'openclaw', name: 'ollama-ingress', selector: OLLAMA, from: OPENCLAW, fromRequirements: [],
  });

  test('the rule it would emit, toPorts: [{ports: []}], is accepted by the agent and allows nothing (pkg/policy/rule.go mergeIngress)', () => {
    const cnp = make(newChart()).policy.toJson(); // the object as it would render (synthesis refuses it)
    expect(cnp.spec.ingress).toEqual([{ fromEndpoints: [expect.anything()], toPorts: [{ ports: [] }] }]);
    expect(ciliumAgentRejections(cnp)).toEqual([]);
    const cilium = PolicyAnalyzer.fromManifests([cnp, denyIngress], { model: EnforcementModel.CILIUM });
    for (const port of [11434, 18789, 1]) {
      expect(cilium.isAllowed(flow(OPENCLAW, OLLAMA, port))).toBe(false);
      expect(ciliumDirection(cnp, { namespace: 'openclaw', labels: OLLAMA }, 'ingress', { namespace: 'openclaw', labels: OPENCLAW }, port).allowed).toBe(false);
    }
  });

  test('so synthesis fails, naming the construct, the policy and the fix', () => {
    const chart = newChart();
    make(chart);
    expect(() => synth(chart)).toThrow(/Cilium ingress allow test\/Allow \(CiliumNetworkPolicy openclaw\/ollama-ingress\) allows no port: .*Call allowPorts with at least one port\./);
  });

  test('with a port it synthesizes and allows exactly that port from the OpenClaw pods', () => {
    const chart = newChart();
    make(chart).allowPorts([Port.tcp(11434)]);
    const objects = synth(chart);
    const cilium = PolicyAnalyzer.fromManifests([...objects, denyIngress], { model: EnforcementModel.CILIUM });
    expect(cilium.isAllowed(flow(OPENCLAW, OLLAMA, 11434))).toBe(true);
    expect(cilium.isAllowed(flow(OPENCLAW, OLLAMA, 11435))).toBe(false);
  });
});
