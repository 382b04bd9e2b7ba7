import * as fs from 'fs';
import * as path from 'path';
import { exportGroups } from '../projenrc/api-reference';

/**
 * The API references a person reads: API.md (TypeScript) and
 * docs/API.python.md for the library's own API, with a table of contents and
 * the OpenClaw constructs first; the generated `cilium` submodule apart in
 * docs/cilium.md. `npx projen docgen` writes them in the build.
 */
const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const REFERENCES = ['API.md', 'docs/API.python.md'];

test.each(REFERENCES)('%s opens with a table of contents, the OpenClaw constructs first', file => {
  const text = read(file);
  const headings = text.split('\n').filter(line => line.startsWith('## ')).map(line => line.replace(/ <a .*$/, ''));
  expect(headings[0]).toBe('## Contents');
  expect(headings[1]).toBe('## OpenClaw constructs');
  const contents = text.slice(text.indexOf('## Contents'), text.indexOf('## OpenClaw constructs'));
  expect(contents).toContain('[OpenClawNetworkIsolation](#OpenClawNetworkIsolation) (construct)');
  expect(contents.indexOf('OpenClawNetworkIsolation')).toBeLessThan(contents.indexOf('Value objects'));
});

test.each(REFERENCES)('every link inside %s leads to an anchor in it', file => {
  const text = read(file);
  const ids = new Set([...text.matchAll(/ id="([^"]+)"/g)].map(m => m[1]));
  const targets = [...text.matchAll(/(?:href="#|\]\(#)([^")]+)/g)].map(m => m[1]);
  expect(targets.length).toBeGreaterThan(100);
  expect([...new Set(targets)].filter(target => !ids.has(target))).toEqual([]);
});

test('every type src/index.ts exports is in API.md, in the group of its heading', () => {
  const text = read('API.md');
  for (const group of exportGroups(read('src/index.ts'))) {
    const section = text.slice(text.indexOf(`## ${group.heading} <a`));
    for (const name of group.names) expect(section).toContain(`### ${name} <a id="${name}">`);
  }
});

test('API.md covers the library\'s own API and stays small; the Cilium CRD classes are documented apart', () => {
  const api = read('API.md');
  expect(Buffer.byteLength(api)).toBeLessThan(300 * 1024);
  expect(api).not.toContain('CiliumNetworkPolicySpecEgressToPorts');
  expect(read('docs/cilium.md')).toContain('CiliumNetworkPolicySpecEgressToPorts');
  expect(api).toContain('[docs/cilium.md](docs/cilium.md)');
});
