#!/usr/bin/env node
import { runCatalog } from './catalog-command';
import { runCheck, USAGE } from './check-command';
import { runDiff } from './diff-command';

/** `cdk8s-openclaw check|diff ...` and `cdk8s-openclaw catalog verify ...`: thin wrapper that prints and exits. */
const [command, ...args] = process.argv.slice(2);
const commands: { [name: string]: (args: string[]) => { stdout: string; stderr: string; exitCode: number } } = {
  check: runCheck, diff: runDiff, catalog: runCatalog,
};
if (commands[command] !== undefined) {
  const result = commands[command](args);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
} else {
  process.stderr.write(`${command === undefined || command === '-h' || command === '--help' ? '' : `Unknown command: ${command}\n\n`}${USAGE}\n`);
  process.exitCode = command === '-h' || command === '--help' ? 0 : 2;
}
