import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The repository keeps its own pinned copies of the upstream data it needs:
 * the Cilium CRDs that `npx projen import-crds` reads, and the Kubernetes
 * schemas the schema tests read. A changed or missing file fails here.
 */
const PINNED_FOLDERS = [
  path.resolve(__dirname, '../imports'),
  path.resolve(__dirname, 'fixtures/schemas'),
];

describe.each(PINNED_FOLDERS)('pinned data in %s', folder => {
  const sums = fs.readFileSync(path.join(folder, 'SHA256SUMS'), 'utf8').trim().split('\n')
    .map(line => line.match(/^([0-9a-f]{64}) [ *](.+)$/)!)
    .map(([, sha256, file]) => ({ sha256, file }));

  test('SHA256SUMS lists every data file beside it', () => {
    const dataFiles = fs.readdirSync(folder).filter(f => f !== 'SHA256SUMS' && f !== 'README.md').sort();
    expect(sums.map(s => s.file).sort()).toEqual(dataFiles);
  });

  test.each(sums.map(s => [s.file, s.sha256]))('%s has the pinned checksum', (file, sha256) => {
    const actual = createHash('sha256').update(fs.readFileSync(path.join(folder, file))).digest('hex');
    expect(actual).toBe(sha256);
  });

  test('the README names every pinned file and its origin', () => {
    const readme = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
    for (const { file } of sums) expect(readme).toContain(`\`${file}\``);
    expect(readme).toMatch(/Licence/);
  });
});

test('nothing in the repository reads the data beside the checkout (../shared)', () => {
  const root = path.resolve(__dirname, '..');
  const tracked = ['.projenrc.ts', '.ci/run', 'package.json', ...['src', 'test', 'bench', 'example', 'projenrc', '.ci']
    .flatMap(dir => listFiles(path.join(root, dir)).map(f => path.relative(root, f)))];
  const readers = tracked.filter(f => /\.(ts|js|json|sh|yaml)$|^\.ci\/run$/.test(f) && f !== 'test/pinned-data.test.ts')
    .filter(f => fs.existsSync(path.join(root, f)) && fs.readFileSync(path.join(root, f), 'utf8').includes('../shared'));
  expect(readers).toEqual([]);
});

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    if (entry.name === 'node_modules' || entry.name === '__snapshots__') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
