import { DnsTarget, OpenClawNetworkIsolation, Peer, Port } from '../src';
import { allows, ip, pod } from './support/netpol-eval';
import { newChart, objectNamed, synth, synthYaml } from './support/synth';

const OPENCLAW = pod('openclaw', { app: 'openclaw' }, '10.244.1.10');
const KUBE_DNS = pod('kube-system', { 'k8s-app': 'kube-dns' }, '10.244.0.5');

function defaults(): any[] {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation');
  return synth(chart);
}

describe('OpenClawNetworkIsolation with no props, in namespace openclaw', () => {
  const objects = defaults();

  test('emits four NetworkPolicies with stable names in the chart namespace', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'NetworkPolicy/openclaw/openclaw-default-deny',
      'NetworkPolicy/openclaw/openclaw-dns-egress',
      'NetworkPolicy/openclaw/openclaw-egress',
      'NetworkPolicy/openclaw/openclaw-ingress',
    ]);
  });

  test('default deny selects every pod in the namespace, both directions, no rules', () => {
    const deny = objectNamed(objects, 'NetworkPolicy', 'openclaw-default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Egress', 'Ingress'] });
  });

  test('OpenClaw pods resolve names through the cluster DNS pods only, on UDP and TCP 53', () => {
    expect(allows(objects, { from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: 'TCP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: KUBE_DNS, port: 54, protocol: 'UDP' })).toBe(false);
    // not "any pod on port 53": other kube-system pods and look-alike DNS pods elsewhere are denied
    expect(allows(objects, { from: OPENCLAW, to: pod('kube-system', { app: 'metrics' }), port: 53, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: pod('attacker', { 'k8s-app': 'kube-dns' }), port: 53, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: pod('openclaw', { app: 'dnsmasq' }), port: 53, protocol: 'UDP' })).toBe(false);
  });

  test.each([
    ['api.anthropic.com (IPv4)', '160.79.104.10', 443],
    ['WhatsApp XMPP', '157.240.1.53', 5222],
    ['a public IPv6 host', '2606:4700:4700::1111', 443],
  ])('OpenClaw pods reach %s on TCP %s', (_name, address, port) => {
    expect(allows(objects, { from: OPENCLAW, to: ip(address), port })).toBe(true);
  });

  test.each([
    ['the cloud metadata endpoint', '169.254.169.254', 80],
    ['the cloud metadata endpoint', '169.254.169.254', 443],
    ['a private 10/8 address (in-cluster service)', '10.96.0.1', 443],
    ['a private 172.16/12 address', '172.20.0.1', 443],
    ['a private 192.168/16 address', '192.168.1.1', 443],
    ['a CGNAT address', '100.64.0.1', 443],
    ['loopback', '127.0.0.1', 443],
    ['NodeLocal DNSCache (link-local)', '169.254.20.10', 443],
    ['an IPv6 unique-local address (AWS IMDS fd00:ec2::254)', 'fd00:ec2::254', 443],
    ['IPv6 link-local', 'fe80::1', 443],
    ['IPv6 loopback', '::1', 443],
    ['reserved class E (GKE pod ranges)', '240.0.0.5', 443],
    ['multicast', '224.0.0.251', 443],
    ['"this network"', '0.0.0.1', 443],
    ['IPv6 multicast', 'ff02::1', 443],
    ['a public host on an unlisted port', '160.79.104.10', 80],
    ['a public host on SSH', '160.79.104.10', 22],
  ])('OpenClaw pods cannot reach %s (%s) on TCP %s', (_name, address, port) => {
    expect(allows(objects, { from: OPENCLAW, to: ip(address), port })).toBe(false);
  });

  test('public egress is UDP-free: no QUIC or DNS-over-UDP to the internet', () => {
    expect(allows(objects, { from: OPENCLAW, to: ip('8.8.8.8'), port: 443, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: ip('8.8.8.8'), port: 53, protocol: 'UDP' })).toBe(false);
  });

  test('OpenClaw pods cannot reach other pods, even in their own namespace', () => {
    expect(allows(objects, { from: OPENCLAW, to: pod('openclaw', { app: 'redis' }, '10.244.1.11'), port: 6379 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: pod('default', { app: 'web' }, '10.244.2.2'), port: 443 })).toBe(false);
  });

  test('the gateway port accepts connections from ingress-nginx and monitoring pods only', () => {
    expect(allows(objects, { from: pod('ingress-nginx', { app: 'controller' }), to: OPENCLAW, port: 18789 })).toBe(true);
    expect(allows(objects, { from: pod('monitoring', { app: 'prometheus' }), to: OPENCLAW, port: 18789 })).toBe(true);
    expect(allows(objects, { from: pod('default', { app: 'curl' }), to: OPENCLAW, port: 18789 })).toBe(false);
    expect(allows(objects, { from: pod('openclaw', { app: 'sidecar' }), to: OPENCLAW, port: 18789 })).toBe(false);
    expect(allows(objects, { from: ip('203.0.113.9'), to: OPENCLAW, port: 18789 })).toBe(false);
  });

  test('no other port of the OpenClaw pods is reachable, even from ingress-nginx', () => {
    expect(allows(objects, { from: pod('ingress-nginx', { app: 'controller' }), to: OPENCLAW, port: 8080 })).toBe(false);
    expect(allows(objects, { from: pod('ingress-nginx', { app: 'controller' }), to: OPENCLAW, port: 18789, protocol: 'UDP' })).toBe(false);
  });

  test('the ingress peers are namespace AND pod selectors in one element, never OR', () => {
    const ingress = objectNamed(objects, 'NetworkPolicy', 'openclaw-ingress');
    for (const peer of ingress.spec.ingress[0].from) {
      expect(Object.keys(peer).sort()).toEqual(['namespaceSelector', 'podSelector']);
    }
  });

  test('every other pod in the namespace is isolated: no DNS, no internet, no ingress', () => {
    const other = pod('openclaw', { app: 'other' }, '10.244.1.12');
    expect(allows(objects, { from: other, to: KUBE_DNS, port: 53, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: other, to: ip('160.79.104.10'), port: 443 })).toBe(false);
    expect(allows(objects, { from: pod('ingress-nginx', { app: 'controller' }), to: other, port: 18789 })).toBe(false);
  });

  test('egress-only and ingress-only policies say so in policyTypes', () => {
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-dns-egress').spec.policyTypes).toEqual(['Egress']);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-egress').spec.policyTypes).toEqual(['Egress']);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-ingress').spec.policyTypes).toEqual(['Ingress']);
  });

  test('matches the reviewed snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('OpenClawNetworkIsolation with custom props', () => {
  test('namespace, selector, gateway port and ingress namespaces', () => {
    const chart = newChart(undefined);
    new OpenClawNetworkIsolation(chart, 'Isolation', {
      namespace: 'bots',
      selector: { 'app.kubernetes.io/name': 'openclaw', 'tenant': 'a' },
      gatewayPort: 8080,
      ingressNamespaces: ['traefik'],
      name: 'tenant-a',
    });
    const objects = synth(chart);
    const bot = pod('bots', { 'app.kubernetes.io/name': 'openclaw', 'tenant': 'a' });
    expect(objects.every(o => o.metadata.namespace === 'bots' && o.metadata.name.startsWith('tenant-a-'))).toBe(true);
    expect(allows(objects, { from: pod('traefik', {}), to: bot, port: 8080 })).toBe(true);
    expect(allows(objects, { from: pod('traefik', {}), to: bot, port: 18789 })).toBe(false);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: bot, port: 8080 })).toBe(false);
    // a pod with only one of the two selector labels is not an OpenClaw pod
    expect(allows(objects, { from: pod('bots', { tenant: 'a' }), to: ip('1.1.1.1'), port: 443 })).toBe(false);
    expect(allows(objects, { from: bot, to: ip('1.1.1.1'), port: 443 })).toBe(true);
  });

  test('additional ingress ports (MS Teams 3978) open from the same namespaces only', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { additionalIngressPorts: [Port.tcp(3978)] });
    const objects = synth(chart);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: OPENCLAW, port: 3978 })).toBe(true);
    expect(allows(objects, { from: pod('default', {}), to: OPENCLAW, port: 3978 })).toBe(false);
  });

  test('custom egress ports replace 443 and 5222', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { egressPorts: [Port.tcp(443), Port.tcpRange(6667, 6697)] });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: ip('1.1.1.1'), port: 6697 })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('1.1.1.1'), port: 6680 })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('1.1.1.1'), port: 5222 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: ip('10.0.0.1'), port: 6697 })).toBe(false);
  });

  test('clusterCidrs: non-private pod ranges are excluded from public egress', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { clusterCidrs: ['2600:1f14:abcd::/56', '34.118.224.0/20'] });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: ip('2600:1f14:abcd::5'), port: 443 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: ip('34.118.225.1'), port: 443 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: ip('2600:1f14:abce::5'), port: 443 })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('34.118.240.1'), port: 443 })).toBe(true);
  });

  test('NodeLocal DNSCache target: DNS goes to 169.254.20.10 only', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [DnsTarget.nodeLocalDns()] });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.20.10'), port: 53, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.20.10'), port: 53, protocol: 'TCP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.20.11'), port: 53, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: 'UDP' })).toBe(false);
  });

  test('OpenShift DNS target: DNS pods in openshift-dns on 5353', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [DnsTarget.openShiftDns()] });
    const objects = synth(chart);
    const dns = pod('openshift-dns', { 'dns.operator.openshift.io/daemonset-dns': 'default' });
    expect(allows(objects, { from: OPENCLAW, to: dns, port: 5353, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: dns, port: 5353, protocol: 'TCP' })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: dns, port: 53, protocol: 'UDP' })).toBe(false);
  });

  test('additional egress to an in-cluster Ollama reaches only that pod and port', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', {
      additionalEgress: [{ peers: [Peer.podsInNamespaces(['llm'], { app: 'ollama' })], ports: [Port.tcp(11434)] }],
    });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: pod('llm', { app: 'ollama' }), port: 11434 })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: pod('llm', { app: 'vllm' }), port: 11434 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: pod('other', { app: 'ollama' }), port: 11434 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: pod('llm', { app: 'ollama' }), port: 22 })).toBe(false);
  });

  test('cloud metadata is opt-in, and then only TCP 80 to 169.254.169.254', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { allowCloudMetadata: true });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.169.254'), port: 80 })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.169.254'), port: 8080 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: ip('169.254.169.253'), port: 80 })).toBe(false);
  });

  test('internetEgress: false keeps default deny, DNS and ingress but allows no public IP', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: ip('160.79.104.10'), port: 443 })).toBe(false);
    expect(allows(objects, { from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: OPENCLAW, port: 18789 })).toBe(true);
    expect(isolation.egress.rules).toEqual([]);
  });

  test('rules can be added after construction', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
    isolation.allowEgressTo([Peer.podsInNamespaces(['llm-proxy'], { app: 'litellm' })], [Port.tcp(4000)]);
    isolation.allowIngressFrom([Peer.podsInNamespaces(['teams'], { app: 'bot-relay' })], [Port.tcp(3978)]);
    const objects = synth(chart);
    expect(allows(objects, { from: OPENCLAW, to: pod('llm-proxy', { app: 'litellm' }), port: 4000 })).toBe(true);
    expect(allows(objects, { from: pod('teams', { app: 'bot-relay' }), to: OPENCLAW, port: 3978 })).toBe(true);
    expect(allows(objects, { from: pod('teams', { app: 'other' }), to: OPENCLAW, port: 3978 })).toBe(false);
  });

  test('exposes its child policies', () => {
    const chart = newChart();
    const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
    expect(isolation.defaultDeny.target.name).toBe('openclaw-default-deny');
    expect(isolation.dnsEgress?.target.name).toBe('openclaw-dns-egress');
    expect(isolation.egress.target.name).toBe('openclaw-egress');
    expect(isolation.ingress.target.name).toBe('openclaw-ingress');
    expect(isolation.namespace).toBe('openclaw');
    expect(isolation.selector).toEqual({ app: 'openclaw' });
  });
});

test('the same input gives byte-identical YAML', () => {
  const build = () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', {
      selector: { tier: 'gw', app: 'openclaw' },
      ingressNamespaces: ['monitoring', 'ingress-nginx'],
      egressPorts: [Port.tcp(5222), Port.tcp(443)],
    });
    return synthYaml(chart);
  };
  expect(build()).toEqual(build());
});

test('input order does not change the output', () => {
  const build = (namespaces: string[], ports: Port[]) => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { ingressNamespaces: namespaces, egressPorts: ports });
    return synthYaml(chart);
  };
  expect(build(['monitoring', 'ingress-nginx'], [Port.tcp(5222), Port.tcp(443)]))
    .toEqual(build(['ingress-nginx', 'monitoring'], [Port.tcp(443), Port.tcp(5222)]));
});

describe('several instances in one chart', () => {
  test('two instances with the same name in one namespace are rejected (one would replace the other)', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'A');
    expect(() => new OpenClawNetworkIsolation(chart, 'B', { selector: { app: 'other' } }))
      .toThrow(/Invalid name: "openclaw-default-deny". A NetworkPolicy with this name already exists in namespace "openclaw"/);
  });

  test('distinct names, or distinct namespaces, coexist and do not widen each other', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'A', { name: 'bot-a', selector: { app: 'bot-a' } });
    new OpenClawNetworkIsolation(chart, 'B', { name: 'bot-b', selector: { app: 'bot-b' }, gatewayPort: 9000 });
    new OpenClawNetworkIsolation(chart, 'C', { namespace: 'tenant-c' });
    const objects = synth(chart);
    expect(objects).toHaveLength(12);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', { app: 'bot-a' }), port: 9000 })).toBe(false);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', { app: 'bot-b' }), port: 9000 })).toBe(true);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('tenant-c', { app: 'openclaw' }), port: 18789 })).toBe(true);
  });
});
