/**
 * Makes the `cilium` submodule of the compiled entry point load on first access.
 *
 * jsii declares a submodule with `export * as cilium from './imports/cilium.io'`
 * (https://aws.github.io/jsii/user-guides/lib-author/configuration/targets/submodules),
 * which TypeScript compiles to an eager `exports.cilium = __importStar(require(...))`:
 * every `require('cdk8s-openclaw')` then loads 2.5 MB of generated code. This rewrites
 * that one statement into a getter, as aws-cdk-lib does for its submodules
 * (aws/aws-cdk pull request 23813). jsii reads the TypeScript sources, so the assembly,
 * API.md and the Python and Go bindings keep the submodule; the jsii kernel finds
 * `cdk8s-openclaw.cilium.<Type>` by property access on the entry point, which the
 * getter serves (aws/jsii packages/@jsii/kernel/src/kernel.ts, `Kernel._findSymbol`).
 *
 * The getter has the one shape Node's ESM loader accepts as a named export of a CommonJS
 * module (cjs-module-lexer reads `get: function () { return a.b; }` as safe and drops a
 * name whose getter does anything else, such as calling `require`): it returns a
 * property of a local object whose own getter does the `require`. So `import { cilium }
 * from 'cdk8s-openclaw'` keeps working (an ESM import reads every export, so it loads
 * the module; `require` does not).
 *
 * Usage: ts-node projenrc/lazy-cilium-submodule.ts lib/index.js
 *
 * Fails when the statement is missing (a changed TypeScript emit would otherwise make
 * the submodule eager again unnoticed), and checks the result in fresh processes:
 * requiring the entry point loads no Cilium module, `cilium` still gives its classes,
 * and an ESM `import { cilium }` finds it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

const MODULE = './imports/cilium.io';
const EAGER = `exports.cilium = __importStar(require("${MODULE}"));`;
const LAZY = `const lazyCilium = { get cilium() { return require("${MODULE}"); } };\n`
  + 'Object.defineProperty(exports, "cilium", { enumerable: true, get: function () { return lazyCilium.cilium; } });';

/** The entry point's text with the eager `cilium` export replaced by a getter. */
export function lazyCiliumSubmodule(entryPoint: string): string {
  if (entryPoint.includes(LAZY)) return entryPoint;
  const eager = entryPoint.split('\n').filter(line => line === EAGER).length;
  if (eager !== 1) throw new Error(`expected the line ${JSON.stringify(EAGER)} once in the compiled entry point, found it ${eager} times`);
  return entryPoint.replace(EAGER, LAZY);
}

/** Runs node with `args` in a fresh process; throws `problem` with its error output unless it succeeds. */
function run(args: string[], problem: string): void {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${problem}: ${result.stderr.trim()}`);
}

/** Throws unless the entry point loads the submodule only on access, and ESM still imports it by name. */
function checkLazy(entryPointFile: string): void {
  run(['-e', `
    const entry = require(${JSON.stringify(path.resolve(entryPointFile))});
    const loaded = () => Object.keys(require.cache).some(f => f.includes('cilium.io'));
    if (loaded()) throw new Error('requiring the entry point loaded the Cilium module');
    if (typeof entry.cilium.CiliumNetworkPolicy !== 'function') throw new Error('cilium.CiliumNetworkPolicy is not a class');
    if (!loaded()) throw new Error('cilium gave classes without loading the Cilium module');`],
  'the lazy cilium submodule does not work from CommonJS');
  run(['--input-type=module', '-e', `
    import { cilium } from ${JSON.stringify(pathToFileURL(path.resolve(entryPointFile)).href)};
    if (typeof cilium.CiliumNetworkPolicy !== 'function') throw new Error('cilium.CiliumNetworkPolicy is not a class');`],
  'the lazy cilium submodule cannot be imported by name from an ES module');
}

function main(): void {
  const [entryPointFile] = process.argv.slice(2);
  if (!entryPointFile) throw new Error('usage: lazy-cilium-submodule.ts lib/index.js');
  fs.writeFileSync(entryPointFile, lazyCiliumSubmodule(fs.readFileSync(entryPointFile, 'utf8')));
  checkLazy(entryPointFile);
}

if (require.main === module) main();
