import { ApiObject, Chart } from 'cdk8s';
import {
  DnsQueryFilter, DnsTarget, OpenClawCiliumEgress, OpenClawNetworkIsolation,
} from '../src';
import { newApp, newChart, synth } from './support/synth';

/**
 * The synth-time checks: `cdk8s synth` (here Testing.synth through the synth
 * helper, which runs the chart's validations) fails with a message that names
 * the problem and the fix when a chart with the OpenClaw constructs leaves
 * the pods without DNS, holds an FQDN rule Cilium can never match, voids an
 * FQDN allow-list, or cuts the gateway off from every ingress source.
 */

/** The message synthesis fails with; fails the test if it does not fail. */
function synthError(chart: Chart): string {
  try {
    synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail, but it succeeded');
}

/** A user-written CiliumNetworkPolicy (as a plain ApiObject) for the OpenClaw pods. */
function userCnp(chart: Chart, name: string, spec: any): ApiObject {
  return new ApiObject(chart, name, {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name, namespace: 'openclaw' },
    spec: { endpointSelector: { matchLabels: { app: 'openclaw' } }, ...spec },
  });
}

/** A user CNP allowing 443 to one FQDN, with no rules.dns anywhere. */
function fqdnOnlyCnp(chart: Chart, host: string = 'hooks.example.com'): ApiObject {
  return userCnp(chart, 'user-fqdn', {
    egress: [{ toFQDNs: [{ matchName: host }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
  });
}

/** A NetworkPolicy that isolates egress of every pod in `namespace` and allows none. */
function denyAllEgress(chart: Chart, namespace: string): ApiObject {
  return new ApiObject(chart, `deny-egress-${namespace}`, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny-all-egress', namespace },
    spec: { podSelector: {}, policyTypes: ['Egress'] },
  });
}

describe('1. egress-isolated OpenClaw pods that cannot reach DNS', () => {
  test('dnsEgress: false alone fails, names the isolating policy and says how to fix it', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { dnsEgress: false });
    const message = synthError(chart);
    expect(message).toContain('cannot reach DNS');
    expect(message).toContain('openclaw/{app=openclaw}');
    expect(message).toMatch(/egress-isolated \(by [^)]*NetworkPolicy openclaw\/openclaw-default-deny/);
    // the fix
    expect(message).toContain('Allow UDP and TCP 53 to the cluster DNS');
    expect(message).toContain('dnsTargets');
  });

  test('a user CiliumNetworkPolicy egressDeny on port 53 beside OpenClawNetworkIsolation fails', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I');
    new ApiObject(chart, 'deny-dns', {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'deny-dns', namespace: 'openclaw' },
      spec: {
        endpointSelector: { matchLabels: { app: 'openclaw' } },
        egressDeny: [{
          toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
          toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }],
        }],
      },
    });
    const message = synthError(chart);
    expect(message).toContain('cannot reach DNS');
    expect(message).toContain('CiliumNetworkPolicy openclaw/deny-dns');
    expect(message).toMatch(/egress-isolated \(by [^)]*NetworkPolicy openclaw\/openclaw-default-deny/);
    expect(message).toContain('Allow UDP and TCP 53');
  });

  test('in a chart without a namespace the pods are checked in namespace default', () => {
    const chart = new Chart(newApp(), 'test');
    new OpenClawNetworkIsolation(chart, 'I', { dnsEgress: false });
    const message = synthError(chart);
    expect(message).toContain('OpenClaw pods default/{app=openclaw} are egress-isolated');
    expect(message).toContain('cannot reach DNS');
  });

  test('the same egressDeny for another namespace does not matter', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I');
    userCnp(chart, 'deny-elsewhere', {
      egressDeny: [{
        toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'elsewhere' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }],
      }],
    });
    expect(() => synth(chart)).not.toThrow();
  });
});

describe('2. FQDN rules without a DNS-proxy rule for their names', () => {
  test('a user toFQDNs policy beside internetEgress: false (plain NetworkPolicy DNS) fails', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
    fqdnOnlyCnp(chart);
    const message = synthError(chart);
    expect(message).toContain('CiliumNetworkPolicy openclaw/user-fqdn');
    expect(message).toContain('toFQDNs hooks.example.com');
    expect(message).toContain('rules.dns');
    expect(message).toContain('never match');
    // the fix
    expect(message).toContain('Add rules.dns to the DNS egress rule');
  });

  test('a strict-DNS OpenClawCiliumEgress does not resolve a name that only a user policy allows', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false, dnsEgress: false });
    new OpenClawCiliumEgress(chart, 'C', { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES });
    fqdnOnlyCnp(chart);
    const message = synthError(chart);
    expect(message).toContain('CiliumNetworkPolicy openclaw/user-fqdn allows toFQDNs hooks.example.com');
    expect(message).toContain('rules.dns');
    // the library's own policy resolves its names: it is not named
    expect(message).not.toContain('openclaw-fqdn-egress allows');
  });

  test('a user policy for a name the strict list does contain passes', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false, dnsEgress: false });
    new OpenClawCiliumEgress(chart, 'C', { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES });
    fqdnOnlyCnp(chart, 'api.anthropic.com');
    expect(() => synth(chart)).not.toThrow();
  });

  test('the same user policy beside OpenClawCiliumEgress in ANY_NAME mode passes: the proxy sees every name', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'C');
    fqdnOnlyCnp(chart);
    expect(() => synth(chart)).not.toThrow();
  });
});

describe('3. a broad NetworkPolicy egress rule beside a Cilium FQDN allow-list', () => {
  test('OpenClawNetworkIsolation default + OpenClawCiliumEgress fails and says internetEgress: false', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I');
    new OpenClawCiliumEgress(chart, 'C');
    const message = synthError(chart);
    expect(message).toContain('FQDN allow-list');
    expect(message).toContain('0.0.0.0/0');
    // both objects, by kind, name and construct path
    expect(message).toContain('NetworkPolicy openclaw/openclaw-egress (construct test/I/Egress) lets pods openclaw/{app=openclaw} reach public addresses');
    expect(message).toContain('CiliumNetworkPolicy openclaw/openclaw-fqdn-egress (construct test/C/FqdnEgress) limits the same pods');
    expect(message).toContain('internetEgress: false');
    expect(message).toContain('Remove the public-IP rule');
  });
});

describe('4. the gateway unreachable from every allowed ingress source', () => {
  test('egress of every pod in ingress-nginx and monitoring isolated with no rules fails', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I');
    denyAllEgress(chart, 'ingress-nginx');
    denyAllEgress(chart, 'monitoring');
    const message = synthError(chart);
    expect(message).toContain('unreachable from every allowed ingress source');
    expect(message).toContain('TCP 18789');
    expect(message).toContain('NetworkPolicy ingress-nginx/deny-all-egress');
    expect(message).toContain('NetworkPolicy monitoring/deny-all-egress');
    expect(message).toContain('Control UI, health checks and webhooks are cut off');
  });

  test('with only ingress-nginx blocked, monitoring still reaches the gateway: passes', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I');
    denyAllEgress(chart, 'ingress-nginx');
    expect(() => synth(chart)).not.toThrow();
  });

  test('a custom gateway port and ingress namespaces are what is checked', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { gatewayPort: 8080, ingressNamespaces: ['traefik'] });
    denyAllEgress(chart, 'traefik');
    const message = synthError(chart);
    expect(message).toContain('TCP 8080');
    expect(message).toContain('NetworkPolicy traefik/deny-all-egress');
    // the defaults' namespaces are not blocked but are not allowed sources either
    const other = newChart();
    new OpenClawNetworkIsolation(other, 'I', { gatewayPort: 8080, ingressNamespaces: ['traefik'] });
    denyAllEgress(other, 'ingress-nginx');
    expect(() => synth(other)).not.toThrow();
  });

  test('a Cilium ingressDeny on the OpenClaw pods from both namespaces fails', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I');
    userCnp(chart, 'deny-ingress', {
      ingressDeny: [{
        fromEndpoints: [
          { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ingress-nginx' } },
          { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'monitoring' } },
        ],
      }],
    });
    const message = synthError(chart);
    expect(message).toContain('unreachable from every allowed ingress source');
    expect(message).toContain('CiliumNetworkPolicy openclaw/deny-ingress');
  });
});

describe('5. the happy paths pass', () => {
  test('defaults', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I');
    expect(synth(chart).length).toBeGreaterThan(0);
  });

  test('internetEgress: false + OpenClawCiliumEgress', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'C');
    expect(synth(chart).map(o => o.kind)).toContain('CiliumNetworkPolicy');
  });

  test('strict DNS with dnsEgress: false (the Cilium policy owns DNS)', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false, dnsEgress: false });
    new OpenClawCiliumEgress(chart, 'C', { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES });
    const objects = synth(chart);
    expect(objects.filter(o => o.kind === 'NetworkPolicy').map(o => o.metadata.name).sort())
      .toEqual(['openclaw-default-deny', 'openclaw-egress', 'openclaw-ingress']);
  });

  test('a NodeLocal DNSCache target', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { dnsTargets: [DnsTarget.nodeLocalDns()] });
    expect(() => synth(chart)).not.toThrow();
  });

  test('a NodeLocal DNSCache target for the Cilium policy, beside the default NetworkPolicy DNS', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'C', { dnsTargets: [DnsTarget.nodeLocalDns()] });
    expect(() => synth(chart)).not.toThrow();
  });

  test('regression: a NodeLocal DNSCache target for the Cilium policy with dnsEgress: false (the check uses the Cilium policy\'s targets)', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false, dnsEgress: false });
    new OpenClawCiliumEgress(chart, 'C', { dnsTargets: [DnsTarget.nodeLocalDns()] });
    expect(() => synth(chart)).not.toThrow();
  });

  test('a chart without a namespace', () => {
    // newChart(undefined) would fall back to its default namespace: build the chart directly
    const chart = new Chart(newApp(), 'test');
    new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'C');
    const objects = synth(chart);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.every(o => o.metadata.namespace === undefined)).toBe(true);
    const plain = new Chart(newApp(), 'test');
    new OpenClawNetworkIsolation(plain, 'I');
    expect(() => synth(plain)).not.toThrow();
  });
});

describe('6. every message names the problem, the culprits and the fix', () => {
  const cases: [string, () => Chart, RegExp, string[], RegExp][] = [
    ['no DNS', () => {
      const c = newChart();
      new OpenClawNetworkIsolation(c, 'I', { dnsEgress: false });
      return c;
    }, /cannot reach DNS/, ['OpenClaw pods openclaw/{app=openclaw} are egress-isolated (by ', 'NetworkPolicy openclaw/openclaw-default-deny'],
    /Allow UDP and TCP 53 .*\(DnsEgress, or the dnsTargets prop\)/],
    ['FQDN rule without rules.dns', () => {
      const c = newChart();
      new OpenClawNetworkIsolation(c, 'I', { internetEgress: false });
      fqdnOnlyCnp(c);
      return c;
    }, /no DNS-proxy rule/, ['CiliumNetworkPolicy openclaw/user-fqdn allows toFQDNs hooks.example.com,'], /Add rules\.dns to the DNS egress rule/],
    ['voided FQDN allow-list', () => {
      const c = newChart();
      new OpenClawNetworkIsolation(c, 'I');
      new OpenClawCiliumEgress(c, 'C');
      return c;
    }, /FQDN allow-list/, [
      'NetworkPolicy openclaw/openclaw-egress (construct test/I/Egress) lets pods openclaw/{app=openclaw} reach public addresses (egress[0]: to 0.0.0.0/0',
      'CiliumNetworkPolicy openclaw/openclaw-fqdn-egress (construct test/C/FqdnEgress) limits the same pods',
    ], /Remove the public-IP rule from NetworkPolicy openclaw\/openclaw-egress \(with OpenClawNetworkIsolation, set `internetEgress: false`\)/],
    ['gateway unreachable', () => {
      const c = newChart();
      new OpenClawNetworkIsolation(c, 'I');
      for (const ns of ['ingress-nginx', 'monitoring']) {
        new ApiObject(c, `deny-${ns}`, {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'deny-egress', namespace: ns },
          spec: { podSelector: {}, policyTypes: ['Egress'] },
        });
      }
      return c;
    }, /unreachable from every allowed ingress source/, [
      'The OpenClaw gateway (openclaw/{app=openclaw}, TCP 18789)', 'NetworkPolicy ingress-nginx/deny-egress', 'NetworkPolicy monitoring/deny-egress',
    ], /set ingressNamespaces to where the ingress controller runs/],
  ];
  test.each(cases)('%s', (_name, build, problem, culprits, fix) => {
    const message = synthError(build());
    expect(message).toMatch(problem);
    for (const culprit of culprits) expect(message).toContain(culprit);
    expect(message).toMatch(fix);
  });
});
