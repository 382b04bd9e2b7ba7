#!/usr/bin/env node
import { runCatalog } from './catalog-command';
import { runCheck, USAGE } from './check-command';

/** `cdk8s-openclaw check ...` and `cdk8s-openclaw catalog verify ...`: thin wrapper that prints and exits. */
const [command, ...args] = process.argv.slice(2);
if (command === 'check' || command === 'catalog') {
  const result = command === 'check' ? runCheck(args) : runCatalog(args);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
} else {
  process.stderr.write(`${command === undefined || command === '-h' || command === '--help' ? '' : `Unknown command: ${command}\n\n`}${USAGE}\n`);
  process.exitCode = command === '-h' || command === '--help' ? 0 : 2;
}
