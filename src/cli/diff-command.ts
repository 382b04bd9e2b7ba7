import { intentFor, CommandResult, EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS, parseArgs, ParsedArgs, readManifests, USAGE } from './check-command';
import { ConnectivityChange, diffConnectivity } from '../analysis/connectivity-diff';
import { checkOpenClaw } from '../analysis/openclaw-check';

/**
 * `cdk8s-openclaw diff <old> <new>`: the connectivity of the OpenClaw pods
 * added and removed between two manifest sets (files or directories), for
 * reviews of a policy change. Exit 1 when something was added.
 */
export function runDiff(args: string[]): CommandResult {
  let options: ParsedArgs;
  let before: any[];
  let after: any[];
  try {
    options = parseArgs(args);
    if (options.help) return { exitCode: EXIT_OK, stdout: `${USAGE}\n`, stderr: '' };
    if (options.paths.length !== 2) throw new Error('Give two files or directories: the old manifests and the new ones.');
    if (!['text', 'json'].includes(options.format)) throw new Error(`--format ${options.format}: diff prints text or json.`);
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n\n${USAGE}\n` };
  }
  try {
    before = readManifests([options.paths[0]]);
    after = readManifests([options.paths[1]]);
    const intent = intentFor(options, after);
    const both = [...before, ...after];
    const old = checkOpenClaw(before, intent, { model: options.model, partitionOver: both });
    const current = checkOpenClaw(after, intent, { model: options.model, partitionOver: both });
    if (old.pods.length + current.pods.length === 0) throw new Error('No OpenClaw pods found in either version. Use --selector.');
    const diff = diffConnectivity(old.connectivity, current.connectivity, current.analysis);
    const exitCode = diff.added.length ? EXIT_VIOLATIONS : EXIT_OK;
    if (options.format === 'json') {
      return { exitCode, stdout: `${JSON.stringify({ ...diff, coverage: current.coverage }, undefined, 2)}\n`, stderr: '' };
    }
    const line = (sign: string, c: ConnectivityChange) =>
      `${sign} ${c.direction === 'egress' ? `${c.pod} -> ${c.peers}` : `${c.peers} -> ${c.pod}`}: ${c.ports}`;
    const lines = [
      ...diff.added.map(c => line('+', c)),
      ...diff.removed.map(c => line('-', c)),
      `${diff.added.length} added, ${diff.removed.length} removed (${current.coverage})`,
    ];
    return { exitCode, stdout: `${lines.join('\n')}\n`, stderr: '' };
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n` };
  }
}
