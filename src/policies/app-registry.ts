import { IConstruct } from 'constructs';

/**
 * The constructs of one kind in each app (across its charts), so that
 * synth-time checks can look at them without walking the whole tree.
 */
export class AppRegistry<T extends IConstruct> {
  private readonly byApp = new WeakMap<IConstruct, T[]>();

  /** Records `item` in its app. */
  public add(item: T): void {
    const list = this.byApp.get(item.node.root) ?? [];
    list.push(item);
    this.byApp.set(item.node.root, list);
  }

  /** The items recorded in `scope`'s app. */
  public in(scope: IConstruct): T[] {
    return this.byApp.get(scope.node.root) ?? [];
  }
}
