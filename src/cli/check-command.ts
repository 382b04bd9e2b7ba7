import * as fs from 'fs';
import * as path from 'path';
import { applyIntentFlag, IntentFlags, intentOf, INTENT_USAGE } from './intent-flags';
import { hasCiliumPolicies } from '../analysis/checks';
import { EnforcementModel } from '../analysis/enforcement-model';
import { connectivityEdges, ConnectivityEdge, toDot, toMermaid } from '../analysis/graph';
import { OpenClawIntent } from '../analysis/intent';
import { podText } from '../analysis/judge';
import { parseManifests } from '../analysis/manifests';
import { checkOpenClaw, OpenClawCheck } from '../analysis/openclaw-check';

/** Exit codes of `cdk8s-openclaw check`. */
export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: cdk8s-openclaw check <file or dir>... [options]
       cdk8s-openclaw diff <old file or dir> <new file or dir> [options]

check reads Kubernetes manifests (YAML or JSON; directories are searched for
*.yaml, *.yml and *.json), finds the OpenClaw pods, computes their complete
connectivity (every peer class, protocol and port, both directions) and
judges it against the intent. diff prints the connectivity added and removed
between two manifest sets.

Options:
  --cni generic|cilium     enforcement model (default: cilium if Cilium policies are present)
  --format text|json|mermaid|dot   output (default: text; diff: text or json)
  --json                   same as --format json
  -h, --help               this text

${INTENT_USAGE}

Exit codes: 0 no violation, 1 violations found, 2 usage or input error.
(diff: 0 nothing added, 1 connectivity added, 2 usage or input error.)

See also: cdk8s-openclaw catalog verify --help`;

/** What a run prints and returns. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The parsed arguments of `check` and `diff`. */
export interface ParsedArgs {
  paths: string[];
  model?: EnforcementModel;
  intent: IntentFlags;
  format: string;
  help: boolean;
}

/** Runs `check` with the given arguments (without the command name). */
export function runCheck(args: string[]): CommandResult {
  let options: ParsedArgs;
  let manifests: any[];
  try {
    options = parseArgs(args);
    if (options.help) return { exitCode: EXIT_OK, stdout: `${USAGE}\n`, stderr: '' };
    if (options.paths.length === 0) throw new Error('Give at least one file or directory.');
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n\n${USAGE}\n` };
  }
  try {
    manifests = readManifests(options.paths);
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n` };
  }
  const intent = intentFor(options, manifests);
  let check: OpenClawCheck;
  try {
    check = checkOpenClaw(manifests, intent, { model: options.model });
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n` };
  }
  if (check.pods.length === 0) return noPods(check, intent, manifests.length);
  const exitCode = check.violations.length ? EXIT_VIOLATIONS : EXIT_OK;
  const edges = connectivityEdges(check, intent);
  switch (options.format) {
    case 'json': return { exitCode, stdout: `${JSON.stringify(toJson(check, edges), undefined, 2)}\n`, stderr: '' };
    case 'mermaid': return { exitCode, stdout: `${toMermaid(edges)}\n`, stderr: '' };
    case 'dot': return { exitCode, stdout: `${toDot(edges)}\n`, stderr: '' };
    default: return { exitCode, stdout: toText(check, edges), stderr: '' };
  }
}

/** The intent of a run: the flags over the defaults (no public egress by default when a Cilium FQDN allow-list is present). */
export function intentFor(options: ParsedArgs, manifests: any[]): OpenClawIntent {
  const cilium = options.model === EnforcementModel.CILIUM || (options.model === undefined && hasCiliumPolicies(manifests));
  return intentOf(options.intent, cilium && JSON.stringify(manifests).includes('"toFQDNs"'));
}

function noPods(check: OpenClawCheck, intent: OpenClawIntent, objects: number): CommandResult {
  const selector = Object.entries(intent.selector).map(([k, v]) => `${k}=${v}`).join(',');
  const found = check.workloads.map(w => `  ${w.kind} ${w.namespace}/${w.name}: ${Object.entries(w.labels).map(([k, v]) => `${k}=${v}`).join(', ') || '(no labels)'}`);
  const stderr = found.length
    ? `No OpenClaw pods found: no workload's pods are labelled ${selector}. The workloads in the input and their pod labels:\n${found.join('\n')}\nUse --selector.\n`
    : `No OpenClaw pods found: no workload or policy selects pods labelled ${selector} in ${objects} objects. Use --selector.\n`;
  return { exitCode: EXIT_USAGE, stdout: '', stderr };
}

/** Parses the arguments of `check` and `diff`. */
export function parseArgs(args: string[]): ParsedArgs {
  const parsed: ParsedArgs = { paths: [], intent: { fqdns: [], ingressPorts: [] }, format: 'text', help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (applyIntentFlag(parsed.intent, flag, value)) continue;
    switch (flag) {
      case '-h': case '--help': parsed.help = true; break;
      case '--json': parsed.format = 'json'; break;
      case '--format': {
        parsed.format = value();
        if (!['text', 'json', 'mermaid', 'dot'].includes(parsed.format)) throw new Error(`--format ${parsed.format}: use text, json, mermaid or dot.`);
        break;
      }
      case '--cni': {
        const cni = value().toLowerCase();
        if (cni !== 'generic' && cni !== 'cilium') throw new Error(`--cni ${cni}: use generic or cilium.`);
        parsed.model = cni === 'cilium' ? EnforcementModel.CILIUM : EnforcementModel.GENERIC;
        break;
      }
      default:
        if (flag.startsWith('-')) throw new Error(`Unknown option ${flag}.`);
        parsed.paths.push(arg);
    }
  }
  return parsed;
}

/** Reads the manifests of files and directories (searched recursively for .yaml, .yml and .json). */
export function readManifests(paths: string[]): any[] {
  const files: string[] = [];
  const walk = (p: string) => {
    if (!fs.existsSync(p)) throw new Error(`No such file or directory: ${p}`);
    if (fs.statSync(p).isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        const child = path.join(p, entry);
        if (fs.statSync(child).isDirectory() || /\.(ya?ml|json)$/.test(entry)) walk(child);
      }
    } else {
      files.push(p);
    }
  };
  paths.forEach(walk);
  return files.flatMap(file => {
    try {
      return parseManifests(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
  });
}

function toText(check: OpenClawCheck, edges: ConnectivityEdge[]): string {
  const lines: string[] = [];
  const edgesOf = new Map<string, ConnectivityEdge[]>();
  for (const edge of edges) edgesOf.set(edge.pod, [...edgesOf.get(edge.pod) ?? [], edge]);
  for (const pod of check.pods) {
    const workloads = pod.workloads.length ? ` (${pod.workloads.join(', ')})` : '';
    lines.push(`OpenClaw pods ${pod.namespace}/{${Object.entries(pod.labels).map(([k, v]) => `${k}=${v}`).join(', ')}}${workloads}`);
    for (const direction of ['egress', 'ingress'] as const) {
      const mine = (edgesOf.get(podText(pod)) ?? []).filter(e => e.direction === direction);
      lines.push(`  ${direction === 'egress' ? 'egress to' : 'ingress from'}:${mine.length ? '' : ' nothing'}`);
      for (const edge of mine) lines.push(`    ${edge.violation ? '!' : ' '} ${edge.peers}: ${edge.ports}`);
    }
  }
  lines.push('');
  if (check.violations.length) {
    lines.push(`${check.violations.length} violation(s) (! beyond the intent):`);
    lines.push(...check.violations.map(v => `  - [${v.rule}] ${v.message}`));
  } else {
    lines.push('No violations: the connectivity is exactly the intent.');
  }
  if (check.warnings.length) lines.push('Warnings (input the model cannot represent):', ...check.warnings.map(w => `  - ${w}`));
  lines.push(check.coverage);
  return `${lines.join('\n')}\n`;
}

function toJson(check: OpenClawCheck, edges: ConnectivityEdge[]): any {
  return {
    model: check.analysis.model.toLowerCase(),
    namespaces: [...new Set(check.pods.map(p => p.namespace))],
    passed: check.violations.length === 0,
    violations: check.violations,
    differences: check.judgement.differences,
    warnings: check.warnings,
    coverage: check.coverage,
    connectivity: edges,
    flows: check.judgement.intendedFlows.map(f => ({
      rule: f.rule,
      name: f.name,
      from: String(f.flow.from),
      to: String(f.flow.to),
      port: f.flow.port,
      protocol: f.flow.protocol ?? 'TCP',
      expected: 'allowed',
      allowed: f.verdict.allowed,
      reason: f.verdict.reason,
    })),
  };
}
