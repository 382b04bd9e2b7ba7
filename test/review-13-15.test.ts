/**
 * Regressions from a hostile review of issues 13 (cdk8s-plus, presets,
 * finer ingress, tenants) and 15 (catalog drift): each finding's
 * reproduction (review13 branch, `test/attack13.test.ts`, once
 * `test.failing`), now a plain test of the fixed behaviour, with the
 * allowed flows beside the refused input.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  DnsQueryFilter, EnforcementModel, FlowEndpoint, MessagingChannel, OpenClawDeployment, OpenClawNetworkIsolation, OpenClawTenants,
  Peer, PolicyAnalyzer, Port,
} from '../src';
import { allows, pod } from './support/netpol-eval';
import { newChart, objectNamed, synth } from './support/synth';
import { driftReport } from '../src/catalog/drift/drift-report';
import { urlLiterals } from '../src/catalog/drift/host-scanner';
import { EXCLUDED_HOSTS, exclusionScopes } from '../src/catalog/exclusions';
import { runCheck } from '../src/cli/check-command';

const PROMETHEUS = pod('monitoring', { app: 'prometheus' });

describe('F1 (high) the operator preset: the operator\'s own NetworkPolicy is on by default and voids ours', () => {
  // openclaw-rocks/openclaw-operator api/v1alpha1 OpenClawInstance types: NetworkPolicySpec.Enabled
  // "+kubebuilder:default=true"; internal/resources/networkpolicy.go buildEgressRules: 443 and 53 with `To: []`.
  const operatorPolicy = (instance: string) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: instance, namespace: 'openclaw' },
    spec: {
      podSelector: { matchLabels: OpenClawDeployment.operator(instance).selector },
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }, { to: [], ports: [{ protocol: 'TCP', port: 443 }] }],
    },
  });

  test('beside the operator\'s default policy, OpenClaw still reaches in-cluster services on 443 (NetworkPolicies add up)', () => {
    const chart = newChart();
    const preset = OpenClawDeployment.operator('demo');
    new OpenClawNetworkIsolation(chart, 'Isolation', {
      selector: preset.selector, gatewayPort: preset.gatewayPort, additionalIngressPorts: preset.additionalIngressPorts,
    });
    const objects = [...synth(chart), operatorPolicy('demo')];
    // Our policy alone denies this; with the operator's default policy it is allowed.
    expect(allows(objects, { from: pod('openclaw', preset.selector), to: pod('db', { app: 'postgres' }), port: 443 })).toBe(true);
  });

  test('the presets section tells operator users to set spec.security.networkPolicy.enabled: false', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const presets = readme.slice(readme.indexOf('### Presets: the Helm chart and the operator'), readme.indexOf('### `OpenClawTenants`'));
    expect(presets).toMatch(/networkPolicy[\s\S]{0,40}enabled: false/);
  });

  test('the preset\'s doc comment says so too', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', 'src', 'openclaw', 'openclaw-deployment.ts'), 'utf8');
    expect(source).toContain('`spec.security.networkPolicy.enabled: false`');
  });

  test('`check` on YAML holding the operator\'s policy beside ours flags the flows it opens and exits 1', () => {
    const chart = newChart();
    const preset = OpenClawDeployment.operator('demo');
    new OpenClawNetworkIsolation(chart, 'Isolation', {
      selector: preset.selector, gatewayPort: preset.gatewayPort, additionalIngressPorts: preset.additionalIngressPorts,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-review-'));
    const selector = Object.entries(preset.selector).map(([key, value]) => `${key}=${value}`).join(',');
    // The preset's intent: its gateway port and the canvas port, from the default ingress namespaces.
    const intent = ['--gateway-port', String(preset.gatewayPort), '--ingress-ports', preset.additionalIngressPorts.map(p => p.portNumber).join(',')];
    try {
      fs.writeFileSync(path.join(dir, 'ours.yaml'), Yaml.stringify(...synth(chart)));
      expect(runCheck([dir, '--selector', selector, '--cni', 'generic', ...intent]).exitCode).toBe(0);
      fs.writeFileSync(path.join(dir, 'operator.yaml'), Yaml.stringify(operatorPolicy('demo')));
      const result = runCheck([dir, '--selector', selector, '--cni', 'generic', ...intent]);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('NetworkPolicy openclaw/demo');
      expect(result.stdout).toMatch(/beyond the intent/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('F2 (medium) finer ingress: webhook ports still reach monitoring through the gateway rule', () => {
  test('additionalIngressPorts covering 3978 with MS_TEAMS: monitoring must not reach 3978 (or the overlap is refused)', () => {
    const chart = newChart();
    let iso: OpenClawNetworkIsolation;
    try {
      iso = new OpenClawNetworkIsolation(chart, 'Isolation', {
        channels: [MessagingChannel.MS_TEAMS], additionalIngressPorts: [Port.tcpRange(3000, 4000)],
      });
    } catch { return; } // refusing the overlap is a fix too
    expect(allows(synth(chart), { from: PROMETHEUS, to: pod('openclaw', iso.selector), port: 3978 })).toBe(false);
  });

  test('gatewayPort equal to a channel webhook port: monitoring must not reach it (or it is refused)', () => {
    const chart = newChart();
    let iso: OpenClawNetworkIsolation;
    try {
      iso = new OpenClawNetworkIsolation(chart, 'Isolation', { channels: [MessagingChannel.MS_TEAMS], gatewayPort: 3978 });
    } catch { return; }
    expect(allows(synth(chart), { from: PROMETHEUS, to: pod('openclaw', iso.selector), port: 3978 })).toBe(false);
  });

  test('ports beside the webhook port are fine: monitoring reaches them, only the ingress controller reaches 3978', () => {
    const chart = newChart();
    const iso = new OpenClawNetworkIsolation(chart, 'Isolation', {
      channels: [MessagingChannel.MS_TEAMS], additionalIngressPorts: [Port.tcpRange(3000, 3977), Port.tcp(3979)],
    });
    const objects = synth(chart);
    const openclaw = pod('openclaw', iso.selector);
    for (const port of [3000, 3977, 3979, 18789]) expect(allows(objects, { from: PROMETHEUS, to: openclaw, port })).toBe(true);
    expect(allows(objects, { from: PROMETHEUS, to: openclaw, port: 3978 })).toBe(false);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: openclaw, port: 3978 })).toBe(true);
  });

  test('with the same sources for both (ingressNamespaces), an overlap narrows nothing and is accepted', () => {
    const chart = newChart();
    const iso = new OpenClawNetworkIsolation(chart, 'Isolation', {
      channels: [MessagingChannel.MS_TEAMS], ingressNamespaces: ['ingress-nginx', 'monitoring'], additionalIngressPorts: [Port.tcpRange(3000, 4000)],
    });
    expect(allows(synth(chart), { from: PROMETHEUS, to: pod('openclaw', iso.selector), port: 3978 })).toBe(true);
  });
});

describe('F3 (medium) pods: the gateway port is read once, at construction', () => {
  test('a container added after the construct: its declared gateway port is the one opened (or synthesis fails)', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'OpenClaw', {});
    const iso = new OpenClawNetworkIsolation(chart, 'Isolation', { pods: deployment });
    deployment.addContainer({ image: 'openclaw', ports: [{ number: 8080, name: 'gateway' }], securityContext: { ensureNonRoot: false } });
    let objects: any[];
    try { objects = synth(chart); } catch { return; }
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-ingress').spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod('openclaw', iso.selector), port: 18789 })).toBe(false);
  });

  test('the synthesis error names the declared port, the opened one and the fix', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'OpenClaw', {});
    new OpenClawNetworkIsolation(chart, 'Isolation', { pods: deployment });
    deployment.addContainer({ image: 'openclaw', ports: [{ number: 8080, name: 'gateway' }], securityContext: { ensureNonRoot: false } });
    expect(() => synth(chart)).toThrow(/Invalid pods: "test\/OpenClaw"\. Its containers now declare gateway port 8080, but the policies opened 18789.*Set gatewayPort: 8080/);
  });

  test('a container added later that declares the same gateway port synthesizes, and 18789 is open', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'OpenClaw', {});
    const iso = new OpenClawNetworkIsolation(chart, 'Isolation', { pods: deployment });
    deployment.addContainer({ image: 'openclaw', ports: [{ number: 18789 }], securityContext: { ensureNonRoot: false } });
    expect(allows(synth(chart), { from: pod('ingress-nginx', {}), to: pod('openclaw', iso.selector), port: 18789 })).toBe(true);
  });

  test('with gatewayPort given, a container added later changes nothing', () => {
    const chart = newChart();
    const deployment = new kplus.Deployment(chart, 'OpenClaw', {});
    const iso = new OpenClawNetworkIsolation(chart, 'Isolation', { pods: deployment, gatewayPort: 18789 });
    deployment.addContainer({ image: 'openclaw', ports: [{ number: 8080, name: 'metrics' }], securityContext: { ensureNonRoot: false } });
    expect(allows(synth(chart), { from: pod('ingress-nginx', {}), to: pod('openclaw', iso.selector), port: 18789 })).toBe(true);
  });
});

describe('F4 (medium) catalog verify: URL literals the scanner misses', () => {
  // Each is a connection target a release could add; verify would exit 0.
  const missed: [string, string][] = [
    ['template literal with a path placeholder right after the host', '`https://api.newhost.com${path}`'],
    ['template literal with a port placeholder', '`https://api.newhost.com:${port}/v1`'],
    ['userinfo in the URL', '"https://user:pw@api.newhost.com/x"'],
    ['upper-case scheme', '"HTTPS://api.newhost.com/x"'],
    ['JSON-escaped slashes', '"https:\\/\\/api.newhost.com\\/x"'],
  ];
  test.each(missed)('%s: found', (_what, source) => {
    expect(urlLiterals(source).map(m => m.host)).toContain('api.newhost.com');
  });
  test('an IPv6 literal URL is found, without brackets, with its port', () => {
    expect(urlLiterals('"https://[2001:db8::1]:8443/x"')).toEqual([{ host: '2001:db8::1', port: 8443 }]);
  });
  test('a placeholder port counts as the scheme\'s default; a placeholder host is not a host', () => {
    expect(urlLiterals('`wss://gw.example.com:${port}`')).toEqual([{ host: 'gw.example.com', port: 443 }]);
    expect(urlLiterals('`https://${host}/v1`')).toEqual([]);
    expect(urlLiterals('"http://[...]"')).toEqual([]);
  });
});

describe('F4 (medium) catalog verify: an exclusion covers only the packages it names', () => {
  const scanned = (name: string, file: string, text: string) => ({ name, version: '1.0.0', files: [{ path: file, content: Buffer.from(text) }] });
  // 'api.pluralkit.me' is excluded for @openclaw/discord (its source); nowhere else.
  const exclusion = EXCLUDED_HOSTS.find(e => e.host === 'api.pluralkit.me')!;

  test('the exclusion\'s own package: accounted for', () => {
    expect(exclusionScopes(exclusion)).toEqual(['@openclaw/discord']);
    const report = driftReport([scanned('@openclaw/discord', 'dist/a.js', '"https://api.pluralkit.me/v2"')]);
    expect(report.unaccounted).toEqual([]);
  });

  test('the same host in another package is reported, with that package\'s channel', () => {
    const report = driftReport([
      scanned('@openclaw/discord', 'dist/a.js', '"https://api.pluralkit.me/v2"'),
      scanned('@openclaw/slack', 'dist/b.js', '`https://api.pluralkit.me${path}`'),
    ]);
    expect(report.unaccounted).toEqual([{
      host: 'api.pluralkit.me', ports: [443], firstSeenIn: '@openclaw/slack@1.0.0 dist/b.js', belongsTo: 'MessagingChannel.SLACK',
    }]);
  });

  test('a scope names a bundled library too: json-schema.org in zod, bundled in any plugin, is accounted for', () => {
    const report = driftReport([scanned('@openclaw/irc', 'node_modules/zod/v4/x.cjs', '"https://json-schema.org/draft/2020-12/schema"')]);
    expect(report.unaccounted).toEqual([]);
  });
});

describe('F5 (low) OpenClawTenants on Cilium keeps a port-53 NetworkPolicy; the single-construct cilium form refuses one', () => {
  test('tenants with cilium (ANY_NAME): DNS is the cluster-wide policy\'s alone, as in OpenClawNetworkIsolation({ cilium })', () => {
    const chart = newChart(undefined);
    const tenants = new OpenClawTenants(chart, 'Tenants', { tenants: ['a', 'b'], cilium: { dnsQueryFilter: DnsQueryFilter.ANY_NAME } });
    synth(chart);
    expect(tenants.isolations.map(i => i.dnsEgress === undefined)).toEqual([true, true]);
  });

  test('the tenants still resolve names, through the cluster-wide policy: kube-dns yes, any other pod on 53 no', () => {
    const chart = newChart(undefined);
    new OpenClawTenants(chart, 'Tenants', { tenants: ['a', 'b'], createNamespaces: true, cilium: {} });
    const namespaces = synth(chart).filter(o => o.kind === 'Namespace').map(ns => ({ name: ns.metadata.name, labels: ns.metadata.labels }));
    const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM, namespaces });
    for (const tenant of ['a', 'b']) {
      const openclaw = FlowEndpoint.pod(tenant, { app: 'openclaw' });
      expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.clusterDns(), port: 53 })).toBe(true);
      expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.pod('default', { app: 'not-dns' }), port: 53 })).toBe(false);
    }
  });
});

describe('F6 (low) contradictions accepted silently', () => {
  test('allowIngress: false, then allowIngressFrom(): refused', () => {
    const chart = newChart();
    const iso = new OpenClawNetworkIsolation(chart, 'Isolation', { allowIngress: false });
    expect(() => iso.allowIngressFrom([Peer.namespaces(['x'])], [Port.tcp(18789)])).toThrow(/allowIngress/);
  });

  test('JavaScript: cilium: { namespaceSelector } is refused (it turns the policy cluster-wide)', () => {
    const chart = newChart();
    expect(() => new OpenClawNetworkIsolation(chart, 'Isolation', { cilium: { namespaceSelector: { team: 'x' } } as any })).toThrow(/namespaceSelector/);
  });

  test('Peer.fromKplus(NetworkPolicyIpBlock.anyIpv4) as an egress peer does not reach the cloud metadata endpoint silently', () => {
    const chart = newChart();
    const iso = new OpenClawNetworkIsolation(chart, 'Isolation', {});
    let objects: any[];
    try {
      iso.allowEgressTo([Peer.fromKplus(kplus.NetworkPolicyIpBlock.anyIpv4(chart, 'Any'))], [Port.tcp(80)]);
      objects = synth(chart);
    } catch { return; }
    expect(allows(objects, { from: pod('openclaw', iso.selector), to: { ip: '169.254.169.254' }, port: 80 })).toBe(false);
  });
});
