import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import {
  DefaultDeny, DnsEgress, EgressAllow, IngressAllow, LabelOperator, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, PolicyAnnotations, Port,
} from '../src';
import { allows, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newApp, newChart, synth } from './support/synth';

/**
 * The NetworkPolicy building blocks emit one plain `ApiObject` each, rendered
 * from their own rule list (issue 14): no cdk8s-plus construct, no construct
 * per peer, and the same manifest, byte for byte, as when they emitted
 * through cdk8s-plus-28's `NetworkPolicy`.
 */

/** The jsii type name of a construct's class (`cdk8s.ApiObject`, `cdk8s-plus-28.Pods`); undefined for a class jsii does not know. */
function jsiiType(construct: IConstruct): string | undefined {
  return (construct.constructor as any)[Symbol.for('jsii.rtti')]?.fqn;
}

/** The first (only) object a chart synthesizes, as JSON text: key order counts. */
function onlyObjectText(chart: Chart): string {
  const objects = Testing.synth(chart);
  expect(objects).toHaveLength(1);
  return JSON.stringify(objects[0]);
}

describe('each building block emits one plain ApiObject', () => {
  test.each([
    ['DefaultDeny', (c: Chart) => new DefaultDeny(c, 'Block')],
    ['DnsEgress', (c: Chart) => new DnsEgress(c, 'Block', { selector: { app: 'x' } })],
    ['EgressAllow', (c: Chart) => new EgressAllow(c, 'Block', {
      selector: { app: 'x' },
      rules: [{ peers: [...Peer.publicInternet(), Peer.podsInNamespaces(['a', 'b'], { app: 'db' })], ports: [Port.tcp(443), Port.tcp(5432)] }],
    })],
    ['IngressAllow', (c: Chart) => new IngressAllow(c, 'Block', {
      selector: { app: 'x' },
      rules: [{ peers: [Peer.namespaces(['ingress-nginx', 'monitoring']), Peer.pods({ app: 'probe' })], ports: [Port.tcp(18789)] }],
    })],
  ])('%s: the policy is a networking.k8s.io/v1 NetworkPolicy ApiObject, and no cdk8s-plus construct is made', (_, build) => {
    const chart = newChart();
    const block = build(chart);
    const constructs = block.node.findAll();
    expect(constructs.filter(ApiObject.isApiObject)).toEqual([block.policy]);
    expect(jsiiType(block.policy)).toBe('cdk8s.ApiObject');
    expect(block.policy.apiVersion).toBe('networking.k8s.io/v1');
    expect(block.policy.kind).toBe('NetworkPolicy');
    expect(constructs.map(jsiiType).filter(type => type?.startsWith('cdk8s-plus-28.'))).toEqual([]);
    // The block, the holder that keeps the path of generated names, the object: no construct per peer.
    expect(constructs).toHaveLength(3);
  });

  test('one tenant (both constructs in the documented pairing) is 16 constructs, with no cdk8s-plus construct', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress');
    const constructs = chart.node.findAll().slice(1);
    expect(constructs.map(jsiiType).filter(type => type?.startsWith('cdk8s-plus-28.'))).toEqual([]);
    expect(constructs).toHaveLength(16);
  });

  test('every emitted NetworkPolicy passes the pinned networking.k8s.io/v1 schemas and the API server\'s rules', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'Deny', { ingress: false });
    new EgressAllow(chart, 'Egress', {
      selector: { app: 'x' },
      selectorRequirements: [{ key: 'tier', operator: LabelOperator.NOT_IN, values: ['batch'] }],
      rules: [{
        peers: [Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']), Peer.podsInNamespaces(['a'], {}, [{ key: 'gpu', operator: LabelOperator.EXISTS }])],
        ports: [Port.tcpRange(8000, 8100), Port.allUdp(), Port.sctp(9)],
      }],
    });
    for (const object of synth(chart)) expect([...validateManifest(object), ...apiServerRuleErrors(object)]).toEqual([]);
  });
});

/**
 * What cdk8s-plus-28 2.5.6 rendered for the same rules, as the blocks used it
 * until issue 14: a `NetworkPolicy` at `<block>/Resource`, its selector from
 * `Pods.select`/`Pods.all`, one `addEgressRule`/`addIngressRule` per peer,
 * ports from `NetworkPolicyPort.of`. The blocks' output must not change.
 */
describe('the manifest is the one cdk8s-plus-28 rendered for the same rules, key order and generated name included', () => {
  type KplusPeer = (scope: Construct) => kplus.INetworkPolicyPeer;
  const ports = [Port.tcp(443), Port.udpRange(5000, 5100), Port.allTcp(), Port.sctp(9)];
  // Sorted by protocol, then port (every port first), as the blocks passed them (`uniquePorts`).
  const kplusPorts = [
    kplus.NetworkPolicyPort.of({ port: 9, protocol: kplus.NetworkProtocol.SCTP }),
    kplus.NetworkPolicyPort.of({ protocol: kplus.NetworkProtocol.TCP }),
    kplus.NetworkPolicyPort.of({ port: 443, protocol: kplus.NetworkProtocol.TCP }),
    kplus.NetworkPolicyPort.of({ port: 5000, endPort: 5100, protocol: kplus.NetworkProtocol.UDP }),
  ];
  const rows: [string, Peer[], KplusPeer[]][] = [
    ['an IPv4 block with exceptions', [Peer.ipBlock('10.0.0.0/8', ['10.2.0.0/16', '10.1.0.0/16'])],
      [s => kplus.NetworkPolicyIpBlock.ipv4(s, 'P', '10.0.0.0/8', ['10.1.0.0/16', '10.2.0.0/16'])]],
    ['an IPv6 block', [Peer.ipBlock('2001:db8::/32')], [s => kplus.NetworkPolicyIpBlock.ipv6(s, 'P', '2001:db8::/32')]],
    ['pods in the policy\'s namespace, with requirements', [Peer.pods({ app: 'db', role: 'primary' }, [
      { key: 'tier', operator: LabelOperator.NOT_IN, values: ['batch', 'archive'] }, { key: 'debug', operator: LabelOperator.DOES_NOT_EXIST },
    ])],
    [s => kplus.Pods.select(s, 'P', {
      labels: { app: 'db', role: 'primary' },
      expressions: [kplus.LabelExpression.doesNotExist('debug'), kplus.LabelExpression.notIn('tier', ['archive', 'batch'])],
    })]],
    ['pods in two namespaces', [Peer.podsInNamespaces(['b', 'a'], { app: 'x' })],
      [s => kplus.Pods.select(s, 'P', { labels: { app: 'x' }, namespaces: kplus.Namespaces.select(s, 'N', { names: ['a', 'b'] }) })]],
    ['every pod of two namespaces, and an IP block, in one rule', [Peer.namespaces(['monitoring', 'ingress-nginx']), Peer.ipBlock('192.0.2.0/24')],
      [s => kplus.Pods.select(s, 'P', { labels: {}, namespaces: kplus.Namespaces.select(s, 'N', { names: ['ingress-nginx', 'monitoring'] }) }),
        s => kplus.NetworkPolicyIpBlock.ipv4(s, 'Q', '192.0.2.0/24')]],
  ];

  function kplusPolicy(chart: Chart, ingress: boolean, peers: KplusPeer[], selector: (s: Construct) => kplus.IPodSelector): void {
    const scope = new Construct(chart, 'Block');
    const deny = { default: kplus.NetworkPolicyTrafficDefault.DENY };
    const policy = new kplus.NetworkPolicy(scope, 'Resource', { selector: selector(scope), ingress: ingress ? deny : undefined, egress: ingress ? undefined : deny });
    for (const peer of peers) {
      if (ingress) policy.addIngressRule(peer(scope), kplusPorts);
      else policy.addEgressRule(peer(scope), kplusPorts);
    }
  }

  const selected = (s: Construct) => kplus.Pods.select(s, 'Selector', { labels: { app: 'openclaw' }, expressions: [kplus.LabelExpression.exists('gateway')] });
  const props = { selector: { app: 'openclaw' }, selectorRequirements: [{ key: 'gateway', operator: LabelOperator.EXISTS }] };

  test.each(rows)('egress to %s', (_, peers, kplusPeers) => {
    const ours = newChart();
    new EgressAllow(ours, 'Block', props).allowTo(peers, ports);
    const theirs = newChart();
    kplusPolicy(theirs, false, kplusPeers, selected);
    const object = JSON.parse(onlyObjectText(ours));
    delete object.metadata.annotations;
    expect(JSON.stringify(object)).toBe(onlyObjectText(theirs));
  });

  test.each(rows)('ingress from %s', (_, peers, kplusPeers) => {
    const ours = newChart();
    new IngressAllow(ours, 'Block', props).allowFrom(peers, ports);
    const theirs = newChart();
    kplusPolicy(theirs, true, kplusPeers, selected);
    const object = JSON.parse(onlyObjectText(ours));
    delete object.metadata.annotations;
    expect(JSON.stringify(object)).toBe(onlyObjectText(theirs));
  });

  test('a default deny of one direction for every pod, and of both', () => {
    for (const [ingress, egress] of [[true, false], [false, true], [true, true]]) {
      const ours = newChart();
      new DefaultDeny(ours, 'Block', { ingress, egress });
      const theirs = newChart();
      const deny = { default: kplus.NetworkPolicyTrafficDefault.DENY };
      const scope = new Construct(theirs, 'Block');
      new kplus.NetworkPolicy(scope, 'Resource', { selector: kplus.Pods.all(scope, 'Selector'), ingress: ingress ? deny : undefined, egress: egress ? deny : undefined });
      const object = JSON.parse(onlyObjectText(ours));
      delete object.metadata.annotations;
      expect(JSON.stringify(object)).toBe(onlyObjectText(theirs));
    }
  });
});

describe('peers render as NetworkPolicy peers with the same meaning', () => {
  test('pods in named namespaces: namespace AND labels, in each namespace; never "those namespaces or those pods"', () => {
    const chart = newChart();
    new EgressAllow(chart, 'Egress', { selector: { app: 'openclaw' }, rules: [{ peers: [Peer.podsInNamespaces(['a', 'b'], { app: 'db' })], ports: [Port.tcp(5432)] }] });
    const objects = synth(chart);
    const from = pod('openclaw', { app: 'openclaw' });
    expect(allows(objects, { from, to: pod('a', { app: 'db' }), port: 5432 })).toBe(true);
    expect(allows(objects, { from, to: pod('b', { app: 'db' }), port: 5432 })).toBe(true);
    expect(allows(objects, { from, to: pod('a', { app: 'web' }), port: 5432 })).toBe(false);
    expect(allows(objects, { from, to: pod('c', { app: 'db' }), port: 5432 })).toBe(false);
    expect(allows(objects, { from, to: pod('openclaw', { app: 'db' }), port: 5432 })).toBe(false);
    expect(objects[0].spec.egress[0].to).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } }, podSelector: { matchLabels: { app: 'db' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, podSelector: { matchLabels: { app: 'db' } } },
    ]);
  });

  test('a label with an empty value stays in the selector (cdk8s-plus-28 dropped it and selected every pod)', () => {
    const chart = newChart();
    new EgressAllow(chart, 'Egress', { selector: { tier: '' }, rules: [{ peers: [Peer.pods({ role: '' })], ports: [Port.tcp(80)] }] });
    const objects = synth(chart);
    expect(objects[0].spec.podSelector).toEqual({ matchLabels: { tier: '' } });
    const from = pod('openclaw', { tier: '' });
    expect(allows(objects, { from, to: pod('openclaw', { role: '' }), port: 80 })).toBe(true);
    expect(allows(objects, { from, to: pod('openclaw', { role: 'db' }), port: 80 })).toBe(false);
    expect(allows(objects, { from, to: pod('openclaw', {}), port: 80 })).toBe(false);
    // A pod without the label is not selected, so not isolated by this policy.
    expect(allows(objects, { from: pod('openclaw', { app: 'other' }), to: pod('openclaw', {}), port: 80 })).toBe(true);
  });
});

describe('the allows annotation tells of every rule of the final spec', () => {
  test('rules added after construction through allowEgressTo and allowTo show in both the spec and the annotation', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    isolation.allowEgressTo([Peer.podsInNamespaces(['llm'], { app: 'vllm' })], [Port.tcp(8000)]);
    isolation.egress.allowTo([Peer.ipBlock('198.51.100.0/24')], [Port.tcp(8443)]);
    const egress = synth(chart).find(o => o.metadata.name === 'openclaw-egress');
    expect(egress.metadata.annotations[PolicyAnnotations.ALLOWS])
      .toBe('to pods {app=vllm} in namespaces llm on TCP/8000; to 198.51.100.0/24 on TCP/8443');
    const from = pod('openclaw', { app: 'openclaw' });
    expect(allows([egress], { from, to: pod('llm', { app: 'vllm' }), port: 8000 })).toBe(true);
    expect(allows([egress], { from, to: { ip: '198.51.100.7' }, port: 8443 })).toBe(true);
    expect(allows([egress], { from, to: { ip: '198.51.100.7' }, port: 443 })).toBe(false);
  });

  test('a policy with no rule has no allows annotation and no rule list in its spec', () => {
    const chart = newChart();
    new EgressAllow(chart, 'Egress', { selector: { app: 'x' } });
    const [object] = synth(chart);
    expect(object.metadata.annotations).not.toHaveProperty(PolicyAnnotations.ALLOWS);
    expect(object.spec).toEqual({ podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Egress'] });
  });
});

describe('the exposed object is an ApiObject: a JSON patch is judged like any other rendering', () => {
  test('a rule patched into the DNS policy that opens TCP 443 to every IPv4 address fails synthesis, naming it', () => {
    const app: App = newApp();
    const chart = new Chart(app, 'test', { namespace: 'openclaw' });
    const isolation = new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'C');
    expect(() => app.synthYaml()).not.toThrow();
    isolation.dnsEgress!.policy.addJsonPatch(JsonPatch.add('/spec/egress/-', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] }));
    expect(() => app.synthYaml()).toThrow(/NetworkPolicy openclaw\/openclaw-dns-egress \(construct test\/I\/DnsEgress\) lets pods openclaw\/\{app=openclaw\} reach public addresses/);
  });
});
