import { fc } from '@fast-check/jest';
import { EnforcementModel, FlowEndpoint, OpenClawNetworkIsolation, PolicyAnalyzer, Protocol } from '../src';
import { newChart, synth } from './support/synth';
import { analyze } from '../src/analysis/analyzer-factory';
import { computeConnectivity, Connection, PodConnectivity } from '../src/analysis/connectivity';
import { ICMP_PROTOCOLS } from '../src/analysis/icmp';
import { defaultIntent } from '../src/analysis/intent';
import { checkOpenClaw } from '../src/analysis/openclaw-check';
import { addressClassOf, nameClassOf, Partition, partitionOf, podClassOf } from '../src/analysis/partition';

/**
 * The exhaustive connectivity is exact: for random hand-written policy sets
 * (NetworkPolicies and Cilium policies of shapes the library never emits:
 * expressions, ipBlock excepts, port ranges, deny rules, entities, FQDN
 * patterns, DNS rules, enableDefaultDeny), the connectivity it computes agrees
 * with `check(flow)` on a dense grid of flows (every pod label combination of
 * the alphabet in five namespaces, addresses in every named range, names
 * listed and unlisted, ports at and around every boundary, three protocols,
 * and ICMP and ICMPv6 types, which `check(flow)` does not take: for them the
 * probe asks the same two sides `check` asks, the client's egress and the
 * server's ingress).
 */
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const KEYS = ['app', 'tier'];
const VALUES = ['a', 'b'];
const NAMESPACES = ['openclaw', 'ns-a', 'ns-b', 'kube-system', 'elsewhere'];
const ADDRESSES = ['203.0.113.5', '8.8.8.8', '10.1.2.3', '10.2.0.1', '169.254.169.254', '169.254.20.10', '100.64.0.9', '2001:db8::1', 'fd00::1'];
const NAMES = [undefined, 'api.x.com', 'foo.y.com', 'a.b.y.com', 'other.com'];
const PORTS = [1, 52, 53, 54, 442, 443, 444, 999, 1000, 1001, 8080, 65535];
/** ICMP types: echo reply, echo request (IPv4), the ICMPv6 echo request, one no rule names. */
const ICMP_TYPES = [0, 8, 128, 200];
const SUBJECT = { namespace: 'openclaw', labels: { app: 'a' } };

const keyArb = fc.constantFrom(...KEYS);
const valueArb = fc.constantFrom(...VALUES);
const expressionArb = fc.oneof(
  fc.record({ key: keyArb, operator: fc.constantFrom('In', 'NotIn'), values: fc.uniqueArray(valueArb, { minLength: 1, maxLength: 2 }) }),
  fc.record({ key: keyArb, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
);
const selectorArb = fc.record({
  matchLabels: fc.dictionary(keyArb, valueArb, { maxKeys: 2 }),
  matchExpressions: fc.array(expressionArb, { maxLength: 1 }),
}, { requiredKeys: [] });
const namespaceSelectorArb = fc.oneof(
  fc.constant({}),
  fc.constant({ matchLabels: { team: 't1' } }),
  fc.constant({ matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }),
  fc.constant({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }),
);
const cidrArb = fc.constantFrom(
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }, { cidr: '203.0.113.0/24' }, { cidr: '10.1.0.0/16' }, { cidr: '::/0' },
  { cidr: '8.8.8.8/32' }, { cidr: '169.254.0.0/16', except: ['169.254.169.254/32'] },
);
const portArb = fc.oneof(
  fc.record({ port: fc.constantFrom(53, 443, 1000), protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }, { requiredKeys: ['port'] }),
  fc.record({ port: fc.constant(440), endPort: fc.constantFrom(443, 1000), protocol: fc.constantFrom('TCP', 'UDP') }),
);
const netpolPeerArb = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: selectorArb }, { requiredKeys: ['namespaceSelector'] }),
  cidrArb.map(ipBlock => ({ ipBlock })),
);
const netpolRuleArb = fc.record({ peers: fc.array(netpolPeerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 2 }) });
const networkPolicyArb = fc.record({
  namespace: fc.constantFrom('openclaw', 'ns-a', 'kube-system'),
  podSelector: selectorArb,
  types: fc.constantFrom<string[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.array(netpolRuleArb, { maxLength: 2 }),
  egress: fc.array(netpolRuleArb, { maxLength: 2 }),
}).map(p => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np', namespace: p.namespace },
  spec: {
    podSelector: p.podSelector,
    policyTypes: p.types,
    ...p.types.includes('Ingress') ? { ingress: p.ingress.map(r => ({ from: r.peers, ports: r.ports })) } : {},
    ...p.types.includes('Egress') ? { egress: p.egress.map(r => ({ to: r.peers, ports: r.ports })) } : {},
  },
}));

const ciliumPortsArb = fc.array(fc.record({ port: fc.constantFrom('53', '443', '1000', '0'), protocol: fc.constantFrom('TCP', 'UDP', 'ANY') }), { minLength: 1, maxLength: 2 });
/** Cilium `icmps` by number or name (`pkg/policy/api/icmp.go`), IPv4 (the default) or IPv6; PacketTooBig is IPv6-only. */
const icmpsArb = fc.array(fc.record({
  fields: fc.array(fc.record({
    type: fc.constantFrom<number | string>(0, 8, 128, 'EchoRequest', 'EchoReply', 'PacketTooBig'),
    family: fc.constantFrom('IPv4', 'IPv6'),
  }, { requiredKeys: ['type'] }), { minLength: 1, maxLength: 2 }),
}), { minLength: 1, maxLength: 1 });
const ciliumEgressArb = fc.oneof(
  fc.record({
    toEndpoints: fc.constant([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }]),
    toPorts: fc.constant([{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*.y.com' }, { matchName: 'api.x.com' }] } }]),
  }),
  fc.record({
    toEndpoints: fc.constant([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }]),
    toPorts: fc.constant([{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }]),
  }),
  fc.record({ toFQDNs: fc.subarray([{ matchName: 'api.x.com' }, { matchPattern: '*.y.com' }], { minLength: 1 }), toPorts: ciliumPortsArb.map(ports => [{ ports }]) }, { requiredKeys: ['toFQDNs'] }),
  fc.record({ toEndpoints: fc.array(selectorArb.map(s => ({ matchLabels: s.matchLabels })), { minLength: 1, maxLength: 1 }), toPorts: ciliumPortsArb.map(ports => [{ ports }]) }, { requiredKeys: ['toEndpoints'] }),
  fc.record({ toCIDRSet: fc.array(cidrArb, { minLength: 1, maxLength: 1 }), toPorts: ciliumPortsArb.map(ports => [{ ports }]) }, { requiredKeys: ['toCIDRSet'] }),
  fc.record({ toEntities: fc.subarray(['world', 'cluster', 'all'], { minLength: 1 }), toPorts: ciliumPortsArb.map(ports => [{ ports }]) }, { requiredKeys: ['toEntities'] }),
  fc.record({ toEntities: fc.subarray(['world', 'cluster', 'all'], { minLength: 1 }), icmps: icmpsArb }),
  fc.record({ toEndpoints: fc.array(selectorArb.map(s => ({ matchLabels: s.matchLabels })), { minLength: 1, maxLength: 1 }), icmps: icmpsArb }),
  fc.record({ toCIDRSet: fc.array(cidrArb, { minLength: 1, maxLength: 1 }), icmps: icmpsArb }),
);
const ciliumPolicyArb = fc.record({
  selector: selectorArb.map(s => ({ matchLabels: s.matchLabels })),
  egress: fc.array(ciliumEgressArb, { maxLength: 3 }),
  egressDeny: fc.array(fc.record({ toCIDR: fc.constantFrom(['8.8.8.8/32'], ['10.0.0.0/8']) }), { maxLength: 1 }),
  ingress: fc.array(fc.oneof(
    fc.record({ fromEndpoints: fc.constant([{}]) }),
    fc.record({ fromEntities: fc.constant(['world']), toPorts: ciliumPortsArb.map(ports => [{ ports }]) }),
    fc.record({ fromEntities: fc.constant(['world']), icmps: icmpsArb }),
  ), { maxLength: 1 }),
  defaultDeny: fc.option(fc.record({ egress: fc.boolean(), ingress: fc.boolean() }), { nil: undefined }),
}).map(p => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'cnp', namespace: 'openclaw' },
  spec: {
    endpointSelector: p.selector,
    ...p.egress.length ? { egress: p.egress } : {},
    ...p.egressDeny.length ? { egressDeny: p.egressDeny } : {},
    ...p.ingress.length ? { ingress: p.ingress } : {},
    ...p.defaultDeny ? { enableDefaultDeny: p.defaultDeny } : {},
  },
}));

const NAMESPACE_OBJECT = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns-a', labels: { team: 't1' } } };

/** Every label set of the alphabet: each key absent or with each value. */
function labelSets(): { [key: string]: string }[] {
  let sets: { [key: string]: string }[] = [{}];
  for (const key of KEYS) sets = sets.flatMap(set => [set, ...[...VALUES, 'zzz'].map(value => ({ ...set, [key]: value }))]);
  return sets;
}

function allowedIn(connections: Connection[], match: (c: Connection) => boolean, protocol: string, port: number): boolean {
  return connections.some(c => match(c) && c.protocol === protocol && c.ports.some(r => r.from <= port && port <= r.to));
}

/** Checks every grid flow of the subject against the connectivity; returns the disagreements. */
function disagreements(input: any[], model: EnforcementModel): string[] {
  const manifests = input.map((m, i) => ({ ...m, metadata: { ...m.metadata, name: `${m.metadata.name}-${i}` } }));
  const { analyzer, partition } = analyze(manifests, { model });
  const subjectClass = podClassOf(partition, SUBJECT.namespace, SUBJECT.labels)!;
  const [connectivity] = computeConnectivity(analyzer, partition, [subjectClass]);
  const subject = FlowEndpoint.pod(SUBJECT.namespace, SUBJECT.labels);
  const wrong: string[] = [];
  const compare = (flowText: string, expected: boolean, computed: boolean) => {
    if (expected !== computed) wrong.push(`${flowText}: check says ${expected ? 'allowed' : 'denied'}, connectivity says ${computed ? 'allowed' : 'denied'}`);
  };
  for (const protocol of [Protocol.TCP, Protocol.UDP, Protocol.SCTP]) {
    for (const port of PORTS) {
      for (const namespace of NAMESPACES) {
        for (const labels of labelSets()) {
          const peer = FlowEndpoint.pod(namespace, labels);
          const peerClass = podClassOf(partition, namespace, labels);
          const isPeer = (c: Connection) => c.peer.kind === 'pod' && c.peer.pod === peerClass;
          compare(`${subject} -> ${peer} ${protocol}/${port}`, analyzer.isAllowed({ from: subject, to: peer, port, protocol }),
            allowedIn(connectivity.egress, isPeer, protocol, port));
          compare(`${peer} -> ${subject} ${protocol}/${port}`, analyzer.isAllowed({ from: peer, to: subject, port, protocol }),
            allowedIn(connectivity.ingress, isPeer, protocol, port));
        }
      }
      for (const ip of ADDRESSES) {
        const address = addressClassOf(partition, ip);
        for (const name of model === EnforcementModel.CILIUM ? NAMES : [undefined]) {
          const peer = FlowEndpoint.external(ip, name);
          compare(`${subject} -> ${peer} ${protocol}/${port}`, analyzer.isAllowed({ from: subject, to: peer, port, protocol }),
            egressToExternal(connectivity, partition, address, name, protocol, port));
        }
        compare(`${ip} -> ${subject} ${protocol}/${port}`, analyzer.isAllowed({ from: FlowEndpoint.external(ip), to: subject, port, protocol }),
          allowedIn(connectivity.ingress, c => c.peer.kind === 'address' && c.peer.address === address, protocol, port));
      }
    }
  }
  // ICMP: the two sides `check` asks, at every type of the grid; an address gets the ICMP of its own family only.
  const bothSides = (from: FlowEndpoint, to: FlowEndpoint, protocol: string, type: number) =>
    analyzer._sideAllows('egress', from, to, type, protocol) && analyzer._sideAllows('ingress', to, from, type, protocol);
  for (const protocol of ICMP_PROTOCOLS) {
    for (const type of ICMP_TYPES) {
      for (const namespace of NAMESPACES) {
        for (const labels of labelSets()) {
          const peer = FlowEndpoint.pod(namespace, labels);
          const peerClass = podClassOf(partition, namespace, labels);
          const isPeer = (c: Connection) => c.peer.kind === 'pod' && c.peer.pod === peerClass;
          compare(`${subject} -> ${peer} ${protocol}/${type}`, bothSides(subject, peer, protocol, type), allowedIn(connectivity.egress, isPeer, protocol, type));
          compare(`${peer} -> ${subject} ${protocol}/${type}`, bothSides(peer, subject, protocol, type), allowedIn(connectivity.ingress, isPeer, protocol, type));
        }
      }
      for (const ip of ADDRESSES.filter(a => a.includes(':') === (protocol === 'ICMPv6'))) {
        const address = addressClassOf(partition, ip);
        for (const name of model === EnforcementModel.CILIUM ? NAMES : [undefined]) {
          const peer = FlowEndpoint.external(ip, name);
          compare(`${subject} -> ${peer} ${protocol}/${type}`, bothSides(subject, peer, protocol, type),
            egressToExternal(connectivity, partition, address, name, protocol, type));
        }
        compare(`${ip} -> ${subject} ${protocol}/${type}`, bothSides(FlowEndpoint.external(ip), subject, protocol, type),
          allowedIn(connectivity.ingress, c => c.peer.kind === 'address' && c.peer.address === address, protocol, type));
      }
    }
  }
  return wrong;
}

function egressToExternal(connectivity: PodConnectivity, partition: Partition, address: any, name: string | undefined,
  protocol: string, port: number): boolean {
  const unnamed = allowedIn(connectivity.egress, c => c.peer.kind === 'address' && c.peer.address === address, protocol, port);
  if (name === undefined) return unnamed;
  const nameClass = nameClassOf(partition, name);
  return unnamed || allowedIn(connectivity.egress,
    c => c.peer.kind === 'name' && c.peer.name === nameClass && c.peer.address === address, protocol, port);
}

describe('the exhaustive connectivity agrees with check(flow) on a dense grid', () => {
  test('random NetworkPolicy sets, generic model', () => {
    fc.assert(fc.property(fc.array(networkPolicyArb, { minLength: 1, maxLength: 4 }), policies => {
      expect(disagreements([NAMESPACE_OBJECT, ...policies], EnforcementModel.GENERIC)).toEqual([]);
    }), { numRuns: NUM_RUNS });
  });

  test('random NetworkPolicy and CiliumNetworkPolicy sets, Cilium model', () => {
    fc.assert(fc.property(fc.array(networkPolicyArb, { maxLength: 2 }), fc.array(ciliumPolicyArb, { minLength: 1, maxLength: 2 }),
      (netpols, cnps) => {
        expect(disagreements([NAMESPACE_OBJECT, ...netpols, ...cnps], EnforcementModel.CILIUM)).toEqual([]);
      }), { numRuns: NUM_RUNS });
  });
});

/**
 * Brute force: probe a dense grid (every named range, every policy CIDR, every port boundary, every
 * label combination in seven namespaces) with `check(flow)`, and judge each flow against the default
 * intent by hand: DNS only to kube-dns pods, public addresses only on TCP 443 and 5222, the gateway
 * only from ingress-nginx and monitoring; those intended flows must be allowed.
 */
function bruteForceFindsDifference(manifests: any[]): boolean {
  // One more namespace labelled team=t1 (which the generated namespace selectors name), as a real cluster may have.
  const otherTeamNamespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other-t1', labels: { team: 't1' } } };
  const analyzer = PolicyAnalyzer.fromManifests([...manifests, otherTeamNamespace], { model: EnforcementModel.GENERIC });
  const subject = FlowEndpoint.pod(SUBJECT.namespace, SUBJECT.labels);
  const kubeDns = (ns: string, labels: { [key: string]: string }) => ns === 'kube-system' && labels['k8s-app'] === 'kube-dns';
  const publicAddress = (ip: string) => ['203.0.113.5', '8.8.8.8', '1.1.1.1', '2001:db8::1'].includes(ip);
  const namespaces = [...NAMESPACES, 'ingress-nginx', 'monitoring', 'other-t1'];
  const pods = namespaces.flatMap(ns => [...labelSets(), { 'k8s-app': 'kube-dns' }, { 'k8s-app': 'kube-dns', 'app': 'a' }].map(labels => ({ ns, labels })));
  const addresses = [...ADDRESSES, '1.1.1.1', '0.0.0.1', '127.0.0.1', '224.0.0.1', '240.0.0.1', '169.254.1.1', '172.16.0.1', '192.168.0.1',
    '::1', 'fe80::1', 'ff00::1', '169.254.25.10'];
  for (const protocol of [Protocol.TCP, Protocol.UDP, Protocol.SCTP]) {
    for (const port of [...PORTS, 439, 440, 5221, 5222, 5223, 18788, 18789, 18790]) {
      const dns = port === 53 && protocol !== Protocol.SCTP;
      for (const { ns, labels } of pods) {
        const peer = FlowEndpoint.pod(ns, labels);
        if (analyzer.isAllowed({ from: subject, to: peer, port, protocol }) && !(dns && kubeDns(ns, labels))) return true;
        const fromIngress = ['ingress-nginx', 'monitoring'].includes(ns) && protocol === Protocol.TCP && port === 18789;
        if (analyzer.isAllowed({ from: peer, to: subject, port, protocol }) && !fromIngress) return true;
      }
      for (const ip of addresses) {
        const intended = publicAddress(ip) && protocol === Protocol.TCP && (port === 443 || port === 5222);
        if (analyzer.isAllowed({ from: subject, to: FlowEndpoint.external(ip), port, protocol }) && !intended) return true;
        if (analyzer.isAllowed({ from: FlowEndpoint.external(ip), to: subject, port, protocol })) return true;
      }
    }
  }
  const intendedFlows = [
    ...[Protocol.UDP, Protocol.TCP].map(protocol => ({ from: subject, to: FlowEndpoint.clusterDns(), port: 53, protocol })),
    ...['ingress-nginx', 'monitoring'].map(ns => ({ from: FlowEndpoint.pod(ns, {}), to: subject, port: 18789 })),
    ...[443, 5222].map(port => ({ from: subject, to: FlowEndpoint.external('203.0.113.10'), port })),
  ];
  return intendedFlows.some(flow => !analyzer.isAllowed(flow));
}

describe('check\'s verdict on the intent matches brute-force probing', () => {
  test('the library\'s default isolation plus random NetworkPolicies, generic model', () => {
    const chart = newChart(SUBJECT.namespace);
    new OpenClawNetworkIsolation(chart, 'Isolation', { selector: SUBJECT.labels });
    const library = synth(chart);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'openclaw', namespace: SUBJECT.namespace },
      spec: { template: { metadata: { labels: SUBJECT.labels } } },
    };
    const intent = { ...defaultIntent(true), selector: SUBJECT.labels };
    const verdicts = { pass: 0, fail: 0 };
    fc.assert(fc.property(fc.array(networkPolicyArb, { maxLength: 2 }), policies => {
      const manifests = [NAMESPACE_OBJECT, deployment, ...library, ...policies.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `np-${i}` } }))];
      const found = checkOpenClaw(manifests, intent, { model: EnforcementModel.GENERIC }).judgement.differences.length > 0;
      expect(found).toBe(bruteForceFindsDifference(manifests));
      verdicts[found ? 'fail' : 'pass']++;
    }), { numRuns: NUM_RUNS });
    // both verdicts were exercised
    expect(verdicts.pass).toBeGreaterThan(0);
    expect(verdicts.fail).toBeGreaterThan(0);
  });
});

describe('the partition', () => {
  test('names the address ranges: public, private, CGNAT, loopback, link-local, metadata, NodeLocal DNSCache, IPv6 ones', () => {
    const partition = partitionOf([], { cilium: false, multiLabelWildcard: false });
    const names = (ip: string) => addressClassOf(partition, ip)?.rangeName;
    expect([names('8.8.8.8'), names('10.1.2.3'), names('100.64.0.1'), names('127.0.0.1'), names('169.254.1.1'),
      names('169.254.169.254'), names('169.254.20.10'), names('2001:db8::1'), names('fd00::1'), names('fe80::1')])
      .toEqual(['public', 'private', 'CGNAT', 'loopback', 'link-local', 'cloud metadata', 'NodeLocal DNSCache', 'public', 'private', 'link-local']);
  });

  test('a CIDR and its except cut the public range into classes', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'openclaw' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '8.8.0.0/16', except: ['8.8.8.0/24'] } }] }] },
    };
    const partition = partitionOf([policy], { cilium: false, multiLabelWildcard: false });
    expect(addressClassOf(partition, '8.8.4.4')!.cidrs).toEqual(['8.8.0.0/21', '8.8.9.0/24', '8.8.10.0/23', '8.8.12.0/22', '8.8.16.0/20', '8.8.32.0/19', '8.8.64.0/18', '8.8.128.0/17']);
    expect(addressClassOf(partition, '8.8.8.8')).not.toBe(addressClassOf(partition, '8.8.4.4'));
    expect(addressClassOf(partition, '1.1.1.1')).not.toBe(addressClassOf(partition, '8.8.4.4'));
  });

  test('port intervals start at 1 and at every port and endPort + 1', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'openclaw' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 440, endPort: 443 }, { port: 53, protocol: 'UDP' }] }] },
    };
    expect(partitionOf([policy], { cilium: false, multiLabelWildcard: false }).portStarts).toEqual([1, 53, 54, 440, 444]);
  });
});
