import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { EnforcementModel, FlowEndpoint, PolicyAnalyzer, Protocol } from '../src';
import { runGuards } from '../src/analysis/guards';
import { defaultIntent } from '../src/analysis/intent';
import { checkOpenClaw } from '../src/analysis/openclaw-check';
import { runCheck } from '../src/cli/check-command';

/**
 * The analyzer judges Cilium policies by Cilium's agent: a policy the agent
 * rejects counts as no policy (and is reported), an endpoint whose policies
 * cannot be merged has no working policy, and an L4-only allow on the DNS
 * port beside a filtered DNS rule lets every name through the DNS proxy.
 */

const OPENCLAW = FlowEndpoint.pod('openclaw', { app: 'openclaw' });
const KUBE_DNS = FlowEndpoint.pod('kube-system', { 'k8s-app': 'kube-dns' });
const ANTHROPIC = FlowEndpoint.external('160.79.104.10', 'api.anthropic.com');
const KUBE_DNS_SELECTOR = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } };

function cnp(name: string, egress: any[]): any {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name, namespace: 'openclaw' },
    spec: { endpointSelector: { matchLabels: { app: 'openclaw' } }, egress },
  };
}

const dnsRule = (dns: any[]) => ({
  toEndpoints: [KUBE_DNS_SELECTOR],
  toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns } }],
});
const anthropicRule = { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };

/** The FQDN allow-list with strict DNS, as OpenClawCiliumEgress emits it (the analyzer's view is what matters here). */
const STRICT = cnp('fqdn-egress', [dnsRule([{ matchName: 'api.anthropic.com' }]), anthropicRule]);

const cilium = (manifests: any[]) => PolicyAnalyzer.fromManifests(manifests, { model: EnforcementModel.CILIUM });

describe('a policy Cilium\'s agent rejects counts as no policy', () => {
  const nodeLocal = cnp('dns-egress', [
    { toCIDR: ['169.254.20.10/32'], toEntities: ['host'], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
    anthropicRule,
  ]);

  test('its rules allow nothing and it isolates nothing', () => {
    const analyzer = cilium([nodeLocal]);
    const verdict = analyzer.check({ from: OPENCLAW, to: ANTHROPIC, port: 443 });
    expect(verdict.egress.isolated).toBe(false);
    expect(analyzer.policiesSelecting(OPENCLAW)).toEqual([]);
    expect(analyzer._canResolve(OPENCLAW, 'api.anthropic.com')).toBe(false);
  });

  test('it is reported with its kind, namespace, name and the agent\'s message', () => {
    expect(cilium([nodeLocal]).invalidPolicies).toEqual([{
      kind: 'CiliumNetworkPolicy',
      namespace: 'openclaw',
      name: 'dns-egress',
      path: 'spec.egress[0]',
      message: 'combining ToCIDR and ToEntities is not supported yet',
      upstream: 'pkg/policy/api/rule_validation.go (EgressRule.sanitize)',
      fix: 'Split the rule so that each has one kind of peer selector.',
    }]);
  });

  test('the generic model ignores Cilium policies and reports none', () => {
    expect(PolicyAnalyzer.fromManifests([nodeLocal]).invalidPolicies).toEqual([]);
  });

  test('check prints it as rejected and dropped whole, and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-agent-'));
    const file = path.join(dir, 'policies.yaml');
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'openclaw', namespace: 'openclaw' },
      spec: { template: { metadata: { labels: { app: 'openclaw' } } } },
    };
    fs.writeFileSync(file, Yaml.stringify(deployment, nodeLocal));
    const result = runCheck([file]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('[cilium-agent-rejected] CiliumNetworkPolicy openclaw/dns-egress is rejected by Cilium\'s agent and dropped whole:'
      + ' spec.egress[0]: combining ToCIDR and ToEntities is not supported yet (pkg/policy/api/rule_validation.go (EgressRule.sanitize)).'
      + ' None of its rules apply, DNS-proxy rules included. Fix: Split the rule so that each has one kind of peer selector.');
  });

  test('check gives each kind of rejection its own fix, naming the policy, the path and the bad value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-agent-'));
    const file = path.join(dir, 'policies.yaml');
    const badCidr = cnp('bad-cidr', [{ toCIDRSet: [{ cidr: '10.0.0.0/33' }] }]);
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'openclaw', namespace: 'openclaw' }, spec: { template: { metadata: { labels: { app: 'openclaw' } } } } };
    fs.writeFileSync(file, Yaml.stringify(deployment, badCidr));
    const { stdout } = runCheck([file]);
    expect(stdout).toContain('[cilium-agent-rejected] CiliumNetworkPolicy openclaw/bad-cidr is rejected by Cilium\'s agent and dropped whole:'
      + ' spec.egress[0].toCIDRSet[0]: Unable to parse CIDRRule "10.0.0.0/33"');
    expect(stdout).toContain('Fix: Write cidr in prefix notation, such as 203.0.113.7/32 or 10.0.0.0/8.');
    expect(stdout).not.toContain('Split the rule');
  });
});

describe('conflicting L7 parsers on one endpoint (pkg/policy/l4.go L7ParserType.Merge)', () => {
  const http53 = cnp('http-on-53', [{
    toEndpoints: [KUBE_DNS_SELECTOR],
    toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }],
  }]);

  test('each policy imports, but the endpoint has no working policy: every flow is denied, naming both', () => {
    const analyzer = cilium([STRICT, http53]);
    expect(analyzer.invalidPolicies).toEqual([]);
    expect(analyzer.policyResolutionErrors(OPENCLAW)).toEqual([
      'CiliumNetworkPolicy openclaw/fqdn-egress and CiliumNetworkPolicy openclaw/http-on-53 put conflicting L7 parsers on egress 53/TCP:'
      + ' "cannot merge conflicting L7 parsers (http/dns)" (pkg/policy/l4.go (L7ParserType.Merge)),'
      + ' so Cilium cannot compute the policy of pod openclaw/{app=openclaw}.',
    ]);
    const verdict = analyzer.check({ from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: Protocol.UDP });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('cannot merge conflicting L7 parsers');
  });

  test('without the second policy the endpoint resolves', () => {
    const analyzer = cilium([STRICT]);
    expect(analyzer.policyResolutionErrors(OPENCLAW)).toEqual([]);
    expect(analyzer.isAllowed({ from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: Protocol.UDP })).toBe(true);
  });
});

describe('port 53: an L4-only allow beside a filtered DNS rule wildcards the DNS proxy (pkg/fqdn/dnsproxy/proxy.go setPortRulesForID)', () => {
  const networkPolicy53 = (ports: any[] | undefined) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'dns', namespace: 'openclaw' },
    spec: {
      podSelector: { matchLabels: { app: 'openclaw' } },
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }],
        ports,
      }],
    },
  });

  test('strict DNS alone: only the allow-listed names resolve', () => {
    const analyzer = cilium([STRICT]);
    expect(analyzer._canResolve(OPENCLAW, 'api.anthropic.com')).toBe(true);
    expect(analyzer._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(false);
  });

  test('a NetworkPolicy allowing UDP/TCP 53 to the DNS pods: every name resolves', () => {
    const analyzer = cilium([STRICT, networkPolicy53([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }])]);
    expect(analyzer._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(true);
  });

  test('a CNP rule without rules.dns on 53 to the DNS pods: every name resolves', () => {
    const l4Only = cnp('dns-l4', [{ toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }]);
    expect(cilium([STRICT, l4Only])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(true);
  });

  test('an allow on other ports does not merge with the DNS rule', () => {
    expect(cilium([STRICT, networkPolicy53([{ port: 5353, protocol: 'UDP' }])])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(false);
  });

  // cilium/cilium pkg/policy/rules.go wildcardL3L4Rules: an L3-only rule, or port 0, widens every L7 filter of the
  // protocol for its peers (wildcardL3L4Rule skips a filter only when `port != 0 && port != filter.Port`).
  test('an allow on all ports (no ports), an L3-only CNP rule, port 0 or a range over 53: every name resolves', () => {
    expect(cilium([STRICT, networkPolicy53(undefined)])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(true);
    expect(cilium([STRICT, networkPolicy53([{ port: 50, endPort: 60, protocol: 'UDP' }])])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(true);
    const l3Only = cnp('dns-l3', [{ toEndpoints: [KUBE_DNS_SELECTOR] }]);
    expect(cilium([STRICT, l3Only])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(true);
    const port0 = cnp('dns-port0', [{ toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '0', protocol: 'UDP' }] }] }]);
    expect(cilium([STRICT, port0])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(true);
  });

  test('a CIDR rule is not label-based and never widens the DNS filter (IsLabelBased)', () => {
    const byCidr = cnp('dns-cidr', [{ toCIDR: ['10.96.0.10/32'] }]);
    expect(cilium([STRICT, byCidr])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(false);
  });

  test('an L4-only allow on 53 to another server does not widen the DNS rule to the DNS pods', () => {
    const other = cnp('other-dns', [{ toCIDR: ['192.0.2.53/32'], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }]);
    expect(cilium([STRICT, other])._canResolve(OPENCLAW, 'exfiltrate.example')).toBe(false);
  });
});

describe('toPorts without ports allows no port (pkg/policy/rule.go mergeEgress: L3-only needs toPorts.Len() == 0; the toPorts loop merges one filter per ports entry)', () => {
  const KUBE_DNS_PODS = [KUBE_DNS_SELECTOR];
  test.each<[string, any[]]>([
    ['an empty ports list', [{ ports: [] }]],
    ['no ports field', [{}]],
    ['HTTP rules without ports (accepted: only DNS rules need a port)', [{ rules: { http: [{ method: 'GET' }] } }]],
  ])('%s: accepted, and nothing reaches the peer', (_what, toPorts) => {
    const analyzer = cilium([cnp('no-ports', [{ toEndpoints: KUBE_DNS_PODS, toPorts }])]);
    expect(analyzer.invalidPolicies).toEqual([]);
    for (const protocol of [Protocol.TCP, Protocol.UDP]) {
      expect(analyzer.isAllowed({ from: OPENCLAW, to: KUBE_DNS, port: 53, protocol })).toBe(false);
      expect(analyzer.isAllowed({ from: OPENCLAW, to: KUBE_DNS, port: 8080, protocol })).toBe(false);
    }
  });

  test('beside a ports entry in another port rule, that entry alone is allowed; an L3-only rule allows every port', () => {
    const mixed = cilium([cnp('mixed', [{ toEndpoints: KUBE_DNS_PODS, toPorts: [{ ports: [] }, { ports: [{ port: '53', protocol: 'UDP' }] }] }])]);
    expect(mixed.isAllowed({ from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: Protocol.UDP })).toBe(true);
    expect(mixed.isAllowed({ from: OPENCLAW, to: KUBE_DNS, port: 53, protocol: Protocol.TCP })).toBe(false);
    const l3Only = cilium([cnp('l3-only', [{ toEndpoints: KUBE_DNS_PODS }])]);
    expect(l3Only.isAllowed({ from: OPENCLAW, to: KUBE_DNS, port: 8080, protocol: Protocol.TCP })).toBe(true);
  });
});

/**
 * A hand-written Cilium policy with a field of the wrong JSON type (which the
 * API server's CRD schema and the agent's JSON decoding refuse): the
 * analyzer, check and the guards give a verdict naming the policy and the
 * field, never a TypeError, and the policy counts as none.
 */
describe('malformed input never throws: a wrong-typed Cilium field is a rejected policy', () => {
  const MALFORMED: [string, any, string][] = [
    ['toCIDRSet: a string', { toCIDRSet: '10.0.0.0/8' }, 'spec.egress[0].toCIDRSet: json: cannot unmarshal string into toCIDRSet (a list)'],
    ['toCIDRSet: an object', { toCIDRSet: { cidr: '10.0.0.0/8' } }, 'spec.egress[0].toCIDRSet: json: cannot unmarshal object into toCIDRSet (a list)'],
    ['toCIDRSet: [{cidr: 5}]', { toCIDRSet: [{ cidr: 5 }] }, 'spec.egress[0].toCIDRSet[0].cidr: json: cannot unmarshal number into cidr (a string)'],
    ['toCIDRSet except: a string', { toCIDRSet: [{ cidr: '0.0.0.0/0', except: '10.0.0.0/8' }] }, 'spec.egress[0].toCIDRSet[0].except: json: cannot unmarshal string into except (a list)'],
    ['toCIDR: a string', { toCIDR: '0.0.0.0/0' }, 'spec.egress[0].toCIDR: json: cannot unmarshal string into toCIDR (a list)'],
    ['toEndpoints: a string', { toEndpoints: 'k8s-app=kube-dns' }, 'spec.egress[0].toEndpoints: json: cannot unmarshal string into toEndpoints (a list)'],
    ['toFQDNs: a string', { toFQDNs: 'api.anthropic.com' }, 'spec.egress[0].toFQDNs: json: cannot unmarshal string into toFQDNs (a list)'],
    ['toPorts: a string', { toEntities: ['world'], toPorts: '443' }, 'spec.egress[0].toPorts: json: cannot unmarshal string into toPorts (a list)'],
    ['an ICMP field without a type', { toEntities: ['world'], icmps: [{ fields: [{ type: null }] }] }, 'spec.egress[0].icmps[0].fields[0]: type: Required value'],
  ];
  const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'openclaw', namespace: 'openclaw' }, spec: { template: { metadata: { labels: { app: 'openclaw' } } } } };

  test.each(MALFORMED)('%s', (_what, rule, rejection) => {
    const bad = cnp('bad', [rule]);
    const analyzer = cilium([bad]);
    expect(analyzer.invalidPolicies.map(p => `${p.name}: ${p.path}: ${p.message}`)).toEqual([`bad: ${rejection}`]);
    expect(analyzer.check({ from: OPENCLAW, to: ANTHROPIC, port: 443 }).egress.isolated).toBe(false);
    expect(PolicyAnalyzer.fromManifests([bad]).isAllowed({ from: OPENCLAW, to: ANTHROPIC, port: 443 })).toBe(true);
    const findings = runGuards([bad]).findings;
    expect(findings.map(f => f.rule)).toEqual(['cilium-agent-rejects']);
    expect(findings[0].message).toContain(`CiliumNetworkPolicy openclaw/bad: Cilium's agent would drop this policy whole (${rejection},`);
    const check = checkOpenClaw([DEPLOYMENT, bad], defaultIntent(false), { model: EnforcementModel.CILIUM });
    expect(check.violations.filter(v => v.rule === 'cilium-agent-rejected').map(v => v.message))
      .toEqual([expect.stringContaining(`CiliumNetworkPolicy openclaw/bad is rejected by Cilium's agent and dropped whole: ${rejection} (`)]);
  });
});
