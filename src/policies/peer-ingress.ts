import { describeRequirement, LabelRequirement } from '../net/label-requirement';
import { describeLabels } from '../net/peer';
import { invalid } from '../validation/rules';

type Labels = { [key: string]: string };

/**
 * The pods in a policy's own namespace that a peer selects (`namespaces`
 * undefined means the policy's own namespace), or undefined when it selects
 * none there. A connection needs the destination's ingress to allow it too,
 * and a default deny in the policy's namespace isolates those pods.
 *
 * Fails when the policy has no namespace (it lands wherever it is applied)
 * and the peer names namespaces: then nobody can tell whether the peer is in
 * the policy's namespace.
 */
export function podsInOwnNamespace(
  peerNamespaces: string[] | undefined, labels: Labels, ownNamespace: string | undefined, prop: string, value: string,
): Labels | undefined {
  if (peerNamespaces === undefined) return labels;
  if (ownNamespace === undefined) {
    throw invalid(prop, value,
      `The policies have no namespace, so the library cannot tell whether ${peerNamespaces.join(', ')} is their own namespace,`
      + ' where these pods would need an ingress allow from the OpenClaw pods. Set the namespace prop (or the chart\'s namespace).');
  }
  return peerNamespaces.includes(ownNamespace) ? labels : undefined;
}

/**
 * The ingress allows one construct emits for pods in its own namespace, one
 * policy per pod selector, created on first use. Names are derived from the
 * selector: `<prefix>-<label values>-ingress` (`openclaw-ollama-ingress` for
 * `{app: ollama}`, `<prefix>-all-pods-ingress` for every pod; requirements
 * add their text, `tier in (a,b)` as `tier-in-a-b`), with `-2`,
 * `-3`, … when two selectors give the same text; no prefix, no names (cdk8s
 * generates them).
 */
export class PeerIngressPolicies<T> {
  private readonly bySelector = new Map<string, T>();
  private readonly names = new Set<string>();

  constructor(
    private readonly prefix: string | undefined,
    private readonly create: (labels: Labels, name: string | undefined, index: number, requirements: LabelRequirement[]) => T,
  ) {}

  /** The policy for the pods with these labels (and requirements, validated and sorted), created on first use. */
  public forPods(labels: Labels, requirements: LabelRequirement[] = []): T {
    const key = describeLabels(labels, requirements);
    const existing = this.bySelector.get(key);
    if (existing !== undefined) return existing;
    const policy = this.create(labels, this.nextName(labels, requirements), this.bySelector.size, requirements);
    this.bySelector.set(key, policy);
    return policy;
  }

  /** Every policy, in the order they were created. */
  public get all(): T[] {
    return [...this.bySelector.values()];
  }

  private nextName(labels: Labels, requirements: LabelRequirement[]): string | undefined {
    if (this.prefix === undefined) return undefined;
    const values = [...Object.keys(labels).sort().map(key => labels[key]), ...requirements.map(describeRequirement)];
    const text = values.length === 0 ? 'all-pods'
      : values.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pods';
    for (let n = 1; ; n++) {
      const suffix = `${n === 1 ? '' : `-${n}`}-ingress`;
      const room = 253 - this.prefix.length - 1 - suffix.length;
      if (room < 1) {
        throw invalid('name', this.prefix, `Too long to derive the ingress allows' names ("${this.prefix}-<pods>${suffix}", at most 253 characters); shorten it.`);
      }
      const name = `${this.prefix}-${text.slice(0, room).replace(/-$/, '')}${suffix}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }
}
