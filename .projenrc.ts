import { cdk8s, javascript } from 'projen';

/** Where the shared, read-only reference data lives (beside the checkout, also in CI). */
const SCHEMAS = '../shared/schemas';
const CILIUM_CRDS = [
  `${SCHEMAS}/cilium-v1.17.5-ciliumnetworkpolicies.yaml`,
  `${SCHEMAS}/cilium-v1.17.5-ciliumclusterwidenetworkpolicies.yaml`,
];
/** Scratch file for the joined CRDs; git-ignored. */
const CRDS_BUNDLE = 'node_modules/.cache/cilium-crds.yaml';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-openclaw',
  description:
    'Least-privilege network policy for OpenClaw on Kubernetes, as cdk8s constructs: default deny, cluster-DNS-only resolution, public-internet-only egress, gateway ingress from named namespaces, and Cilium FQDN allow-lists.',
  keywords: ['cdk8s', 'kubernetes', 'networkpolicy', 'cilium', 'openclaw', 'security'],
  author: 'cdk8s-openclaw maintainers',
  authorAddress: 'maintainers@users.noreply.b-seed-00847654.example',
  repositoryUrl: 'https://github.com/cdk8s-openclaw/cdk8s-openclaw.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.16',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  devDeps: [
    'cdk8s-plus-28@2.5.6',
    'cdk8s-cli@~2.207.0',
    'ajv@^8.17.0',
    '@fast-check/jest@^2.3.0',
    'fast-check@^4.10.0',
  ],
  // The analyzer and the `check` CLI read YAML at run time; jsii packages bundle such dependencies.
  bundledDeps: ['yaml@^2.8.0'],
  bin: { 'cdk8s-openclaw': 'lib/cli/main.js' },

  // No GitHub workflows or release pipeline: CI is `.ci/run`, and the release
  // tasks need registries this project does not publish from.
  github: false,
  release: false,
  publishToPypi: {
    distName: 'cdk8s-openclaw',
    module: 'cdk8s_openclaw',
  },
  publishToGo: {
    moduleName: 'github.com/cdk8s-openclaw/cdk8s-openclaw-go',
  },

  // Tests: never rewrite snapshots in `test`, type-check tests before jest.
  typecheckTests: true,
  tsconfigDevFile: 'tsconfig.dev.json',
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    junitReporting: true,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      coverageReporters: ['json', 'lcov', 'clover', 'cobertura', 'text-summary'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'example', 'bench', 'projenrc'],
    ignorePatterns: ['src/imports/'],
    // lint src and tests with the dev tsconfig, which includes both
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
  },
  gitignore: ['/.jsii-bindings/', 'cdk8s.out/'],
});

// The dev tsconfig type-checks everything we write, and nothing generated elsewhere (bindings, dist).
project.tsconfigDev.file.addOverride('include', [
  'src/**/*.ts', 'test/**/*.ts', 'example/**/*.ts', 'bench/**/*.ts', '.projenrc.ts', 'projenrc/**/*.ts',
]);
project.npmignore?.exclude('/example/', '/bench/', '/.ci/', '/.jsii-bindings/');

// `package` builds the npm tarball only, so `build` works offline. The Python and Go
// packages need PyPI (setuptools) and a Go toolchain; their bindings are checked
// offline by `bindings:check` instead.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// Imported Cilium CRD types: regenerated only from the pinned CRDs in ../shared/schemas.
project.addTask('import-crds', {
  description: 'Regenerate src/imports/ from the Cilium v1.17.5 CRDs in ../shared/schemas (offline)',
  steps: [
    // `cdk8s import` takes one spec, so both CRDs (each starting with `---`) are joined into one file.
    { exec: `cat ${CILIUM_CRDS.join(' ')} > ${CRDS_BUNDLE}` },
    { exec: `cdk8s import ${CRDS_BUNDLE} --output src/imports --language typescript --no-check-upgrade` },
    { exec: `rm -f ${CRDS_BUNDLE}` },
  ],
});

// The example app, synthesized by the real cdk8s CLI into dist/example.
project.addTask('synth-example', {
  description: 'Synthesize the example cdk8s app (example/main.ts) with `cdk8s synth` into dist/example/',
  cwd: 'example',
  steps: [{ exec: 'cdk8s synth --no-check-upgrade' }],
});

// Offline check of the Python and Go bindings: generate code only, then byte-compile / parse it.
project.addTask('fuzz', {
  description: 'Run the property tests with 20,000 cases per property; prints the case and failure counts',
  env: { FUZZ_RUNS: '20000' },
  steps: [{ exec: 'jest --ci --coverage=false --testTimeout=3600000 test/properties.test.ts' }],
});

project.addTask('bench', {
  description: 'Benchmark synthesis and analysis at 1 to 5,000 tenants against raw ApiObject and cdk8s-plus baselines; prints a table',
  steps: [{ exec: 'ts-node --transpile-only --project tsconfig.dev.json bench/run.ts' }],
});

project.addTask('bindings:check', {
  description: 'Generate the Python and Go bindings offline and check that they compile/parse',
  steps: [
    { exec: 'rm -rf .jsii-bindings' },
    { exec: 'jsii-pacmak --code-only -t python -t go -o .jsii-bindings' },
    { exec: 'python3 -m compileall -q .jsii-bindings/python' },
    // gofmt -e exits non-zero on any syntax error; its list of unformatted files is not a failure.
    { exec: 'gofmt -e -l .jsii-bindings/go > /dev/null' },
  ],
});

project.synth();
