import { FlowEndpoint } from '../src';
import { OpenClawFlows } from '../src/analysis/checks';
import { runGuards } from '../src/analysis/guards';
import { parseManifests } from '../src/analysis/manifests';

/**
 * Review of 9f3fffc (alike namespaces): `oneOfEachAlikeNamespace` compares
 * namespaces by their objects' JSON text, and finds where a name is used by
 * scanning that text for JSON strings. The analysis does not read the JSON
 * text but the values: it reads label values and requirement values with
 * `String()` (selectors.ts `compileSelector`, `compileExpression`,
 * `sampleLabels`), and a port that is neither absent nor null as a number or
 * a name (policy-model.ts `portEntryMatcher`). So
 * - a name used as a number (YAML `kubernetes.io/metadata.name: 2024`, or a
 *   Python app's `{"kubernetes.io/metadata.name": 2024}`) is not "named", and
 * - `JSON.stringify` writes NaN and ±Infinity (YAML `.nan`, `.inf`) as `null`,
 *   so a namespace whose port is `.nan` (no port) looks like one whose port is
 *   `~` (every port).
 * Either way namespaces that the guards tell apart are taken as alike.
 *
 * Judging every namespace is forced as in test/alike-namespaces.test.ts: a
 * ConfigMap of a different name in each namespace (no guard reads it).
 */

const configMap = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: {} });
const everyNamespaceJudged = (manifests: any[], namespaces: string[]) => [...manifests, ...namespaces.map(ns => configMap(ns, `unlike-${ns}`))];
const findings = (manifests: any[], flows: OpenClawFlows[] = []) => runGuards(manifests, { flows }).findings.map(f => `${f.rule}: ${f.message}`).sort();

test('a namespace named only by a number (2024) is named: the other tenant\'s unreachable gateway is found', () => {
  const manifests = parseManifests(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-openclaw, namespace: ingress-nginx}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: 2024}}}]
    ports: [{port: 18789, protocol: TCP}]
${['2024', '2025'].map(namespace => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: gateway, namespace: "${namespace}"}
spec:
  podSelector: {matchLabels: {app: openclaw}}
  policyTypes: [Ingress]
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
    ports: [{port: 18789, protocol: TCP}]
`).join('')}`);
  const flows = ['2024', '2025'].map(namespace => ({
    pod: FlowEndpoint.pod(namespace, { app: 'openclaw' }), dnsServers: [], gatewayPort: 18789, ingressSources: [FlowEndpoint.pod('ingress-nginx', {})],
  }));
  const everyNamespace = findings(everyNamespaceJudged(manifests, ['2024', '2025']), flows);
  // The analyzer reads the number as "2024": ingress-nginx may reach 2024's gateway only, so 2025's is unreachable.
  expect(everyNamespace).toEqual([expect.stringMatching(/^gateway-reachable: The OpenClaw gateway \(2025\/\{app=openclaw\}, TCP 18789\) is unreachable/)]);
  // Today 2025 is left out as alike to 2024 (no JSON string "2024" names it), and the guards find nothing.
  expect(findings(manifests, flows)).toEqual(everyNamespace);
});

test('a port of .nan is not a port of ~: a tenant whose DNS allow undoes its strict DNS filter is found', () => {
  const tenant = (namespace: string, port: string) => `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: strict, namespace: ${namespace}}
spec:
  endpointSelector: {matchLabels: {app: openclaw}}
  egress:
  - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}}]
    toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchName: api.anthropic.com}]}}]
  - toFQDNs: [{matchName: api.anthropic.com}]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: ${namespace}}
spec:
  podSelector: {matchLabels: {app: openclaw}}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{protocol: UDP, port: ${port}}]
`;
  // t-a's port .nan is read as a port name that no container declares (no port); t-b's port ~ is every port, DNS included.
  const manifests = parseManifests(`${tenant('t-a', '.nan')}---${tenant('t-b', '~')}`);
  const everyNamespace = findings(everyNamespaceJudged(manifests, ['t-a', 't-b']));
  expect(everyNamespace).toEqual([expect.stringMatching(/^strict-dns-undone: NetworkPolicy t-b\/dns lets pods t-b\/\{app=openclaw\} send DNS queries for any name/)]);
  // Today both render as "port":null, t-b is left out as alike to t-a, and the guards find nothing.
  expect(findings(manifests)).toEqual(everyNamespace);
});
