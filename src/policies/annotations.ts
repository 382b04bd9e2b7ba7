import { LabelRequirement } from '../net/label-requirement';
import { describeLabels } from '../net/peer';

/**
 * The annotations every policy carries, so that `kubectl describe` answers
 * "what may these pods reach, and why?" without the source code.
 */
export class PolicyAnnotations {
  /** One sentence: what the policy is for. */
  public static readonly PURPOSE = 'cdk8s-openclaw.io/purpose';
  /** What a NetworkPolicy allows: peers and ports, one rule after another. */
  public static readonly ALLOWS = 'cdk8s-openclaw.io/allows';
  /** How a Cilium policy's DNS rule treats queries. */
  public static readonly DNS = 'cdk8s-openclaw.io/dns';
  /** Whether a Cilium policy enforces default deny or only observes. */
  public static readonly ENFORCEMENT = 'cdk8s-openclaw.io/enforcement';
  /** What the construct that emitted the policy was asked to allow, as compact JSON (read by the validation plugin). */
  public static readonly INTENT = 'cdk8s-openclaw.io/intent';
  /** Prefix of the per-endpoint-set annotations of a Cilium policy: `egress.cdk8s-openclaw.io/<set name>`. */
  public static readonly EGRESS_PREFIX = 'egress.cdk8s-openclaw.io/';

  private constructor() {}
}

/** "pods {app=openclaw}", "pods {app=openclaw, tier in (a,b)}" or "every pod" for a selector. */
export function describePods(selector: { [key: string]: string }, requirements: LabelRequirement[] = []): string {
  return Object.keys(selector).length || requirements.length ? `pods ${describeLabels(selector, requirements)}` : 'every pod';
}

