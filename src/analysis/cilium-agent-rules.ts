/**
 * The checks Cilium's agent runs before it imports a CiliumNetworkPolicy or
 * CiliumClusterwideNetworkPolicy (`Rule.Sanitize()` in cilium/cilium
 * `pkg/policy/api/rule_validation.go`, v1.17). The API server and the CRD
 * schema accept a policy that fails them; the agent then drops the **whole**
 * policy, so it counts as no policy at all.
 *
 * @module
 */

/** One reason the agent refuses a policy. */
export interface AgentRejection {
  /** Where in the manifest, e.g. `spec.egress[2]` or `specs[0].egress[1].toPorts[0]`. */
  readonly path: string;
  /** The agent's own error text, e.g. `combining ToCIDR and ToEntities is not supported yet`. */
  readonly message: string;
  /** The upstream source of the rule, e.g. `pkg/policy/api/rule_validation.go (EgressRule.sanitize)`. */
  readonly upstream: string;
}

const L3_EGRESS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes'];
const L3_INGRESS = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromGroups', 'fromNodes'];

/**
 * Why Cilium's agent would refuse `manifest` (a Cilium policy as plain
 * data); empty when it imports it. Non-Cilium objects give no rejections.
 */
export function ciliumAgentRejections(manifest: any): AgentRejection[] {
  if (manifest?.apiVersion !== 'cilium.io/v2' || !/^Cilium(Clusterwide)?NetworkPolicy$/.test(String(manifest?.kind))) return [];
  const specs: [string, any][] = [
    ...(manifest.spec !== undefined ? [['spec', manifest.spec] as [string, any]] : []),
    ...((Array.isArray(manifest.specs) ? manifest.specs : []) as any[]).map((s, i) => [`specs[${i}]`, s] as [string, any]),
  ];
  return specs.flatMap(([path, spec]) => [
    ...rulesOf(spec, 'egress', L3_EGRESS).map(([p, r]) => combinedSelectors(`${path}.${p}`, r, L3_EGRESS)),
    ...rulesOf(spec, 'ingress', L3_INGRESS).map(([p, r]) => combinedSelectors(`${path}.${p}`, r, L3_INGRESS)),
  ].flat());
}

function rulesOf(spec: any, direction: string, _keys: string[]): [string, any][] {
  return ([] as [string, any][]).concat(
    ...[direction, `${direction}Deny`].map(key => (Array.isArray(spec?.[key]) ? spec[key] : []).map((r: any, i: number) => [`${key}[${i}]`, r] as [string, any])),
  );
}

/** `pkg/policy/api/rule_validation.go`: at most one L3 selector kind per rule. */
function combinedSelectors(path: string, rule: any, keys: string[]): AgentRejection[] {
  const present = keys.filter(key => Array.isArray(rule?.[key]) ? rule[key].length > 0 : rule?.[key] !== undefined);
  if (present.length < 2) return [];
  const goName = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
  return [{
    path,
    message: `combining ${goName(present[0])} and ${goName(present[1])} is not supported yet`,
    upstream: 'pkg/policy/api/rule_validation.go (countL3)',
  }];
}
