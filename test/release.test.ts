import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/**
 * The release pipeline runs on GitHub only (projen's workflows, generated from
 * .projenrc.ts). These tests pin what it does: version from conventional
 * commits, a changelog, and publishing to npm, PyPI and Go.
 */
const root = path.resolve(__dirname, '..');
const workflow = (name: string) => YAML.parse(fs.readFileSync(path.join(root, '.github/workflows', name), 'utf8'));
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const tasks = JSON.parse(fs.readFileSync(path.join(root, '.projen/tasks.json'), 'utf8')).tasks;

const release = workflow('release.yml');
const runs = (job: string): string[] => (release.jobs[job]?.steps ?? []).map((step: any) => String(step.run ?? ''));

test('releases run on every push to main, and by hand', () => {
  expect(release.on.push.branches).toEqual(['main']);
  expect(release.on.workflow_dispatch).toBeDefined();
});

test('the release job versions from conventional commits, writes a changelog, and builds', () => {
  expect(runs('release')).toContain('npx projen release');
  expect(tasks.release.steps.map((step: any) => step.spawn)).toEqual(expect.arrayContaining(['bump', 'build', 'unbump']));
  expect(tasks.bump.env).toEqual(expect.objectContaining({ CHANGELOG: 'dist/changelog.md', BUMP_PACKAGE: expect.stringMatching(/^commit-and-tag-version@/) }));
});

test.each([
  ['npm', 'release_npm', 'npx projen package:js', 'publib-npm'],
  ['PyPI', 'release_pypi', 'npx projen package:python', 'publib-pypi'],
  ['Go', 'release_golang', 'npx projen package:go', 'publib-golang'],
])('it publishes to %s', (_registry, job, packageStep, publish) => {
  expect(release.jobs[job]?.needs).toBe('release');
  expect(runs(job).some(run => run.includes(packageStep))).toBe(true);
  expect(runs(job).some(run => run.includes(publish))).toBe(true);
});

test('the GitHub release waits for all three registries', () => {
  expect(release.jobs.release_github.needs).toEqual(expect.arrayContaining(['release', 'release_npm', 'release_pypi', 'release_golang']));
});

test('the package names are the documented ones', () => {
  expect(packageJson.name).toBe('cdk8s-openclaw');
  expect(packageJson.jsii.targets.python).toEqual({ distName: 'cdk8s-openclaw', module: 'cdk8s_openclaw' });
  expect(packageJson.jsii.targets.go).toEqual({ moduleName: 'github.com/cdk8s-openclaw/cdk8s-openclaw-go' });
});

test('pull requests are built, and dependencies upgraded, by workflows too', () => {
  expect(workflow('build.yml').on.pull_request).toBeDefined();
  expect(fs.existsSync(path.join(root, '.github/workflows/upgrade-main.yml'))).toBe(true);
});
