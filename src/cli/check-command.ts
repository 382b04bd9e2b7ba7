import * as fs from 'fs';
import * as path from 'path';
import { PolicyAnalyzer } from '../analysis/analyzer';
import { auditOpenClaw, AuditResult, defaultModel } from '../analysis/audit';
import { EnforcementModel } from '../analysis/enforcement-model';
import { toDot, toMermaid } from '../analysis/graph';
import { parseManifests } from '../analysis/manifests';
import { Reachability } from '../analysis/reachability';

/** Exit codes of `cdk8s-openclaw check`. */
export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: cdk8s-openclaw check <file or dir>... [options]

Reads Kubernetes manifests (YAML or JSON; directories are searched for
*.yaml, *.yml and *.json), finds the OpenClaw pods and checks the standard
OpenClaw flows against least privilege.

Options:
  --cni generic|cilium     enforcement model (default: cilium if Cilium policies are present)
  --selector k=v[,k=v]     labels of the OpenClaw pods (default: app=openclaw)
  --gateway-port N         the gateway port (default: 18789)
  --ingress-namespaces a,b namespaces that must reach the gateway (default: ingress-nginx,monitoring)
  --require-host h[,h]     hosts OpenClaw must reach on 443 (default: api.anthropic.com)
  --format text|json|mermaid|dot   output (default: text)
  --json                   same as --format json
  -h, --help               this text

Exit codes: 0 no violation, 1 violations found, 2 usage or input error.

See also: cdk8s-openclaw catalog verify --help`;

/** What a run prints and returns. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `check` with the given arguments (without the command name). */
export function runCheck(args: string[]): CommandResult {
  let options: ParsedArgs;
  try {
    options = parseArgs(args);
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n\n${USAGE}\n` };
  }
  if (options.help) return { exitCode: EXIT_OK, stdout: `${USAGE}\n`, stderr: '' };
  let manifests: any[];
  try {
    manifests = readManifests(options.paths);
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n` };
  }
  const model = options.model ?? defaultModel(manifests);
  let result: AuditResult;
  try {
    result = auditOpenClaw(manifests, {
      model,
      selector: options.selector,
      gatewayPort: options.gatewayPort,
      ingressNamespaces: options.ingressNamespaces,
      requiredHosts: options.requiredHosts,
    });
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n` };
  }
  if (result.namespaces.length === 0) {
    const selector = Object.entries(options.selector).map(([k, v]) => `${k}=${v}`).join(',');
    return {
      exitCode: EXIT_USAGE,
      stdout: '',
      stderr: `No OpenClaw pods found: no workload or policy selects pods labelled ${selector} in ${manifests.length} objects. Use --selector.\n`,
    };
  }
  const exitCode = result.violations.length ? EXIT_VIOLATIONS : EXIT_OK;
  switch (options.format) {
    case 'json': return { exitCode, stdout: `${JSON.stringify(toJson(result, model), undefined, 2)}\n`, stderr: '' };
    case 'mermaid': return { exitCode, stdout: `${toMermaid(result.flows, result.namespaces)}\n`, stderr: '' };
    case 'dot': return { exitCode, stdout: `${toDot(result.flows, result.namespaces)}\n`, stderr: '' };
    default: return { exitCode, stdout: toText(result, model, manifests), stderr: '' };
  }
}

interface ParsedArgs {
  paths: string[];
  model?: EnforcementModel;
  selector: { [key: string]: string };
  gatewayPort: number;
  ingressNamespaces: string[];
  requiredHosts: string[];
  format: string;
  help: boolean;
}

function parseArgs(args: string[]): ParsedArgs {
  const parsed: ParsedArgs = {
    paths: [],
    selector: { app: 'openclaw' },
    gatewayPort: 18789,
    ingressNamespaces: ['ingress-nginx', 'monitoring'],
    requiredHosts: ['api.anthropic.com'],
    format: 'text',
    help: false,
  };
  const list = (text: string) => text.split(',').map(s => s.trim()).filter(s => s);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value.`);
      return v;
    };
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
      case '--selector': {
        const selector: { [key: string]: string } = {};
        for (const pair of list(value())) {
          const [key, val] = pair.split('=');
          if (!key || val === undefined || !/^[-A-Za-z0-9_./]+$/.test(key) || !/^[-A-Za-z0-9_.]*$/.test(val)) {
            throw new Error(`--selector ${pair}: use key=value label pairs separated by commas.`);
          }
          selector[key] = val;
        }
        parsed.selector = selector;
        break;
      }
      case '--gateway-port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--gateway-port: give a port from 1 to 65535.');
        parsed.gatewayPort = port;
        break;
      }
      case '--ingress-namespaces': parsed.ingressNamespaces = list(value()); break;
      case '--require-host': parsed.requiredHosts = list(value()); break;
      default:
        if (flag.startsWith('-')) throw new Error(`Unknown option ${flag}.`);
        parsed.paths.push(arg);
    }
  }
  if (!parsed.help && parsed.paths.length === 0) throw new Error('Give at least one file or directory.');
  return parsed;
}

function readManifests(paths: string[]): any[] {
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

function toText(result: AuditResult, model: EnforcementModel, manifests: any[]): string {
  const table = new Reachability(PolicyAnalyzer.fromManifests(manifests, { model }));
  for (const f of result.flows) if (f.expectAllowed !== undefined) table.expect(f.flow, f.expectAllowed);
  const rules = [...new Set(result.violations.map(v => v.rule))];
  const staticViolations = result.violations.filter(v => !result.flows.some(f => f.rule === v.rule));
  const lines = [
    `OpenClaw pods in: ${result.namespaces.join(', ')}   (model: ${model.toLowerCase()}; . allowed, X denied, ! not least-privilege)`,
    '',
    table.matrix(),
    '',
    result.violations.length
      ? `${result.violations.length} violation(s) of: ${rules.join(', ')}`
      : 'No violations: the standard OpenClaw flows are least-privilege.',
    ...staticViolations.map(v => `  - [${v.rule}] ${v.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

function toJson(result: AuditResult, model: EnforcementModel): any {
  return {
    model: model.toLowerCase(),
    namespaces: result.namespaces,
    passed: result.violations.length === 0,
    violations: result.violations,
    flows: result.flows.map(f => ({
      rule: f.rule,
      name: f.name,
      from: String(f.flow.from),
      to: String(f.flow.to),
      port: f.flow.port,
      protocol: f.flow.protocol ?? 'TCP',
      expected: f.expectAllowed === undefined ? null : f.expectAllowed ? 'allowed' : 'denied',
      allowed: f.verdict.allowed,
      reason: f.verdict.reason,
    })),
  };
}
