/**
 * The analyzer on the library's own output: truth tables for the default
 * constructs under both enforcement models, and cross-checks against the
 * independent test-side evaluators (netpol-eval for NetworkPolicy,
 * cilium-eval for Cilium FQDN egress).
 */
import { Chart, Yaml } from 'cdk8s';
import {
  CiliumVersion, DefaultDeny, DnsEgress, DnsQueryFilter, DnsTarget, EgressAllow, EnforcementModel, Flow, FlowEndpoint, Fqdn,
  IngressAllow, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, PolicyAnalyzer, Port, Protocol, Reachability,
} from '../src';
import { fqdnAllowed } from './support/cilium-eval';
import { allows, Endpoint, ip as evalIp, pod as evalPod } from './support/netpol-eval';
import { newApp, newChart, synth } from './support/synth';

const MODELS: [string, EnforcementModel][] = [['GENERIC', EnforcementModel.GENERIC], ['CILIUM', EnforcementModel.CILIUM]];

const OPENCLAW = FlowEndpoint.pod('openclaw', { app: 'openclaw' }, '10.244.1.10');
const OTHER = FlowEndpoint.pod('openclaw', { app: 'other' }, '10.244.1.11');
const KUBE_DNS = FlowEndpoint.clusterDns();
const INGRESS_NGINX = FlowEndpoint.pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
const MONITORING = FlowEndpoint.pod('monitoring', { app: 'prometheus' });
const DEFAULT_POD = FlowEndpoint.pod('default', { app: 'web' }, '10.244.1.5');
const ANTHROPIC_IP = '160.79.104.10';

function flow(from: FlowEndpoint, to: FlowEndpoint, port: number, protocol?: Protocol): Flow {
  return { from, to, port, protocol };
}

function defaultIsolationChart(): Chart {
  const chart = newChart('openclaw');
  new OpenClawNetworkIsolation(chart, 'Isolation');
  return chart;
}

/** OpenClawNetworkIsolation without public egress, beside OpenClawCiliumEgress (the Cilium recipe). */
function ciliumRecipeChart(): Chart {
  const chart = newChart('openclaw');
  new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
  new OpenClawCiliumEgress(chart, 'Egress');
  return chart;
}

/** The truth table of the default OpenClawNetworkIsolation, the same under both models. */
function defaultTable(analyzer: PolicyAnalyzer): Reachability {
  const table = new Reachability(analyzer);
  // DNS: the cluster DNS pods only, UDP and TCP
  table.expectAllowed(flow(OPENCLAW, KUBE_DNS, 53, Protocol.UDP));
  table.expectAllowed(flow(OPENCLAW, KUBE_DNS, 53, Protocol.TCP));
  table.expectDenied(flow(OPENCLAW, FlowEndpoint.pod('openclaw', { app: 'dnsmasq' }), 53, Protocol.UDP));
  table.expectDenied(flow(OPENCLAW, FlowEndpoint.pod('kube-system', { app: 'metrics' }), 53, Protocol.UDP));
  table.expectDenied(flow(OPENCLAW, KUBE_DNS, 443));
  // public internet on 443 and 5222 only; never private, link-local or other pods
  table.expectAllowed(flow(OPENCLAW, FlowEndpoint.external(ANTHROPIC_IP), 443));
  table.expectAllowed(flow(OPENCLAW, FlowEndpoint.external('157.240.1.53'), 5222));
  table.expectDenied(flow(OPENCLAW, FlowEndpoint.external(ANTHROPIC_IP), 80));
  table.expectDenied(flow(OPENCLAW, FlowEndpoint.external(ANTHROPIC_IP), 443, Protocol.UDP));
  table.expectDenied(flow(OPENCLAW, FlowEndpoint.external('169.254.169.254'), 80));
  table.expectDenied(flow(OPENCLAW, FlowEndpoint.external('10.96.0.1'), 443));
  table.expectDenied(flow(OPENCLAW, DEFAULT_POD, 443));
  // ingress: the gateway port from the ingress namespaces only
  table.expectAllowed(flow(INGRESS_NGINX, OPENCLAW, 18789));
  table.expectAllowed(flow(MONITORING, OPENCLAW, 18789));
  table.expectDenied(flow(DEFAULT_POD, OPENCLAW, 18789));
  table.expectDenied(flow(INGRESS_NGINX, OPENCLAW, 22));
  table.expectDenied(flow(FlowEndpoint.external('203.0.113.9'), OPENCLAW, 18789));
  // every other pod of the namespace: default deny
  table.expectDenied(flow(OTHER, KUBE_DNS, 53, Protocol.UDP));
  table.expectDenied(flow(OTHER, FlowEndpoint.external(ANTHROPIC_IP), 443));
  table.expectDenied(flow(OTHER, OPENCLAW, 18789));
  table.expectDenied(flow(INGRESS_NGINX, OTHER, 18789));
  table.expectDenied(flow(OPENCLAW, OTHER, 8080));
  return table;
}

describe.each(MODELS)('default OpenClawNetworkIsolation under %s', (_name, model) => {
  const analyzer = PolicyAnalyzer.fromChart(defaultIsolationChart(), { model });

  test('reads the four NetworkPolicies', () => {
    expect(analyzer.model).toBe(model);
    expect(analyzer.policyCount).toBe(4);
    expect(analyzer.policiesSelecting(OPENCLAW)).toEqual([
      'NetworkPolicy openclaw/openclaw-default-deny',
      'NetworkPolicy openclaw/openclaw-dns-egress',
      'NetworkPolicy openclaw/openclaw-egress',
      'NetworkPolicy openclaw/openclaw-ingress',
    ]);
    expect(analyzer.policiesSelecting(OTHER)).toEqual(['NetworkPolicy openclaw/openclaw-default-deny']);
  });

  test('the truth table holds', () => {
    const table = defaultTable(analyzer);
    expect(table.differences()).toEqual([]);
    expect(table.matrix()).not.toContain('!');
  });

  test('the verdicts name the deciding policies', () => {
    expect(analyzer.check(flow(OPENCLAW, KUBE_DNS, 53, Protocol.UDP)).egress.allowedBy)
      .toEqual(['NetworkPolicy openclaw/openclaw-dns-egress egress[0]']);
    expect(analyzer.check(flow(OPENCLAW, FlowEndpoint.external(ANTHROPIC_IP), 443)).egress.allowedBy)
      .toEqual(['NetworkPolicy openclaw/openclaw-egress egress[0]']);
    expect(analyzer.check(flow(OPENCLAW, FlowEndpoint.external('2606:4700:4700::1111'), 443)).egress.allowedBy)
      .toEqual(['NetworkPolicy openclaw/openclaw-egress egress[1]']);
    expect(analyzer.check(flow(INGRESS_NGINX, OPENCLAW, 18789)).ingress.allowedBy)
      .toEqual(['NetworkPolicy openclaw/openclaw-ingress ingress[0]']);

    const metadata = analyzer.check(flow(OPENCLAW, FlowEndpoint.external('169.254.169.254'), 80));
    expect(metadata.egress.isolatedBy).toEqual([
      'NetworkPolicy openclaw/openclaw-default-deny', 'NetworkPolicy openclaw/openclaw-dns-egress', 'NetworkPolicy openclaw/openclaw-egress',
    ]);
    expect(metadata.egress.allowedBy).toEqual([]);

    const other = analyzer.check(flow(OTHER, KUBE_DNS, 53, Protocol.UDP));
    expect(other.egress.isolatedBy).toEqual(['NetworkPolicy openclaw/openclaw-default-deny']);
    expect(other.reason).toContain('isolated for egress by NetworkPolicy openclaw/openclaw-default-deny');
  });

  test('a pod in another namespace is untouched by the OpenClaw policies', () => {
    const verdict = analyzer.check(flow(DEFAULT_POD, FlowEndpoint.external('10.96.0.1'), 443));
    expect(verdict.allowed).toBe(true);
    expect(verdict.egress.reason).toContain('no policy selects it');
  });
});

test('a default-namespace pod with an IP in a public block is reachable under GENERIC (Calico matches pod IPs) but not under CILIUM', () => {
  // the reason clusterCidrs exists: ipBlocks match pod IPs on some CNIs
  const chart = defaultIsolationChart();
  const publicPod = FlowEndpoint.pod('default', { app: 'web' }, '34.118.225.1');
  expect(PolicyAnalyzer.fromChart(chart).isAllowed(flow(OPENCLAW, publicPod, 443))).toBe(true);
  expect(PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM }).isAllowed(flow(OPENCLAW, publicPod, 443))).toBe(false);
});

describe('OpenClawNetworkIsolation({ internetEgress: false }) with OpenClawCiliumEgress', () => {
  const chart = ciliumRecipeChart();
  const cilium = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM });
  const generic = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.GENERIC });
  const anthropic = FlowEndpoint.external(ANTHROPIC_IP, 'api.anthropic.com');

  test('CILIUM: a listed host resolved by name is allowed on 443, by the FQDN rule', () => {
    const verdict = cilium.check(flow(OPENCLAW, anthropic, 443));
    expect(verdict.allowed).toBe(true);
    expect(verdict.egress.allowedBy).toEqual(['CiliumNetworkPolicy openclaw/openclaw-fqdn-egress egress[1]']);
    expect(verdict.egress.isolatedBy).toContain('CiliumNetworkPolicy openclaw/openclaw-fqdn-egress');
  });

  test('CILIUM: an unlisted host, the same IP without a name, or another port is denied', () => {
    for (const denied of [
      flow(OPENCLAW, FlowEndpoint.external(ANTHROPIC_IP, 'evil.example.com'), 443),
      flow(OPENCLAW, FlowEndpoint.external(ANTHROPIC_IP), 443),
      flow(OPENCLAW, anthropic, 80),
      flow(OPENCLAW, anthropic, 443, Protocol.UDP),
    ]) {
      const verdict = cilium.check(denied);
      expect(verdict.allowed).toBe(false);
      expect(verdict.egress.allowedBy).toEqual([]);
      expect(verdict.reason).toContain('CiliumNetworkPolicy openclaw/openclaw-fqdn-egress');
    }
  });

  test('CILIUM: DNS and gateway ingress still work, other pods stay default-denied', () => {
    expect(cilium.check(flow(OPENCLAW, KUBE_DNS, 53, Protocol.UDP)).egress.allowedBy).toEqual([
      'NetworkPolicy openclaw/openclaw-dns-egress egress[0]', 'CiliumNetworkPolicy openclaw/openclaw-fqdn-egress egress[0]',
    ]);
    expect(cilium.isAllowed(flow(INGRESS_NGINX, OPENCLAW, 18789))).toBe(true);
    expect(cilium.isAllowed(flow(OTHER, anthropic, 443))).toBe(false);
  });

  test('GENERIC: no NetworkPolicy allows public 443, so it is denied even for a listed host', () => {
    expect(generic.policyCount).toBe(4);
    for (const target of [anthropic, FlowEndpoint.external(ANTHROPIC_IP)]) {
      const verdict = generic.check(flow(OPENCLAW, target, 443));
      expect(verdict.allowed).toBe(false);
      expect(verdict.egress.isolatedBy).not.toContain('CiliumNetworkPolicy openclaw/openclaw-fqdn-egress');
      expect(verdict.reason).toContain('NetworkPolicy openclaw/openclaw-egress');
    }
    expect(generic.isAllowed(flow(OPENCLAW, KUBE_DNS, 53, Protocol.UDP))).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// Cross-checks against the independent evaluators
// ---------------------------------------------------------------------------

/** An endpoint in both worlds: the analyzer's FlowEndpoint and netpol-eval's Endpoint. */
interface GridEndpoint {
  readonly flow: FlowEndpoint;
  readonly eval: Endpoint;
  readonly isPod: boolean;
}

function gridPod(namespace: string, labels: { [key: string]: string }, address?: string): GridEndpoint {
  return { flow: FlowEndpoint.pod(namespace, labels, address), eval: evalPod(namespace, labels, address), isPod: true };
}

function gridIp(address: string): GridEndpoint {
  return { flow: FlowEndpoint.external(address), eval: evalIp(address), isPod: false };
}

const GRID_ENDPOINTS: GridEndpoint[] = [
  gridPod('openclaw', { app: 'openclaw' }, '10.244.1.10'),
  gridPod('openclaw', { app: 'other' }, '10.244.1.11'),
  gridPod('openclaw', { app: 'openclaw', tier: 'gw' }),
  gridPod('kube-system', { 'k8s-app': 'kube-dns' }, '10.244.0.5'),
  gridPod('kube-system', { app: 'metrics' }),
  gridPod('ingress-nginx', { app: 'controller' }, '10.244.2.2'),
  gridPod('monitoring', { app: 'prometheus' }),
  gridPod('traefik', {}),
  gridPod('llm', { app: 'ollama' }, '10.244.3.3'),
  gridPod('default', { app: 'web' }, '34.118.225.1'),
  gridPod('apps', { app: 'web' }, '10.244.4.4'),
  gridPod('apps', { app: 'db' }),
  gridIp('160.79.104.10'),
  gridIp('8.8.8.8'),
  gridIp('10.96.0.1'),
  gridIp('169.254.169.254'),
  gridIp('169.254.20.10'),
  gridIp('192.168.1.1'),
  gridIp('34.118.240.1'),
  gridIp('2606:4700:4700::1111'),
  gridIp('fd00:ec2::254'),
];
const GRID_PORTS = [53, 80, 443, 5222, 6697, 8080, 11434, 18789];
const GRID_PROTOCOLS = [Protocol.TCP, Protocol.UDP];

/** Every flow of the grid whose two ends are not both outside the cluster. */
function gridFlows(): { from: GridEndpoint; to: GridEndpoint; port: number; protocol: Protocol }[] {
  const flows = [];
  for (const from of GRID_ENDPOINTS) {
    for (const to of GRID_ENDPOINTS) {
      if (!from.isPod && !to.isPod) continue;
      for (const port of GRID_PORTS) {
        for (const protocol of GRID_PROTOCOLS) flows.push({ from, to, port, protocol });
      }
    }
  }
  return flows;
}

const NETPOL_CHARTS: [string, () => Chart][] = [
  ['default OpenClawNetworkIsolation', defaultIsolationChart],
  ['customised OpenClawNetworkIsolation', () => {
    const chart = newChart('openclaw');
    new OpenClawNetworkIsolation(chart, 'Isolation', {
      ingressNamespaces: ['traefik', 'monitoring'],
      gatewayPort: 8080,
      egressPorts: [Port.tcp(443), Port.tcpRange(6667, 6697)],
      additionalEgress: [{ peers: [Peer.podsInNamespaces(['llm'], { app: 'ollama' })], ports: [Port.tcp(11434)] }],
      allowCloudMetadata: true,
    });
    return chart;
  }],
  ['OpenClawNetworkIsolation with clusterCidrs, NodeLocal DNS and a two-label selector', () => {
    const chart = newChart('openclaw');
    new OpenClawNetworkIsolation(chart, 'Isolation', {
      selector: { app: 'openclaw', tier: 'gw' },
      clusterCidrs: ['34.118.224.0/20'],
      dnsTargets: [DnsTarget.nodeLocalDns()],
      egressPorts: [Port.tcp(443), Port.udp(443)],
    });
    return chart;
  }],
  ['OpenClawNetworkIsolation with internetEgress: false', () => {
    const chart = newChart('openclaw');
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    return chart;
  }],
  ['DefaultDeny, DnsEgress, EgressAllow and IngressAllow building blocks', () => {
    const chart = newChart('apps');
    new DefaultDeny(chart, 'Deny', { name: 'deny-all' });
    new DnsEgress(chart, 'Dns', { name: 'dns', selector: {} });
    new EgressAllow(chart, 'WebEgress', {
      name: 'web-egress',
      selector: { app: 'web' },
      rules: [
        { peers: [Peer.pods({ app: 'db' })], ports: [Port.tcp(5432), Port.tcp(8080)] },
        { peers: Peer.publicInternet(), ports: [Port.tcp(443)] },
        { peers: [Peer.ipBlock('10.96.0.0/12')], ports: [Port.allTcp()] },
      ],
    });
    new IngressAllow(chart, 'DbIngress', {
      name: 'db-ingress',
      selector: { app: 'db' },
      rules: [{ peers: [Peer.pods({ app: 'web' })], ports: [Port.tcp(8080)] }],
    });
    new IngressAllow(chart, 'WebIngress', {
      name: 'web-ingress',
      selector: { app: 'web' },
      rules: [{ peers: [Peer.namespaces(['ingress-nginx'])], ports: [Port.tcpRange(8000, 8100)] }],
    });
    return chart;
  }],
];

describe.each(NETPOL_CHARTS)('GENERIC analyzer agrees with netpol-eval on %s', (_name, build) => {
  test('every flow of the grid gets the same verdict', () => {
    const chart = build();
    const objects = synth(chart);
    const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.GENERIC });
    const flows = gridFlows();
    const disagreements: string[] = [];
    let allowedCount = 0;
    for (const f of flows) {
      const expected = allows(objects, { from: f.from.eval, to: f.to.eval, port: f.port, protocol: f.protocol });
      const verdict = analyzer.check({ from: f.from.flow, to: f.to.flow, port: f.port, protocol: f.protocol });
      if (verdict.allowed) allowedCount++;
      if (verdict.allowed !== expected) disagreements.push(`netpol-eval says ${expected ? 'allowed' : 'denied'}: ${verdict.reason}`);
    }
    expect(disagreements).toEqual([]);
    // the grid exercises both outcomes
    expect(allowedCount).toBeGreaterThan(0);
    expect(allowedCount).toBeLessThan(flows.length);
  });
});

const HOST_NAMES = [
  'api.anthropic.com', 'API.Anthropic.com', 'api.openai.com', 'discord.com', 'gateway.discord.gg', 'us-east1.discord.gg',
  'a.b.discord.gg', 'discord.gg', 'cdn.discordapp.com', 'media.discordapp.net', 'api.telegram.org',
  'evil.example.com', 'api.anthropic.com.evil.io', 'anthropic.com', 'pastebin.com', 'hooks.example.com', 'a.example.com',
  'x.y.example.com', 'example.com', 'deep.a.b.example.net', 'example.net', 'api.anthropic.com.openclaw.svc.cluster.local',
];
const HOST_PORTS = [53, 80, 443, 5222];

const CILIUM_CHARTS: [string, () => Chart, CiliumVersion][] = [
  ['default OpenClawCiliumEgress', () => {
    const chart = newChart('openclaw');
    new OpenClawCiliumEgress(chart, 'Egress');
    return chart;
  }, CiliumVersion.V1_17],
  ['OpenClawCiliumEgress with custom FQDNs and allow-listed DNS names', () => {
    const chart = newChart('openclaw');
    new OpenClawCiliumEgress(chart, 'Egress', {
      fqdns: [Fqdn.exact('hooks.example.com'), Fqdn.pattern('*.example.com')],
      dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES,
    });
    return chart;
  }, CiliumVersion.V1_17],
  ['OpenClawCiliumEgress with a ** pattern on Cilium 1.19', () => {
    const chart = newChart('openclaw');
    new OpenClawCiliumEgress(chart, 'Egress', {
      fqdns: [Fqdn.pattern('**.example.net')],
      ciliumVersion: CiliumVersion.V1_19,
      dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES,
    });
    return chart;
  }, CiliumVersion.V1_19],
];

describe.each(CILIUM_CHARTS)('CILIUM analyzer agrees with cilium-eval fqdnAllowed on %s', (_name, build, version) => {
  const chart = build();
  const objects = synth(chart);
  const cnp = objects.find(o => o.kind === 'CiliumNetworkPolicy');
  const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM, ciliumVersion: version });

  test('the Cilium policy alone isolates the OpenClaw pods\' egress', () => {
    expect(objects).toHaveLength(1);
    expect(analyzer.check(flow(OPENCLAW, FlowEndpoint.external('198.51.100.1'), 443)).egress.isolatedBy)
      .toEqual(['CiliumNetworkPolicy openclaw/openclaw-fqdn-egress']);
  });

  test('every host name, port and protocol gets the same verdict', () => {
    const disagreements: string[] = [];
    let allowedCount = 0;
    for (const name of HOST_NAMES) {
      for (const port of HOST_PORTS) {
        for (const protocol of GRID_PROTOCOLS) {
          const expected = fqdnAllowed(cnp, name, port, protocol, version.minor);
          const verdict = analyzer.check(flow(OPENCLAW, FlowEndpoint.external('198.51.100.1', name), port, protocol));
          // the server is outside the cluster: its ingress side never decides
          expect(verdict.ingress.allowed).toBe(true);
          if (verdict.allowed) allowedCount++;
          if (verdict.allowed !== expected) disagreements.push(`cilium-eval says ${expected ? 'allowed' : 'denied'}: ${verdict.reason}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(allowedCount).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// Inputs: apps, YAML text
// ---------------------------------------------------------------------------

describe('analyzer inputs', () => {
  test('fromApp reads every chart of an app', () => {
    const app = newApp();
    const isolation = new Chart(app, 'isolation', { namespace: 'openclaw' });
    new OpenClawNetworkIsolation(isolation, 'Isolation', { internetEgress: false });
    const egress = new Chart(app, 'egress', { namespace: 'openclaw' });
    new OpenClawCiliumEgress(egress, 'Egress');
    const options = { model: EnforcementModel.CILIUM };
    const anthropic = flow(OPENCLAW, FlowEndpoint.external(ANTHROPIC_IP, 'api.anthropic.com'), 443);
    const unknownIngress = flow(DEFAULT_POD, OPENCLAW, 18789);

    const whole = PolicyAnalyzer.fromApp(app, options);
    expect(whole.policyCount).toBe(5);
    expect(whole.check(anthropic).egress.allowedBy).toEqual(['CiliumNetworkPolicy openclaw/openclaw-fqdn-egress egress[1]']);
    expect(whole.check(unknownIngress).ingress.isolatedBy).toEqual([
      'NetworkPolicy openclaw/openclaw-default-deny', 'NetworkPolicy openclaw/openclaw-ingress',
    ]);
    expect(whole.isAllowed(unknownIngress)).toBe(false);

    // each chart alone tells only half the story
    expect(PolicyAnalyzer.fromChart(isolation, options).isAllowed(anthropic)).toBe(false);
    expect(PolicyAnalyzer.fromChart(egress, options).isAllowed(unknownIngress)).toBe(true);
  });

  describe.each(MODELS)('fromYaml on the synthesized YAML gives the same verdicts as fromChart under %s', (_name, model) => {
    test.each([
      ['the default isolation', defaultIsolationChart],
      ['the Cilium recipe', ciliumRecipeChart],
    ])('%s', (_chartName, build) => {
      const chart = build();
      const text = Yaml.stringify(...synth(chart));
      const fromYaml = PolicyAnalyzer.fromYaml(text, { model });
      const fromChart = PolicyAnalyzer.fromChart(chart, { model });
      expect(fromYaml.policyCount).toBe(fromChart.policyCount);
      const flows = [
        ...gridFlows().map(f => flow(f.from.flow, f.to.flow, f.port, f.protocol)),
        ...HOST_NAMES.map(name => flow(OPENCLAW, FlowEndpoint.external('198.51.100.1', name), 443)),
      ];
      const mismatches = flows.filter(f => JSON.stringify(fromYaml.check(f)) !== JSON.stringify(fromChart.check(f)));
      expect(mismatches.map(f => fromChart.check(f).reason)).toEqual([]);
      // and the table of the default isolation holds on the YAML too
      if (build === defaultIsolationChart) expect(defaultTable(fromYaml).differences()).toEqual([]);
    });
  });
});
