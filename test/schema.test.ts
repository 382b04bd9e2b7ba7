import { Chart, Testing } from 'cdk8s';
import {
  AiProvider,
  CiliumFqdnEgress,
  CiliumVersion,
  DnsQueryFilter,
  Enforcement,
  DefaultDeny,
  DnsEgress,
  DnsTarget,
  EgressAllow,
  EndpointSet,
  Fqdn,
  IngressAllow,
  MessagingChannel,
  OpenClawCiliumEgress,
  OpenClawNetworkIsolation,
  OpenClawService,
  Peer,
  Port,
} from '../src';
import { apiServerRuleErrors, parseCidr, validateManifest } from './support/schemas';
import { newApp } from './support/synth';

interface Scenario {
  readonly name: string;
  /** Adds constructs to the chart. */
  readonly build: (chart: Chart) => void;
  /** How many objects of each kind the chart must synthesize (so that a test never passes on an empty chart). */
  readonly kinds: { [kind: string]: number };
  /** The chart namespace. */
  readonly namespace?: string;
}

function synth(scenario: Scenario): any[] {
  const app = newApp();
  const chart = new Chart(app, 'c', { namespace: scenario.namespace ?? 'openclaw' });
  scenario.build(chart);
  return Testing.synth(chart);
}

function countKinds(manifests: any[]): { [kind: string]: number } {
  const counts: { [kind: string]: number } = {};
  for (const m of manifests) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  return counts;
}

function label(m: any): string {
  return `${m.kind}/${m.metadata?.namespace ?? '-'}/${m.metadata?.name}`;
}

const scenarios: Scenario[] = [
  {
    name: 'OpenClawNetworkIsolation with defaults',
    build: chart => new OpenClawNetworkIsolation(chart, 'Isolation'),
    kinds: { NetworkPolicy: 4 },
  },
  {
    name: 'OpenClawNetworkIsolation customised',
    build: chart => {
      const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', {
        namespace: 'openclaw-prod',
        selector: { 'app': 'openclaw', 'app.kubernetes.io/component': 'gateway' },
        name: 'claw',
        gatewayPort: 8443,
        ingressNamespaces: ['ingress-nginx', 'monitoring', 'teams-relay'],
        additionalIngressPorts: [Port.tcp(3978), Port.tcp(8788)],
        egressPorts: [Port.tcp(443), Port.tcp(5222), Port.tcpRange(6660, 6697), Port.udp(443)],
        dnsTargets: [DnsTarget.nodeLocalDns(), DnsTarget.openShiftDns(), DnsTarget.kubeDns()],
        additionalEgress: [
          { peers: [Peer.podsInNamespaces(['llm'], { app: 'ollama' })], ports: [Port.tcp(11434)] },
          { peers: [Peer.pods({ app: 'vllm' })], ports: [Port.tcp(8000)] },
        ],
        allowCloudMetadata: true,
      });
      isolation.allowEgressTo([Peer.ipBlock('2001:db8::/32', ['2001:db8:ff00::/40'])], [Port.tcp(8443)]);
      isolation.allowIngressFrom([Peer.pods({ app: 'prometheus' })], [Port.tcp(9090)]);
    },
    // the four policies, plus claw-vllm-ingress: the vLLM pods sit in the default-denied namespace
    kinds: { NetworkPolicy: 5 },
  },
  {
    name: 'internetEgress: false with OpenClawCiliumEgress defaults',
    build: chart => {
      new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
      new OpenClawCiliumEgress(chart, 'Egress');
    },
    kinds: { NetworkPolicy: 4, CiliumNetworkPolicy: 1 },
  },
  {
    name: 'OpenClawCiliumEgress with custom FQDNs and endpoint sets',
    build: chart => {
      const egress = new OpenClawCiliumEgress(chart, 'Egress', {
        name: 'claw',
        selector: { app: 'openclaw', tier: 'gateway' },
        providers: [AiProvider.ANTHROPIC],
        channels: [MessagingChannel.TELEGRAM],
        fqdns: [Fqdn.exact('hooks.example.com'), Fqdn.pattern('*.example.com')],
      });
      egress.allowEndpoints([EndpointSet.of('chat', [Fqdn.exact('chat.example.org'), Fqdn.pattern('*.chat.example.org')],
        [Port.tcp(443), Port.tcp(5222)])]);
      egress.allowFqdns('irc', [Fqdn.exact('irc.libera.chat')], [Port.tcpRange(6660, 6697)]);
    },
    kinds: { CiliumNetworkPolicy: 1 },
  },
  {
    name: 'OpenClawCiliumEgress with NodeLocal DNSCache and kube-dns',
    build: chart => {
      new OpenClawCiliumEgress(chart, 'Egress', {
        namespace: 'agents',
        dnsTargets: [DnsTarget.nodeLocalDns(), DnsTarget.kubeDns()],
      });
    },
    kinds: { CiliumNetworkPolicy: 1 },
  },
  {
    name: 'DefaultDeny on its own',
    build: chart => {
      new DefaultDeny(chart, 'All');
      new DefaultDeny(chart, 'IngressOnly', { name: 'ingress-only', selector: { app: 'openclaw' }, egress: false });
      new DefaultDeny(chart, 'EgressOnly', { namespace: 'other', ingress: false });
    },
    kinds: { NetworkPolicy: 3 },
  },
  {
    name: 'DnsEgress on its own',
    build: chart => {
      new DnsEgress(chart, 'Dns', { selector: { app: 'openclaw' } });
      new DnsEgress(chart, 'AllPods', {
        name: 'all-pods-dns',
        selector: {},
        targets: [DnsTarget.pods('dns', { 'app.kubernetes.io/name': 'coredns' }, 1053), DnsTarget.nodeLocalDns('169.254.25.10')],
      });
    },
    kinds: { NetworkPolicy: 2 },
  },
  {
    name: 'EgressAllow on its own',
    build: chart => {
      const egress = new EgressAllow(chart, 'Egress', {
        selector: { app: 'openclaw' },
        rules: [{ peers: Peer.publicInternet(), ports: [Port.tcp(443)] }],
      });
      egress.allowTo([Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16', '10.2.3.0/24'])], [Port.allTcp(), Port.allUdp()]);
      egress.allowTo([Peer.namespaces(['db'])], [Port.tcp(5432), Port.sctp(3868), Port.udpRange(5000, 5010)]);
      egress.allowTo([Peer.pods({ app: 'proxy' })], [Port.tcp(3128)]);
      new EgressAllow(chart, 'Empty', { name: 'deny-egress', selector: { role: 'batch' } });
    },
    kinds: { NetworkPolicy: 2 },
  },
  {
    name: 'IngressAllow on its own',
    build: chart => {
      const ingress = new IngressAllow(chart, 'Ingress', { name: 'gateway-ingress', selector: { app: 'openclaw' } });
      ingress.allowFrom([Peer.namespaces(['ingress-nginx', 'monitoring'])], [Port.tcp(18789)]);
      ingress.allowFrom([Peer.ipBlock('203.0.113.0/24'), Peer.ipBlock('::/0', ['fc00::/7'])], [Port.tcpRange(3978, 3980)]);
    },
    kinds: { NetworkPolicy: 1 },
  },
  {
    name: 'CiliumFqdnEgress on its own',
    build: chart => {
      const egress = new CiliumFqdnEgress(chart, 'Fqdn', {
        selector: { app: 'openclaw' },
        endpoints: [AiProvider.OPENAI, MessagingChannel.DISCORD],
        dnsTargets: [DnsTarget.kubeDns(), DnsTarget.nodeLocalDns()],
      });
      egress.allowFqdns('hooks', [Fqdn.exact('Hooks.Example.com.'), Fqdn.pattern('api-*.example.net')]);
      new CiliumFqdnEgress(chart, 'Named', { name: 'named-fqdn', selector: {}, endpoints: [AiProvider.ANTHROPIC] });
    },
    kinds: { CiliumNetworkPolicy: 2 },
  },
  {
    name: 'example app: any CNI',
    build: chart => {
      const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
      isolation.allowEgressTo([Peer.podsInNamespaces(['llm'], { app: 'ollama' })], [Port.tcp(11434)]);
    },
    kinds: { NetworkPolicy: 4 },
  },
  {
    name: 'example app: Cilium',
    namespace: 'openclaw-cilium',
    build: chart => {
      new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
      new OpenClawCiliumEgress(chart, 'Egress', {
        providers: [AiProvider.ANTHROPIC, AiProvider.OPENAI],
        channels: [MessagingChannel.DISCORD, MessagingChannel.TELEGRAM],
        fqdns: [Fqdn.exact('hooks.example.com')],
      });
    },
    kinds: { NetworkPolicy: 4, CiliumNetworkPolicy: 1 },
  },
  {
    name: 'every catalog entry, strict DNS, Cilium 1.19 patterns',
    build: chart => {
      const providers = [
        AiProvider.ANTHROPIC, AiProvider.OPENAI, AiProvider.GOOGLE_GEMINI, AiProvider.OPENROUTER, AiProvider.MISTRAL,
        AiProvider.GROQ, AiProvider.DEEPSEEK, AiProvider.XAI, AiProvider.azureOpenAi('contoso-ai'), AiProvider.bedrock('eu-central-1'),
        AiProvider.ollama('llm'), AiProvider.vllm('llm'), AiProvider.inCluster('litellm', 'llm', { app: 'litellm' }, 4000),
      ];
      const channels = [
        MessagingChannel.WHATSAPP, MessagingChannel.TELEGRAM, MessagingChannel.DISCORD, MessagingChannel.SLACK,
        MessagingChannel.GOOGLE_CHAT, MessagingChannel.MS_TEAMS, MessagingChannel.LINE, MessagingChannel.FEISHU, MessagingChannel.LARK,
        MessagingChannel.ZALO, MessagingChannel.TWITCH, MessagingChannel.matrix('matrix.example.com'),
        MessagingChannel.mattermost('chat.example.com'), MessagingChannel.nextcloudTalk('cloud.example.com'),
        MessagingChannel.signal('signal-cli.example.com'), MessagingChannel.blueBubbles('bb.example.com'),
        MessagingChannel.synologyChat('nas.example.com'), MessagingChannel.irc('irc.libera.chat'),
      ];
      new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false, dnsEgress: false, providers, channels });
      new OpenClawCiliumEgress(chart, 'Egress', {
        providers,
        channels,
        services: OpenClawService.ALL,
        fqdns: [Fqdn.pattern('**.example.org')],
        ciliumVersion: CiliumVersion.V1_19,
        dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES,
        dnsSearchDomains: ['ec2.internal'],
      });
    },
    kinds: { NetworkPolicy: 3, CiliumNetworkPolicy: 1 },
  },
  {
    name: 'observe mode, NodeLocal DNSCache',
    build: chart => {
      new OpenClawCiliumEgress(chart, 'Egress', { enforcement: Enforcement.OBSERVE, dnsTargets: [DnsTarget.nodeLocalDns()] });
    },
    kinds: { CiliumNetworkPolicy: 1 },
  },
  {
    name: 'cluster-wide policy in a namespaced chart',
    build: chart => {
      new OpenClawCiliumEgress(chart, 'Fleet', {
        namespaceSelector: { 'openclaw.io/tenant': 'true', 'kubernetes.io/metadata.name': 'team-a' },
        providers: [AiProvider.ANTHROPIC, AiProvider.ollama('llm')],
        channels: [MessagingChannel.SLACK],
        dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES,
      });
    },
    kinds: { CiliumClusterwideNetworkPolicy: 1 },
  },
  {
    name: 'peers in OpenClaw\'s own namespace: ingress allows from both constructs',
    build: chart => {
      const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false, providers: [AiProvider.vllm('openclaw')] });
      isolation.allowEgressTo([Peer.pods({ app: 'litellm' }), Peer.namespaces(['openclaw'])], [Port.tcp(4000), Port.tcpRange(9000, 9100)]);
      new OpenClawCiliumEgress(chart, 'Egress', {
        providers: [AiProvider.ollama('openclaw'), AiProvider.inCluster('sglang', 'openclaw', { 'app.kubernetes.io/name': 'sglang' }, 30000)],
      });
    },
    kinds: { NetworkPolicy: 7, CiliumNetworkPolicy: 3 },
  },
];

describe('synthesized objects pass the schemas and the API-server rules', () => {
  describe.each(scenarios)('$name', scenario => {
    const manifests = synth(scenario);

    test('synthesizes the expected kinds', () => {
      expect(countKinds(manifests)).toEqual(scenario.kinds);
    });

    test.each(manifests.map(m => [label(m), m]))('%s matches the JSON schemas', (_name, manifest) => {
      expect(validateManifest(manifest)).toEqual([]);
    });

    test.each(manifests.map(m => [label(m), m]))('%s follows the API-server and Cilium rules', (_name, manifest) => {
      expect(apiServerRuleErrors(manifest)).toEqual([]);
    });
  });
});

describe('regressions', () => {
  // Passing `metadata: { name: undefined }` to an ApiObject overrides the name cdk8s generates.
  test('a building block without a name prop still emits a valid metadata.name', () => {
    const manifests = synth({
      name: 'unnamed',
      build: chart => {
        new DefaultDeny(chart, 'Deny');
        new DnsEgress(chart, 'Dns', { selector: { app: 'openclaw' } });
        new EgressAllow(chart, 'Egress', { selector: { app: 'openclaw' } });
        new IngressAllow(chart, 'Ingress', { selector: { app: 'openclaw' } });
        new CiliumFqdnEgress(chart, 'Fqdn', { selector: { app: 'openclaw' }, endpoints: [AiProvider.ANTHROPIC] });
      },
      kinds: {},
    });
    expect(manifests).toHaveLength(5);
    expect(manifests.map(m => apiServerRuleErrors(m))).toEqual(manifests.map(() => []));
  });
});

// ---------------------------------------------------------------------------
// The checkers catch real mistakes
// ---------------------------------------------------------------------------

function networkPolicy(spec: any): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'bad', namespace: 'openclaw' },
    spec: { podSelector: { matchLabels: { app: 'openclaw' } }, ...spec },
  };
}

function egressPolicy(to: any[], ports: any[] = [{ port: 443, protocol: 'TCP' }]): any {
  return networkPolicy({ policyTypes: ['Egress'], egress: [{ to, ports }] });
}

const KUBE_DNS = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } };
const DNS_PORTS = [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }];

function cilium(egress: any[], kind = 'CiliumNetworkPolicy'): any {
  return {
    apiVersion: 'cilium.io/v2',
    kind,
    metadata: kind === 'CiliumNetworkPolicy' ? { name: 'bad', namespace: 'openclaw' } : { name: 'bad' },
    spec: { endpointSelector: { matchLabels: { app: 'openclaw' } }, egress },
  };
}

const fqdnRule = { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };
const dnsRule = { toEndpoints: [KUBE_DNS], toPorts: [{ ports: DNS_PORTS, rules: { dns: [{ matchPattern: '*' }] } }] };

describe('synthesized objects, broken on purpose, are caught', () => {
  function ciliumPolicy(): any {
    const manifests = synth({ name: 'cilium', build: chart => new OpenClawCiliumEgress(chart, 'Egress'), kinds: {} });
    return JSON.parse(JSON.stringify(manifests.find(m => m.kind === 'CiliumNetworkPolicy')));
  }

  test('without rules.dns in the DNS rule', () => {
    const manifest = ciliumPolicy();
    const dns = manifest.spec.egress.find((rule: any) => rule.toEndpoints);
    delete dns.toPorts[0].rules;
    expect(validateManifest(manifest)).toEqual([]);
    expect(apiServerRuleErrors(manifest)).toEqual([expect.stringContaining('no egress rule has toPorts with a DNS port and a rules.dns section')]);
  });

  test('with toFQDNs renamed to the generated-code spelling toFqdNs', () => {
    const manifest = ciliumPolicy();
    const rule = manifest.spec.egress.find((r: any) => r.toFQDNs);
    rule.toFqdNs = rule.toFQDNs;
    delete rule.toFQDNs;
    const errors = validateManifest(manifest);
    expect(errors.some(e => e.startsWith('cilium-v1.17.5-crd:') && e.includes('toFqdNs'))).toBe(true);
  });
});

describe('hand-written objects: the checkers accept valid ones', () => {
  test.each([
    ['NetworkPolicy', egressPolicy([{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }])],
    ['CiliumNetworkPolicy', cilium([dnsRule, fqdnRule])],
    ['CiliumClusterwideNetworkPolicy', cilium([dnsRule, fqdnRule], 'CiliumClusterwideNetworkPolicy')],
    ['CiliumClusterwideNetworkPolicy with nodeSelector', {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'nodes' },
      spec: { nodeSelector: { matchLabels: { role: 'worker' } }, egress: [{ toEntities: ['world'] }] },
    }],
  ])('%s', (_name, manifest) => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(apiServerRuleErrors(manifest)).toEqual([]);
  });
});

describe('hand-written objects: apiServerRuleErrors catches API-server and Cilium mistakes', () => {
  test.each([
    ['NetworkPolicy with port 0', egressPolicy([{ namespaceSelector: {} }], [{ port: 0, protocol: 'TCP' }]), /ports\[0\]\.port: 0 is not a port number/],
    ['ipBlock cidr with host bits', egressPolicy([{ ipBlock: { cidr: '10.1.2.3/8' } }]), /host bits set; the network address is "10\.0\.0\.0\/8"/],
    ['except outside cidr', egressPolicy([{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }]), /not a strict subset/],
    ['except equal to cidr', egressPolicy([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }]), /not a strict subset/],
    ['except of another family', egressPolicy([{ ipBlock: { cidr: '0.0.0.0/0', except: ['fc00::/7'] } }]), /is IPv6 but cidr/],
    ['unparseable cidr', egressPolicy([{ ipBlock: { cidr: '10.0.0.256/32' } }]), /not a valid IPv4 or IPv6 CIDR/],
    ['non-canonical IPv6 cidr', egressPolicy([{ ipBlock: { cidr: '2001:DB8:0:0::/32' } }]), /canonical form "2001:db8::\/32"/],
    ['IPv6 cidr with host bits', egressPolicy([{ ipBlock: { cidr: '2001:db8::1/64' } }]), /host bits set; the network address is "2001:db8::\/64"/],
    ['empty peer', egressPolicy([{}]), /must set one of podSelector, namespaceSelector or ipBlock/],
    ['ipBlock with a selector', egressPolicy([{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }]), /ipBlock cannot be combined/],
    ['port above 65535', egressPolicy([{ namespaceSelector: {} }], [{ port: 70000 }]), /70000 is not a port number/],
    ['bad protocol', egressPolicy([{ namespaceSelector: {} }], [{ port: 443, protocol: 'ICMP' }]), /"ICMP" is not one of TCP, UDP, SCTP/],
    ['bad named port', egressPolicy([{ namespaceSelector: {} }], [{ port: 'HTTP--Alt' }]), /not an IANA service name/],
    ['numeric string port', egressPolicy([{ namespaceSelector: {} }], [{ port: '443' }]), /at least one letter/],
    ['endPort with a named port', egressPolicy([{ namespaceSelector: {} }], [{ port: 'https', endPort: 8443 }]), /only with a numeric port/],
    ['endPort below port', egressPolicy([{ namespaceSelector: {} }], [{ port: 8443, endPort: 443 }]), /must be an integer from port \(8443\) to 65535/],
    ['bad label key', networkPolicy({ podSelector: { matchLabels: { 'a/b/c': 'x' } } }), /more than one "\/"/],
    ['bad label value', networkPolicy({ podSelector: { matchLabels: { app: '-x' } } }), /label value "-x"/],
    ['In without values', networkPolicy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }), /needs at least one value/],
    ['Exists with values', networkPolicy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } }), /takes no values/],
    ['unknown operator', networkPolicy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] } }), /"Gt" is not one of/],
    ['duplicate policyTypes', networkPolicy({ policyTypes: ['Egress', 'Egress'] }), /duplicate "Egress"/],
    ['three policyTypes', networkPolicy({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }), /has 3 entries/],
    ['bad name', { ...networkPolicy({}), metadata: { name: 'Bad_Name', namespace: 'openclaw' } }, /metadata\.name: "Bad_Name" is not a DNS-1123 subdomain/],
    ['bad namespace', { ...networkPolicy({}), metadata: { name: 'ok', namespace: 'a.b' } }, /metadata\.namespace: "a\.b" is not a DNS-1123 label/],
    ['CNP with toFQDNs but no rules.dns', cilium([
      { toEndpoints: [KUBE_DNS], toPorts: [{ ports: DNS_PORTS }] }, fqdnRule,
    ]), /no egress rule has toPorts with a DNS port and a rules\.dns section/],
    ['CNP with toFQDNs and no DNS rule at all', cilium([fqdnRule]), /no egress rule has toPorts with a DNS port/],
    ['CNP with toFQDNs and toEndpoints in one rule', cilium([dnsRule, { ...fqdnRule, toEndpoints: [KUBE_DNS] }]), /cannot be combined with toEndpoints/],
    ['CNP with DNS on UDP only', cilium([
      { toEndpoints: [KUBE_DNS], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }, fqdnRule,
    ]), /covers only UDP/],
    ['CNP DNS rule with a port range', cilium([
      { toEndpoints: [KUBE_DNS], toPorts: [{ ports: [{ port: '53', endPort: 54, protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
    ]), /DNS rules take no port ranges/],
    ['CNP DNS rule on port 0', cilium([
      { toEndpoints: [KUBE_DNS], toPorts: [{ ports: [{ port: '0', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
    ]), /DNS rules need a port number/],
    ['CNP toFQDNs entry with both fields', cilium([dnsRule, { toFQDNs: [{ matchName: 'a.example.com', matchPattern: '*.example.com' }] }]),
      /exactly one of matchName or matchPattern/],
    ['CNP with both selectors', { ...cilium([dnsRule]), spec: { endpointSelector: {}, nodeSelector: {}, egress: [dnsRule] } },
      /exactly one of endpointSelector or nodeSelector/],
    ['CNP with no selector', { ...cilium([dnsRule]), spec: { egress: [dnsRule] } }, /exactly one of endpointSelector or nodeSelector/],
    ['CNP DNS rule in ingress', { ...cilium([]), spec: { endpointSelector: {}, ingress: [{ toPorts: [{ ports: DNS_PORTS, rules: { dns: [{ matchPattern: '*' }] } }] }] } },
      /allowed only in egress rules/],
    ['CCNP with toFQDNs and toCIDR in one rule', cilium([dnsRule, { ...fqdnRule, toCIDR: ['10.0.0.0/8'] }], 'CiliumClusterwideNetworkPolicy'),
      /cannot be combined with toCIDR/],
    ['unknown kind', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } }, /unknown apiVersion "v1" kind "Service"/],
  ])('%s', (_name, manifest, expected) => {
    const errors = apiServerRuleErrors(manifest);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.join('\n')).toMatch(expected);
  });
});

describe('hand-written objects: validateManifest catches schema mistakes', () => {
  test('NetworkPolicy with an unknown field fails both Kubernetes schemas', () => {
    const errors = validateManifest(networkPolicy({ egresss: [] }));
    expect(errors.some(e => e.startsWith('k8s-v1.28:') && e.includes('egresss'))).toBe(true);
    expect(errors.some(e => e.startsWith('k8s-v1.34-v1.35:') && e.includes('egresss'))).toBe(true);
  });

  test('NetworkPolicy without podSelector fails the 1.28 schema only', () => {
    const manifest = networkPolicy({ policyTypes: ['Ingress'] });
    delete manifest.spec.podSelector;
    const errors = validateManifest(manifest);
    expect(errors.some(e => e.startsWith('k8s-v1.28:') && e.includes('podSelector'))).toBe(true);
    expect(errors.filter(e => e.startsWith('k8s-v1.34-v1.35:'))).toEqual([]);
  });

  test('NetworkPolicy with a fractional port fails both schemas', () => {
    const errors = validateManifest(egressPolicy([{ namespaceSelector: {} }], [{ port: 44.3 }]));
    expect(errors.some(e => e.startsWith('k8s-v1.28:'))).toBe(true);
    expect(errors.some(e => e.startsWith('k8s-v1.34-v1.35:'))).toBe(true);
  });

  test('CNP with a misspelt field ("toFqdNs") fails the CRD schema (the API server would prune it)', () => {
    const errors = validateManifest(cilium([dnsRule, { toFqdNs: [{ matchName: 'api.anthropic.com' }] }]));
    expect(errors.some(e => e.startsWith('cilium-v1.17.5-crd:') && e.includes('toFqdNs') && e.includes('prune'))).toBe(true);
  });

  test('CNP with an invalid matchPattern and a non-string port fails the CRD schema', () => {
    const errors = validateManifest(cilium([
      dnsRule,
      { toFQDNs: [{ matchPattern: 'https://*.example.com/' }], toPorts: [{ ports: [{ port: 443, protocol: 'TCP' }] }] },
    ]));
    expect(errors.filter(e => e.startsWith('cilium-v1.17.5-crd:')).length).toBeGreaterThanOrEqual(2);
  });

  test('CNP with no rules fails the anyOf(ingress, ingressDeny, egress, egressDeny)', () => {
    const manifest = cilium([]);
    delete manifest.spec.egress;
    const errors = validateManifest(manifest);
    expect(errors.some(e => e.startsWith('cilium-v1.17.5-crd:'))).toBe(true);
  });

  test('CCNP is checked against the clusterwide schemas', () => {
    const errors = validateManifest(cilium([dnsRule, { ...fqdnRule, toPorts: [{ ports: [{ port: '443', protocol: 'HTTP' }] }] }],
      'CiliumClusterwideNetworkPolicy'));
    expect(errors.some(e => e.startsWith('cilium-v1.17.5-crd:') && e.includes('protocol'))).toBe(true);
  });

  test('an unknown kind is an error', () => {
    expect(validateManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([
      expect.stringContaining('no schema for apiVersion "v1" kind "ConfigMap"'),
    ]);
  });
});

describe('the test CIDR parser', () => {
  test.each([
    ['10.0.0.0/8', 'IPv4', '10.0.0.0/8', false],
    ['10.1.2.3/8', 'IPv4', '10.0.0.0/8', true],
    ['0.0.0.0/0', 'IPv4', '0.0.0.0/0', false],
    ['::/0', 'IPv6', '::/0', false],
    ['::1/128', 'IPv6', '::1/128', false],
    ['fc00::/7', 'IPv6', 'fc00::/7', false],
    ['FE80:0:0:0::/10', 'IPv6', 'fe80::/10', false],
    ['2001:db8:0:1:0:0:0:0/64', 'IPv6', '2001:db8:0:1::/64', false],
    ['2001:0:0:1:0:0:0:1/128', 'IPv6', '2001:0:0:1::1/128', false],
    ['2001:db8:0:0:1:0:0:1/128', 'IPv6', '2001:db8::1:0:0:1/128', false],
    ['2001:db8:0:1:1:1:1:1/128', 'IPv6', '2001:db8:0:1:1:1:1:1/128', false],
    ['::ffff:192.0.2.0/120', 'IPv6', '::ffff:c000:200/120', false],
  ])('%s parses as %s %s (host bits: %s)', (text, family, canonical, hostBits) => {
    expect(parseCidr(text)).toMatchObject({ family, canonical, hostBitsSet: hostBits });
  });

  test.each(['10.0.0/8', '10.0.0.0/33', '10.0.0.0/08', '010.0.0.0/8', '10.0.0.0', '1:2:3:4:5:6:7:8:9/64', '1::2::3/64', ':1::/64', '::/129', 'g::/16'])(
    '%s does not parse', text => {
      expect(parseCidr(text)).toBeUndefined();
    });
});
