import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandResult, EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS } from './check-command';
import { DriftReport, driftReport } from '../catalog/drift/drift-report';
import { packageNames } from '../catalog/drift/openclaw-packages';
import { readPackageFolder } from '../catalog/drift/package-folder';

export const CATALOG_USAGE = `Usage: cdk8s-openclaw catalog verify [--packages DIR]

Scans OpenClaw's published npm packages for the hosts and ports their code
names (URL literals such as "https://api.telegram.org" and "wss://…", and
bare host constants in known client libraries) and compares them with the
catalog and its exclusion list.

Options:
  --packages DIR   read the .tgz packages in DIR (offline); without it, the
                   newest releases are fetched with "npm pack" into a
                   temporary folder
  -h, --help       this text

It cannot see hosts that exist only at run time (configured base URLs, hosts
an API hands out, URLs assembled from pieces).

Exit codes: 0 every host accounted for, 1 drift found, 2 usage or input error.`;

/** Runs `catalog` with the given arguments (without the command name). */
export function runCatalog(args: string[]): CommandResult {
  const [sub, ...rest] = args;
  if (sub === '-h' || sub === '--help') return { exitCode: EXIT_OK, stdout: `${CATALOG_USAGE}\n`, stderr: '' };
  if (sub !== 'verify') return usageError(sub === undefined ? 'Missing subcommand.' : `Unknown subcommand: ${sub}`);
  let folder: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '-h' || rest[i] === '--help') return { exitCode: EXIT_OK, stdout: `${CATALOG_USAGE}\n`, stderr: '' };
    if (rest[i] !== '--packages' || rest[i + 1] === undefined) return usageError(`Unknown or incomplete option: ${rest[i]}`);
    folder = rest[++i];
  }
  const started = Date.now();
  let report: DriftReport;
  try {
    report = driftReport(readPackageFolder(folder ?? packNewest()));
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n` };
  }
  const drift = report.unaccounted.length + report.portMismatches.length + report.missing.length > 0;
  return { exitCode: drift ? EXIT_VIOLATIONS : EXIT_OK, stdout: formatReport(report, Date.now() - started), stderr: '' };
}

/** The report as text: the figures, then every finding. */
export function formatReport(report: DriftReport, millis: number): string {
  const lines = [
    `Scanned ${report.packages.length} packages, ${report.filesScanned} files in ${(millis / 1000).toFixed(1)} s: `
      + `${report.hostsFound} hosts, ${report.inCatalog} in the catalog, ${report.excluded} excluded.`,
  ];
  for (const found of report.unaccounted) {
    lines.push(`NOT ACCOUNTED FOR: ${found.host} (TCP ${found.ports.join(', ')}) in ${found.belongsTo}, `
      + `first seen in ${found.firstSeenIn}. Add it to the catalog or to src/catalog/exclusions.ts with a reason.`);
  }
  for (const mismatch of report.portMismatches) {
    lines.push(`PORT NOT ALLOWED: ${mismatch.host} on TCP ${mismatch.port} (${mismatch.entry} does not allow it), first seen in ${mismatch.firstSeenIn}.`);
  }
  for (const gone of report.missing) {
    lines.push(`NO LONGER IN THE CODE: ${gone.host} (${gone.entry}). Remove it from the catalog, or list where it comes from at run time.`);
  }
  if (report.unusedExclusions.length) {
    const sample = report.unusedExclusions.slice(0, 5).join(', ');
    lines.push(`${report.unusedExclusions.length} exclusions are named by no scanned code (${sample}${report.unusedExclusions.length > 5 ? ', …' : ''}); on a full scan, remove them.`);
  }
  lines.push(report.unaccounted.length + report.portMismatches.length + report.missing.length === 0
    ? 'Every host is accounted for.' : 'Drift found.');
  return `${lines.join('\n')}\n`;
}

/** `npm pack`s the newest releases of OpenClaw's packages into a temporary folder (the only networked path). */
function packNewest(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-packages-'));
  const npm = spawnSync('npm', ['pack', '--silent', '--pack-destination', folder, ...packageNames()], { encoding: 'utf8' });
  if (npm.status !== 0) throw new Error(`npm pack failed: ${npm.stderr || npm.error?.message}`);
  return folder;
}

function usageError(message: string): CommandResult {
  return { exitCode: EXIT_USAGE, stdout: '', stderr: `${message}\n\n${CATALOG_USAGE}\n` };
}
