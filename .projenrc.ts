import { cdk8s, javascript } from 'projen';

/** The pinned Cilium CRDs, the input of `cdk8s import` (provenance and checksums in imports/README.md). */
const CILIUM_CRDS = [
  'imports/cilium-v1.17.5-ciliumnetworkpolicies.yaml',
  'imports/cilium-v1.17.5-ciliumclusterwidenetworkpolicies.yaml',
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
    // The TypeScript that `cdk8s init typescript-app` installs: the README's snippets are compiled with it.
    'typescript-cdk8s-init@npm:typescript@~5.9.3',
    // Mutation testing (`npx projen mutate`); 9.6 is the last line that runs on Node 20.
    '@stryker-mutator/core@~9.6.1',
    '@stryker-mutator/jest-runner@~9.6.1',
    // The tests read YAML the way cdk8s writes it.
    'yaml@^2.8.0',
    '@types/js-yaml@^4.0.9',
  ],
  // The analyzer and the `check` CLI read YAML at run time; jsii packages bundle such dependencies.
  // js-yaml parses a 4.6 MB manifest set in 0.2 s of CPU against 1.9 s for yaml 2 (BENCHMARKS.md).
  bundledDeps: ['js-yaml@^4.1.0'],
  bin: { 'cdk8s-openclaw': 'lib/cli/main.js' },

  // GitHub workflows: build on pull requests, release on every push to main
  // (conventional-commit versioning, CHANGELOG, GitHub release, then npm, PyPI
  // and Go), and weekly dependency upgrades. They run on GitHub only; the local
  // build stays offline and `.ci/run` is this repository's CI here.
  github: true,
  githubOptions: { mergify: false },
  workflowNodeVersion: '22.x',
  release: true,
  releaseToNpm: true,
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
  gitignore: ['/.jsii-bindings/', 'cdk8s.out/', '/.stryker-tmp/', '/reports/'],

  // Package size: ship the jsii assembly compressed (`.jsii.gz`, which every jsii
  // tool reads), and no source maps with embedded TypeScript sources (`src/` is not shipped).
  compressAssembly: true,
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
});

// jsii prints an 11-line end-of-life banner on Node 20; the project's own tasks run quietly.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// The API reference: API.md (TypeScript) and docs/API.python.md cover the library's own API,
// ordered and grouped as src/index.ts exports it (OpenClaw constructs first), each with a table
// of contents; the generated `cilium` submodule is documented apart in docs/cilium.md.
// The generated Cilium module (2.5 MB) loads when the `cilium` submodule is first used, not on every require.
project.compileTask.exec('ts-node --transpile-only --project tsconfig.dev.json projenrc/lazy-cilium-submodule.ts lib/index.js');

const docgen = project.tasks.tryFind('docgen')!;
docgen.reset();
docgen.exec('jsii-docgen --output API.md --submodule root');
docgen.exec('jsii-docgen --language python --output docs/API.python.md --submodule root');
docgen.exec('jsii-docgen --output docs/cilium.md --submodule cdk8s-openclaw.cilium');
docgen.exec('ts-node --transpile-only --project tsconfig.dev.json projenrc/api-reference.ts src/index.ts API.md docs/API.python.md');

// The dev tsconfig type-checks everything we write, and nothing generated elsewhere (bindings, dist).
project.tsconfigDev.file.addOverride('include', [
  'src/**/*.ts', 'test/**/*.ts', 'example/**/*.ts', 'bench/**/*.ts', '.projenrc.ts', 'projenrc/**/*.ts',
]);
// The compressed assembly is a build output like `.jsii` (which projen already ignores), and ships with the package.
project.gitignore.exclude('/.jsii.gz');
project.npmignore?.include('/.jsii.gz');
project.npmignore?.exclude('/example/', '/bench/', '/.ci/', '/.jsii-bindings/', '/imports/', '/docs/', '/API.md', '/stryker.config.json');

// `package` builds the npm tarball only, so `build` works offline. The Python and Go
// packages need PyPI (setuptools) and a Go toolchain; their bindings are checked
// offline by `bindings:check` instead.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// Imported Cilium CRD types: regenerated only from the pinned CRDs in imports/.
project.addTask('import-crds', {
  description: 'Regenerate src/imports/ from the pinned Cilium v1.17.5 CRDs in imports/ (offline)',
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

project.addTask('mutate', {
  description: 'Mutation-test the modules listed in stryker.config.json (the guards and Cilium agent rules) with StrykerJS; '
    + '`npx projen mutate --mutate src/x.ts` picks others; prints the score',
  steps: [{ exec: 'stryker run stryker.config.json', receiveArgs: true }],
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
