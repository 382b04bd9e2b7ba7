import { Chart } from 'cdk8s';
import {
  CiliumFqdnEgress, DnsEgress, DnsTarget, EndpointSet, EnforcementModel, FlowEndpoint, Fqdn, OpenClawCiliumEgress,
  OpenClawNetworkIsolation, PolicyAnalyzer, Port, Protocol,
} from '../src';
import { allows, ip, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newChart, synth } from './support/synth';
import { ciliumAgentRejections } from '../src/analysis/cilium-agent-rules';

/**
 * Every DNS target, as each construct emits it: DNS reaches the target on UDP
 * and TCP and nothing else does, the objects pass the schemas and the API
 * server's rules, and Cilium's agent accepts every Cilium policy (one L3
 * selector kind per rule: cilium/cilium pkg/policy/api/rule_validation.go).
 */

const OPENCLAW_LABELS = { app: 'openclaw' };
const OPENCLAW = pod('openclaw', OPENCLAW_LABELS, '10.244.1.10');
const KUBE_DNS = pod('kube-system', { 'k8s-app': 'kube-dns' }, '10.244.0.5');

/** Each address target, the address it must reach, and an address next to it that it must not. */
const ADDRESS_TARGETS: { name: string; target: () => DnsTarget; address: string; neighbour: string }[] = [
  { name: 'nodeLocalDns()', target: () => DnsTarget.nodeLocalDns(), address: '169.254.20.10', neighbour: '169.254.20.11' },
  { name: 'nodeLocalDns(IPv6 unique local)', target: () => DnsTarget.nodeLocalDns('fd00::10'), address: 'fd00::10', neighbour: 'fd00::11' },
  { name: 'nodeLocalDnsClusterIp(IPv4)', target: () => DnsTarget.nodeLocalDnsClusterIp('10.96.0.10'), address: '10.96.0.10', neighbour: '10.96.0.11' },
  { name: 'nodeLocalDnsClusterIp(IPv6)', target: () => DnsTarget.nodeLocalDnsClusterIp('fd00::10'), address: 'fd00::10', neighbour: 'fd00::a' },
  { name: 'gkeCloudDns()', target: () => DnsTarget.gkeCloudDns(), address: '169.254.169.254', neighbour: '169.254.169.253' },
];

/** Every factory, for the checks that hold for all of them. */
const ALL_TARGETS: { name: string; target: () => DnsTarget }[] = [
  { name: 'kubeDns()', target: () => DnsTarget.kubeDns() },
  { name: 'openShiftDns()', target: () => DnsTarget.openShiftDns() },
  { name: 'pods()', target: () => DnsTarget.pods('dns', { app: 'coredns' }, 1053) },
  ...ADDRESS_TARGETS,
];

const L3_EGRESS_SELECTORS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes'];

function cnpOf(objects: any[]): any {
  return objects.find(o => o.kind === 'CiliumNetworkPolicy' || o.kind === 'CiliumClusterwideNetworkPolicy');
}

function ciliumAnalyzer(objects: any[]): PolicyAnalyzer {
  return PolicyAnalyzer.fromManifests(objects, { model: EnforcementModel.CILIUM });
}

function dnsFlow(to: string, port: number, protocol: Protocol = Protocol.UDP) {
  return { from: FlowEndpoint.pod('openclaw', OPENCLAW_LABELS), to: FlowEndpoint.external(to), port, protocol };
}

describe.each(ADDRESS_TARGETS)('DnsTarget.$name', ({ target, address, neighbour }) => {
  test('OpenClawNetworkIsolation: DNS to the address on UDP and TCP 53, nothing else to it or next to it', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [target()] });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: ip(address), port: 53, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip(address), port: 53, protocol: 'TCP' })).toBe(true);
    for (const port of [80, 443, 5353, 8080]) expect(allows(objects, { from: OPENCLAW, to: ip(address), port })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: ip(neighbour), port: 53, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: 'UDP' })).toBe(false);
  });

  test('NetworkPolicy: an ipBlock of exactly this address (/32 or /128), ports UDP and TCP 53', () => {
    const chart = newChart();
    new DnsEgress(chart, 'Dns', { selector: OPENCLAW_LABELS, targets: [target()] });
    const [policy] = synth(chart);
    const prefix = address.includes(':') ? 128 : 32;
    expect(policy.spec.egress).toEqual([{
      to: [{ ipBlock: { cidr: `${address}/${prefix}` } }],
      ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
    }]);
  });

  test('OpenClawCiliumEgress: DNS to the address through the DNS proxy on UDP and TCP 53, nothing else to it', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [target()] });
    const objects = synth(chart);
    const analyzer = ciliumAnalyzer(objects);
    expect(analyzer.isAllowed(dnsFlow(address, 53, Protocol.UDP))).toBe(true);
    expect(analyzer.isAllowed(dnsFlow(address, 53, Protocol.TCP))).toBe(true);
    for (const port of [80, 443, 5353]) expect(analyzer.isAllowed(dnsFlow(address, port, Protocol.TCP))).toBe(false);
    expect(analyzer.isAllowed(dnsFlow(neighbour, 53))).toBe(false);
    const dnsRules = cnpOf(objects).spec.egress.filter((rule: any) => rule.toPorts?.[0]?.rules?.dns);
    expect(dnsRules.every((rule: any) => rule.toPorts[0].ports.every((p: any) => p.port === '53'))).toBe(true);
    expect(dnsRules.map((rule: any) => rule.toCIDR).filter(Boolean)).toEqual([[`${address}/${address.includes(':') ? 128 : 32}`]]);
  });

  test('schemas and API-server rules pass for both constructs', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [target()], internetEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [target()] });
    for (const obj of synth(chart)) {
      expect([...validateManifest(obj), ...apiServerRuleErrors(obj)]).toEqual([]);
    }
  });
});

describe('NodeLocal DNSCache under Cilium: reached by address and as the node (its possible identities), in separate rules', () => {
  test.each([
    ['nodeLocalDns()', DnsTarget.nodeLocalDns(), '169.254.20.10/32'],
    ['nodeLocalDnsClusterIp()', DnsTarget.nodeLocalDnsClusterIp('10.96.0.10'), '10.96.0.10/32'],
  ])('%s', (_name, target, cidr) => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [target] });
    const [byAddress, asHost] = cnpOf(synth(chart)).spec.egress;
    const dnsPorts = {
      ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }],
      rules: { dns: [{ matchPattern: '*' }] },
    };
    expect(byAddress).toEqual({ toCIDR: [cidr], toPorts: [dnsPorts] });
    expect(asHost).toEqual({ toEntities: ['host'], toPorts: [dnsPorts] });
  });

  test('the usual cache address has the host identity in the analyzer, and the host rule lets DNS through', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [DnsTarget.nodeLocalDns('169.254.25.10')] });
    const analyzer = ciliumAnalyzer(synth(chart));
    expect(analyzer.check(dnsFlow('169.254.25.10', 53)).egress.allowedBy).toEqual(['CiliumNetworkPolicy openclaw/openclaw-fqdn-egress egress[1]']);
  });
});

describe('GKE Cloud DNS: port 53 to the metadata server, never its metadata port', () => {
  test('Cilium: one toCIDR rule, no host entity (which would open port 53 on the node)', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [DnsTarget.gkeCloudDns()] });
    const dnsRules = cnpOf(synth(chart)).spec.egress.filter((rule: any) => rule.toPorts?.[0]?.rules?.dns);
    expect(dnsRules.map((rule: any) => Object.keys(rule).sort())).toEqual([['toCIDR', 'toPorts']]);
    expect(dnsRules[0].toCIDR).toEqual(['169.254.169.254/32']);
  });

  test('the metadata endpoint stays closed on 80 and 443 beside the GKE target, under both models', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [DnsTarget.gkeCloudDns()], internetEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [DnsTarget.gkeCloudDns()] });
    const objects = synth(chart);
    for (const model of [EnforcementModel.GENERIC, EnforcementModel.CILIUM]) {
      const analyzer = PolicyAnalyzer.fromManifests(objects, { model });
      expect(analyzer.isAllowed(dnsFlow('169.254.169.254', 53, Protocol.UDP))).toBe(true);
      expect(analyzer.isAllowed(dnsFlow('169.254.169.254', 53, Protocol.TCP))).toBe(true);
      for (const port of [80, 443]) expect(analyzer.isAllowed(dnsFlow('169.254.169.254', port, Protocol.TCP))).toBe(false);
    }
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.169.254'), port: 80 })).toBe(false);
  });

  test('allowCloudMetadata still opens port 80 only, and the GKE target port 53 only', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [DnsTarget.gkeCloudDns()], allowCloudMetadata: true });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.169.254'), port: 80 })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.169.254'), port: 53, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.169.254'), port: 443 })).toBe(false);
  });
});

describe('Cilium\'s agent accepts the DNS rules of every DnsTarget factory: one L3 selector kind per rule', () => {
  const endpoints = [
    EndpointSet.of('api', [Fqdn.exact('api.example.com')], [Port.tcp(443)]),
    EndpointSet.inClusterPods('llm', 'models', { app: 'ollama' }, [Port.tcp(11434)]),
  ];
  const policies: [string, (chart: Chart, targets: DnsTarget[]) => void][] = [
    ['OpenClawCiliumEgress', (chart, targets) => new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: targets })],
    ['a cluster-wide CiliumFqdnEgress', (chart, targets) => new CiliumFqdnEgress(chart, 'Egress', {
      selector: OPENCLAW_LABELS, namespaceSelector: { tenant: 'yes' }, dnsTargets: targets, endpoints,
    })],
  ];
  describe.each(policies)('%s', (_name, build) => {
    test.each(ALL_TARGETS)('$name', ({ target }) => {
      const chart = newChart();
      build(chart, [target(), DnsTarget.kubeDns()].filter((t, i, all) => all.findIndex(u => u.description === t.description) === i));
      const cnp = cnpOf(synth(chart));
      for (const rule of cnp.spec.egress) {
        expect(L3_EGRESS_SELECTORS.filter(key => key in rule).length).toBeLessThanOrEqual(1);
      }
      expect(ciliumAgentRejections(cnp)).toEqual([]);
    });
  });
});

describe('DnsTarget.kubeDns(): a target of its own per call, immutable labels', () => {
  test('each call returns a new target (a JavaScript write to one changes no other construct), whose labels, peer and ports cannot be changed through it', () => {
    const target = DnsTarget.kubeDns();
    expect(DnsTarget.kubeDns()).not.toBe(target);
    expect(Object.isFrozen(target.labels)).toBe(true);
    expect(() => { (target.labels as any)['k8s-app'] = 'other'; }).toThrow(TypeError);
    target.ports.pop();
    expect(target.ports.map(String)).toEqual(['UDP/53', 'TCP/53']);
    expect(target.peer).toBe(target.peer);
  });

  test('two constructs given the default target both allow DNS to kube-dns only, on UDP and TCP 53', () => {
    const chart = newChart();
    new DnsEgress(chart, 'A', { selector: OPENCLAW_LABELS });
    new DnsEgress(chart, 'B', { selector: { app: 'other' } });
    const objects = synth(chart);
    for (const labels of [OPENCLAW_LABELS, { app: 'other' }]) {
      for (const protocol of ['UDP', 'TCP'] as const) {
        expect(allows(objects, { from: pod('openclaw', labels), to: KUBE_DNS, port: 53, protocol })).toBe(true);
      }
      expect(allows(objects, { from: pod('openclaw', labels), to: KUBE_DNS, port: 80 })).toBe(false);
      expect(allows(objects, { from: pod('openclaw', labels), to: pod('kube-system', { app: 'x' }), port: 53, protocol: 'UDP' })).toBe(false);
    }
  });
});
