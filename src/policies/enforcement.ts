/** Whether a Cilium policy turns on default deny for the pods it selects. */
export enum Enforcement {
  /**
   * Default deny is on: the pods may reach only what the policy allows.
   */
  ENFORCE = 'ENFORCE',
  /**
   * Rollout mode: the policy is emitted with
   * `enableDefaultDeny: {ingress: false, egress: false}`, so it only adds
   * allows and blocks nothing. Cilium still runs its DNS proxy and reports
   * policy verdicts, so Hubble shows which flows the policy would allow and
   * which it would drop once enforced. Needs Cilium 1.16 or later.
   */
  OBSERVE = 'OBSERVE',
}
