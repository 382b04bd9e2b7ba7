/**
 * The code cdk8s users already write: an OpenClaw Deployment made with
 * cdk8s-plus as the target (`pods`), and cdk8s-plus pods, namespaces,
 * workloads and IP blocks as peers (`Peer.fromKplus`). Judged by the
 * PolicyAnalyzer and the independent evaluators, on the synthesized objects.
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  EgressAllow, EnforcementModel, FlowEndpoint, IngressAllow, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, PolicyAnalyzer, Port,
} from '../src';
import { fqdnAllowed } from './support/cilium-eval';
import { allows, ip, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newChart, objectNamed, synth } from './support/synth';

type Labels = { [key: string]: string };

const ANTHROPIC = FlowEndpoint.external('160.79.104.10', 'api.anthropic.com');

/** An OpenClaw Deployment as a cdk8s-plus user writes it, with the gateway port declared. */
function openClawDeployment(chart: Chart, ports: kplus.ContainerPort[] = [{ number: 18789, name: 'gateway' }]): kplus.Deployment {
  return new kplus.Deployment(chart, 'OpenClaw', {
    containers: [{ image: 'ghcr.io/openclaw/openclaw:2026.9.6', ports, securityContext: { ensureNonRoot: false } }],
  });
}

/** The labels the Deployment's pods really carry, read from the synthesized Deployment. */
function podLabelsOf(objects: any[], name: string): Labels {
  return objects.find(o => o.kind === 'Deployment' && o.metadata.name.startsWith(name)).spec.template.metadata.labels;
}

describe('pods: a cdk8s-plus Deployment is the target of both constructs', () => {
  function chartWithDeployment(): { chart: Chart; deployment: kplus.Deployment } {
    const chart = newChart();
    const deployment = openClawDeployment(chart);
    new kplus.Deployment(chart, 'Neighbour', { containers: [{ image: 'nginx', securityContext: { ensureNonRoot: false } }] });
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods: deployment, internetEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress', { pods: deployment });
    return { chart, deployment };
  }

  test('every policy selects exactly the Deployment\'s pods: its own selector, not app=openclaw', () => {
    const { chart, deployment } = chartWithDeployment();
    const objects = synth(chart);
    const deploymentObject = objects.find(o => o.kind === 'Deployment' && o.metadata.name.startsWith('test-openclaw'));
    const selector = deploymentObject.spec.selector.matchLabels;
    expect(selector).toEqual(deployment.matchLabels);
    for (const name of ['openclaw-dns-egress', 'openclaw-egress', 'openclaw-ingress']) {
      expect(objectNamed(objects, 'NetworkPolicy', name).spec.podSelector).toEqual({ matchLabels: selector });
      expect(objectNamed(objects, 'NetworkPolicy', name).metadata.namespace).toBe('openclaw');
    }
    expect(objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress').spec.endpointSelector).toEqual({ matchLabels: selector });
    for (const obj of objects.filter(o => o.kind === 'NetworkPolicy')) {
      expect([obj.metadata.name, validateManifest(obj), apiServerRuleErrors(obj)]).toEqual([obj.metadata.name, [], []]);
    }
  });

  test('the Deployment\'s pods reach their providers and accept the gateway; the neighbour Deployment\'s pods get neither', () => {
    const { chart } = chartWithDeployment();
    const objects = synth(chart);
    const openclaw = FlowEndpoint.pod('openclaw', podLabelsOf(objects, 'test-openclaw'));
    const neighbour = FlowEndpoint.pod('openclaw', podLabelsOf(objects, 'test-neighbour'));
    const nginx = FlowEndpoint.pod('ingress-nginx', {});
    const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM });
    expect(analyzer.isAllowed({ from: openclaw, to: ANTHROPIC, port: 443 })).toBe(true);
    expect(analyzer.isAllowed({ from: nginx, to: openclaw, port: 18789 })).toBe(true);
    expect(analyzer.isAllowed({ from: neighbour, to: ANTHROPIC, port: 443 })).toBe(false);
    expect(analyzer.isAllowed({ from: nginx, to: neighbour, port: 18789 })).toBe(false);
    // the independent evaluators agree
    const cnp = objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress');
    expect(fqdnAllowed(cnp, 'api.anthropic.com', 443)).toBe(true);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', openclaw.labels!), port: 18789 })).toBe(true);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', neighbour.labels!), port: 18789 })).toBe(false);
  });

  test('the namespace comes from the Deployment, even in a chart without one', () => {
    const chart = new Chart(newChart().node.scope as any, 'plain');
    const deployment = new kplus.Deployment(chart, 'OpenClaw', {
      metadata: { namespace: 'bots' }, containers: [{ image: 'x', securityContext: { ensureNonRoot: false } }],
    });
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', { pods: deployment });
    expect(isolation.namespace).toBe('bots');
    const objects = synth(chart);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-egress').metadata.namespace).toBe('bots');
  });

  test.each<[string, kplus.ContainerPort[], number]>([
    ['the port named gateway', [{ number: 8080, name: 'http' }, { number: 3000, name: 'gateway' }], 3000],
    ['else the port named http', [{ number: 9090, name: 'metrics' }, { number: 8080, name: 'http' }], 8080],
    ['else the only TCP port', [{ number: 4000 }, { number: 53, protocol: kplus.Protocol.UDP }], 4000],
    ['no declared port: 18789', [], 18789],
  ])('gatewayPort not given: %s', (_what, ports, expected) => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods: openClawDeployment(chart, ports) });
    const objects = synth(chart);
    const labels = podLabelsOf(objects, 'test-openclaw');
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', labels), port: expected })).toBe(true);
    for (const other of ports.map(p => p.number).filter(n => n !== expected)) {
      expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', labels), port: other })).toBe(false);
    }
  });

  test('an explicit gatewayPort wins over the declared ports', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods: openClawDeployment(chart, [{ number: 8080 }, { number: 9090 }]), gatewayPort: 9090 });
    const objects = synth(chart);
    const labels = podLabelsOf(objects, 'test-openclaw');
    expect(allows(objects, { from: pod('monitoring', {}), to: pod('openclaw', labels), port: 9090 })).toBe(true);
    expect(allows(objects, { from: pod('monitoring', {}), to: pod('openclaw', labels), port: 8080 })).toBe(false);
  });

  test('StatefulSet, DaemonSet, Job and Pod work the same way', () => {
    const chart = newChart();
    const container = { image: 'x', securityContext: { ensureNonRoot: false } };
    const workloads: kplus.AbstractPod[] = [
      new kplus.StatefulSet(chart, 'Sts', { containers: [container], service: new kplus.Service(chart, 'Svc', { ports: [{ port: 80 }] }) }),
      new kplus.DaemonSet(chart, 'Ds', { containers: [container] }),
      new kplus.Job(chart, 'Job', { containers: [container] }),
      new kplus.Pod(chart, 'Pod', { containers: [container] }),
    ];
    workloads.forEach((workload, i) => new OpenClawCiliumEgress(chart, `Egress${i}`, { pods: workload, name: `w${i}` }));
    const objects = synth(chart);
    workloads.forEach((workload, i) => {
      const address = workload.podMetadata.getLabel('cdk8s.io/metadata.addr')!;
      const cnp = objectNamed(objects, 'CiliumNetworkPolicy', `w${i}-fqdn-egress`);
      expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { 'cdk8s.io/metadata.addr': address } });
    });
  });

  test('kplus.Pods.select with an "In" expression of one value carries over as a label', () => {
    const chart = newChart();
    const pods = kplus.Pods.select(chart, 'Pods', { labels: { app: 'openclaw' }, expressions: [kplus.LabelExpression.in('tier', ['gateway'])] });
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods });
    const objects = synth(chart);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-egress').spec.podSelector).toEqual({ matchLabels: { app: 'openclaw', tier: 'gateway' } });
    expect(allows(objects, { from: pod('openclaw', { app: 'openclaw', tier: 'gateway' }), to: ip('160.79.104.10'), port: 443 })).toBe(true);
    expect(allows(objects, { from: pod('openclaw', { app: 'openclaw', tier: 'worker' }), to: ip('160.79.104.10'), port: 443 })).toBe(false);
  });
});

describe('Peer.fromKplus: cdk8s-plus peers emit the same rule as the library\'s own factories', () => {
  /** The egress rules an EgressAllow emits for one peer. */
  function egressOf(build: (chart: Chart) => Peer): any[] {
    const chart = newChart();
    new EgressAllow(chart, 'Egress', { name: 'e', selector: { app: 'openclaw' }, rules: [{ peers: [build(chart)], ports: [Port.tcp(8000)] }] });
    return objectNamed(synth(chart), 'NetworkPolicy', 'e').spec.egress;
  }

  test.each<[string, (chart: Chart) => Peer, Peer]>([
    ['Pods.select with labels and named namespaces', c => Peer.fromKplus(kplus.Pods.select(c, 'P', {
      labels: { app: 'vllm' }, namespaces: kplus.Namespaces.select(c, 'N', { names: ['llm', 'ai'] }),
    })), Peer.podsInNamespaces(['ai', 'llm'], { app: 'vllm' })],
    ['Pods.select with labels only (the policy\'s namespace)', c => Peer.fromKplus(kplus.Pods.select(c, 'P', { labels: { app: 'ollama' } })),
      Peer.pods({ app: 'ollama' })],
    ['Namespaces.select by names', c => Peer.fromKplus(kplus.Namespaces.select(c, 'N', { names: ['monitoring'] })), Peer.namespaces(['monitoring'])],
    ['Namespaces.select by the name label', c => Peer.fromKplus(kplus.Namespaces.select(c, 'N', { labels: { 'kubernetes.io/metadata.name': 'monitoring' } })),
      Peer.namespaces(['monitoring'])],
    ['a kplus.Namespace', c => Peer.fromKplus(new kplus.Namespace(c, 'Ns', { metadata: { name: 'monitoring' } })), Peer.namespaces(['monitoring'])],
    ['a Deployment in another namespace', c => Peer.fromKplus(new kplus.Deployment(c, 'Vllm', {
      metadata: { namespace: 'llm' }, containers: [{ image: 'vllm', securityContext: { ensureNonRoot: false } }],
    })), Peer.podsInNamespaces(['llm'], { 'cdk8s.io/metadata.addr': 'test-Vllm-c8bf218a' })],
    ['an IPv4 block with except', c => Peer.fromKplus(kplus.NetworkPolicyIpBlock.ipv4(c, 'B', '10.0.0.0/8', ['10.1.0.0/16'])),
      Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16'])],
    ['an IPv6 block', c => Peer.fromKplus(kplus.NetworkPolicyIpBlock.ipv6(c, 'B', '2001:db8::/32')), Peer.ipBlock('2001:db8::/32')],
    // cdk8s-plus-28's own rendering drops labels whose values are all empty, which would make this every pod of `db`.
    ['Pods.select with a label of empty value, in a named namespace', c => Peer.fromKplus(kplus.Pods.select(c, 'P', {
      labels: { role: '' }, namespaces: kplus.Namespaces.select(c, 'N', { names: ['db'] }),
    })), Peer.podsInNamespaces(['db'], { role: '' })],
  ])('%s', (_what, build, expected) => {
    expect(egressOf(build)).toEqual(egressOf(() => expected));
    const chart = newChart();
    expect(build(chart).description).toBe(expected.description);
  });

  test('namespace and pod selectors land in one element (AND), with explicit ports', () => {
    const rules = egressOf(c => Peer.fromKplus(kplus.Pods.select(c, 'P', {
      labels: { app: 'vllm' }, namespaces: kplus.Namespaces.select(c, 'N', { names: ['llm'] }),
    })));
    expect(rules).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'llm' } }, podSelector: { matchLabels: { app: 'vllm' } } }],
      ports: [{ port: 8000, protocol: 'TCP' }],
    }]);
  });

  test('works in every place a Peer does: additionalEgress, allowEgressTo, allowIngressFrom, IngressAllow rules', () => {
    const chart = newChart();
    const prometheus = Peer.fromKplus(kplus.Pods.select(chart, 'Prom', {
      labels: { 'app.kubernetes.io/name': 'prometheus' }, namespaces: kplus.Namespaces.select(chart, 'Mon', { names: ['monitoring'] }),
    }));
    const vllm = Peer.fromKplus(kplus.Pods.select(chart, 'Vllm', { labels: { app: 'vllm' } }));
    const proxy = Peer.fromKplus(kplus.NetworkPolicyIpBlock.ipv4(chart, 'Proxy', '203.0.113.0/24'));
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', {
      internetEgress: false, additionalEgress: [{ peers: [vllm], ports: [Port.tcp(8000)] }],
    });
    isolation.allowEgressTo([proxy], [Port.tcp(3128)]);
    isolation.allowIngressFrom([prometheus], [Port.tcp(9464)]);
    new IngressAllow(chart, 'Extra', { name: 'extra', selector: { app: 'vllm' }, rules: [{ peers: [prometheus], ports: [Port.tcp(8000)] }] });
    const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.GENERIC });
    const openclaw = FlowEndpoint.pod('openclaw', { app: 'openclaw' });
    const prom = FlowEndpoint.pod('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
    expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.pod('openclaw', { app: 'vllm' }), port: 8000 })).toBe(true);
    expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.external('203.0.113.9'), port: 3128 })).toBe(true);
    expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.external('198.51.100.9'), port: 3128 })).toBe(false);
    expect(analyzer.isAllowed({ from: prom, to: openclaw, port: 9464 })).toBe(true);
    expect(analyzer.isAllowed({ from: FlowEndpoint.pod('monitoring', { app: 'grafana' }), to: openclaw, port: 9464 })).toBe(false);
  });
});
