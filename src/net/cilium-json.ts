/**
 * The parts of a Cilium policy (`cilium.io/v2` CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy) that the library emits, in the CRD's own
 * JSON field names (`toFQDNs`, `toCIDR`, ...), so that the compiler checks
 * the renderers. The policies are plain `ApiObject`s rendered from these
 * shapes: the generated classes (`src/imports/cilium.io.ts`, whose fields are
 * spelt `toFqdNs`, `toCidr`) are not loaded to emit them. Field names and
 * value sets: the pinned CRD schemas in `imports/` (Cilium v1.17.5).
 */

/** A `matchExpressions` entry of an endpoint selector. */
export interface CiliumMatchExpressionJson {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

/** An endpoint selector (`endpointSelector`, `toEndpoints[]`, `fromEndpoints[]`). */
export interface CiliumEndpointSelectorJson {
  readonly matchLabels: { [key: string]: string };
  readonly matchExpressions?: CiliumMatchExpressionJson[];
}

/** An entry of `toPorts[].ports`: the port as a string, as the CRD types it. */
export interface CiliumPortJson {
  readonly port: string;
  readonly endPort?: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP' | 'ANY';
}

/** A DNS name or pattern (`toFQDNs[]`, `rules.dns[]`): exactly one of the two fields. */
export type CiliumFqdnSelectorJson = { readonly matchName: string } | { readonly matchPattern: string };

/** An entry of `toPorts`: the ports, and for the DNS rules the L7 `rules.dns` section. */
export interface CiliumPortRuleJson {
  readonly ports: CiliumPortJson[];
  readonly rules?: { readonly dns: CiliumFqdnSelectorJson[] };
}

/**
 * The one L3 selector of an egress rule. One kind per rule, because Cilium's
 * agent rejects a rule that combines two ("combining ToCIDR and ToEntities is
 * not supported yet": cilium/cilium pkg/policy/api/rule_validation.go,
 * `EgressRule.sanitize`) and then drops the whole policy.
 */
export type CiliumEgressPeerJson =
  | { readonly toEndpoints: CiliumEndpointSelectorJson[] }
  | { readonly toCIDR: string[] }
  | { readonly toEntities: 'host'[] }
  | { readonly toFQDNs: CiliumFqdnSelectorJson[] };

/** An egress rule: one L3 selector and its ports. */
export type CiliumEgressRuleJson = CiliumEgressPeerJson & { readonly toPorts: CiliumPortRuleJson[] };

/** An ingress rule: the pods that may connect, and the ports. */
export interface CiliumIngressRuleJson {
  readonly fromEndpoints: CiliumEndpointSelectorJson[];
  readonly toPorts: CiliumPortRuleJson[];
}

/** The `spec` of the policies the library emits. */
export interface CiliumPolicySpecJson {
  readonly endpointSelector: CiliumEndpointSelectorJson;
  /** Absent, or both directions off: the policy adds allows and never puts its pods in default deny. */
  readonly enableDefaultDeny?: { readonly ingress: false; readonly egress: false };
  readonly egress?: CiliumEgressRuleJson[];
  readonly ingress?: CiliumIngressRuleJson[];
}
