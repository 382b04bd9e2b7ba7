import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  cilium, DnsQueryFilter, EgressAllow, Enforcement, FlowEndpoint, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, PolicyAnnotations, Port,
} from '../src';
import { newApp } from './support/synth';
import { analyze } from '../src/analysis/analyzer-factory';
import * as guards from '../src/analysis/guards';
import { runGuards } from '../src/analysis/guards';
import { runCheck } from '../src/cli/check-command';

/**
 * The whole-app guards (src/analysis/guards.ts): every object the app
 * renders is judged, whatever made it (a library construct, a cdk8s-plus
 * policy, a raw ApiObject, an imported Cilium class) and in whichever chart.
 * Each failing case names the culprit object AND the policy it voids, and
 * the fix; `check` on the same objects gives the same verdict.
 */

const OPENCLAW = { app: 'openclaw' };
const STRICT = { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES };
/** A NetworkPolicy egress rule to every IPv4 address on TCP 443, as a JSON patch would add it. */
const ANY_IPV4_ON_443 = { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] };

function chartIn(app: App, id = 'test', namespace: string | undefined = 'openclaw'): Chart {
  return new Chart(app, id, { namespace });
}

/** The documented Cilium pairing: NetworkPolicies without public egress, the FQDN allow-list in Cilium. */
function documentedPair(chart: Chart, ciliumProps: object = {}, isolation: object = {}): OpenClawNetworkIsolation {
  const result = new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false, ...isolation });
  new OpenClawCiliumEgress(chart, 'C', ciliumProps);
  return result;
}

/** The message synthesis of the whole app fails with; fails the test if it passes. */
function synthError(app: App): string {
  try {
    app.synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail, but it succeeded');
}

/** Every object of the app, rendered without validation (what a broken app would have written). */
function renderedObjects(app: App): any[] {
  return app.node.findAll().filter(ApiObject.isApiObject).map(o => o.toJson());
}

/** `cdk8s-openclaw check` on the app's objects, as one YAML file. */
function checkApp(app: App): { exitCode: number; stdout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-guards-'));
  try {
    const file = path.join(dir, 'app.yaml');
    fs.writeFileSync(file, Yaml.stringify(...renderedObjects(app)));
    return runCheck([file]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function rawNetworkPolicy(scope: Chart, name: string, spec: any, namespace = 'openclaw'): ApiObject {
  return new ApiObject(scope, name, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
}

const FQDN_POLICY = 'CiliumNetworkPolicy openclaw/openclaw-fqdn-egress (construct test/C/FqdnEgress)';

describe('a. to g.: objects the library did not make void the allow-list or the DNS filter, and synthesis says so', () => {
  test('a. a cdk8s-plus NetworkPolicy with addEgressRule(anyIpv4, tcp 443)', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart);
    const broad = new kplus.NetworkPolicy(chart, 'Broad', { selector: kplus.Pods.select(chart, 'Bots', { labels: OPENCLAW }) });
    broad.addEgressRule(kplus.NetworkPolicyIpBlock.anyIpv4(chart, 'Anywhere'), [kplus.NetworkPolicyPort.tcp(443)]);
    const message = synthError(app);
    expect(message).toContain(`NetworkPolicy openclaw/${broad.name} (construct test/Broad) lets pods openclaw/{app=openclaw} reach public addresses`);
    expect(message).toContain('egress[0]: to 0.0.0.0/0 on TCP/443');
    expect(message).toContain(`and ${FQDN_POLICY} limits the same pods to an FQDN allow-list`);
    expect(message).toContain('would restrict nothing');
    expect(message).toContain(`Remove the public-IP rule from NetworkPolicy openclaw/${broad.name}`);
  });

  test('b. a raw ApiObject NetworkPolicy with 443 to 0.0.0.0/0', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart);
    rawNetworkPolicy(chart, 'raw-broad', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] });
    const message = synthError(app);
    expect(message).toContain('NetworkPolicy openclaw/raw-broad (construct test/raw-broad) lets pods openclaw/{app=openclaw} reach public addresses');
    expect(message).toContain(FQDN_POLICY);
  });

  test('c. a rule patched into the exposed NetworkPolicy object of OpenClawNetworkIsolation', () => {
    const app = newApp();
    const chart = chartIn(app);
    const isolation = documentedPair(chart);
    isolation.egress.policy.addJsonPatch(JsonPatch.add('/spec/egress', [ANY_IPV4_ON_443]));
    const message = synthError(app);
    expect(message).toContain('NetworkPolicy openclaw/openclaw-egress (construct test/I/Egress) lets pods openclaw/{app=openclaw} reach public addresses');
    expect(message).toContain(FQDN_POLICY);
  });

  test('d. an imported cilium.CiliumNetworkPolicy with toEntities world on 443', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart);
    new cilium.CiliumNetworkPolicy(chart, 'World', {
      metadata: { name: 'world-443' },
      spec: {
        endpointSelector: { matchLabels: OPENCLAW },
        egress: [{
          toEntities: [cilium.CiliumNetworkPolicySpecEgressToEntities.WORLD],
          toPorts: [{ ports: [{ port: '443', protocol: cilium.CiliumNetworkPolicySpecEgressToPortsPortsProtocol.TCP }] }],
        }],
      },
    });
    const message = synthError(app);
    expect(message).toContain('CiliumNetworkPolicy openclaw/world-443 (construct test/World) lets pods openclaw/{app=openclaw} reach public addresses');
    expect(message).toContain('toEntities ["world"] on TCP/443');
    expect(message).toContain(FQDN_POLICY);
  });

  test('e. strict DNS beside a second OpenClawCiliumEgress with any-name DNS for the same pods', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart, STRICT, { dnsEgress: false });
    new OpenClawCiliumEgress(chart, 'Second', { name: 'second' });
    const message = synthError(app);
    expect(message).toContain('CiliumNetworkPolicy openclaw/second-fqdn-egress (construct test/Second/FqdnEgress) lets pods openclaw/{app=openclaw} send DNS queries for any name');
    expect(message).toContain(`and ${FQDN_POLICY} limits their DNS queries to allow-listed names`);
    expect(message).toContain('would filter nothing');
    expect(message).toContain('needs DnsQueryFilter.ALLOW_LISTED_NAMES too');
  });

  test('f. a strict cluster-wide policy and a per-tenant any-name one, both ways round', () => {
    const fleet = { 'openclaw.io/tenant': 'true' };
    const app = newApp();
    const chart = chartIn(app, 'test', undefined);
    new OpenClawCiliumEgress(chart, 'Fleet', { name: 'fleet', namespaceSelector: fleet, ...STRICT });
    new OpenClawCiliumEgress(chart, 'Tenant', { name: 'tenant', namespace: 'tenant-a' });
    const message = synthError(app);
    expect(message).toContain('CiliumNetworkPolicy tenant-a/tenant-fqdn-egress (construct test/Tenant/FqdnEgress) lets pods tenant-a/{app=openclaw} send DNS queries for any name');
    expect(message).toContain('CiliumClusterwideNetworkPolicy fleet-fqdn-egress (construct test/Fleet/FqdnEgress) limits their DNS queries');

    const reverse = newApp();
    const other = chartIn(reverse, 'test', undefined);
    new OpenClawCiliumEgress(other, 'Fleet', { name: 'fleet', namespaceSelector: fleet });
    new OpenClawCiliumEgress(other, 'Tenant', { name: 'tenant', namespace: 'tenant-a', ...STRICT });
    const reverseMessage = synthError(reverse);
    expect(reverseMessage).toContain('CiliumClusterwideNetworkPolicy fleet-fqdn-egress (construct test/Fleet/FqdnEgress) lets pods tenant-a/{app=openclaw} send DNS queries for any name');
    expect(reverseMessage).toContain('CiliumNetworkPolicy tenant-a/tenant-fqdn-egress (construct test/Tenant/FqdnEgress) limits their DNS queries');
  });

  test('f. ... unless a Namespace object says the tenant namespace does not carry the fleet label', () => {
    const app = newApp();
    const chart = chartIn(app, 'test', undefined);
    new OpenClawCiliumEgress(chart, 'Fleet', { name: 'fleet', namespaceSelector: { 'openclaw.io/tenant': 'true' }, ...STRICT });
    new OpenClawCiliumEgress(chart, 'Tenant', { name: 'tenant', namespace: 'tenant-a' });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tenant-a', labels: { 'openclaw.io/tenant': 'false' } } });
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('g. strict DNS beside a raw NetworkPolicy that allows port 53 (Cilium\'s L4/L7 merge: every name)', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart, STRICT, { dnsEgress: false });
    rawNetworkPolicy(chart, 'raw-dns', {
      podSelector: { matchLabels: OPENCLAW },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
    });
    const message = synthError(app);
    expect(message).toContain('NetworkPolicy openclaw/raw-dns (construct test/raw-dns) lets pods openclaw/{app=openclaw} send DNS queries for any name (egress[0]: to pods {k8s-app=kube-dns} in namespaces {} on UDP/53)');
    expect(message).toContain(`and ${FQDN_POLICY} limits their DNS queries to allow-listed names`);
  });

  test('g. the same allow to a server the strict rule does not use merges nothing: passes', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart, STRICT, { dnsEgress: false });
    rawNetworkPolicy(chart, 'raw-dns', {
      podSelector: { matchLabels: OPENCLAW },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'other-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
    });
    expect(() => app.synthYaml()).not.toThrow();
  });
});

describe('the same verdict in one chart or split across charts', () => {
  test('the broad NetworkPolicy in another chart of the same app still voids the allow-list', () => {
    const app = newApp();
    documentedPair(chartIn(app, 'bots'));
    rawNetworkPolicy(chartIn(app, 'platform'), 'raw-broad', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] });
    const message = synthError(app);
    expect(message).toContain('NetworkPolicy openclaw/raw-broad (construct platform/raw-broad) lets pods openclaw/{app=openclaw} reach public addresses (egress[0]: to every peer on TCP/443)');
    expect(message).toContain('CiliumNetworkPolicy openclaw/openclaw-fqdn-egress (construct bots/C/FqdnEgress)');
  });

  test('OpenClawNetworkIsolation defaults in one chart and OpenClawCiliumEgress in another fail as in one chart', () => {
    const oneChart = newApp();
    const chart = chartIn(oneChart);
    new OpenClawNetworkIsolation(chart, 'I');
    new OpenClawCiliumEgress(chart, 'C');
    const split = newApp();
    new OpenClawNetworkIsolation(chartIn(split, 'test'), 'I');
    new OpenClawCiliumEgress(chartIn(split, 'other'), 'C');
    const normalize = (text: string) => text.replace(/construct (test|other)\//g, 'construct ');
    expect(normalize(synthError(split))).toEqual(normalize(synthError(oneChart)));
  });

  test('the documented pairing split across charts passes, and so does Testing.synth of either chart', () => {
    const app = newApp();
    const bots = chartIn(app, 'bots');
    new OpenClawNetworkIsolation(bots, 'I', { internetEgress: false, dnsEgress: false });
    const egress = chartIn(app, 'egress');
    new OpenClawCiliumEgress(egress, 'C', STRICT);
    expect(() => app.synthYaml()).not.toThrow();
    expect(() => Testing.synth(bots)).not.toThrow();
  });
});

describe('legitimate pairs still synthesize', () => {
  test.each([
    ['the documented pairing', (c: Chart) => documentedPair(c)],
    ['strict DNS with dnsEgress: false', (c: Chart) => documentedPair(c, STRICT, { dnsEgress: false })],
    ['observe mode beside the default isolation', (c: Chart) => {
      new OpenClawNetworkIsolation(c, 'I');
      new OpenClawCiliumEgress(c, 'C', { enforcement: Enforcement.OBSERVE });
    }],
    ['two strict policies for the same pods', (c: Chart) => {
      documentedPair(c, STRICT, { dnsEgress: false });
      new OpenClawCiliumEgress(c, 'Second', { name: 'second', ...STRICT });
    }],
    ['two any-name policies for the same pods', (c: Chart) => {
      documentedPair(c);
      new OpenClawCiliumEgress(c, 'Second', { name: 'second' });
    }],
    ['a broad NetworkPolicy for other pods', (c: Chart) => {
      documentedPair(c);
      rawNetworkPolicy(c, 'others', { podSelector: { matchLabels: { app: 'other' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] });
    }],
    ['a broad NetworkPolicy in another namespace', (c: Chart) => {
      documentedPair(c);
      rawNetworkPolicy(c, 'elsewhere', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] }, 'elsewhere');
    }],
    ['a Cilium policy without toFQDNs beside a broad NetworkPolicy', (c: Chart) => {
      new OpenClawNetworkIsolation(c, 'I');
      new ApiObject(c, 'db', {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'db' },
        spec: { endpointSelector: { matchLabels: OPENCLAW }, egress: [{ toEndpoints: [{ matchLabels: { app: 'db' } }], toPorts: [{ ports: [{ port: '5432' }] }] }] },
      });
    }],
    ['a Cilium policy whose own toCIDR rule names one public address beside its toFQDNs', (c: Chart) => {
      documentedPair(c);
      new ApiObject(c, 'own', {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'own' },
        spec: {
          endpointSelector: { matchLabels: { app: 'relay' } },
          egress: [
            { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
            { toFQDNs: [{ matchName: 'relay.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
            { toCIDR: ['198.51.100.7/32'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
          ],
        },
      });
    }],
    ['strict DNS beside a NetworkPolicy for the same pods that allows other ports only', (c: Chart) => {
      documentedPair(c, STRICT, { dnsEgress: false });
      rawNetworkPolicy(c, 'db', {
        podSelector: { matchLabels: OPENCLAW },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }],
      });
    }],
  ])('%s', (_name, build) => {
    const app = newApp();
    build(chartIn(app));
    expect(() => app.synthYaml()).not.toThrow();
    expect(checkApp(app).stdout).not.toMatch(/fqdn-allow-list-voided|strict-dns-undone|cilium-agent-rejects/);
  });
});

describe('which rules reach public addresses (the voided-allow-list guard, on plain manifests)', () => {
  const allowList = {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'allow-list', namespace: 'bots' },
    spec: {
      endpointSelector: { matchLabels: OPENCLAW },
      egress: [
        { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
        { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      ],
    },
  };
  const np = (egressRule: any) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'other', namespace: 'bots' },
    spec: { podSelector: {}, policyTypes: ['Egress'], egress: [egressRule] },
  });
  const cnp = (egressRule: any) => ({
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'other', namespace: 'bots' },
    spec: { endpointSelector: {}, egress: [egressRule] },
  });
  const voided = (other: any) => runGuards([allowList, other]).findings.some(f => f.rule === 'fqdn-allow-list-voided'
    && f.message.startsWith(`${other.kind} bots/other lets pods bots/{app=openclaw}`) && f.message.includes('CiliumNetworkPolicy bots/allow-list'));
  test.each([
    ['NetworkPolicy to every peer', np({ ports: [{ port: 443 }] }), true],
    ['NetworkPolicy ipBlock 0.0.0.0/0', np({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }), true],
    ['NetworkPolicy ipBlock of one public address', np({ to: [{ ipBlock: { cidr: '8.8.8.8/32' } }] }), true],
    ['NetworkPolicy ipBlock ::/0 minus the private ranges', np({ to: [{ ipBlock: { cidr: '::/0', except: ['fc00::/7'] } }] }), true],
    ['NetworkPolicy ipBlock inside a private range, with an exception', np({ to: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.1.0/24'] } }] }), false],
    ['NetworkPolicy ipBlock of one public address, excepted', np({ to: [{ ipBlock: { cidr: '8.8.8.0/24', except: ['8.8.8.0/25'] } }] }), true],
    ['NetworkPolicy ipBlock 10.0.0.0/8', np({ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }), false],
    ['NetworkPolicy to pods', np({ to: [{ podSelector: {} }] }), false],
    ['Cilium toEntities world', cnp({ toEntities: ['world'] }), true],
    ['Cilium toEntities world-ipv6', cnp({ toEntities: ['world-ipv6'] }), true],
    ['Cilium toEntities all', cnp({ toEntities: ['all'] }), true],
    // A CiliumCIDRGroup is resolved by the agent at run time: it may hold 0.0.0.0/0 (review 3, finding 6).
    ['Cilium toCIDRSet cidrGroupRef', cnp({ toCIDRSet: [{ cidrGroupRef: 'everything' }] }), true],
    ['Cilium toCIDRSet cidrGroupSelector', cnp({ toCIDRSet: [{ cidrGroupSelector: { matchLabels: { team: 'a' } } }] }), true],
    ['Cilium toEntities cluster', cnp({ toEntities: ['cluster'] }), false],
    ['Cilium toEndpoints reserved:world', cnp({ toEndpoints: [{ matchLabels: { 'reserved:world': '' } }] }), true],
    ['Cilium toEndpoints of pods', cnp({ toEndpoints: [{ matchLabels: { app: 'db' } }] }), false],
    ['Cilium toCIDR 0.0.0.0/0', cnp({ toCIDR: ['0.0.0.0/0'] }), true],
    ['Cilium toCIDR 10.0.0.0/8', cnp({ toCIDR: ['10.0.0.0/8'] }), false],
    ['Cilium toCIDRSet of the CGNAT range', cnp({ toCIDRSet: [{ cidr: '100.64.0.0/10' }] }), false],
    ['Cilium toCIDRSet 0.0.0.0/0 except 10.0.0.0/8', cnp({ toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }] }), true],
    ['Cilium toPorts without a peer (every peer)', cnp({ toPorts: [{ ports: [{ port: '443' }] }] }), true],
    ['Cilium ICMP only', cnp({ icmps: [{ fields: [{ type: 8 }] }] }), false],
  ])('%s', (_name, other, expected) => {
    expect(voided(other)).toBe(expected);
  });

  test('a cluster-wide policy counts only in namespaces it may select', () => {
    const world = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'fleet-world' },
      spec: { endpointSelector: { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.fleet': 'true' } }, egress: [{ toEntities: ['world'] }] },
    };
    const namespace = (fleet: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bots', labels: { fleet } } });
    const rules = (manifests: any[]) => runGuards(manifests).findings.map(f => f.rule);
    expect(rules([allowList, world])).toEqual(['fqdn-allow-list-voided']); // bots may carry the label
    expect(rules([allowList, world, namespace('true')])).toEqual(['fqdn-allow-list-voided']);
    expect(rules([allowList, world, namespace('false')])).toEqual([]);
  });

  test('a selector with matchExpressions is sampled too (app Exists selects the allow-list\'s pods)', () => {
    const expressions = { ...np({ ports: [{ port: 443 }] }), spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] } };
    for (const input of [[allowList, expressions], [expressions, allowList]]) {
      const findings = runGuards(input).findings;
      expect(findings.map(f => f.rule)).toEqual(['fqdn-allow-list-voided']);
      expect(findings[0].message).toContain('NetworkPolicy bots/other lets pods bots/{app=openclaw} reach public addresses');
    }
  });

  test('a selector with matchExpressions that excludes the allow-list\'s pods (app NotIn [openclaw]) gives no finding', () => {
    const others = { ...np({ ports: [{ port: 443 }] }), spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['openclaw'] }] }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] } };
    expect(runGuards([allowList, others]).findings).toEqual([]);
  });

  test('an observe-mode allow-list is never "voided": it restricts nothing by design', () => {
    const observing = { ...allowList, spec: { ...allowList.spec, enableDefaultDeny: { ingress: false, egress: false } } };
    expect(runGuards([observing, np({ ports: [{ port: 443 }] })]).findings).toEqual([]);
  });

  test('an ingress-only Cilium policy is no observe-mode egress policy, whatever enforces egress beside it', () => {
    const ingressOnly = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'ingress-only', namespace: 'bots' },
      spec: { endpointSelector: { matchLabels: OPENCLAW }, enableDefaultDeny: { ingress: false }, ingress: [{ fromEntities: ['cluster'] }] },
    };
    const observing = { ...allowList, metadata: { name: 'observing', namespace: 'bots' }, spec: { ...allowList.spec, enableDefaultDeny: { egress: false } } };
    const denyEgress = { ...np({ to: [{ podSelector: {} }] }), metadata: { name: 'deny', namespace: 'bots' } };
    const result = runGuards([ingressOnly, observing, denyEgress]);
    expect([...result.observeEnforcedBy.entries()]).toEqual([[observing, ['NetworkPolicy bots/deny']]]);
  });

  test('the same finding from two constructs\' flows for the same pods is reported once', () => {
    const deny = { ...np({ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }), metadata: { name: 'deny', namespace: 'bots' } };
    const flows = { pod: FlowEndpoint.pod('bots', OPENCLAW), dnsServers: [], ingressSources: [] };
    const findings = runGuards([deny], { flows: [flows, flows] }).findings;
    expect(findings.map(f => f.rule)).toEqual(['dns-reachable']);
    expect(findings[0].message).toContain('OpenClaw pods bots/{app=openclaw} are egress-isolated (by NetworkPolicy bots/deny)');
  });

  test('a policy Cilium\'s agent rejects is reported and counts as no policy', () => {
    const rejected = { ...allowList, spec: { ...allowList.spec, egress: [...allowList.spec.egress, { toCIDR: ['10.0.0.0/8'], toEntities: ['host'] }] } };
    const findings = runGuards([rejected, np({ ports: [{ port: 443 }] })]).findings;
    expect(findings.map(f => f.rule)).toEqual(['cilium-agent-rejects']);
    expect(findings[0].message).toContain('CiliumNetworkPolicy bots/allow-list: Cilium\'s agent would drop this policy whole');
    expect(findings[0].message).toContain('spec.egress[2]: combining ToCIDR and ToEntities is not supported yet');
  });
  test('a YAML file\'s empty documents (null) and objects without metadata are skipped: the same findings as without them', () => {
    const withNulls = runGuards([null, allowList, { apiVersion: 'v1', kind: 'ConfigMap' }, null, np({ ports: [{ port: 443 }] })]).findings;
    expect(withNulls).toEqual(runGuards([allowList, np({ ports: [{ port: 443 }] })]).findings);
    expect(withNulls.map(f => [f.rule, f.message.split(' lets ')[0]])).toEqual([['fqdn-allow-list-voided', 'NetworkPolicy bots/other']]);
  });

  test('only v1 Namespace objects declare a namespace\'s labels; other objects named like it do not', () => {
    const world = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'fleet-world' },
      spec: { endpointSelector: { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.fleet': 'true' } }, egress: [{ toEntities: ['world'] }] },
    };
    const namedBots = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bots', namespace: 'bots', labels: { fleet: 'false' } } },
      { apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'bots', labels: { fleet: 'false' } } },
    ];
    const findings = runGuards([allowList, world, ...namedBots]).findings;
    expect(findings.map(f => f.rule)).toEqual(['fqdn-allow-list-voided']);
    expect(findings[0].message).toContain('CiliumClusterwideNetworkPolicy fleet-world lets pods bots/{app=openclaw} reach public addresses');
  });

  test('a Cilium policy that itself lets its pods look up any name is no strict-DNS policy, even with a filtered rule too', () => {
    const [anyName, anthropic] = allowList.spec.egress;
    const strictRule = { ...anyName, toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchName: 'api.anthropic.com' }] } }] };
    const mixed = { ...allowList, spec: { ...allowList.spec, egress: [strictRule, anyName, anthropic] } };
    const port53 = np({ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] });
    expect(runGuards([mixed, port53]).findings).toEqual([]);
    const strict = { ...allowList, spec: { ...allowList.spec, egress: [strictRule, anthropic] } };
    expect(runGuards([strict, port53]).findings.map(f => [f.rule, f.message.split(' lets ')[0]])).toEqual([['strict-dns-undone', 'NetworkPolicy bots/other']]);
    expect(runGuards([strict, port53]).findings[0].message).toContain('drop the DNS allow from NetworkPolicy bots/other (with OpenClawNetworkIsolation');
  });

  test('observe mode: only Cilium policies that do not isolate egress get enforcers, listed sorted; none without enforcers', () => {
    const observing = { ...allowList, metadata: { name: 'observing', namespace: 'bots' }, spec: { ...allowList.spec, enableDefaultDeny: { egress: false } } };
    const deny = (name: string) => ({ ...np({ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }), metadata: { name, namespace: 'bots' } });
    expect([...runGuards([observing]).observeEnforcedBy.entries()]).toEqual([]);
    expect([...runGuards([observing, deny('z-deny'), deny('a-deny')]).observeEnforcedBy.entries()])
      .toEqual([[observing, ['NetworkPolicy bots/a-deny', 'NetworkPolicy bots/z-deny']]]);
    expect([...runGuards([allowList, deny('z-deny')]).observeEnforcedBy.entries()]).toEqual([]);
  });
  test('each guard\'s findings carry its rule name (what check prints), and a nameless rejected policy is still named by kind', () => {
    const isolated = (namespace: string) => ({ ...np({ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }), metadata: { name: 'isolate', namespace } });
    const gatewayFlows = { pod: FlowEndpoint.pod('bots', OPENCLAW), dnsServers: [], gatewayPort: 18789, ingressSources: [FlowEndpoint.pod('ingress-nginx', {})] };
    const gateway = runGuards([isolated('ingress-nginx')], { flows: [gatewayFlows] }).findings;
    expect(gateway.map(f => [f.rule, f.message.split(' is ')[0]])).toEqual([['gateway-reachable', 'The OpenClaw gateway (bots/{app=openclaw}, TCP 18789)']]);
    const fqdnOnly = { ...allowList, spec: { ...allowList.spec, egress: [allowList.spec.egress[1]] } };
    expect(runGuards([fqdnOnly]).findings.map(f => f.rule)).toEqual(['fqdn-dns-proxy']);
    const nameless = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', spec: allowList.spec };
    expect(runGuards([nameless]).findings.map(f => [f.rule, f.message.split(':')[0]])).toEqual([['cilium-agent-rejects', 'CiliumNetworkPolicy undefined']]);
  });

  test('the DNS servers of each pod\'s flows are its own: a NodeLocal address for one pod does not replace another\'s cluster DNS', () => {
    const dnsOnlyToKubeDns = {
      ...np({ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }),
      metadata: { name: 'kube-dns-only', namespace: 'bots' },
    };
    const nodeLocal = { pod: FlowEndpoint.pod('bots', { app: 'a' }), dnsServers: [{ endpoint: FlowEndpoint.external('169.254.20.10'), port: 53 }], ingressSources: [] };
    const clusterDns = { pod: FlowEndpoint.pod('bots', { app: 'b' }), dnsServers: [], ingressSources: [] };
    const findings = runGuards([dnsOnlyToKubeDns], { flows: [nodeLocal, clusterDns] }).findings;
    expect(findings.map(f => [f.rule, f.message.slice(0, 26)])).toEqual([['dns-reachable', 'OpenClaw pods bots/{app=a}']]);
  });
});

describe('observe mode tells the truth', () => {
  const enforcementOf = (app: App, name: string) => renderedAfterSynth(app)
    .find(o => o.metadata.name === name).metadata.annotations[PolicyAnnotations.ENFORCEMENT];
  function renderedAfterSynth(app: App): any[] {
    return app.charts.flatMap(chart => Testing.synth(chart));
  }

  test('beside the default isolation it synthesizes, and says the NetworkPolicies enforce egress for its pods', () => {
    const app = newApp();
    const chart = chartIn(app);
    new OpenClawNetworkIsolation(chart, 'I');
    new OpenClawCiliumEgress(chart, 'C', { enforcement: Enforcement.OBSERVE });
    const text = enforcementOf(app, 'openclaw-fqdn-egress');
    expect(text).toMatch(/^Observe only/);
    expect(text).toContain('egress default deny already through NetworkPolicy openclaw/openclaw-default-deny, NetworkPolicy openclaw/openclaw-dns-egress, NetworkPolicy openclaw/openclaw-egress');
    expect(text).toContain('dropped now');
  });

  test('alone, or beside policies that do not isolate its pods\' egress, it says it blocks nothing', () => {
    const app = newApp();
    const chart = chartIn(app);
    new OpenClawCiliumEgress(chart, 'C', { enforcement: Enforcement.OBSERVE });
    rawNetworkPolicy(chart, 'ingress-only', { podSelector: {}, policyTypes: ['Ingress'] });
    rawNetworkPolicy(chart, 'other-pods', { podSelector: { matchLabels: { app: 'other' } }, policyTypes: ['Egress'] });
    const text = enforcementOf(app, 'openclaw-fqdn-egress');
    expect(text).toContain('blocks nothing; watch Hubble');
    expect(text).not.toContain('already');
  });

  test('the annotation follows the app at each synthesis (no stale cache)', () => {
    const app = newApp();
    const chart = chartIn(app);
    new OpenClawCiliumEgress(chart, 'C', { enforcement: Enforcement.OBSERVE });
    expect(enforcementOf(app, 'openclaw-fqdn-egress')).not.toContain('already');
    rawNetworkPolicy(chart, 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    expect(enforcementOf(app, 'openclaw-fqdn-egress')).toContain('already through NetworkPolicy openclaw/deny-egress');
  });

  test('an enforcing policy says it enforces', () => {
    const app = newApp();
    documentedPair(chartIn(app));
    expect(enforcementOf(app, 'openclaw-fqdn-egress')).toMatch(/^Enforced/);
  });
});

describe('derive, don\'t mirror: the spec and the allows annotation are rendered from the one rule list', () => {
  test('a rule added after construction through the construct\'s method shows in the spec and the annotation', () => {
    const chart = chartIn(newApp());
    const isolation = new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
    isolation.egress.allowTo([Peer.ipBlock('198.51.100.0/24')], [Port.tcp(8443)]);
    const egress = Testing.synth(chart).find(o => o.metadata.name === 'openclaw-egress');
    expect(egress.metadata.annotations[PolicyAnnotations.ALLOWS]).toBe('to 198.51.100.0/24 on TCP/8443');
    expect(egress.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 8443, protocol: 'TCP' }] }]);
  });

  test('a synthesis that passed fails once a broad rule is patched in afterwards (the guard reads the patched manifest)', () => {
    const app = newApp();
    const isolation = documentedPair(chartIn(app));
    expect(() => app.synthYaml()).not.toThrow();
    isolation.egress.policy.addJsonPatch(JsonPatch.add('/spec/egress', [ANY_IPV4_ON_443]));
    expect(synthError(app)).toContain('NetworkPolicy openclaw/openclaw-egress (construct test/I/Egress) lets pods openclaw/{app=openclaw} reach public addresses');
  });

  test('a broad peer patched into an existing rule of the exposed object fails synthesis too', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart);
    const extra = new EgressAllow(chart, 'Db', { name: 'db-egress', selector: OPENCLAW, rules: [{ peers: [Peer.pods({ app: 'db' })], ports: [Port.tcp(5432)] }] });
    expect(() => app.synthYaml()).not.toThrow();
    extra.policy.addJsonPatch(JsonPatch.add('/spec/egress/0/to/-', { ipBlock: { cidr: '0.0.0.0/0' } }));
    const message = synthError(app);
    expect(message).toContain('NetworkPolicy openclaw/db-egress (construct test/Db) lets pods openclaw/{app=openclaw} reach public addresses');
    expect(message).toContain(FQDN_POLICY);
  });
});

describe('check agrees with synthesis on the same objects', () => {
  test.each([
    ['b. raw broad NetworkPolicy', (c: Chart) => {
      documentedPair(c);
      rawNetworkPolicy(c, 'raw-broad', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] });
    }, 'fqdn-allow-list-voided', 'NetworkPolicy openclaw/raw-broad lets pods openclaw/{app=openclaw} reach public addresses'],
    ['e. two policies, one strict, beside an innocent third', (c: Chart) => {
      documentedPair(c, STRICT, { dnsEgress: false });
      new OpenClawCiliumEgress(c, 'Second', { name: 'second' });
      rawNetworkPolicy(c, 'db', { podSelector: { matchLabels: OPENCLAW }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }] });
    }, 'strict-dns-undone', 'CiliumNetworkPolicy openclaw/second-fqdn-egress lets pods openclaw/{app=openclaw} send DNS queries for any name'],
    ['g. strict DNS and the isolation\'s DNS NetworkPolicy', (c: Chart) => documentedPair(c, STRICT),
      'strict-dns-undone', 'NetworkPolicy openclaw/openclaw-dns-egress lets pods openclaw/{app=openclaw} send DNS queries for any name'],
  ])('%s', (_name, build, rule, culprit) => {
    const app = newApp();
    build(chartIn(app));
    const [object, verdict] = culprit.split(' lets ');
    const synthMessage = synthError(app);
    expect(synthMessage).toContain(`${object} (construct `);
    expect(synthMessage).toContain(`) lets ${verdict}`);
    expect(synthMessage).not.toContain('NetworkPolicy openclaw/db');
    const result = checkApp(app);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`[${rule}] ${culprit}`);
  });
});

describe('the app\'s guard (synth-guard.ts): added once, run once per change, culprits named by construct path', () => {
  const BROAD_EGRESS = { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] };
  const occurrences = (text: string, part: string) => text.split(part).length - 1;

  test('with several library constructs in several charts, each finding is reported once', () => {
    const app = newApp();
    documentedPair(chartIn(app, 'one'));
    new OpenClawCiliumEgress(chartIn(app, 'two'), 'C2', { name: 'second' });
    rawNetworkPolicy(chartIn(app, 'three'), 'raw-broad', BROAD_EGRESS);
    const message = synthError(app);
    expect(occurrences(message, 'NetworkPolicy openclaw/raw-broad (construct three/raw-broad) lets pods openclaw/{app=openclaw}'
      + ' reach public addresses (egress[0]: to every peer on TCP/443), and CiliumNetworkPolicy openclaw/openclaw-fqdn-egress')).toBe(1);
    expect(occurrences(message, 'NetworkPolicy openclaw/raw-broad (construct three/raw-broad) lets pods openclaw/{app=openclaw}'
      + ' reach public addresses (egress[0]: to every peer on TCP/443), and CiliumNetworkPolicy openclaw/second-fqdn-egress')).toBe(1);
  });

  test('metadata that other constructs record is no OpenClaw flow: the documented pairing still synthesizes', () => {
    const app = newApp();
    const chart = chartIn(app);
    chart.node.addMetadata('owner', 'team-bots');
    documentedPair(chart).node.addMetadata('cost-center', { id: 42 });
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('one synthesis runs the guards once, however often cdk8s validates the app; a change runs them again', () => {
    const runs = jest.spyOn(guards, 'runGuards');
    try {
      const app = newApp();
      documentedPair(chartIn(app, 'one'));
      const other = chartIn(app, 'two');
      app.synthYaml();
      expect(runs).toHaveBeenCalledTimes(1);
      app.synthYaml();
      expect(runs).toHaveBeenCalledTimes(1);
      rawNetworkPolicy(other, 'raw-broad', BROAD_EGRESS);
      expect(synthError(app)).toContain('NetworkPolicy openclaw/raw-broad (construct two/raw-broad) lets pods');
      expect(runs).toHaveBeenCalledTimes(2);
    } finally {
      runs.mockRestore();
    }
  });

  test('an object inside a List is judged and named by its own kind, namespace and name', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart);
    new ApiObject(chart, 'bundle', {
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'listed-broad', namespace: 'openclaw' }, spec: BROAD_EGRESS }],
    });
    const message = synthError(app);
    expect(message).toContain('NetworkPolicy openclaw/listed-broad lets pods openclaw/{app=openclaw} reach public addresses');
    expect(message).toContain(`and ${FQDN_POLICY} limits the same pods`);
  });

  test('the construct path drops only the trailing Resource ids of cdk8s-plus wrappers', () => {
    const app = newApp();
    const chart = chartIn(app);
    documentedPair(chart);
    const resources = new Construct(chart, 'Resources');
    const broad = new kplus.NetworkPolicy(resources, 'Broad', { selector: kplus.Pods.select(resources, 'Bots', { labels: OPENCLAW }) });
    broad.addEgressRule(kplus.NetworkPolicyIpBlock.anyIpv4(resources, 'Anywhere'), [kplus.NetworkPolicyPort.tcp(443)]);
    expect(synthError(app)).toContain(`NetworkPolicy openclaw/${broad.name} (construct test/Resources/Broad) lets pods`);
  });
});

describe('a CiliumCIDRGroup peer (cidrGroupRef, cidrGroupSelector)', () => {
  // cilium/cilium pkg/policy/api/rule_validation.go CIDRRule.sanitize: a group entry is a selector the agent resolves at
  // run time from CiliumCIDRGroup objects, so neither the analyzer nor the guards can know its CIDRs.
  const policy = {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'groups', namespace: 'bots' },
    spec: { endpointSelector: {}, egress: [{ toCIDRSet: [{ cidrGroupRef: 'everything' }, { cidrGroupSelector: { matchLabels: { team: 'a' } } }] }] },
  };

  test('is accepted by the agent rules and warned about, once per entry, never silently counted as nothing', () => {
    const { analyzer } = analyze([policy]);
    expect(analyzer.invalidPolicies).toEqual([]);
    expect(analyzer.warnings).toEqual([
      expect.stringMatching(/^CiliumNetworkPolicy bots\/groups egress\[0\]\.toCIDRSet\[0\]: a CiliumCIDRGroup .* reaching public addresses/),
      expect.stringMatching(/^CiliumNetworkPolicy bots\/groups egress\[0\]\.toCIDRSet\[1\]: a CiliumCIDRGroup/),
    ]);
  });
});
