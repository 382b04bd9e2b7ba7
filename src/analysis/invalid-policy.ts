/** A Cilium policy that Cilium's agent refuses to import, so it counts as no policy at all. */
export interface InvalidPolicy {
  /** `CiliumNetworkPolicy` or `CiliumClusterwideNetworkPolicy`. */
  readonly kind: string;
  /** The namespace; undefined for cluster-wide policies. */
  readonly namespace?: string;
  /** The policy's name. */
  readonly name: string;
  /** Where in the manifest, e.g. `spec.egress[2]`. */
  readonly path: string;
  /** The agent's own error text. */
  readonly message: string;
  /** The upstream source of the rule, e.g. `pkg/policy/api/rule_validation.go (EgressRule.sanitize)`. */
  readonly upstream: string;
  /** What to change for this kind of rejection, e.g. `Split the rule so that each has one kind of peer selector.` */
  readonly fix: string;
}
