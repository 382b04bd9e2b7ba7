import { Chart } from 'cdk8s';
import { CiliumFqdnEgress, DnsTarget, EndpointSet, Enforcement, Fqdn, LabelOperator, Port } from '../src';
import { newChart } from './support/synth';

/**
 * Review 4: cilium-policy-object.ts says the Cilium blocks' manifest is "the
 * one the generated classes rendered, byte for byte", because cdk8s sorts
 * every object's keys. cdk8s does so unless `CDK8S_DISABLE_SORT` is set
 * (cdk8s `ApiObject.toJson`: `sortKeys = process.env.CDK8S_DISABLE_SORT ?
 * false : true`), and then it writes keys in the order the object holds them.
 * The generated classes' `toJson_*` functions (src/imports/cilium.io.ts,
 * `toJson_CiliumNetworkPolicySpec`, `toJson_CiliumNetworkPolicySpecEgressToPortsPorts`)
 * always wrote them in alphabetical order; the new renderers write
 * `endpointSelector, enableDefaultDeny, egress`, `matchLabels` before
 * `matchExpressions`, and `port, endPort, protocol`, so the YAML of a user
 * who sets `CDK8S_DISABLE_SORT` changed (the NetworkPolicy blocks' did
 * not). Fixed with this test: the renderers write their keys alphabetically.
 */
function keysOutOfOrder(value: unknown, path = 'spec'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keysOutOfOrder(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  const own = keys.join() === [...keys].sort().join() ? [] : [`${path}: ${keys.join(', ')}`];
  return [...own, ...keys.flatMap(key => keysOutOfOrder((value as any)[key], `${path}.${key}`))];
}

function specsWithoutSorting(chart: Chart): any[] {
  const before = process.env.CDK8S_DISABLE_SORT;
  process.env.CDK8S_DISABLE_SORT = '1';
  try {
    return chart.toJson().filter(o => o.kind === 'CiliumNetworkPolicy').map(o => o.spec);
  } finally {
    if (before === undefined) delete process.env.CDK8S_DISABLE_SORT;
    else process.env.CDK8S_DISABLE_SORT = before;
  }
}

test('with CDK8S_DISABLE_SORT, the Cilium policy keeps the generated classes\' (alphabetical) key order', () => {
  const chart = newChart();
  const egress = new CiliumFqdnEgress(chart, 'Egress', {
    name: 'egress',
    selector: { app: 'openclaw' },
    selectorRequirements: [{ key: 'tier', operator: LabelOperator.EXISTS }],
    enforcement: Enforcement.OBSERVE,
    dnsTargets: [DnsTarget.nodeLocalDns()],
  });
  egress.allowEndpoints([
    EndpointSet.of('api', [Fqdn.exact('api.example.com')], [Port.tcpRange(8000, 8100)]),
    EndpointSet.inClusterPods('llm', 'openclaw', { app: 'vllm' }, [Port.tcp(8000)]),
  ]);
  const specs = specsWithoutSorting(chart);
  // The FQDN policy and the ingress allow that lets OpenClaw into the in-cluster pods (CiliumIngressAllow).
  expect(specs).toHaveLength(2);
  expect(specs.flatMap(spec => keysOutOfOrder(spec))).toEqual([]);
});
