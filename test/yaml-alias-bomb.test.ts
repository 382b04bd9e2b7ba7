import { PolicyAnalyzer } from '../src';
import { parseManifests } from '../src/analysis/manifests';

/**
 * Review 4: `parseManifests` (used by `check`, `diff` and
 * `PolicyAnalyzer.fromYaml`) must refuse a document whose aliases expand
 * to far more nodes than the text holds ("billion laughs").
 *
 * - yaml 2, which parsed the manifests before js-yaml, refuses it:
 *   `toJS()` counts alias expansions (`maxAliasCount`, default 100) and
 *   throws "Excessive alias count indicates a resource exhaustion attack".
 * - kubectl refuses it too: go-yaml v2 (sigs.k8s.io/yaml) has refused
 *   "document contains excessive aliasing" since v2.2.4 (the fix for
 *   CVE-2019-11253, kubernetes/kubernetes#83253).
 * - js-yaml builds shared references instead of copies, so `loadAll` itself
 *   is cheap, but `expandLists` then walks every alias again: a 1-line
 *   `List` nesting `*lN` 10 times per level expands to 10^(levels-1)
 *   objects: measured, 100,000 objects from 6 levels (540 bytes of text),
 *   and each further level multiplies time and memory by 10.
 */
function aliasBomb(levels: number): string {
  const lists = ['&l0 {kind: List, items: [{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}]}'];
  for (let i = 1; i < levels; i++) lists.push(`&l${i} {kind: List, items: [${Array(10).fill(`*l${i - 1}`).join(', ')}]}`);
  return `kind: List\nanchors: [${lists.join(', ')}]\nitems: [*l${levels - 1}]\n`;
}

describe('YAML whose aliases expand exponentially is refused, as yaml 2 and kubectl refuse it', () => {
  // 5 levels: 10^4 objects from 443 bytes of text; the new parser returns them all.
  test('parseManifests throws, saying why', () => {
    expect(() => parseManifests(aliasBomb(5))).toThrow(/alias/i);
  });

  test('PolicyAnalyzer.fromYaml throws instead of analysing 10,000 copies', () => {
    expect(() => PolicyAnalyzer.fromYaml(aliasBomb(5))).toThrow(/alias/i);
  });

  test('a few aliases (anchors reused in one manifest) still parse', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: &l {app: x}}\ndata: *l\n';
    expect(parseManifests(text)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'x' } }, data: { app: 'x' } }]);
  });
});
