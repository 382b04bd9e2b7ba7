import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AiProvider, DnsTarget, Fqdn, MessagingChannel, OpenClawCiliumEgress, OpenClawCiliumEgressProps, OpenClawNetworkIsolation, OpenClawNetworkIsolationProps, Port } from '../src';
import { newChart, synthYaml } from './support/synth';
import { runCheck } from '../src/cli/check-command';

/**
 * The leak corpus of issue 11: each leak is added, one at a time, as
 * hand-written YAML to the library's own default output, and `check` must flag
 * it (exit 1, or 2 where stated). The library's own outputs, for every
 * construct option, must pass with the matching intent flags.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-leaks-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: openclaw, namespace: openclaw }
spec:
  selector: { matchLabels: { app: openclaw } }
  template:
    metadata: { labels: { app: openclaw } }
    spec:
      containers:
        - name: gateway
          image: ghcr.io/openclaw/openclaw:2026.9.6
          ports: [{ name: gateway, containerPort: 18789 }]
`;

function isolation(props: OpenClawNetworkIsolationProps = {}, cilium?: OpenClawCiliumEgressProps): string {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation', props);
  if (cilium) new OpenClawCiliumEgress(chart, 'Egress', cilium);
  return synthYaml(chart);
}

const GENERIC_BASE = `${isolation()}---\n${DEPLOYMENT}`;
const CILIUM_BASE = `${isolation({ internetEgress: false }, {})}---\n${DEPLOYMENT}`;

let files = 0;
function check(yaml: string, args: string[]) {
  const file = path.join(tmp, `case-${files++}.yaml`);
  fs.writeFileSync(file, yaml);
  return runCheck([file, ...args]);
}

const egress = (name: string, to: string, ports?: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: openclaw }
spec:
  podSelector: { matchLabels: { app: openclaw } }
  policyTypes: [Egress]
  egress:
    - ${to ? `to: ${to}` : ''}${ports ? `\n      ports: ${ports}` : ''}
`;
const ingress = (name: string, from: string, ports?: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: openclaw }
spec:
  podSelector: { matchLabels: { app: openclaw } }
  policyTypes: [Ingress]
  ingress:
    - ${from ? `from: ${from}` : ''}${ports ? `\n      ports: ${ports}` : ''}
`;
const cnp = (name: string, spec: string) => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: ${name}, namespace: openclaw }
spec:
  endpointSelector: { matchLabels: { app: openclaw } }
${spec}`;

/** [what, the leak's YAML, the rule id that must flag it] */
const GENERIC_LEAKS: [string, string, string][] = [
  ['egress to private ranges on other ports', egress('leak', '[{ ipBlock: { cidr: 10.0.0.0/8 } }]', '[{ port: 8080 }]'), 'no-in-cluster-egress'],
  ['egress to 172.16.0.0/12 on every port', egress('leak', '[{ ipBlock: { cidr: 172.16.0.0/12 } }]'), 'no-in-cluster-egress'],
  ['egress to CGNAT addresses', egress('leak', '[{ ipBlock: { cidr: 100.64.0.0/10 } }]', '[{ port: 443 }]'), 'no-in-cluster-egress'],
  ['egress to public addresses on port 80', egress('leak', '[{ ipBlock: { cidr: 0.0.0.0/0 } }]', '[{ port: 80 }]'), 'public-egress-beyond-intent'],
  ['egress to public addresses on all ports', egress('leak', '[{ ipBlock: { cidr: 0.0.0.0/0 } }]'), 'public-egress-beyond-intent'],
  ['egress to public addresses on UDP 443 (QUIC)', egress('leak', '[{ ipBlock: { cidr: 0.0.0.0/0 } }]', '[{ port: 443, protocol: UDP }]'), 'public-egress-beyond-intent'],
  ['egress to public addresses over SCTP', egress('leak', '[{ ipBlock: { cidr: 0.0.0.0/0 } }]', '[{ port: 443, protocol: SCTP }]'), 'public-egress-beyond-intent'],
  ['egress to every pod', egress('leak', '[{ namespaceSelector: {} }]'), 'no-in-cluster-egress'],
  ['egress to another namespace', egress('leak', '[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: database } } }]', '[{ port: 5432 }]'), 'no-in-cluster-egress'],
  ['egress to everything (an empty rule)', egress('leak', ''), 'no-in-cluster-egress'],
  ['UDP 53 to a public resolver (8.8.8.8)', egress('leak', '[{ ipBlock: { cidr: 8.8.8.8/32 } }]', '[{ port: 53, protocol: UDP }]'), 'dns-only-to-cluster-dns'],
  ['TCP 53 to 1.1.1.1', egress('leak', '[{ ipBlock: { cidr: 1.1.1.1/32 } }]', '[{ port: 53, protocol: TCP }]'), 'dns-only-to-cluster-dns'],
  ['SSH over IPv6', egress('leak', '[{ ipBlock: { cidr: "::/0" } }]', '[{ port: 22 }]'), 'public-egress-beyond-intent'],
  ['DNS to any pod in kube-system', egress('leak', '[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } } }]', '[{ port: 53, protocol: UDP }]'), 'dns-only-to-cluster-dns'],
  ['the cloud metadata endpoint', egress('leak', '[{ ipBlock: { cidr: 169.254.169.254/32 } }]', '[{ port: 80 }]'), 'no-metadata-endpoint'],
  ['the link-local range', egress('leak', '[{ ipBlock: { cidr: 169.254.0.0/16 } }]'), 'no-metadata-endpoint'],
  ['ingress to the gateway from the internet (ipBlock 0.0.0.0/0)', ingress('leak', '[{ ipBlock: { cidr: 0.0.0.0/0 } }]', '[{ port: 18789 }]'), 'gateway-only-from-ingress'],
  ['ingress to the gateway from another namespace', ingress('leak', '[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: default } } }]', '[{ port: 18789 }]'), 'gateway-only-from-ingress'],
  ['ingress from an ingress namespace to another port', ingress('leak', '[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } } }]', '[{ port: 22 }]'), 'gateway-only-from-ingress'],
  ['ingress from everything (an empty rule)', ingress('leak', ''), 'gateway-only-from-ingress'],
  ['ingress from another namespace on the named port the Deployment declares', ingress('leak', '[{ namespaceSelector: {} }]', '[{ port: gateway }]'), 'gateway-only-from-ingress'],
  ['an allow-all policy written with a YAML merge key', `x-allow-all: &all
  podSelector: { matchLabels: { app: openclaw } }
  policyTypes: [Egress]
  egress: [{}]
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: leak, namespace: openclaw }
spec:
  <<: *all
`, 'no-in-cluster-egress'],
];

const CILIUM_LEAKS: [string, string, string][] = [
  ['pastebin.com beside the listed hosts', cnp('leak', `  egress:
    - toFQDNs: [{ matchName: pastebin.com }]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
`), 'fqdn-allow-list-enforced'],
  ['a matchPattern of * (every name)', cnp('leak', `  egress:
    - toFQDNs: [{ matchPattern: "*" }]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
`), 'fqdn-allow-list-enforced'],
  ['toEntities world', cnp('leak', `  egress:
    - toEntities: [world]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
`), 'public-egress-beyond-intent'],
  ['toCIDR 0.0.0.0/0 on every port', cnp('leak', `  egress:
    - toCIDR: [0.0.0.0/0]
`), 'public-egress-beyond-intent'],
  ['ingress from the world entity', cnp('leak', `  ingress:
    - fromEntities: [world]
`), 'gateway-only-from-ingress'],
  ['a NetworkPolicy 443 to anywhere beside the FQDN allow-list', egress('leak', '[{ ipBlock: { cidr: 0.0.0.0/0 } }]', '[{ port: 443 }]'), 'public-egress-beyond-intent'],
  ['ICMP echo to the world', cnp('leak', `  egress:
    - toEntities: [world]
      icmps: [{ fields: [{ type: 8, family: IPv4 }] }]
`), 'no-icmp'],
  ['ICMPv6 echo request, by name, to every address', cnp('leak', `  egress:
    - toCIDR: ["::/0"]
      icmps: [{ fields: [{ type: EchoRequest, family: IPv6 }] }]
`), 'no-icmp'],
  ['ICMP from the world to the gateway pods', cnp('leak', `  ingress:
    - fromEntities: [world]
      icmps: [{ fields: [{ type: EchoRequest }] }]
`), 'no-icmp'],
];

describe('each leak added to the library\'s default output is flagged', () => {
  test.each(GENERIC_LEAKS)('%s (--cni generic)', (_what, leak, rule) => {
    const result = check(`${GENERIC_BASE}---\n${leak}`, ['--cni', 'generic', '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    const violations = JSON.parse(result.stdout).violations;
    expect(violations.map((v: any) => v.rule)).toContain(rule);
    expect(violations.find((v: any) => v.rule === rule).message).toContain('NetworkPolicy openclaw/leak');
  });

  test.each(CILIUM_LEAKS)('%s (Cilium)', (_what, leak, rule) => {
    const result = check(`${CILIUM_BASE}---\n${leak}`, ['--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    const violations = JSON.parse(result.stdout).violations;
    expect(violations.map((v: any) => v.rule)).toContain(rule);
    expect(violations.find((v: any) => v.rule === rule).message).toMatch(/(Cilium)?NetworkPolicy openclaw\/leak/);
  });

  test('--selector matching no workload exits 2 and lists the workloads with their labels', () => {
    const result = check(GENERIC_BASE, ['--selector', 'app=bot']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No OpenClaw pods found');
    expect(result.stderr).toContain('Deployment openclaw/openclaw: app=openclaw');
  });

  test('the base outputs themselves pass', () => {
    expect(check(GENERIC_BASE, ['--cni', 'generic']).exitCode).toBe(0);
    expect(check(CILIUM_BASE, []).exitCode).toBe(0);
  });
});

describe('the library\'s own outputs pass, for every construct option, with the matching intent flags', () => {
  test.each<[string, string, string[]]>([
    ['defaults', isolation(), []],
    ['gatewayPort and ingressNamespaces', isolation({ gatewayPort: 8080, ingressNamespaces: ['traefik'] }), ['--gateway-port', '8080', '--ingress-from', 'traefik']],
    ['egressPorts', isolation({ egressPorts: [Port.tcp(443), Port.udp(123)] }), ['--egress-ports', '443,udp/123']],
    ['channels with a webhook port (MS Teams)', isolation({ channels: [MessagingChannel.MS_TEAMS] }), ['--channels', 'ms-teams']],
    ['additionalIngressPorts', isolation({ additionalIngressPorts: [Port.tcp(9090)] }), ['--ingress-ports', '9090']],
    ['NodeLocal DNSCache', isolation({ dnsTargets: [DnsTarget.nodeLocalDns()] }), ['--dns', 'node-local']],
    ['OpenShift DNS', isolation({ dnsTargets: [DnsTarget.openShiftDns()] }), ['--dns', 'openshift']],
    ['DNS pods', isolation({ dnsTargets: [DnsTarget.pods('dns', { app: 'coredns' }, 5353)] }), ['--dns', 'pods=dns/app=coredns:5353']],
    ['Cilium defaults', isolation({ internetEgress: false }, {}), []],
    ['Cilium providers and channels', isolation({ internetEgress: false }, { providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.SLACK] }),
      ['--providers', 'anthropic', '--channels', 'slack']],
    ['Cilium fqdns', isolation({ internetEgress: false }, { fqdns: [Fqdn.exact('api.example.com'), Fqdn.pattern('*.example.org')] }),
      ['--fqdn', 'api.example.com,*.example.org']],
  ])('%s', (_what, yaml, args) => {
    const result = check(`${yaml}---\n${DEPLOYMENT}`, args);
    expect(result.stdout).toContain('No violations');
    expect(result.exitCode).toBe(0);
  });
});

describe('finer ingress in the intent: webhook ports from the ingress controller only, pod-level sources, no ingress', () => {
  test('MS Teams: the library emits 3978 from ingress-nginx only, and the default intent says the same', () => {
    const chart = newChart('openclaw');
    new OpenClawNetworkIsolation(chart, 'Isolation', { channels: [MessagingChannel.MS_TEAMS] });
    const yaml = synthYaml(chart);
    const result = check(`${yaml}---\n${DEPLOYMENT}`, ['--channels', 'ms-teams', '--cni', 'generic', '--egress-ports', '443,5222']);
    expect(result.stdout).toContain('No violations');
    expect(result.exitCode).toBe(0);
  });

  test('a webhook port open to monitoring too is beyond the intent', () => {
    const chart = newChart('openclaw');
    new OpenClawNetworkIsolation(chart, 'Isolation', { channels: [MessagingChannel.MS_TEAMS], ingressNamespaces: ['ingress-nginx', 'monitoring'] });
    const yaml = synthYaml(chart);
    const result = check(`${yaml}---\n${DEPLOYMENT}`, ['--channels', 'ms-teams', '--cni', 'generic', '--egress-ports', '443,5222']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/monitoring[\s\S]*TCP\/3978|TCP\/3978[\s\S]*monitoring/);
  });

  test('--ingress-from none: no ingress intended, so the default isolation\'s gateway ingress is beyond it; allowIngress: false passes', () => {
    const open = newChart('openclaw');
    new OpenClawNetworkIsolation(open, 'Isolation');
    expect(check(`${synthYaml(open)}---\n${DEPLOYMENT}`, ['--ingress-from', 'none', '--cni', 'generic']).exitCode).toBe(1);
    const closed = newChart('openclaw');
    new OpenClawNetworkIsolation(closed, 'Isolation', { allowIngress: false });
    const result = check(`${synthYaml(closed)}---\n${DEPLOYMENT}`, ['--ingress-from', 'none', '--cni', 'generic']);
    expect(result.stdout).toContain('No violations');
    expect(result.exitCode).toBe(0);
  });
});
