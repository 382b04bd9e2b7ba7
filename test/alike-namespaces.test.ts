import { fc } from '@fast-check/jest';
import { Chart, JsonPatch } from 'cdk8s';
import { FlowEndpoint, OpenClawCiliumEgress, OpenClawNetworkIsolation } from '../src';
import { newApp } from './support/synth';
import { oneOfEachAlikeNamespace } from '../src/analysis/alike-namespaces';
import { OpenClawFlows } from '../src/analysis/checks';
import { runGuards } from '../src/analysis/guards';

/**
 * The guards judge one of each kind of namespaces alike up to their name
 * (src/analysis/alike-namespaces.ts), and judge them all when that one gives
 * a finding. What they find must be what judging every namespace finds: the
 * property below compares the two on random apps, where judging every
 * namespace is forced by a ConfigMap of a different name in each namespace
 * (no guard reads ConfigMaps, so it changes nothing else).
 */

const OPENCLAW = { app: 'openclaw' };
const KUBE_DNS = { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' };
const ANY_NAME = { toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] };
const ANTHROPIC_ONLY = { ...ANY_NAME, toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchName: 'api.anthropic.com' }] } }] };
const TO_ANTHROPIC = { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };

const cnp = (namespace: string, name: string, spec: object) => ({
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec: { endpointSelector: { matchLabels: OPENCLAW }, ...spec },
});
const np = (namespace: string, name: string, spec: object) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec: { podSelector: { matchLabels: OPENCLAW }, ...spec },
});
const configMap = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: {} });

/** The policies a namespace may hold; `other` is another namespace of the app. */
const FRAGMENTS: { [name: string]: (ns: string, other: string) => any } = {
  allowList: ns => cnp(ns, 'allow-list', { egress: [ANY_NAME, TO_ANTHROPIC] }),
  strictDns: ns => cnp(ns, 'strict', { egress: [ANTHROPIC_ONLY, TO_ANTHROPIC] }),
  observe: ns => cnp(ns, 'observe', { egress: [ANY_NAME, TO_ANTHROPIC], enableDefaultDeny: { egress: false } }),
  rejected: ns => cnp(ns, 'rejected', { egress: [{ ...TO_ANTHROPIC, toCIDR: ['192.0.2.1/32'] }] }),
  fqdnWithoutDns: ns => cnp(ns, 'no-dns-proxy', { egress: [TO_ANTHROPIC] }),
  broad443: ns => np(ns, 'broad', { policyTypes: ['Egress'], egress: [{ ports: [{ port: 443, protocol: 'TCP' }] }] }),
  denyAll: ns => np(ns, 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  kubeDns: ns => np(ns, 'dns', {
    policyTypes: ['Egress'],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
  }),
  gatewayFromIngress: ns => np(ns, 'gateway', {
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 18789, protocol: 'TCP' }] }],
  }),
  gatewayFromOther: (ns, other) => np(ns, 'gateway-from-other', {
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': other } } }], ports: [{ port: 18789, protocol: 'TCP' }] }],
  }),
};

/** Objects outside the tenants' namespaces; `tenant` is one of them. */
const SHARED: { [name: string]: (tenant: string) => any } = {
  worldForFleet: () => ({
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumClusterwideNetworkPolicy',
    metadata: { name: 'fleet-world' },
    spec: { endpointSelector: { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.fleet': 'true' } }, egress: [{ toEntities: ['world'] }] },
  }),
  worldForOneTenant: tenant => ({
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumClusterwideNetworkPolicy',
    metadata: { name: 'one-tenant-world' },
    spec: { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': tenant } }, egress: [{ toEntities: ['world'] }] },
  }),
  fleetNamespace: tenant => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: tenant, labels: { fleet: 'true' } } }),
  ingressDenied: () => np('ingress-nginx', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] }),
};

const flowsOf = (namespace: string): OpenClawFlows => ({
  pod: FlowEndpoint.pod(namespace, OPENCLAW),
  dnsServers: [{ endpoint: FlowEndpoint.clusterDns(), port: 53 }],
  gatewayPort: 18789,
  ingressSources: [FlowEndpoint.pod('ingress-nginx', {})],
});

const TENANTS = ['t-a', 't-b', 't-c', 't-d'];
/** The fragments of a tenant that the guards find right (with more of them, most random tenants would be wrong). */
const RIGHT = ['denyAll', 'kubeDns', 'gatewayFromIngress', 'allowList'];

interface RandomApp {
  readonly manifests: any[];
  readonly flows: OpenClawFlows[];
}

/** Up to four tenants, each of one of three random shapes (so that many are alike), and random shared objects. A shape is some of the right fragments and perhaps one more. */
const randomApp: fc.Arbitrary<RandomApp> = fc.record({
  shapes: fc.array(fc.tuple(fc.subarray(RIGHT), fc.option(fc.constantFrom(...Object.keys(FRAGMENTS)), { nil: undefined }))
    .map(([right, extra]) => (extra === undefined || right.includes(extra) ? right : [...right, extra])), { minLength: 3, maxLength: 3 }),
  shapeOf: fc.array(fc.nat(2), { minLength: 2, maxLength: 4 }),
  withFlows: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  shared: fc.subarray(Object.keys(SHARED)),
  sharedTenant: fc.nat(3),
}).map(({ shapes, shapeOf, withFlows, shared, sharedTenant }) => {
  const tenants = TENANTS.slice(0, shapeOf.length);
  const manifests = tenants.flatMap((ns, i) => shapes[shapeOf[i]].map(fragment => FRAGMENTS[fragment](ns, tenants[(i + 1) % tenants.length])));
  manifests.push(...shared.map(name => SHARED[name](tenants[sharedTenant % tenants.length])));
  const flows = tenants.filter((_, i) => withFlows[shapeOf[i]]).map(flowsOf);
  return { manifests, flows };
});

/** What the guards find, as comparable text: the findings, and each observe-mode policy with its enforcers. */
function verdict(manifests: any[], flows: OpenClawFlows[]): { findings: string[]; observeEnforcedBy: string[] } {
  const result = runGuards(manifests, { flows });
  return {
    findings: result.findings.map(f => `${f.rule}: ${f.message}`).sort(),
    observeEnforcedBy: [...result.observeEnforcedBy].map(([m, refs]) => `${m.metadata.namespace}/${m.metadata.name}: ${refs.join(', ')}`).sort(),
  };
}

describe('the guards find what judging every namespace finds', () => {
  test('random apps of alike and different tenants, with shared objects that name one of them', () => {
    let judgedOnce = 0;
    fc.assert(fc.property(randomApp, ({ manifests, flows }) => {
      const everyNamespace = [...manifests, ...TENANTS.map(ns => configMap(ns, `unlike-${ns}`))];
      expect(oneOfEachAlikeNamespace(everyNamespace, flows).leftOut).toEqual([]);
      const found = verdict(manifests, flows);
      expect(found).toEqual(verdict(everyNamespace, flows));
      if (oneOfEachAlikeNamespace(manifests, flows).leftOut.length > 0 && found.findings.length === 0) judgedOnce++;
    }), { numRuns: 300 });
    expect(judgedOnce).toBeGreaterThan(10); // the fast path is exercised, not only the fall-back
  });

  test('alike tenants that are all wrong: every tenant\'s finding names its own policy', () => {
    const manifests = ['t-a', 't-b', 't-c'].flatMap(ns => [FRAGMENTS.allowList(ns, ''), FRAGMENTS.broad443(ns, '')]);
    expect(oneOfEachAlikeNamespace(manifests, []).leftOut).toEqual(['t-b', 't-c']);
    expect(runGuards(manifests).findings.map(f => f.message.split(' lets ')[0])).toEqual(
      ['NetworkPolicy t-a/broad', 'NetworkPolicy t-b/broad', 'NetworkPolicy t-c/broad']);
  });

  test('observe mode in alike tenants: each observe-mode policy gets its own namespace\'s enforcer', () => {
    const manifests = ['t-a', 't-b'].flatMap(ns => [FRAGMENTS.observe(ns, ''), FRAGMENTS.denyAll(ns, '')]);
    expect(verdict(manifests, []).observeEnforcedBy).toEqual(['t-a/observe: NetworkPolicy t-a/deny', 't-b/observe: NetworkPolicy t-b/deny']);
  });
});

describe('which namespaces are alike', () => {
  const tenant = (ns: string) => [FRAGMENTS.allowList(ns, ''), FRAGMENTS.kubeDns(ns, '')];

  test('the first of each kind is kept; the others\' policies and flows are left out, their other objects kept', () => {
    const manifests = [...tenant('t-a'), configMap('t-a', 'c'), ...tenant('t-b'), configMap('t-b', 'c'), FRAGMENTS.broad443('t-c', ''), ...tenant('t-d'), configMap('t-d', 'c')];
    const flows = ['t-a', 't-b', 't-c', 't-d'].map(flowsOf);
    const alike = oneOfEachAlikeNamespace(manifests, flows);
    expect(alike.leftOut).toEqual(['t-b', 't-d']);
    expect(alike.manifests.map(m => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'CiliumNetworkPolicy t-a/allow-list', 'NetworkPolicy t-a/dns', 'ConfigMap t-a/c', 'ConfigMap t-b/c', 'NetworkPolicy t-c/broad', 'ConfigMap t-d/c',
    ]);
    expect(alike.flows.map(f => f.pod.namespace)).toEqual(['t-a', 't-c']);
  });

  test('annotations do not tell namespaces apart (no guard reads them); labels, names and order do', () => {
    const annotated = (ns: string) => tenant(ns).map(m => ({ ...m, metadata: { ...m.metadata, annotations: { note: ns } } }));
    expect(oneOfEachAlikeNamespace([...annotated('t-a'), ...annotated('t-b')], []).leftOut).toEqual(['t-b']);
    const labelled = tenant('t-b').map(m => ({ ...m, metadata: { ...m.metadata, labels: { team: 'x' } } }));
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...labelled], []).leftOut).toEqual([]);
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant('t-b').reverse()], []).leftOut).toEqual([]);
  });

  test('a namespace named anywhere but as its own objects\' namespace is judged on its own', () => {
    const named = (m: any) => oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant('t-b'), m], []).leftOut;
    expect(named(SHARED.worldForOneTenant('t-b'))).toEqual([]);
    expect(named(FRAGMENTS.gatewayFromOther('t-c', 't-b'))).toEqual([]);
    expect(named(SHARED.fleetNamespace('t-b'))).toEqual([]); // its Namespace object makes it unlike t-a
    expect(named({ ...configMap('t-c', 'c'), data: { 't-b': 'x' } })).toEqual([]); // a key
    expect(named({ ...configMap('t-c', 'c'), data: { x: 't-b.example.com' } })).toEqual(['t-b']); // part of a longer string
    // in a flow of another namespace: t-c's gateway reached from t-b
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant('t-b')], [{ ...flowsOf('t-c'), ingressSources: [FlowEndpoint.pod('t-b', {})] }]).leftOut).toEqual([]);
  });

  test('values are compared with their types: NaN, Infinity, -0 and undefined make a namespace unlike any other', () => {
    const withPort = (ns: string, port: unknown) => [np(ns, 'p', { policyTypes: ['Egress'], egress: [{ ports: [{ port }] }] })];
    expect(oneOfEachAlikeNamespace([...withPort('t-a', null), ...withPort('t-b', null)], []).leftOut).toEqual(['t-b']);
    expect(oneOfEachAlikeNamespace([...withPort('t-a', 443), ...withPort('t-b', '443')], []).leftOut).toEqual([]);
    for (const inexact of [NaN, Infinity, -0, undefined, new Date(0), () => 1]) {
      expect(oneOfEachAlikeNamespace([...withPort('t-a', inexact), ...withPort('t-b', inexact)], []).leftOut).toEqual([]);
    }
  });

  test('a name read from a number, a boolean or null (the analysis reads label values with String()) is a name', () => {
    for (const [name, value] of [['2024', 2024], ['true', true], ['null', null]] as [string, unknown][]) {
      const policy = FRAGMENTS.gatewayFromOther('t-c', 'x');
      policy.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'] = value;
      expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant(name), policy], []).leftOut).toEqual([]);
      expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant(name)], []).leftOut).toEqual([name]);
    }
  });

  test('flows with external DNS servers and without optional fields are alike', () => {
    const flows = (ns: string): OpenClawFlows => ({ pod: FlowEndpoint.pod(ns, OPENCLAW), dnsServers: [{ endpoint: FlowEndpoint.external('169.254.20.10'), port: 53 }], ingressSources: [], gatewayPort: undefined });
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant('t-b')], [flows('t-a'), flows('t-b')]).leftOut).toEqual(['t-b']);
  });

  test('a flow endpoint in the flow\'s own namespace is alike; its labels are not', () => {
    const ownNamespace = (ns: string) => ({ ...flowsOf(ns), ingressSources: [FlowEndpoint.pod(ns, { role: 'proxy' })] });
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant('t-b')], [ownNamespace('t-a'), ownNamespace('t-b')]).leftOut).toEqual(['t-b']);
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant('t-b')], [ownNamespace('t-a'), flowsOf('t-b')]).leftOut).toEqual([]);
  });

  test.each(['default', 'kube-system', 'openshift-dns', 'cluster-wide-sample'])('%s, which the analysis names itself, is never left out', name => {
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant(name)], []).leftOut).toEqual([]);
    expect(oneOfEachAlikeNamespace([...tenant(name), ...tenant('t-a')], []).leftOut).toEqual([]);
  });

  test('a namespace that is not a valid name is never left out', () => {
    expect(oneOfEachAlikeNamespace([...tenant('t-a'), ...tenant('T_B')], []).leftOut).toEqual([]);
  });
});

describe('synthesis of alike tenants', () => {
  function tenants(count: number, isolation: (i: number) => object): string {
    const app = newApp();
    const chart = new Chart(app, 'c');
    for (let i = 0; i < count; i++) {
      const namespace = `tenant-${i}`;
      new OpenClawNetworkIsolation(chart, `iso-${i}`, { namespace, internetEgress: false, ...isolation(i) });
      new OpenClawCiliumEgress(chart, `cil-${i}`, { namespace });
    }
    try {
      app.synthYaml();
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }

  test('alike tenants that are right synthesize', () => {
    expect(tenants(5, () => ({}))).toBe('');
  });

  test('one tenant unlike the others is judged: its finding names its construct', () => {
    const error = tenants(5, i => (i === 3 ? { internetEgress: true } : {}));
    expect(error).toContain('[] NetworkPolicy tenant-3/openclaw-egress (construct c/iso-3/Egress)');
    expect(error).not.toMatch(/tenant-[0124]\//);
  });

  test('a tenant patched after a first synthesis is no longer alike, and is judged', () => {
    const app = newApp();
    const chart = new Chart(app, 'c');
    const isolations = [0, 1, 2].map(i => {
      new OpenClawCiliumEgress(chart, `cil-${i}`, { namespace: `tenant-${i}` });
      return new OpenClawNetworkIsolation(chart, `iso-${i}`, { namespace: `tenant-${i}`, internetEgress: false });
    });
    app.synthYaml();
    isolations[2].egress!.policy.addJsonPatch(JsonPatch.add('/spec/egress', [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] }]));
    expect(() => app.synthYaml()).toThrow(/NetworkPolicy tenant-2\/openclaw-egress \(construct c\/iso-2\/Egress\) lets pods tenant-2/);
  });

  test('alike tenants that are all wrong: every tenant is named', () => {
    const error = tenants(3, () => ({ internetEgress: true }));
    for (const i of [0, 1, 2]) expect(error).toContain(`NetworkPolicy tenant-${i}/openclaw-egress (construct c/iso-${i}/Egress)`);
  });
});
