import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runGuards } from '../src/analysis/guards';
import { runCheck } from '../src/cli/check-command';

/**
 * Review of 9f3fffc (alike namespaces): `namespaceOf` in
 * src/analysis/alike-namespaces.ts reads `metadata.name` of a `Namespace`
 * object without an optional chain, so a `Namespace` document without
 * metadata (or with `metadata: null`) makes `runGuards` throw a TypeError.
 * Before 9f3fffc the guards judged such input (the analyzer reads Namespace
 * objects with `m?.metadata?.name`, manifests.ts `namespaceLabelsOf`), and
 * `cdk8s-openclaw check` printed its verdict; now it exits 2 with
 * "Cannot read properties of undefined (reading 'name')", an error that names
 * neither the object nor what is allowed (the standard is `invalid()`).
 */

const RECIPE = path.join(__dirname, 'fixtures', 'recipe.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review5-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test.each([
  ['without metadata', { apiVersion: 'v1', kind: 'Namespace' }],
  ['with metadata: null', { apiVersion: 'v1', kind: 'Namespace', metadata: null }],
])('the guards judge input with a Namespace object %s, as before', (_, namespace) => {
  expect(() => runGuards([namespace])).not.toThrow();
  expect(runGuards([namespace]).findings).toEqual([]);
});

test('check gives its verdict on a recipe beside a Namespace document without metadata, as before', () => {
  const file = path.join(tmp, 'recipe-and-bare-namespace.yaml');
  fs.writeFileSync(file, `${fs.readFileSync(RECIPE, 'utf8')}\n---\napiVersion: v1\nkind: Namespace\n`);
  const result = runCheck([file]);
  expect(result.stderr).not.toMatch(/Cannot read properties/);
  expect(result.exitCode).toBe(runCheck([RECIPE]).exitCode);
});
