/**
 * A rendering (a spec, an annotation) that is computed again only when what
 * it is rendered from has changed.
 *
 * cdk8s renders every object at least twice per synthesis: the app's guard
 * renders them all (`ApiObject.toJson()`), then each chart renders them again
 * to write them; `PolicyAnalyzer.fromChart` and a second `synth` render them
 * once more. What the library renders is a pure function of value objects,
 * which are immutable, and of the lists and label maps that hold them, which
 * the constructs' `allow*`/`add*` methods (and a JavaScript caller holding a
 * list it passed in) can change at any time. So `inputs` returns those lists
 * (label maps as their entries), and the rendering is reused only while every
 * list has the same elements, each the identical value (`===`), as when it
 * was rendered: a change to any of them renders again.
 *
 * The rendering must not be changed by whoever receives it: cdk8s resolves
 * a `Lazy`'s value into fresh objects and arrays, so one returned from a
 * `Lazy` is never handed to the app itself.
 *
 * @param inputs the lists the rendering reads, in a fixed order
 * @param render renders from them
 */
export function renderedFrom<T>(inputs: () => readonly (readonly unknown[])[], render: () => T): () => T {
  let last: { readonly inputs: readonly (readonly unknown[])[]; readonly value: T } | undefined;
  return () => {
    const now = inputs();
    if (last === undefined || !sameLists(last.inputs, now)) {
      last = { inputs: now.map(list => [...list]), value: render() };
    }
    return last.value;
  };
}

/** The entries of a label map (or none), flat, as one input list: `[key1, value1, key2, value2, ...]`. */
export function labelEntries(labels: { readonly [key: string]: string } | undefined): string[] {
  const entries: string[] = [];
  if (labels !== undefined) for (const key of Object.keys(labels)) entries.push(key, labels[key]);
  return entries;
}

function sameLists(a: readonly (readonly unknown[])[], b: readonly (readonly unknown[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}
