import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { DnsQueryFilter, EndpointSet, Fqdn, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, Port } from '../src';
import { newApp } from './support/synth';
import { ciliumAgentRejections } from '../src/analysis/cilium-agent-rules';

/**
 * Regressions from a hostile review of issue 10 (whole-app guards, agent
 * rules, runtime type checks): each case once synthesized (or was judged)
 * wrongly. R1-R6 name the findings.
 */

const OPENCLAW = { app: 'openclaw' };
const TCP443 = [{ ports: [{ port: '443', protocol: 'TCP' }] }];
const KUBE_DNS = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } };

/** The documented pairing in namespace openclaw; strict DNS also turns the NetworkPolicy DNS allow off, as the README says. */
function documentedPair(strict = false): { app: App; chart: Chart; cilium: OpenClawCiliumEgress } {
  const app = newApp();
  const chart = new Chart(app, 'test', { namespace: 'openclaw' });
  new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false, ...(strict ? { dnsEgress: false } : {}) });
  const cilium = new OpenClawCiliumEgress(chart, 'C', strict ? { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES } : {});
  return { app, chart, cilium };
}

function networkPolicy(chart: Chart, name: string, spec: any): ApiObject {
  return new ApiObject(chart, name, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'openclaw' }, spec });
}

function ciliumPolicy(chart: Chart, name: string, spec: any): ApiObject {
  return new ApiObject(chart, name, { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name }, spec });
}

describe('sanity: the review harness sees what the guards already catch', () => {
  test('a matchLabels NetworkPolicy with 0.0.0.0/1 + 128.0.0.0/1 is caught', () => {
    const { app, chart } = documentedPair();
    networkPolicy(chart, 'halves', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }] });
    expect(() => app.synthYaml()).toThrow(/NetworkPolicy openclaw\/halves .* reach public addresses/);
  });
});

describe('R1 (high): selectors written with matchExpressions escape both guards', () => {
  test('a NetworkPolicy selecting app In [openclaw] with 443 to 0.0.0.0/0 voids the FQDN allow-list', () => {
    const { app, chart } = documentedPair();
    networkPolicy(chart, 'expr', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['openclaw'] }] },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }],
    });
    expect(() => app.synthYaml()).toThrow(/NetworkPolicy openclaw\/expr .* reach public addresses/);
  });

  test('a CiliumNetworkPolicy selecting app In [openclaw] with toEntities world voids the FQDN allow-list', () => {
    const { app, chart } = documentedPair();
    ciliumPolicy(chart, 'cexpr', {
      endpointSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['openclaw'] }] },
      egress: [{ toEntities: ['world'], toPorts: TCP443 }],
    });
    expect(() => app.synthYaml()).toThrow(/CiliumNetworkPolicy openclaw\/cexpr .* reach public addresses/);
  });

  test('a NetworkPolicy selecting app Exists that allows port 53 to anyone undoes strict DNS', () => {
    const { app, chart } = documentedPair(true);
    networkPolicy(chart, 'dns-expr', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
    });
    expect(() => app.synthYaml()).toThrow(/NetworkPolicy openclaw\/dns-expr .* DNS queries for any name/);
  });
});

describe('R2 (high): a broad rule inside the allow-list policy itself is never judged', () => {
  test('a JSON patch that adds toEntities world on 443 to the library\'s own FQDN policy', () => {
    const { app, cilium } = documentedPair();
    cilium.fqdnEgress.policy.addJsonPatch(JsonPatch.add('/spec/egress/-', { toEntities: ['world'], toPorts: TCP443 }));
    expect(() => app.synthYaml()).toThrow(/openclaw-fqdn-egress .* reach public addresses/);
  });

  // Caught only because the library's own FQDN policy is a neighbour: the user policy's broad rule voids *that* allow-list.
  test('control: a user CiliumNetworkPolicy with toFQDNs and, in a second rule, toCIDR 0.0.0.0/0, beside the library policy', () => {
    const { app, chart } = documentedPair();
    ciliumPolicy(chart, 'self-void', {
      endpointSelector: { matchLabels: OPENCLAW },
      egress: [{ toFQDNs: [{ matchName: 'api.example.com' }], toPorts: TCP443 }, { toCIDR: ['0.0.0.0/0'], toPorts: TCP443 }],
    });
    expect(() => app.synthYaml()).toThrow(/self-void .* reach public addresses/);
  });
});

describe('R3 (high): a second FQDN rule with matchPattern "*" voids the allow-list', () => {
  test('toFQDNs [{matchPattern: "*"}] on 443 for the same pods', () => {
    const { app, chart } = documentedPair();
    ciliumPolicy(chart, 'star', { endpointSelector: { matchLabels: OPENCLAW }, egress: [{ toFQDNs: [{ matchPattern: '*' }], toPorts: TCP443 }] });
    expect(() => app.synthYaml()).toThrow(/CiliumNetworkPolicy openclaw\/star/);
  });
});

describe('R4 (medium): strict DNS is only compared against one sentinel name', () => {
  test('a second DNS rule with matchPattern "*.com" admits names outside the allow-list', () => {
    const { app, chart } = documentedPair(true);
    ciliumPolicy(chart, 'star-com', {
      endpointSelector: { matchLabels: OPENCLAW },
      egress: [{ toEndpoints: [KUBE_DNS], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*.com' }] } }] }],
    });
    expect(() => app.synthYaml()).toThrow(/CiliumNetworkPolicy openclaw\/star-com/);
  });
});

describe('R5 (high): forged instances pass the runtime type checks and reach the YAML', () => {
  test('egressPorts: [Object.create(Port.prototype)] is refused (today it emits ports: [{}], every port to the internet)', () => {
    const chart = new Chart(newApp(), 'test', { namespace: 'openclaw' });
    expect(() => new OpenClawNetworkIsolation(chart, 'I', { egressPorts: [Object.create(Port.prototype)] })).toThrow(/egressPorts\[0\]/);
  });

  test('fqdns: [Object.create(Fqdn.prototype)] is refused (today it emits toFQDNs: [{}] and annotation "undefined")', () => {
    const chart = new Chart(newApp(), 'test', { namespace: 'openclaw' });
    expect(() => new OpenClawCiliumEgress(chart, 'C', { fqdns: [Object.create(Fqdn.prototype)] })).toThrow(/fqdns\[0\]/);
  });

  test('allowEgressTo([Object.create(Peer.prototype)]) names the argument (today: TypeError reading "namespaces")', () => {
    const isolation = new OpenClawNetworkIsolation(new Chart(newApp(), 'test', { namespace: 'openclaw' }), 'I');
    expect(() => isolation.allowEgressTo([Object.create(Peer.prototype)], [Port.tcp(1)])).toThrow(/peers\[0\]/);
  });

  test('allowEndpoints([Object.create(EndpointSet.prototype)]) names the argument (today: "set.fqdns is not iterable")', () => {
    const cilium = new OpenClawCiliumEgress(new Chart(newApp(), 'test', { namespace: 'openclaw' }), 'C');
    expect(() => cilium.allowEndpoints([Object.create(EndpointSet.prototype)])).toThrow(/endpoints\[0\]/);
  });
});

describe('R6 (low): agent rules disagree with strconv.ParseUint(port, 0, 16) and netip.ParsePrefix', () => {
  const policy = (ports: any[], rules?: any) => ({
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'p', namespace: 'n' },
    spec: { endpointSelector: {}, egress: [{ toEndpoints: [{}], toPorts: [{ ports, ...(rules ? { rules } : {}) }] }] },
  });

  test('port "08" is rejected by the agent (base 0: invalid octal), so the module must reject it', () => {
    expect(ciliumAgentRejections(policy([{ port: '08' }]))).not.toEqual([]);
  });

  test('toCIDRSet "10.0.0.0/08" is rejected by netip.ParsePrefix (leading zero in bits)', () => {
    const manifest = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec: { endpointSelector: {}, egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/08' }] }] } };
    expect(ciliumAgentRejections(manifest)).not.toEqual([]);
  });

  test('port "1_000" is accepted by the agent (base 0 allows underscores): no false rejection', () => {
    expect(ciliumAgentRejections(policy([{ port: '1_000' }]))).toEqual([]);
  });
});
