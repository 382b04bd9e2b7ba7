import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import * as library from '../src';
import { AiProvider, Cidr, CiliumVersion, Fqdn, MessagingChannel, OpenClawCiliumEgress, OpenClawNetworkIsolation, Port } from '../src';
import { newChart, synth } from './support/synth';
import { runCheck } from '../src/cli/check-command';
import { runDiff } from '../src/cli/diff-command';

/**
 * Every code block of the README is exercised here, the way a reader would use it:
 * - TypeScript: compiled with the TypeScript that `cdk8s init typescript-app` installs, under
 *   that template's own `tsconfig.json` (strict, noUnusedLocals, noUnusedParameters), then run;
 * - Python: compiled by python3, and every name it takes from `cdk8s_openclaw` (classes,
 *   members, keyword arguments) checked against the jsii assembly the bindings are made from;
 * - Go: a complete file that `gofmt -e` parses, its `openclaw.` names checked against the assembly;
 * - YAML: the documented output is what the constructs synthesize; the plugin config names a real class;
 * - shell: the commands exist and take those flags; text: the error messages and annotations are real.
 * A block that no check claims fails the last test.
 */
const ROOT = path.resolve(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Block {
  readonly language: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const BLOCKS: Block[] = [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(match => ({
  language: match[1],
  code: match[2],
  line: README.slice(0, match.index).split('\n').length,
}));
const claimed = new Set<Block>();
function blocks(predicate: (block: Block) => boolean): Block[] {
  const found = BLOCKS.filter(predicate);
  found.forEach(block => claimed.add(block));
  return found;
}
const where = (block: Block) => `README.md:${block.line}`;

// ---------------------------------------------------------------------------
// TypeScript
// ---------------------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-require-imports */
const ts: typeof import('typescript') = require('typescript-cdk8s-init');
/* eslint-enable @typescript-eslint/no-require-imports */

const TS_BLOCKS = blocks(block => block.language === 'ts');
const LIBRARY_NAMES = Object.keys(library).filter(name => /^[A-Z]/.test(name) || name === 'cilium');
const CDK8S_NAMES = ['ApiObject', 'App', 'Chart', 'Testing'];
const uses = (code: string, name: string) => new RegExp(`(^|[^.\\w])${name}\\b`).test(code);
const declares = (code: string, name: string) => new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(code);

/**
 * A snippet as a reader completes it: a block with imports is a whole file; a fragment
 * gets the imports of the names it uses and, if it uses them, the usual `app` and `chart`.
 */
function asProgram(code: string): string {
  if (/^import /m.test(code)) return code;
  const lines = [
    `import { ${CDK8S_NAMES.filter(name => uses(code, name) || name === 'App' || name === 'Chart').join(', ')} } from 'cdk8s';`,
  ];
  const fromLibrary = LIBRARY_NAMES.filter(name => uses(code, name));
  if (fromLibrary.length) lines.push(`import { ${fromLibrary.join(', ')} } from 'cdk8s-openclaw';`);
  lines.push('const app = new App();');
  if (!declares(code, 'chart')) lines.push("const chart = new Chart(app, 'openclaw', { namespace: 'openclaw' });");
  return [...lines, code, ...(/\bapp\.synth\(\)/.test(code) ? [] : ['app.synth();'])].join('\n');
}

/** `cdk8s init typescript-app`'s tsconfig, from the cdk8s CLI's own template. */
function cdk8sInitOptions(): import('typescript').CompilerOptions {
  const template = path.join(ROOT, 'node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json');
  const { options, errors } = ts.convertCompilerOptionsFromJson(JSON.parse(fs.readFileSync(template, 'utf8')).compilerOptions, ROOT);
  if (errors.length) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
  return {
    ...options,
    noEmit: true,
    // `cdk8s-openclaw` as a user's node_modules has it: the compiled library's declarations.
    baseUrl: ROOT,
    paths: { 'cdk8s-openclaw': ['lib/index.d.ts'] },
  };
}

describe('TypeScript blocks', () => {
  test('there are TypeScript blocks, the quick starts among them', () => {
    expect(TS_BLOCKS.length).toBeGreaterThanOrEqual(4);
  });

  test('each compiles with TypeScript 5.9 under cdk8s init\'s tsconfig (strict, noUnusedLocals, noUnusedParameters)', () => {
    if (!fs.existsSync(path.join(ROOT, 'lib/index.d.ts'))) throw new Error('Compile the library first: npx projen compile');
    const files = new Map(TS_BLOCKS.map(block => [path.join(ROOT, `readme-snippet-${block.line}.ts`), block]));
    const options = cdk8sInitOptions();
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = file => files.has(file) ? asProgram(files.get(file)!.code) : readFile(file);
    host.fileExists = file => files.has(file) || fileExists(file);
    const program = ts.createProgram([...files.keys()], options, host);
    const errors = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file && files.has(d.file.fileName))
      .map(d => `${where(files.get(d.file!.fileName)!)} (snippet line ${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1}):`
        + ` TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  });

  test.each(TS_BLOCKS.map(block => [where(block), block]))('%s runs (and synthesizes, where it calls app.synth())', (_where, block) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-snippet-'));
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 };
      const js = ts.transpileModule(asProgram((block as Block).code), { compilerOptions }).outputText;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const load = (name: string) => name === 'cdk8s-openclaw' ? library : require(name);
      new Function('require', 'exports', 'expect', js)(load, {}, expect);
      const written = fs.readdirSync(outdir).filter(file => file.endsWith('.yaml'));
      expect(written.length > 0).toBe(/\bapp\.synth\(\)/.test(asProgram((block as Block).code)));
    } finally {
      if (previous === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = previous;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------
// Python and Go, against the jsii assembly the bindings are generated from
// ---------------------------------------------------------------------------

/** The jsii assembly (`.jsii`, or the `.jsii.gz` it redirects to). */
function assembly(): any {
  const redirect = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  if (redirect.schema !== 'jsii/file-redirect') return redirect;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return JSON.parse(require('zlib').gunzipSync(fs.readFileSync(path.join(ROOT, redirect.filename))).toString('utf8'));
}

const PACKAGE = 'cdk8s-openclaw';
const camel = (snake: string) => snake.replace(/_$/, '').replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

interface TypeInfo {
  readonly members: Set<string>;
  /** Keyword arguments: the properties of the struct a callable's last parameter takes, by callable (`''` for the initializer). */
  readonly keywords: Map<string, Set<string>>;
}

function typeInfo(): Map<string, TypeInfo> {
  const types = assembly().types as { [fqn: string]: any };
  const structProps = (param: any): Set<string> => {
    const fqn = param?.type?.fqn;
    return new Set(fqn && types[fqn]?.kind === 'interface' ? (types[fqn].properties ?? []).map((p: any) => p.name) : []);
  };
  const lastParam = (callable: any) => callable?.parameters?.[callable.parameters.length - 1];
  const info = new Map<string, TypeInfo>();
  for (const [fqn, type] of Object.entries(types)) {
    if (!fqn.startsWith(`${PACKAGE}.`) || fqn.split('.').length !== 2) continue;
    const members = new Set<string>([...(type.properties ?? []), ...(type.methods ?? []), ...(type.members ?? [])].map((m: any) => m.name));
    const keywords = new Map<string, Set<string>>([['', structProps(lastParam(type.initializer))]]);
    for (const method of type.methods ?? []) keywords.set(method.name, structProps(lastParam(method)));
    info.set(type.name, { members, keywords });
  }
  return info;
}

describe('Python blocks', () => {
  const pythonBlocks = blocks(block => block.language === 'python');

  test.each(pythonBlocks.map(block => [where(block), block]))('%s is valid Python', (_where, block) => {
    const result = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "README.md", "exec")'], { input: (block as Block).code, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(pythonBlocks.map(block => [where(block), block]))('%s uses only names the Python bindings have', (_where, block) => {
    const code = (block as Block).code;
    const types = typeInfo();
    const imported = [...code.matchAll(/from cdk8s_openclaw import (?:\(([^)]*)\)|([^\n]+))/g)]
      .flatMap(m => (m[1] ?? m[2]).split(',').map(n => n.trim()).filter(Boolean));
    const problems = imported.filter(name => !types.has(name)).map(name => `cdk8s_openclaw has no ${name}`);
    for (const name of imported) {
      const type = types.get(name);
      if (!type) continue;
      // Class.member and Class.method(..., keyword=...)
      for (const m of code.matchAll(new RegExp(`\\b${name}\\.(\\w+)(\\(([^()]*(\\([^()]*\\))?)*\\))?`, 'g'))) {
        const member = /^[A-Z0-9_]+$/.test(m[1]) ? m[1] : camel(m[1]);
        if (!type.members.has(member)) problems.push(`${name} has no member ${m[1]}`);
        problems.push(...keywordProblems(`${name}.${m[1]}`, m[2] ?? '', type.keywords.get(member)));
      }
      // Class(scope, id, keyword=...)
      for (const m of code.matchAll(new RegExp(`(^|[^.\\w])${name}\\((([^()]*(\\([^()]*\\))?)*)\\)`, 'g'))) {
        problems.push(...keywordProblems(name, m[2], type.keywords.get('')));
      }
    }
    expect(problems).toEqual([]);
  });
});

function keywordProblems(callee: string, args: string, accepted: Set<string> | undefined): string[] {
  const keywords = [...args.matchAll(/(?:^|[,(\s])(\w+)\s*=(?!=)/g)].map(m => m[1]);
  return keywords.filter(keyword => !accepted?.has(camel(keyword))).map(keyword => `${callee} takes no keyword ${keyword}`);
}

describe('Go blocks', () => {
  const goBlocks = blocks(block => block.language === 'go');
  const gofmt = spawnSync('gofmt', ['-h']).error === undefined;

  test.each(goBlocks.map(block => [where(block), block]))('%s is a complete Go file', (_where, block) => {
    expect((block as Block).code).toMatch(/^package main\n/);
    expect((block as Block).code).toMatch(/\nfunc main\(\) \{/);
  });

  // .ci/run installs gofmt (Debian's golang-go) before the build, so CI always parses the blocks.
  (gofmt ? test.each : test.skip.each)(goBlocks.map(block => [where(block), block]))('%s parses with gofmt -e', (_where, block) => {
    const result = spawnSync('gofmt', ['-e'], { input: (block as Block).code, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(goBlocks.map(block => [where(block), block]))('%s uses only names the Go bindings have', (_where, block) => {
    const code = (block as Block).code;
    const types = typeInfo();
    const problems: string[] = [];
    for (const [, name] of code.matchAll(/\bopenclaw\.(\w+)/g)) {
      const constructor = /^New(\w+)$/.exec(name);
      const member = /^(\w+?)_(\w+)$/.exec(name);
      if (constructor) {
        if (!types.has(constructor[1])) problems.push(`no class ${constructor[1]} for ${name}`);
      } else if (member) {
        const goName = /^[A-Z0-9_]+$/.test(member[2]) ? member[2] : member[2].charAt(0).toLowerCase() + member[2].slice(1);
        if (!types.get(member[1])?.members.has(goName)) problems.push(`${member[1]} has no member ${member[2]}`);
      } else if (!types.has(name)) {
        problems.push(`cdk8sopenclaw has no ${name}`);
      }
    }
    // struct literals: &openclaw.XProps{ Field: ... } (top-level fields only)
    for (const m of code.matchAll(/&openclaw\.(\w+)\{/g)) {
      const body = bracedBody(code, m.index! + m[0].length - 1);
      const fields = [...body.replace(/\{[^{}]*\}/g, '{}').matchAll(/(^|\n)\s*(\w+):/g)].map(f => f[2]);
      const props = typeProps(m[1]);
      problems.push(...fields.filter(f => !props.has(f.charAt(0).toLowerCase() + f.slice(1))).map(f => `${m[1]} has no field ${f}`));
    }
    expect(problems).toEqual([]);
  });
});

function typeProps(name: string): Set<string> {
  const type = assembly().types[`${PACKAGE}.${name}`];
  return new Set((type?.properties ?? []).map((p: any) => p.name));
}

/** The text between the brace at `open` and its match. */
function bracedBody(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    if (code[i] === '}' && --depth === 0) return code.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces at ${open}`);
}

// ---------------------------------------------------------------------------
// YAML, shell, text and diagrams
// ---------------------------------------------------------------------------

describe('YAML blocks', () => {
  /** The synthesized objects of the configuration the README describes before each YAML block. */
  const documented: [RegExp, () => any[]][] = [
    [/kind: NetworkPolicy/, () => {
      const chart = newChart('openclaw');
      new OpenClawNetworkIsolation(chart, 'Isolation');
      return synth(chart);
    }],
    [/kind: CiliumNetworkPolicy/, () => {
      const chart = newChart('openclaw');
      new OpenClawCiliumEgress(chart, 'Egress');
      return synth(chart);
    }],
  ];

  const outputBlocks = blocks(block => block.language === 'yaml' && /^apiVersion:/m.test(block.code));
  test.each(outputBlocks.map(block => [where(block), block]))('%s is what the constructs synthesize (condensed: a subset)', (_where, block) => {
    const [, make] = documented.find(([pattern]) => pattern.test((block as Block).code))!;
    const actual = make();
    const shown = YAML.parseAllDocuments((block as Block).code).map(doc => doc.toJS());
    expect(shown.length).toBeGreaterThan(0);
    for (const object of shown) {
      const match = actual.find(o => o.kind === object.kind && o.metadata?.name === object.metadata?.name);
      expect(match).toBeDefined();
      expect(match).toMatchObject(object);
    }
  });

  test.each(blocks(block => block.language === 'yaml' && /^validations:/m.test(block.code)).map(block => [where(block), block]))(
    '%s names the validation plugin class the package ships', (_where, block) => {
      const [validation] = YAML.parse((block as Block).code).validations;
      const shipped = validation.package.replace('./node_modules/cdk8s-openclaw/lib/', '../src/').replace(/\.js$/, '');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(typeof require(shipped)[validation.class]).toBe('function');
    });
});

describe('shell blocks', () => {
  test('the two README commands are the ones CI runs', () => {
    const [commands] = blocks(block => block.language === 'sh' && block.code.includes('npx projen build'));
    const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(commands.code).toContain('npm ci && npx projen synth-example');
    expect(commands.code).toContain('npm ci && npx projen build');
    expect(ci).toContain('npm ci --no-audit --no-fund && npx projen build');
    expect(ci).toContain('npx projen synth-example');
  });

  test('the check and diff commands take the documented flags', () => {
    const usage = blocks(block => block.language === 'sh' && block.code.includes('cdk8s-openclaw check'));
    const source = ['check-command.ts', 'intent-flags.ts'].map(file => fs.readFileSync(path.join(ROOT, 'src/cli', file), 'utf8')).join('\n');
    const flags = usage.flatMap(block => [...block.code.matchAll(/\s(--[a-z-]+)/g)].map(m => m[1]));
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.filter(flag => !source.includes(`'${flag}'`))).toEqual([]);
    // the flags table too
    const table = [...README.matchAll(/^\| `(--[a-z-]+)/gm)].map(m => m[1]);
    expect(table.length).toBeGreaterThan(5);
    expect(table.filter(flag => !source.includes(`'${flag}'`))).toEqual([]);
  });

  test('the catalog verify command takes the documented flags', () => {
    const [usage] = blocks(block => block.language === 'sh' && block.code.includes('cdk8s-openclaw catalog verify'));
    const source = fs.readFileSync(path.join(ROOT, 'src/cli/catalog-command.ts'), 'utf8');
    const flags = [...usage.code.matchAll(/\s(--[a-z-]+)/g)].map(m => m[1]);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.filter(flag => !source.includes(`'${flag}'`))).toEqual([]);
  });

  test('the console blocks of cdk8s-openclaw show its real output', () => {
    const runs = blocks(block => block.language === 'console' && block.code.startsWith('$ npx cdk8s-openclaw '));
    expect(runs.length).toBe(2);
    for (const block of runs) {
      const [command, ...output] = block.code.trimEnd().split('\n');
      const [name, ...args] = command.replace('$ npx cdk8s-openclaw ', '').split(' ');
      const result = (name === 'check' ? runCheck : runDiff)(args.map(arg => (arg.startsWith('test/') ? path.join(ROOT, arg) : arg)));
      expect(output.join('\n')).toEqual(result.stdout.trimEnd());
    }
  });
});

describe('text blocks', () => {
  test('the error messages shown are the real ones', () => {
    const errorBlocks = blocks(block => block.language === 'text' && block.code.startsWith('Invalid '));
    const js = (props: any) => props;
    const thrown = [
      () => new OpenClawNetworkIsolation(newChart('openclaw'), 'Isolation', js({ egressPorts: [443] })),
      () => new OpenClawNetworkIsolation(newChart('openclaw'), 'Isolation', js({ channels: ['telegram'] })),
      () => Port.tcp(0),
      () => Cidr.parse('10.1.2.3/8'),
      () => new OpenClawCiliumEgress(newChart('openclaw'), 'Egress', { ciliumVersion: CiliumVersion.V1_17, fqdns: [Fqdn.pattern('**.slack.com')] }),
    ].map(make => {
      try {
        make();
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(errorBlocks.length).toBeGreaterThan(0);
    for (const line of errorBlocks.flatMap(block => block.code.trim().split('\n'))) {
      expect(thrown).toContainEqual(expect.stringContaining(line.replace(/ \.\.\.$/, '')));
    }
  });

  test('the annotations shown are the real ones', () => {
    const [describe] = blocks(block => block.language === 'console' && block.code.includes('kubectl -n openclaw describe'));
    const chart = newChart('openclaw');
    new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.MS_TEAMS] });
    const annotations = synth(chart).find(o => o.kind === 'CiliumNetworkPolicy').metadata.annotations;
    const shown = describe.code.split('\n').slice(1).map(line => line.replace(/^Annotations:/, '').trim()).filter(Boolean);
    expect(shown.length).toBe(Object.keys(annotations).length);
    for (const line of shown) {
      const [key, ...value] = line.split(': ');
      expect(annotations[key]).toBe(value.join(': '));
    }
  });

  test('every path in the layout exists', () => {
    const [layout] = blocks(block => block.language === 'text' && block.code.startsWith('.projenrc.ts'));
    const paths = layout.code.split('\n').map(line => /^(\s*)(\S+)/.exec(line)).filter(m => m && m[2].match(/^[.\w-]+(\/[.\w-]*)?$/));
    let parent = '';
    for (const m of paths) {
      const [, indent, name] = m!;
      const full = indent.length ? path.join(parent, name) : name;
      if (!indent.length && name.endsWith('/')) parent = name;
      expect([full, fs.existsSync(path.join(ROOT, full))]).toEqual([full, true]);
    }
  });
});

test('the mermaid graph is checked by readme.test.ts', () => {
  expect(blocks(block => block.language === 'mermaid').length).toBe(1);
});

test('every README code block is exercised by a test here', () => {
  expect(BLOCKS.filter(block => !claimed.has(block)).map(block => `${where(block)} (\`\`\`${block.language})`)).toEqual([]);
});
