import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  AiProvider, cilium, CiliumFqdnEgress, DnsQueryFilter, DnsTarget, EndpointSet, Enforcement, Fqdn, LabelOperator, MessagingChannel,
  OpenClawCiliumEgress, OpenClawNetworkIsolation, Port,
} from '../src';
import { ciliumDirection, ciliumSelects, dnsProxySees, endpointAllowed, fqdnAllowed } from './support/cilium-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newApp, newChart, objectNamed, synth } from './support/synth';
import { ciliumAgentRejections } from '../src/analysis/cilium-agent-rules';

/**
 * The Cilium building blocks (`CiliumFqdnEgress` and the `CiliumIngressAllow`
 * it adds for in-cluster endpoints) emit one plain `ApiObject` each, whose
 * spec is rendered in the CRD's JSON field names (issue 14): the generated
 * classes' `toJson_*` conversions no longer run, and their module is not
 * loaded. The manifest must stay the one the generated classes rendered,
 * byte for byte: each object is rendered again here through the generated
 * class as the reference.
 */

/** The jsii type name of a construct's class (`cdk8s.ApiObject`); undefined for a class jsii does not know. */
function jsiiType(construct: IConstruct): string | undefined {
  return (construct.constructor as any)[Symbol.for('jsii.rtti')]?.fqn;
}

/**
 * The CRD's JSON field names whose generated-class property is spelt
 * otherwise. A name missing here would reach the generated class under its
 * JSON spelling, which its `toJson_*` functions drop: the reference would
 * then lack the field and the comparison fail.
 */
const GENERATED_NAMES: { [json: string]: string } = { toFQDNs: 'toFqdNs', toCIDR: 'toCidr' };

/** A spec in the CRD's JSON names as the generated classes' props (label keys kept as they are). */
function generatedProps(value: any): any {
  if (Array.isArray(value)) return value.map(generatedProps);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) =>
    [GENERATED_NAMES[key] ?? key, key === 'matchLabels' ? inner : generatedProps(inner)]));
}

/** The object rendered through the generated class of its kind, as JSON text: key order counts. */
function throughGeneratedClass(object: any): string {
  const chart = new Chart(newApp(), 'reference');
  const props = { metadata: object.metadata, spec: generatedProps(object.spec) };
  if (object.kind === 'CiliumNetworkPolicy') new cilium.CiliumNetworkPolicy(chart, 'Resource', props);
  else new cilium.CiliumClusterwideNetworkPolicy(chart, 'Resource', props);
  const [reference] = Testing.synth(chart);
  return JSON.stringify(reference);
}

/** Every Cilium object of the chart: byte-identical to the generated class's rendering, and accepted by the schemas and the agent. */
function ciliumObjects(chart: Chart): any[] {
  const objects = synth(chart).filter(o => o.apiVersion === 'cilium.io/v2');
  expect(objects.length).toBeGreaterThan(0);
  for (const object of objects) {
    expect(JSON.stringify(object)).toBe(throughGeneratedClass(object));
    expect([...validateManifest(object), ...apiServerRuleErrors(object)]).toEqual([]);
    expect(ciliumAgentRejections(object)).toEqual([]);
  }
  return objects;
}

const OPENCLAW = { app: 'openclaw' };

describe('the Cilium blocks emit plain ApiObjects', () => {
  test('CiliumFqdnEgress and its CiliumIngressAllow: each policy is a cilium.io/v2 ApiObject, not a generated class', () => {
    const chart = newChart();
    const egress = new CiliumFqdnEgress(chart, 'Egress', {
      selector: OPENCLAW,
      endpoints: [EndpointSet.inClusterPods('search', 'openclaw', { app: 'searxng' }, [Port.tcp(8080)])],
    });
    const policies = egress.node.findAll().filter(ApiObject.isApiObject);
    expect(policies.map(jsiiType)).toEqual(['cdk8s.ApiObject', 'cdk8s.ApiObject']);
    expect(policies[0]).toBe(egress.policy);
    expect(policies.map(p => [p.apiVersion, p.kind])).toEqual([['cilium.io/v2', 'CiliumNetworkPolicy'], ['cilium.io/v2', 'CiliumNetworkPolicy']]);
    // Not `instanceof`: cdk8s's ApiObject answers it for every ApiObject (Symbol.hasInstance), its subclasses included.
    expect(policies.every(p => Object.getPrototypeOf(p) === ApiObject.prototype)).toBe(true);
    // Generated names come from the construct path, which is the one the generated classes had.
    expect(policies.map(p => p.node.path)).toEqual(['test/Egress/Resource', 'test/Egress/PeerIngress0/Resource']);
  });
});

describe('each variant renders as the generated classes rendered it, and means what it says', () => {
  test('namespaced, the default DNS target, FQDN rules on two port lists, selector requirements', () => {
    const chart = newChart();
    new CiliumFqdnEgress(chart, 'Egress', {
      selector: OPENCLAW,
      selectorRequirements: [{ key: 'tier', operator: LabelOperator.NOT_IN, values: ['batch'] }, { key: 'gateway', operator: LabelOperator.EXISTS }],
      endpoints: [AiProvider.ANTHROPIC, MessagingChannel.SLACK, EndpointSet.of('llm', [Fqdn.pattern('*.llm.example.com')], [Port.tcp(8443), Port.tcpRange(9000, 9100)])],
    });
    const [policy] = ciliumObjects(chart);
    expect(ciliumSelects(policy, 'openclaw', { app: 'openclaw', gateway: 'yes' })).toBe(true);
    expect(ciliumSelects(policy, 'openclaw', { app: 'openclaw', gateway: 'yes', tier: 'batch' })).toBe(false);
    expect(ciliumSelects(policy, 'openclaw', { app: 'openclaw' })).toBe(false);
    expect(dnsProxySees(policy, 'anything.example.org')).toBe(true);
    expect(endpointAllowed(policy, 'kube-system', { 'k8s-app': 'kube-dns' }, 53, 'UDP')).toBe(true);
    expect(fqdnAllowed(policy, 'api.anthropic.com', 443)).toBe(true);
    expect(fqdnAllowed(policy, 'files.slack.com', 443)).toBe(true);
    expect(fqdnAllowed(policy, 'a.llm.example.com', 9050)).toBe(true);
    expect(fqdnAllowed(policy, 'a.llm.example.com', 443)).toBe(false);
    expect(fqdnAllowed(policy, 'api.anthropic.com', 8443)).toBe(false);
    expect(policy.spec.egress.map((rule: any) => Object.keys(rule)))
      .toEqual([['toEndpoints', 'toPorts'], ['toFQDNs', 'toPorts'], ['toFQDNs', 'toPorts']]);
    expect(policy.spec).not.toHaveProperty('enableDefaultDeny');
  });

  test('cluster-wide in a chart with a namespace: a CiliumClusterwideNetworkPolicy without metadata.namespace, selecting by namespace labels', () => {
    const chart = newChart('openclaw');
    new CiliumFqdnEgress(chart, 'Egress', {
      selector: OPENCLAW,
      selectorRequirements: [{ key: 'tier', operator: LabelOperator.IN, values: ['web'] }],
      namespaceSelector: { 'openclaw.io/tenant': 'true' },
      endpoints: [AiProvider.OPENAI],
    });
    const [policy] = ciliumObjects(chart);
    expect(policy.kind).toBe('CiliumClusterwideNetworkPolicy');
    expect(policy.metadata).not.toHaveProperty('namespace');
    expect(policy.spec.endpointSelector).toEqual({
      matchExpressions: [{ key: 'k8s:tier', operator: 'In', values: ['web'] }],
      matchLabels: { 'k8s:app': 'openclaw', 'k8s:io.cilium.k8s.namespace.labels.openclaw.io/tenant': 'true' },
    });
    expect(fqdnAllowed(policy, 'api.openai.com', 443)).toBe(true);
  });

  test('observe mode: enableDefaultDeny off in both directions, and the allows are the same', () => {
    const chart = newChart();
    new CiliumFqdnEgress(chart, 'Egress', { selector: OPENCLAW, enforcement: Enforcement.OBSERVE, endpoints: [AiProvider.ANTHROPIC] });
    const [policy] = ciliumObjects(chart);
    expect(policy.spec.enableDefaultDeny).toEqual({ ingress: false, egress: false });
    expect(fqdnAllowed(policy, 'api.anthropic.com', 443)).toBe(true);
  });

  test('DNS targets: NodeLocal (toCIDR and the host entity), its ClusterIP over IPv6, GKE Cloud DNS (toCIDR), OpenShift (toEndpoints on 5353)', () => {
    const chart = newChart();
    new CiliumFqdnEgress(chart, 'Egress', {
      selector: OPENCLAW,
      dnsTargets: [DnsTarget.nodeLocalDns(), DnsTarget.nodeLocalDnsClusterIp('fd00::10'), DnsTarget.gkeCloudDns(), DnsTarget.openShiftDns()],
      endpoints: [AiProvider.ANTHROPIC],
    });
    const [policy] = ciliumObjects(chart);
    const dnsPorts = (port: string) => [{ ports: [{ port, protocol: 'TCP' }, { port, protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }];
    expect(policy.spec.egress.slice(0, 6)).toEqual([
      { toCIDR: ['169.254.20.10/32'], toPorts: dnsPorts('53') },
      { toEntities: ['host'], toPorts: dnsPorts('53') },
      { toCIDR: ['fd00::10/128'], toPorts: dnsPorts('53') },
      { toEntities: ['host'], toPorts: dnsPorts('53') },
      { toCIDR: ['169.254.169.254/32'], toPorts: dnsPorts('53') },
      { toEndpoints: [{ matchLabels: { 'k8s:dns.operator.openshift.io/daemonset-dns': 'default', 'k8s:io.kubernetes.pod.namespace': 'openshift-dns' } }], toPorts: dnsPorts('5353') },
    ]);
    expect(endpointAllowed(policy, 'openshift-dns', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, 5353, 'UDP')).toBe(true);
    expect(endpointAllowed(policy, 'openshift-dns', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, 53, 'UDP')).toBe(false);
  });

  test('in-cluster endpoint sets: toEndpoints rules, and the ingress allow (CiliumIngressAllow) in the policy\'s own namespace', () => {
    const chart = newChart();
    new CiliumFqdnEgress(chart, 'Egress', {
      name: 'openclaw-fqdn-egress',
      selector: OPENCLAW,
      selectorRequirements: [{ key: 'gateway', operator: LabelOperator.EXISTS }],
      endpoints: [
        EndpointSet.inClusterPods('search', 'openclaw', { app: 'searxng' }, [Port.tcp(8080), Port.udpRange(7000, 7010)]),
        EndpointSet.inClusterPods('llm', 'models', { app: 'vllm' }, [Port.tcp(8000)]),
      ],
    });
    const objects = ciliumObjects(chart);
    expect(objects).toHaveLength(2);
    const egress = objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress');
    const ingress = objects.find(o => o !== egress);
    const client = { namespace: 'openclaw', labels: { ...OPENCLAW, gateway: 'yes' } };
    const search = { namespace: 'openclaw', labels: { app: 'searxng' } };
    expect(endpointAllowed(egress, 'models', { app: 'vllm' }, 8000)).toBe(true);
    expect(endpointAllowed(egress, 'openclaw', { app: 'searxng' }, 7005, 'UDP')).toBe(true);
    expect(endpointAllowed(egress, 'openclaw', { app: 'searxng' }, 8000)).toBe(false);
    expect(ciliumDirection(ingress, search, 'ingress', client, 8080)).toEqual({ isolated: false, allowed: true });
    expect(ciliumDirection(ingress, search, 'ingress', client, 7010, 'UDP')).toEqual({ isolated: false, allowed: true });
    expect(ciliumDirection(ingress, search, 'ingress', { namespace: 'openclaw', labels: OPENCLAW }, 8080).allowed).toBe(false);
    expect(ciliumDirection(ingress, search, 'ingress', { namespace: 'other', labels: client.labels }, 8080).allowed).toBe(false);
    expect(ingress.spec.ingress[0].toPorts[0].ports).toEqual([{ port: '8080', protocol: 'TCP' }, { endPort: 7010, port: '7000', protocol: 'UDP' }]);
  });

  test('DnsQueryFilter.ALLOW_LISTED_NAMES: rules.dns lists the names and their search-suffix forms', () => {
    const chart = newChart();
    new CiliumFqdnEgress(chart, 'Egress', {
      selector: OPENCLAW,
      dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES,
      dnsSearchDomains: ['ec2.internal'],
      endpoints: [AiProvider.ANTHROPIC, EndpointSet.inClusterPods('llm', 'models', { app: 'vllm' }, [Port.tcp(8000)])],
    });
    const [policy] = ciliumObjects(chart);
    expect(dnsProxySees(policy, 'api.anthropic.com')).toBe(true);
    expect(dnsProxySees(policy, 'api.anthropic.com.ec2.internal')).toBe(true);
    expect(dnsProxySees(policy, 'example.org')).toBe(false);
    expect(fqdnAllowed(policy, 'api.anthropic.com', 443)).toBe(true);
  });

  test('OpenClawCiliumEgress, with its intent annotation, in a cluster-wide and a namespaced form', () => {
    const namespaced = newChart();
    new OpenClawCiliumEgress(namespaced, 'Egress', { providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.TELEGRAM] });
    const clusterWide = newChart(undefined);
    new OpenClawCiliumEgress(clusterWide, 'Egress', { namespaceSelector: { 'openclaw.io/tenant': 'true' } });
    expect(ciliumObjects(namespaced).map(o => o.kind)).toEqual(['CiliumNetworkPolicy']);
    expect(ciliumObjects(clusterWide).map(o => o.kind)).toEqual(['CiliumClusterwideNetworkPolicy']);
  });
});

describe('the reference is strict', () => {
  test('a field the generated class does not know under that name is dropped by it, so the comparison would fail', () => {
    const object = {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'x', namespace: 'openclaw' },
      spec: { endpointSelector: { matchLabels: OPENCLAW }, egress: [{ toFqdns: [{ matchName: 'a.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] },
    };
    expect(JSON.parse(throughGeneratedClass(object)).spec.egress).toEqual([{ toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }]);
  });
});

describe('the exposed policy is a plain ApiObject: a JSON patch uses the CRD\'s field names and is judged', () => {
  test('a catch-all toFQDNs rule patched into the allow-list\'s own policy reaches the output and fails synthesis, naming it', () => {
    const app = newApp();
    const chart = new Chart(app, 'test', { namespace: 'openclaw' });
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    const egress = new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ANTHROPIC] });
    expect(() => app.synthYaml()).not.toThrow();
    // The generated classes' toJson_* read `toFqdNs` and dropped a `toFQDNs` key patched in; the plain object keeps it.
    egress.fqdnEgress.policy.addJsonPatch(JsonPatch.add('/spec/egress/-', { toFQDNs: [{ matchPattern: '*' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }));
    expect(egress.fqdnEgress.policy.toJson().spec.egress.at(-1).toFQDNs).toEqual([{ matchPattern: '*' }]);
    expect(() => app.synthYaml()).toThrow(/CiliumNetworkPolicy openclaw\/openclaw-fqdn-egress \(construct test\/Egress\/FqdnEgress\) lets pods openclaw\/\{app=openclaw\} reach public addresses/);
  });
});
