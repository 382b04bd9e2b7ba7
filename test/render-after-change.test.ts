/**
 * Each rendering follows the constructs as they are then (no rendering is
 * kept between two: issue 14 measured a cache, and a review found it stale
 * after in-place changes to endpoint sets and under app resolvers). These
 * tests synthesize, change the constructs (their allow methods, or a list
 * given in the props), synthesize again, and check that the second output says what
 * the changed constructs allow: the rules, the allows and egress
 * annotations, and the recorded intent. Judged by the independent
 * evaluators and by the PolicyAnalyzer.
 */
import { Chart } from 'cdk8s';
import {
  DnsQueryFilter, EgressAllow, EndpointSet, EnforcementModel, Fqdn, FlowEndpoint, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer,
  PolicyAnalyzer, PolicyAnnotations, Port,
} from '../src';
import { fqdnAllowed } from './support/cilium-eval';
import { allows, pod } from './support/netpol-eval';
import { newChart, objectNamed, synth } from './support/synth';
import { recordedIntents } from '../src/analysis/recorded-intent';

const OPENCLAW = { app: 'openclaw' };
const OLLAMA = { app: 'ollama' };

const cnpOf = (objects: any[]) => objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress');
const annotation = (object: any, key: string): string | undefined => object.metadata.annotations?.[key];

/** The in-cluster peers and DNS names the constructs recorded in their intent annotations. */
function recorded(objects: any[]) {
  const { records, violations } = recordedIntents(objects);
  expect(violations).toEqual([]);
  return {
    inCluster: records.flatMap(record => record.inCluster ?? []).map(peer => `${peer.pods.namespace}/${JSON.stringify(peer.pods.labels)}`),
    names: records.flatMap(record => record.names ?? []).map(name => name.text).sort(),
  };
}

function gatewayReachableFrom(objects: any[], namespace: string): boolean {
  return allows(objects, { from: pod(namespace, {}), to: pod('openclaw', OPENCLAW), port: 18789 });
}

describe('OpenClawNetworkIsolation changed after a first synthesis', () => {
  test('allowEgressTo: the egress rule, its allows text and the recorded intent all show the new peer', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
    const toOllama = { from: pod('openclaw', OPENCLAW), to: pod('llm', OLLAMA), port: 11434 };
    const before = synth(chart);
    expect(allows(before, toOllama)).toBe(false);
    expect(recorded(before).inCluster).toEqual([]);

    isolation.allowEgressTo([Peer.podsInNamespaces(['llm'], OLLAMA)], [Port.tcp(11434)]);
    const after = synth(chart);
    expect(allows(after, toOllama)).toBe(true);
    expect(annotation(objectNamed(after, 'NetworkPolicy', 'openclaw-egress'), PolicyAnnotations.ALLOWS))
      .toContain('pods {app=ollama} in namespaces llm on TCP/11434');
    expect(recorded(after).inCluster).toEqual(['llm/{"app":"ollama"}']);
    const verdict = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.GENERIC })
      .check({ from: FlowEndpoint.pod('openclaw', OPENCLAW), to: FlowEndpoint.pod('llm', OLLAMA), port: 11434 });
    expect(verdict.egress.allowed).toBe(true);
  });

  test('allowIngressFrom: the ingress rule and its allows text show the new source', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
    expect(gatewayReachableFrom(synth(chart), 'vpn')).toBe(false);

    isolation.allowIngressFrom([Peer.namespaces(['vpn'])], [Port.tcp(18789)]);
    const after = synth(chart);
    expect(gatewayReachableFrom(after, 'vpn')).toBe(true);
    expect(annotation(objectNamed(after, 'NetworkPolicy', 'openclaw-ingress'), PolicyAnnotations.ALLOWS))
      .toBe('from pods in namespaces ingress-nginx, monitoring or pods in namespaces vpn on TCP/18789');
  });

  test('a gatewaySources list changed after construction: the recorded intent follows it, as it did before rendering was reused', () => {
    const chart = newChart();
    const sources = [Peer.namespaces(['ingress-nginx'])];
    new OpenClawNetworkIsolation(chart, 'Isolation', { gatewaySources: sources });
    const ingressFrom = (objects: any[]) => recordedIntents(objects).records.flatMap(record => record.ingressFrom ?? []).map(p => p.namespace);
    expect(ingressFrom(synth(chart))).toEqual(['ingress-nginx']);

    sources.push(Peer.namespaces(['vpn']));
    expect(ingressFrom(synth(chart))).toEqual(['ingress-nginx', 'vpn']);
  });

  test('an unchanged construct renders the same output again, and changing one output leaves the next untouched', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false, cilium: {} });
    const first = synth(chart);
    const copy = JSON.parse(JSON.stringify(first));
    objectNamed(first, 'NetworkPolicy', 'openclaw-ingress').spec.ingress.push({ from: [{ podSelector: {} }] });
    cnpOf(first).spec.egress.length = 0;
    first.forEach(object => object.metadata.annotations && delete object.metadata.annotations[PolicyAnnotations.INTENT]);
    expect(synth(chart)).toEqual(copy);
  });
});

describe('the rules an allow policy returns are copies', () => {
  test('emptying the ports or peers of a returned rule opens nothing: the policy still allows exactly what was added', () => {
    const chart = newChart();
    const egress = new EgressAllow(chart, 'Egress', { selector: OPENCLAW, rules: [{ peers: [Peer.namespaces(['llm'])], ports: [Port.tcp(11434)] }] });
    const toLlm = (port: number) => ({ from: pod('openclaw', OPENCLAW), to: pod('llm', OLLAMA), port });
    expect([allows(synth(chart), toLlm(11434)), allows(synth(chart), toLlm(22))]).toEqual([true, false]);

    egress.rules[0].ports.length = 0;
    egress.rules[0].peers.length = 0;
    const after = synth(chart);
    expect([allows(after, toLlm(11434)), allows(after, toLlm(22))]).toEqual([true, false]);
    expect(egress.rules.map(rule => rule.ports.map(String))).toEqual([['TCP/11434']]);
  });
});

describe('OpenClawCiliumEgress changed after a first synthesis', () => {
  test('allowFqdns: the toFQDNs rule, the egress annotation and the recorded names show the new host', () => {
    const chart = newChart();
    const egress = new OpenClawCiliumEgress(chart, 'Egress');
    const before = synth(chart);
    expect(fqdnAllowed(cnpOf(before), 'api.github.com', 443)).toBe(false);
    expect(annotation(cnpOf(before), `${PolicyAnnotations.EGRESS_PREFIX}github`)).toBeUndefined();

    egress.allowFqdns('github', [Fqdn.exact('api.github.com')]);
    const after = synth(chart);
    expect(fqdnAllowed(cnpOf(after), 'api.github.com', 443)).toBe(true);
    expect(annotation(cnpOf(after), `${PolicyAnnotations.EGRESS_PREFIX}github`)).toBe('api.github.com on TCP/443: custom endpoints');
    expect(recorded(after).names).toContain('api.github.com');
    const verdict = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM })
      .check({ from: FlowEndpoint.pod('openclaw', OPENCLAW), to: FlowEndpoint.external('203.0.113.9', 'api.github.com'), port: 443 });
    expect(verdict.allowed).toBe(true);
  });

  test('allowEndpoints under a name already allowed: that name\'s egress annotation gets the second line', () => {
    const chart = newChart();
    const egress = new OpenClawCiliumEgress(chart, 'Egress', { fqdns: [Fqdn.exact('hooks.example.com')] });
    const key = `${PolicyAnnotations.EGRESS_PREFIX}custom`;
    expect(annotation(cnpOf(synth(chart)), key)).toBe('hooks.example.com on TCP/443: hosts given in the fqdns prop');

    egress.allowEndpoints([EndpointSet.of('custom', [Fqdn.exact('chat.example.org')], [Port.tcp(5222)], 'XMPP')]);
    const after = synth(chart);
    expect(annotation(cnpOf(after), key)).toBe('chat.example.org on TCP/5222: XMPP | hooks.example.com on TCP/443: hosts given in the fqdns prop');
    expect(fqdnAllowed(cnpOf(after), 'chat.example.org', 5222)).toBe(true);
    expect(fqdnAllowed(cnpOf(after), 'chat.example.org', 443)).toBe(false);
  });

  test('a dnsSearchDomains list changed after construction: the DNS rule follows it, as it did before rendering was reused', () => {
    const chart = newChart();
    const searchDomains = ['ec2.internal'];
    new OpenClawCiliumEgress(chart, 'Egress', { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES, dnsSearchDomains: searchDomains });
    const dnsNames = (objects: any[]) => cnpOf(objects).spec.egress[0].toPorts[0].rules.dns.map((s: any) => s.matchName ?? s.matchPattern);
    expect(dnsNames(synth(chart))).toContain('api.anthropic.com.ec2.internal');
    expect(dnsNames(synth(chart))).not.toContain('api.anthropic.com.corp.internal');

    searchDomains.push('corp.internal');
    expect(dnsNames(synth(chart))).toContain('api.anthropic.com.corp.internal');
  });

  test('two charts of one app: each chart\'s objects are rendered from their own constructs', () => {
    const app = newChart().node.root;
    const first = new Chart(app, 'first', { namespace: 'first' });
    const second = new Chart(app, 'second', { namespace: 'second' });
    new OpenClawCiliumEgress(first, 'Egress');
    const secondEgress = new OpenClawCiliumEgress(second, 'Egress');
    secondEgress.allowFqdns('github', [Fqdn.exact('api.github.com')]);
    expect(fqdnAllowed(cnpOf(synth(first)), 'api.github.com', 443)).toBe(false);
    expect(fqdnAllowed(cnpOf(synth(second)), 'api.github.com', 443)).toBe(true);
  });
});
