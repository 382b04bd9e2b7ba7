import { ApiObject, Chart } from 'cdk8s';
import { OpenClawNetworkIsolation } from '../src';
import { newApp } from './support/synth';
import { runGuards } from '../src/analysis/guards';

/**
 * Review of 9f3fffc (alike namespaces): the analysis names namespaces that
 * the input never spells. A cluster-wide policy's sample pod lives in a
 * namespace the analysis makes up: `sample` for an `Exists` requirement on
 * `k8s:io.kubernetes.pod.namespace` (selectors.ts `sampleLabels`), and
 * `sample-<policy name>-<spec index>` for a `toFQDNs` policy that names no
 * namespace (checks.ts `samplePod`). A tenant with such a name is not
 * "named" by any JSON string, so `oneOfEachAlikeNamespace` leaves out its
 * policies, although the guards query its pods: the module comment's premise
 * "neither is one the analysis names itself" lists only `default`, the
 * cluster-wide sample namespace and the DNS servers' namespaces.
 *
 * Judging every namespace is forced as in test/alike-namespaces.test.ts: a
 * ConfigMap of a different name in each namespace (no guard reads it).
 */

const OPENCLAW = { app: 'openclaw' };
const KUBE_DNS = { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' };
const DNS_ANY_NAME = { toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] };
const TO_ANTHROPIC = { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };

const configMap = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: {} });
const everyNamespaceJudged = (manifests: any[], namespaces: string[]) => [...manifests, ...namespaces.map(ns => configMap(ns, `unlike-${ns}`))];
const findings = (manifests: any[]) => runGuards(manifests).findings.map(f => `${f.rule}: ${f.message}`).sort();

/** An FQDN allow-list for the OpenClaw pods of every namespace (Cilium scopes nothing: the namespace label only has to exist). */
const fleetAllowList = {
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumClusterwideNetworkPolicy',
  metadata: { name: 'openclaw-fqdn' },
  spec: {
    endpointSelector: { matchLabels: { 'k8s:app': 'openclaw' }, matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] },
    egress: [DNS_ANY_NAME, TO_ANTHROPIC],
  },
};

/** A tenant's NetworkPolicy that lets its OpenClaw pods reach every address on 443: it voids the allow-list (Cilium adds allows). */
const httpsAnywhere = (namespace: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'https-anywhere', namespace },
  spec: { podSelector: { matchLabels: OPENCLAW }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443, protocol: 'TCP' }] }] },
});

describe('a tenant named like a namespace the analysis samples is never alike', () => {
  test('a tenant named "sample" after another: the voided FQDN allow-list is still found', () => {
    const manifests = [fleetAllowList, httpsAnywhere('tenant-a'), httpsAnywhere('sample')];
    const everyNamespace = findings(everyNamespaceJudged(manifests, ['tenant-a', 'sample']));
    // Judging every namespace: the guard samples the allow-list's pods in namespace "sample", where sample/https-anywhere selects them.
    expect(everyNamespace).toContainEqual(expect.stringMatching(/^fqdn-allow-list-voided: NetworkPolicy sample\/https-anywhere lets pods sample\/\{app=openclaw\}/));
    // Today 'sample' is left out as alike to tenant-a, the guards judge tenant-a alone, find nothing, and the app passes.
    expect(findings(manifests)).toEqual(everyNamespace);
  });

  test('a tenant named "sample-<policy>-0", the sample namespace of a cluster-wide toFQDNs policy: the missing DNS proxy is still found', () => {
    const allowList = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'egress' },
      spec: { endpointSelector: { matchLabels: OPENCLAW }, egress: [DNS_ANY_NAME, TO_ANTHROPIC] },
    };
    // Each tenant denies its OpenClaw pods DNS to kube-dns: the DNS proxy never sees their queries.
    const noDns = (namespace: string) => ({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'no-dns', namespace },
      spec: { endpointSelector: { matchLabels: OPENCLAW }, egressDeny: [{ toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }] },
    });
    const manifests = [allowList, noDns('tenant-a'), noDns('sample-egress-0')];
    const everyNamespace = findings(everyNamespaceJudged(manifests, ['tenant-a', 'sample-egress-0']));
    // Judging every namespace: the guard samples the allow-list's pods in namespace "sample-egress-0", whose no-dns selects them.
    expect(everyNamespace).toContainEqual(expect.stringMatching(/^fqdn-dns-proxy: CiliumClusterwideNetworkPolicy egress allows toFQDNs api.anthropic.com, but no DNS-proxy rule/));
    // Today 'sample-egress-0' is left out as alike to tenant-a, and the guards find nothing.
    expect(findings(manifests)).toEqual(everyNamespace);
  });

  test('a tenant named "sample" after another: the observe-mode fleet policy\'s enforcer is still reported', () => {
    const observer = { ...fleetAllowList, metadata: { name: 'openclaw-observe' }, spec: { ...fleetAllowList.spec, enableDefaultDeny: { egress: false } } };
    const denyAll = (namespace: string) => ({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const manifests = [observer, denyAll('tenant-a'), denyAll('sample')];
    const enforcers = (input: any[]) => [...runGuards(input).observeEnforcedBy].map(([m, refs]) => `${m.metadata.name}: ${refs.join(', ')}`);
    const everyNamespace = enforcers(everyNamespaceJudged(manifests, ['tenant-a', 'sample']));
    // Each tenant's deny enforces it (the guards sample the fleet policy's pods in each namespace they share with a policy).
    expect(everyNamespace).toEqual(['openclaw-observe: NetworkPolicy sample/deny, NetworkPolicy tenant-a/deny']);
    // Today 'sample' is left out, the guards judge tenant-a alone and report no enforcer.
    expect(enforcers(manifests)).toEqual(everyNamespace);
  });
});

test('synthesis: tenants "tenant-a" and "sample" that void a fleet FQDN allow-list fail to synthesize, as before 9f3fffc', () => {
  const app = newApp();
  const chart = new Chart(app, 'c');
  new ApiObject(chart, 'fleet', fleetAllowList);
  for (const namespace of ['tenant-a', 'sample']) new OpenClawNetworkIsolation(chart, `iso-${namespace}`, { namespace, internetEgress: true });
  // Before 9f3fffc: "NetworkPolicy sample/openclaw-egress (construct c/iso-sample/Egress) lets pods sample/{app=openclaw} reach public addresses".
  expect(() => app.synthYaml()).toThrow(/fqdn-allow-list-voided|lets pods sample\/\{app=openclaw\} reach public addresses/);
});
