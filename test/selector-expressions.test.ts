/**
 * Selectors with `matchExpressions` (`In` with several values, `NotIn`,
 * `Exists`, `DoesNotExist`) carry over from cdk8s-plus into every policy
 * that selects the OpenClaw pods: the NetworkPolicies' `podSelector` and the
 * Cilium policy's `endpointSelector`. Judged on the synthesized objects by
 * the independent NetworkPolicy and Cilium evaluators, by the PolicyAnalyzer
 * (`analyze`), by the pinned schemas and by Cilium's agent rules.
 */
import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AiProvider, EgressAllow, FlowEndpoint, LabelOperator, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, Port,
} from '../src';
import { ciliumDirection, ciliumSelects, fqdnAllowed } from './support/cilium-eval';
import { allows, ip, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newChart, objectNamed, synth } from './support/synth';
import { analyze } from '../src/analysis/analyzer-factory';
import { ciliumAgentRejections } from '../src/analysis/cilium-agent-rules';
import { labelsSelectedBy, LabelRequirement } from '../src/net/label-requirement';

type Labels = { [key: string]: string };

const ANTHROPIC = FlowEndpoint.external('160.79.104.10', 'api.anthropic.com');
const OPENCLAW = { app: 'openclaw' };
const CONTAINER = { image: 'ghcr.io/openclaw/openclaw:2026.9.6', securityContext: { ensureNonRoot: false } };

interface ExpressionCase {
  readonly expression: () => kplus.LabelExpression;
  /** The expression as rendered in `matchExpressions`. */
  readonly rendered: any;
  /** Pods (besides app=openclaw) the selector selects, and pods it does not. */
  readonly selected: Labels[];
  readonly notSelected: Labels[];
}

const CASES: { [name: string]: ExpressionCase } = {
  'In with several values': {
    expression: () => kplus.LabelExpression.in('tier', ['gateway', 'canary']),
    rendered: { key: 'tier', operator: 'In', values: ['canary', 'gateway'] },
    selected: [{ tier: 'gateway' }, { tier: 'canary' }],
    notSelected: [{ tier: 'worker' }, {}],
  },
  'NotIn': {
    expression: () => kplus.LabelExpression.notIn('tier', ['worker', 'batch']),
    rendered: { key: 'tier', operator: 'NotIn', values: ['batch', 'worker'] },
    selected: [{}, { tier: 'gateway' }],
    notSelected: [{ tier: 'worker' }, { tier: 'batch' }],
  },
  'Exists': {
    expression: () => kplus.LabelExpression.exists('openclaw.ai/gateway'),
    rendered: { key: 'openclaw.ai/gateway', operator: 'Exists' },
    selected: [{ 'openclaw.ai/gateway': 'true' }, { 'openclaw.ai/gateway': '' }],
    notSelected: [{}],
  },
  'DoesNotExist': {
    expression: () => kplus.LabelExpression.doesNotExist('job'),
    rendered: { key: 'job', operator: 'DoesNotExist' },
    selected: [{}],
    notSelected: [{ job: 'nightly' }],
  },
};

/** The two ways to say "NetworkPolicies and the Cilium allow-list for these pods". */
const FORMS: { [name: string]: (chart: Chart, pods: kplus.IPodSelector) => void } = {
  'the cilium option': (chart, pods) => new OpenClawNetworkIsolation(chart, 'Isolation', { pods, cilium: {} }),
  'both constructs': (chart, pods) => {
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods, internetEgress: false, dnsEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress', { pods });
  },
};

/** A chart with the OpenClaw pods selected by app=openclaw and the expression, in one of the forms. */
function chartWith(form: string, expression: kplus.LabelExpression): Chart {
  const chart = newChart();
  const pods = kplus.Pods.select(chart, 'OpenClawPods', { labels: OPENCLAW, expressions: [expression] });
  FORMS[form](chart, pods);
  return chart;
}

const SELECTING = ['openclaw-dns-egress', 'openclaw-egress', 'openclaw-ingress'];

describe.each(Object.keys(FORMS))('kplus.Pods.select with an expression, through %s', form => {
  test.each(Object.keys(CASES))('%s: every policy selecting the OpenClaw pods carries it; the default deny stays namespace-wide', name => {
    const { expression, rendered } = CASES[name];
    const objects = synth(chartWith(form, expression()));
    const policies = objects.filter(o => o.kind === 'NetworkPolicy');
    for (const policy of policies.filter(p => SELECTING.includes(p.metadata.name))) {
      const expected = { matchLabels: OPENCLAW, matchExpressions: [rendered] };
      expect([policy.metadata.name, policy.spec.podSelector]).toEqual([policy.metadata.name, expected]);
    }
    expect(policies.map(p => p.metadata.name).filter(n => SELECTING.includes(n)).sort()).toEqual(['openclaw-egress', 'openclaw-ingress']);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-default-deny').spec.podSelector).toEqual({});
    // Cilium: keys unprefixed, as the endpointSelector's matchLabels are (Cilium reads both as any source)
    expect(objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress').spec.endpointSelector)
      .toEqual({ matchLabels: OPENCLAW, matchExpressions: [rendered] });
  });

  test.each(Object.keys(CASES))('%s: the emitted objects pass the pinned schemas, the API-server rules and Cilium\'s agent', name => {
    const objects = synth(chartWith(form, CASES[name].expression()));
    for (const obj of objects.filter(o => /NetworkPolicy$/.test(o.kind))) {
      expect([obj.metadata.name, validateManifest(obj), apiServerRuleErrors(obj)]).toEqual([obj.metadata.name, [], []]);
    }
    for (const cnp of objects.filter(o => o.kind === 'CiliumNetworkPolicy')) expect(ciliumAgentRejections(cnp)).toEqual([]);
  });

  test.each(Object.keys(CASES))('%s: the selected pods, and only they, get the gateway ingress and the allow-list (both evaluators)', name => {
    const { expression, selected, notSelected } = CASES[name];
    const objects = synth(chartWith(form, expression()));
    const cnp = objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress');
    const gateway = (labels: Labels) => allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', { ...OPENCLAW, ...labels }), port: 18789 });
    for (const labels of selected) {
      expect([labels, gateway(labels), ciliumSelects(cnp, 'openclaw', { ...OPENCLAW, ...labels })]).toEqual([labels, true, true]);
    }
    for (const labels of notSelected) {
      expect([labels, gateway(labels), ciliumSelects(cnp, 'openclaw', { ...OPENCLAW, ...labels })]).toEqual([labels, false, false]);
    }
    expect(ciliumSelects(cnp, 'openclaw', { app: 'web', ...selected[0] })).toBe(false);
    expect(ciliumSelects(cnp, 'other', { ...OPENCLAW, ...selected[0] })).toBe(false);
    expect(fqdnAllowed(cnp, 'api.anthropic.com', 443)).toBe(true);
  });

  test.each(Object.keys(CASES))('%s: the PolicyAnalyzer (Cilium model) agrees: the selected pods reach Anthropic, the others reach nothing', name => {
    const { expression, selected, notSelected } = CASES[name];
    const { analyzer } = analyze(synth(chartWith(form, expression())));
    const reaches = (labels: Labels) => analyzer.check({ from: FlowEndpoint.pod('openclaw', { ...OPENCLAW, ...labels }), to: ANTHROPIC, port: 443 }).allowed;
    const reachable = (labels: Labels) => analyzer.check({
      from: FlowEndpoint.pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }), to: FlowEndpoint.pod('openclaw', { ...OPENCLAW, ...labels }), port: 18789,
    }).allowed;
    for (const labels of selected) expect([labels, reaches(labels), reachable(labels)]).toEqual([labels, true, true]);
    for (const labels of notSelected) expect([labels, reaches(labels), reachable(labels)]).toEqual([labels, false, false]);
  });
});

describe('labelsSelectedBy: a pod a selector selects, or none (which refuses the selector)', () => {
  const r = (key: string, operator: LabelOperator, values?: string[]): LabelRequirement => ({ key, operator, values });
  const { IN, NOT_IN, EXISTS, DOES_NOT_EXIST } = LabelOperator;
  test.each<[string, Labels, LabelRequirement[], Labels | undefined]>([
    ['labels only', OPENCLAW, [], OPENCLAW],
    ['In: its smallest value', {}, [r('tier', IN, ['b', 'a'])], { tier: 'a' }],
    ['In and NotIn: a value left', {}, [r('tier', IN, ['a', 'b']), r('tier', NOT_IN, ['a'])], { tier: 'b' }],
    ['two In: a common value', {}, [r('tier', IN, ['a', 'b']), r('tier', IN, ['b', 'c'])], { tier: 'b' }],
    ['two In without a common value', {}, [r('tier', IN, ['a']), r('tier', IN, ['b'])], undefined],
    ['In and NotIn of the same values', {}, [r('tier', IN, ['a', 'b']), r('tier', NOT_IN, ['b', 'a'])], undefined],
    ['a label and In with it', { tier: 'a' }, [r('tier', IN, ['a', 'b'])], { tier: 'a' }],
    ['a label and In without it', { tier: 'a' }, [r('tier', IN, ['b'])], undefined],
    ['a label and NotIn of it', { tier: 'a' }, [r('tier', NOT_IN, ['a'])], undefined],
    ['a label and DoesNotExist', { tier: 'a' }, [r('tier', DOES_NOT_EXIST)], undefined],
    ['Exists: some value', {}, [r('tier', EXISTS)], { tier: 'sample' }],
    ['Exists and NotIn of that value: another', {}, [r('tier', EXISTS), r('tier', NOT_IN, ['sample'])], { tier: 'sample-1' }],
    ['Exists and DoesNotExist', {}, [r('tier', EXISTS), r('tier', DOES_NOT_EXIST)], undefined],
    ['In and DoesNotExist', {}, [r('tier', IN, ['a']), r('tier', DOES_NOT_EXIST)], undefined],
    ['NotIn alone: the label left out', OPENCLAW, [r('tier', NOT_IN, ['a'])], OPENCLAW],
    ['DoesNotExist alone: the label left out', OPENCLAW, [r('job', DOES_NOT_EXIST)], OPENCLAW],
  ])('%s', (_name, labels, requirements, expected) => {
    expect(labelsSelectedBy(labels, requirements)).toEqual(expected);
  });
});

describe('a cluster-wide OpenClawCiliumEgress (namespaceSelector) with pods selected by an expression', () => {
  test('the endpointSelector\'s expressions take the k8s: source prefix, as its matchLabels do; tenants\' pods are selected by them', () => {
    const chart = newChart(undefined);
    const pods = kplus.Pods.select(chart, 'OpenClawPods', { labels: OPENCLAW, expressions: [kplus.LabelExpression.exists('openclaw.ai/gateway')] });
    new OpenClawCiliumEgress(chart, 'Egress', { pods, namespaceSelector: { 'openclaw.ai/tenant': 'true' } });
    const ccnp = synth(chart).find(o => o.kind === 'CiliumClusterwideNetworkPolicy');
    expect(ccnp.spec.endpointSelector).toEqual({
      matchLabels: { 'k8s:app': 'openclaw', 'k8s:io.cilium.k8s.namespace.labels.openclaw.ai/tenant': 'true' },
      matchExpressions: [{ key: 'k8s:openclaw.ai/gateway', operator: 'Exists' }],
    });
    expect([validateManifest(ccnp), apiServerRuleErrors(ccnp), ciliumAgentRejections(ccnp)]).toEqual([[], [], []]);
    const tenant = { name: 'tenant-a', labels: { 'openclaw.ai/tenant': 'true' } };
    const { analyzer } = analyze([{ apiVersion: 'v1', kind: 'Namespace', metadata: tenant }, ccnp]);
    const reaches = (labels: Labels) => analyzer.check({ from: FlowEndpoint.pod('tenant-a', labels), to: ANTHROPIC, port: 443 }).allowed;
    expect(reaches({ ...OPENCLAW, 'openclaw.ai/gateway': 'yes' })).toBe(true);
    // not selected: no policy isolates it, so it reaches anything, and the allow-list is not what lets it
    expect(analyzer.policiesSelecting(FlowEndpoint.pod('tenant-a', OPENCLAW))).toEqual([]);
  });

  test('annotations describe the pods with their expressions', () => {
    const chart = newChart();
    const pods = kplus.Pods.select(chart, 'OpenClawPods', { labels: OPENCLAW, expressions: [kplus.LabelExpression.in('tier', ['b', 'a'])] });
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods, cilium: {} });
    const objects = synth(chart);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-egress').metadata.annotations['cdk8s-openclaw.io/purpose'])
      .toContain('pods {app=openclaw, tier in (a,b)}');
    expect(objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress').metadata.annotations['cdk8s-openclaw.io/purpose'])
      .toContain('pods {app=openclaw, tier in (a,b)}');
  });
});

describe('the synth-time guards over selectors with expressions', () => {
  test('they pass (no false finding) for each expression, and still catch a NetworkPolicy beside it that voids the allow-list', () => {
    for (const name of Object.keys(CASES)) {
      expect(() => synth(chartWith('the cilium option', CASES[name].expression()))).not.toThrow();
      const chart = chartWith('the cilium option', CASES[name].expression());
      new ApiObject(chart, 'Broad', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'broad' },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] },
      });
      expect(() => synth(chart)).toThrow(/NetworkPolicy openclaw\/broad .*reach public addresses[\s\S]*openclaw-fqdn-egress/);
    }
  });

  test('the gateway guard samples a pod the expressions select: ingress cut by denies beside it is caught', () => {
    const chart = chartWith('the cilium option', CASES.NotIn.expression());
    for (const namespace of ['ingress-nginx', 'monitoring']) {
      new ApiObject(chart, `Deny-${namespace}`, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny-all-egress', namespace },
        spec: { podSelector: {}, policyTypes: ['Egress'] },
      });
    }
    expect(() => synth(chart)).toThrow(/gateway \(openclaw\/\{app=openclaw\}, TCP 18789\) is unreachable from every allowed ingress source/);
  });
});

describe('pods: a cdk8s-plus Deployment whose own selector has expressions', () => {
  test('the policies select exactly its pods, by the address label cdk8s-plus gives them; its expressions need not carry over', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'OpenClaw', {
      containers: [{ ...CONTAINER, ports: [{ number: 18789, name: 'gateway' }] }],
      podMetadata: { labels: { tier: 'gateway' } },
    });
    deployment.select(kplus.LabelSelector.of({
      expressions: [kplus.LabelExpression.exists('tier'), kplus.LabelExpression.notIn('tier', ['worker']), kplus.LabelExpression.in('tier', ['gateway', 'canary'])],
    }));
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods: deployment, cilium: {} });
    const objects = synth(chart);
    const template = objects.find(o => o.kind === 'Deployment');
    expect(template.spec.selector.matchExpressions).toHaveLength(3);
    const podLabels: Labels = template.spec.template.metadata.labels;
    const cnp = objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress');
    const gateway = (labels: Labels) => allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', labels), port: 18789 });
    expect([gateway(podLabels), ciliumSelects(cnp, 'openclaw', podLabels)]).toEqual([true, true]);
    // a pod the Deployment's expressions would match, but not one of its pods
    expect([gateway({ tier: 'gateway' }), ciliumSelects(cnp, 'openclaw', { tier: 'gateway' })]).toEqual([false, false]);
    const { analyzer } = analyze(objects);
    expect(analyzer.check({ from: FlowEndpoint.pod('openclaw', podLabels), to: ANTHROPIC, port: 443 }).allowed).toBe(true);
    expect(analyzer.check({ from: FlowEndpoint.pod('openclaw', { tier: 'gateway' }), to: ANTHROPIC, port: 443 }).allowed).toBe(false);
  });
});

describe('Peer pods selected with expressions', () => {
  test('Peer.fromKplus: a Prometheus selected by NotIn reaches the gateway, the excluded shard does not', () => {
    const chart = newChart();
    const prometheus = kplus.Pods.select(chart, 'Prometheus', {
      labels: { app: 'prometheus' },
      expressions: [kplus.LabelExpression.notIn('shard', ['1'])],
      namespaces: kplus.Namespaces.select(chart, 'Monitoring', { names: ['monitoring'] }),
    });
    new OpenClawNetworkIsolation(chart, 'Isolation', { gatewaySources: [Peer.fromKplus(prometheus)] });
    const objects = synth(chart);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-ingress').spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
      podSelector: { matchLabels: { app: 'prometheus' }, matchExpressions: [{ key: 'shard', operator: 'NotIn', values: ['1'] }] },
    }]);
    const scrape = (labels: Labels) => allows(objects, { from: pod('monitoring', labels), to: pod('openclaw', OPENCLAW), port: 18789 });
    expect(scrape({ app: 'prometheus', shard: '0' })).toBe(true);
    expect(scrape({ app: 'prometheus' })).toBe(true);
    expect(scrape({ app: 'prometheus', shard: '1' })).toBe(false);
  });

  test('a peer in OpenClaw\'s own namespace selected by In gets an ingress allow from exactly the OpenClaw pods (with their expressions)', () => {
    const chart = newChart();
    const pods = kplus.Pods.select(chart, 'OpenClawPods', { labels: OPENCLAW, expressions: [kplus.LabelExpression.doesNotExist('job')] });
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', { pods, cilium: {} });
    const models = Peer.pods({ app: 'ollama' }, [{ key: 'size', operator: LabelOperator.IN, values: ['small', 'large'] }]);
    isolation.allowEgressTo([models], [Port.tcp(11434)]);
    expect(isolation.peerIngress.map(p => p.target.name)).toEqual(['openclaw-ollama-size-in-large-small-ingress']);
    const objects = synth(chart);
    const flow = (from: Labels, to: Labels) => allows(objects, { from: pod('openclaw', from), to: pod('openclaw', to), port: 11434 });
    expect(flow(OPENCLAW, { app: 'ollama', size: 'small' })).toBe(true);
    expect(flow(OPENCLAW, { app: 'ollama', size: 'huge' })).toBe(false);
    expect(flow({ ...OPENCLAW, job: 'nightly' }, { app: 'ollama', size: 'small' })).toBe(false);
    const { analyzer } = analyze(objects);
    const check = (from: Labels, to: Labels) => analyzer.check({ from: FlowEndpoint.pod('openclaw', from), to: FlowEndpoint.pod('openclaw', to), port: 11434 }).allowed;
    expect(check(OPENCLAW, { app: 'ollama', size: 'large' })).toBe(true);
    expect(check(OPENCLAW, { app: 'ollama', size: 'huge' })).toBe(false);
    expect(check({ ...OPENCLAW, job: 'nightly' }, { app: 'ollama', size: 'large' })).toBe(false);
  });

  test('an in-cluster model server of the Cilium allow-list accepts exactly the OpenClaw pods of the expression (fromEndpoints)', () => {
    const chart = newChart();
    const pods = kplus.Pods.select(chart, 'OpenClawPods', { labels: OPENCLAW, expressions: [kplus.LabelExpression.in('tier', ['a', 'b'])] });
    new OpenClawCiliumEgress(chart, 'Egress', { pods, providers: [AiProvider.ollama('openclaw')] });
    const objects = synth(chart);
    const ingress = objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress-ollama-ingress');
    expect(ingress.spec.ingress[0].fromEndpoints).toEqual([{
      matchLabels: { 'k8s:app': 'openclaw', 'k8s:io.kubernetes.pod.namespace': 'openclaw' },
      matchExpressions: [{ key: 'k8s:tier', operator: 'In', values: ['a', 'b'] }],
    }]);
    expect(ciliumAgentRejections(ingress)).toEqual([]);
    expect([validateManifest(ingress), apiServerRuleErrors(ingress)]).toEqual([[], []]);
    const accepts = (labels: Labels) => ciliumDirection(ingress, { namespace: 'openclaw', labels: { app: 'ollama' } }, 'ingress',
      { namespace: 'openclaw', labels }, 11434).allowed;
    expect(accepts({ ...OPENCLAW, tier: 'a' })).toBe(true);
    expect(accepts({ ...OPENCLAW, tier: 'c' })).toBe(false);
    expect(accepts(OPENCLAW)).toBe(false);
  });

  test('the EgressAllow building block takes selectorRequirements; its peers are judged by the evaluator', () => {
    const chart = newChart();
    new EgressAllow(chart, 'Egress', {
      name: 'e',
      selector: OPENCLAW,
      selectorRequirements: [{ key: 'tier', operator: LabelOperator.NOT_IN, values: ['batch'] }],
      rules: [{ peers: [Peer.ipBlock('203.0.113.0/24')], ports: [Port.tcp(443)] }],
    });
    const objects = synth(chart);
    expect(objectNamed(objects, 'NetworkPolicy', 'e').spec.podSelector).toEqual({
      matchLabels: OPENCLAW, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['batch'] }],
    });
    expect(allows(objects, { from: pod('openclaw', OPENCLAW), to: ip('203.0.113.7'), port: 443 })).toBe(true);
    // not selected, so not isolated by this policy: its egress is not this policy's business
    expect(allows(objects, { from: pod('openclaw', { ...OPENCLAW, tier: 'batch' }), to: ip('203.0.113.7'), port: 80 })).toBe(true);
    expect(allows(objects, { from: pod('openclaw', OPENCLAW), to: ip('203.0.113.7'), port: 80 })).toBe(false);
  });
});
