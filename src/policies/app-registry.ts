import { IConstruct } from 'constructs';

/**
 * The constructs of one kind in each app (across its charts), indexed by
 * namespace, so that synth-time checks look only at those that can matter.
 */
export class AppRegistry<T extends IConstruct> {
  private readonly byApp = new WeakMap<IConstruct, Map<string | undefined, T[]>>();

  /** Records `item`, which lives in `namespace` (undefined: wherever it is applied). */
  public add(item: T, namespace: string | undefined): void {
    const byNamespace = this.byApp.get(item.node.root) ?? new Map<string | undefined, T[]>();
    this.byApp.set(item.node.root, byNamespace);
    const list = byNamespace.get(namespace) ?? [];
    list.push(item);
    byNamespace.set(namespace, list);
  }

  /**
   * The items in `scope`'s app that may share pods with a policy in
   * `namespace`: those in the same namespace and those without one (all of
   * them for a policy without a namespace).
   */
  public near(scope: IConstruct, namespace: string | undefined): T[] {
    const byNamespace = this.byApp.get(scope.node.root);
    if (!byNamespace) return [];
    if (namespace === undefined) return [...byNamespace.values()].flat();
    return [...byNamespace.get(namespace) ?? [], ...(byNamespace.get(undefined) ?? [])];
  }
}
