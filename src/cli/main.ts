#!/usr/bin/env node
import { runCheck, USAGE } from './check-command';
import { runDiff } from './diff-command';

/** `cdk8s-openclaw check|diff ...`: thin wrapper that prints and exits. */
const [command, ...args] = process.argv.slice(2);
if (command === 'check' || command === 'diff') {
  const result = command === 'check' ? runCheck(args) : runDiff(args);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
} else {
  process.stderr.write(`${command === undefined || command === '-h' || command === '--help' ? '' : `Unknown command: ${command}\n\n`}${USAGE}\n`);
  process.exitCode = command === '-h' || command === '--help' ? 0 : 2;
}
