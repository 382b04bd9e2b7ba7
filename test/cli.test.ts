import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parse } from 'yaml';
import { OpenClawCiliumEgress, OpenClawNetworkIsolation } from '../src';
import { newChart, synth, synthYaml } from './support/synth';
import { CommandResult, runCheck, USAGE } from '../src/cli/check-command';
import { runDiff } from '../src/cli/diff-command';

/**
 * `cdk8s-openclaw check`: mostly through `runCheck` (the real logic, in
 * process), plus the compiled bin entry and the cdk8s-cli validation plugin
 * run as real processes.
 */

const REPO = path.resolve(__dirname, '..');
const MAIN_JS = path.join(REPO, 'lib', 'cli', 'main.js');
const PLUGIN_JS = path.join(REPO, 'lib', 'cli', 'validation-plugin.js');
const RECIPE = path.join(__dirname, 'fixtures', 'recipe.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cli-'));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes a file under the temporary directory (creating folders) and returns its path. */
function write(relative: string, text: string): string {
  const file = path.join(tmp, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The parsed `--json` output. */
function json(result: CommandResult): any {
  return JSON.parse(result.stdout);
}

/** The rule ids of the violations of a `--json` run. */
function rules(result: CommandResult): string[] {
  return json(result).violations.map((v: any) => v.rule);
}

/** The message of the (first) violation of `rule` in a `--json` run. */
function messagesOf(result: CommandResult, rule: string): string[] {
  return json(result).violations.filter((v: any) => v.rule === rule).map((v: any) => v.message);
}

/** Runs the compiled bin entry as a real process. */
function runMain(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [MAIN_JS, ...args], { cwd: REPO, encoding: 'utf8' });
}

// The library's own output, synthesized in process and written as YAML.
const defaultChart = newChart();
new OpenClawNetworkIsolation(defaultChart, 'Isolation');
const LIBRARY_DEFAULT = path.dirname(write('library-default/openclaw.k8s.yaml', synthYaml(defaultChart)));

const ciliumChart = newChart();
new OpenClawNetworkIsolation(ciliumChart, 'Isolation', { internetEgress: false });
new OpenClawCiliumEgress(ciliumChart, 'Egress');
const LIBRARY_CILIUM = path.dirname(write('library-cilium/openclaw.k8s.yaml', synthYaml(ciliumChart)));

const portChart = newChart();
new OpenClawNetworkIsolation(portChart, 'Isolation', { gatewayPort: 8080, ingressNamespaces: ['traefik'] });
const LIBRARY_PORT_8080 = write('library-8080.yaml', synthYaml(portChart));

beforeAll(() => {
  if (!fs.existsSync(MAIN_JS)) {
    throw new Error(`${MAIN_JS} is missing: run \`npx projen compile\` before these tests.`);
  }
});

describe('the recipe (test/fixtures/recipe.yaml) and its four defects', () => {
  const cilium = runCheck([RECIPE, '--cni', 'cilium', '--json']);
  const generic = runCheck([RECIPE, '--cni', 'generic', '--json']);

  test('with --cni cilium, it exits 1 and flags all four defects by rule id', () => {
    expect(cilium.exitCode).toBe(1);
    expect(cilium.stderr).toBe('');
    const found = rules(cilium);
    // 1: DNS to any pod
    expect(found).toContain('dns-only-to-cluster-dns');
    // 2: 443 reaches the metadata endpoint. (On Cilium, ipBlocks never match pods and ClusterIPs are
    // translated to pods before policy, so in-cluster services are only reached under the generic model.)
    expect(found).toContain('no-metadata-endpoint');
    // ...and, beyond what the sampled audit saw, the private ranges outside the cluster's pods
    expect(found).toContain('no-in-cluster-egress');
    // 3: toFQDNs without a DNS-proxy rule
    expect(found).toContain('fqdn-dns-proxy');
    // 4: the NetworkPolicy's 443-to-anywhere voids the FQDN allow-list
    expect(found).toContain('public-egress-beyond-intent');
    expect(found).toContain('fqdn-allow-list-voided');
    expect(json(cilium).passed).toBe(false);
    expect(json(cilium).model).toBe('cilium');
  });

  test('the messages name the deciding policies', () => {
    expect(messagesOf(cilium, 'dns-only-to-cluster-dns').join('\n')).toContain('NetworkPolicy openclaw/allow-dns');
    for (const rule of ['no-metadata-endpoint', 'public-egress-beyond-intent']) {
      const messages = messagesOf(cilium, rule);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message).toContain('NetworkPolicy openclaw/allow-egress');
    }
    expect(messagesOf(cilium, 'no-metadata-endpoint').join('\n')).toContain('169.254.169.254');
    expect(messagesOf(generic, 'no-in-cluster-egress').join('\n')).toContain('10.0.0.0/8');
    expect(messagesOf(generic, 'no-in-cluster-egress').join('\n')).toContain('NetworkPolicy openclaw/allow-egress');
    const proxy = messagesOf(cilium, 'fqdn-dns-proxy');
    expect(proxy).toHaveLength(1);
    expect(proxy[0]).toContain('CiliumNetworkPolicy openclaw/openclaw-fqdn');
    expect(proxy[0]).toContain('rules.dns');
    expect(messagesOf(cilium, 'public-egress-beyond-intent').join('\n')).toContain('none: the FQDN allow-list owns internet egress');
  });

  test('the Cilium model is the default when Cilium policies are present', () => {
    const result = runCheck([RECIPE, '--json']);
    expect(result.exitCode).toBe(1);
    expect(json(result).model).toBe('cilium');
    expect(rules(result).sort()).toEqual(rules(cilium).sort());
  });

  test('with --cni generic, defects 1-3 are judged; public egress on 443 and 5222 is the default intent there', () => {
    expect(generic.exitCode).toBe(1);
    expect(json(generic).model).toBe('generic');
    const found = rules(generic);
    expect(found).not.toContain('public-egress-beyond-intent');
    for (const rule of ['dns-only-to-cluster-dns', 'no-in-cluster-egress', 'no-metadata-endpoint', 'fqdn-dns-proxy']) {
      expect(found).toContain(rule);
    }
  });

  test('text output: the pods, their computed connectivity (! beyond the intent), the violations and the coverage', () => {
    const result = runCheck([RECIPE, '--cni', 'cilium']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('OpenClaw pods openclaw/{app=openclaw} (Deployment openclaw/openclaw)');
    expect(result.stdout).toMatch(/^ {4}! any pod in default, .*: TCP\/53, UDP\/53$/m);
    expect(result.stdout).toMatch(/^ {6}pods kube-system\/\{k8s-app=kube-dns\}: TCP\/53, UDP\/53$/m);
    expect(result.stdout).toMatch(/^ {6}any pod in ingress-nginx, monitoring: TCP\/18789$/m);
    expect(result.stdout).toMatch(/^\d+ violation\(s\) \(! beyond the intent\):$/m);
    expect(result.stdout).toMatch(/^ {2}- \[dns-only-to-cluster-dns\] .*Allowed by NetworkPolicy openclaw\/allow-dns egress\[0\]\. Fix: /m);
    // the guards' findings are listed with their messages
    expect(result.stdout).toContain('  - [fqdn-dns-proxy] CiliumNetworkPolicy openclaw/openclaw-fqdn');
    expect(result.stdout).toMatch(/^exhaustive: \d+ peer classes × \(\d+ port intervals × TCP, UDP, SCTP \+ \d+ type intervals? × ICMP, ICMPv6\), both directions, 1 OpenClaw pod \(model: cilium\)$/m);
  });

  test('mermaid and dot draw the recipe\'s allowed flows, the metadata endpoint included', () => {
    const mermaid = runCheck([RECIPE, '--format', 'mermaid']);
    expect(mermaid.exitCode).toBe(1);
    expect(mermaid.stdout).toContain('169.254.169.254/32 (cloud metadata)');
    const dot = runCheck([RECIPE, '--format', 'dot']);
    expect(dot.exitCode).toBe(1);
    expect(dot.stdout).toContain('-> "169.254.169.254/32 (cloud metadata)" [label="TCP/443, TCP/5222", color=red, fontcolor=red];');
  });
});

describe('the library\'s own output passes', () => {
  test('OpenClawNetworkIsolation defaults: exit 0, no violations', () => {
    const result = runCheck([LIBRARY_DEFAULT]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No violations');
    expect(result.stdout).toContain('OpenClaw pods openclaw/{app=openclaw}');
    expect(result.stdout).toContain('model: generic');
    expect(result.stdout).toMatch(/^ {6}pods kube-system\/\{k8s-app=kube-dns\}: TCP\/53, UDP\/53$/m);
    expect(result.stdout).not.toMatch(/^ {4}!/m);
  });

  test('internetEgress: false + OpenClawCiliumEgress: exit 0, with and without --cni cilium', () => {
    for (const args of [[LIBRARY_CILIUM], [LIBRARY_CILIUM, '--cni', 'cilium']]) {
      const result = runCheck(args);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('No violations');
      expect(result.stdout).toContain('model: cilium');
    }
  });

  test('in the Cilium output, the FQDN allow-list is judged and holds: the listed names, and no public address', () => {
    const result = runCheck([LIBRARY_CILIUM, '--cni', 'cilium', '--json']);
    expect(json(result).passed).toBe(true);
    const egress = json(result).connectivity.filter((e: any) => e.direction === 'egress');
    expect(egress.map((e: any) => e.peers)).toEqual([
      'pods kube-system/{k8s-app=kube-dns}',
      'api.anthropic.com, api.openai.com, api.telegram.org, cdn.discordapp.com, discord.com, gateway.discord.gg, media.discordapp.net, x.discord.gg (*.discord.gg)',
    ]);
    for (const edge of egress) expect(edge.violation).toBe(false);
  });

  test('the JSON output: model, namespaces, passed, violations and flows with every field', () => {
    const result = runCheck([LIBRARY_DEFAULT, '--json']);
    expect(result.exitCode).toBe(0);
    const out = json(result);
    expect(out).toMatchObject({ model: 'generic', namespaces: ['openclaw'], passed: true, violations: [] });
    expect(out.flows.length).toBeGreaterThan(10);
    for (const flow of out.flows) {
      expect(Object.keys(flow).sort()).toEqual(['allowed', 'expected', 'from', 'name', 'port', 'protocol', 'reason', 'rule', 'to']);
      expect(typeof flow.rule).toBe('string');
      expect(typeof flow.name).toBe('string');
      expect(typeof flow.from).toBe('string');
      expect(typeof flow.to).toBe('string');
      expect(typeof flow.port).toBe('number');
      expect(['TCP', 'UDP']).toContain(flow.protocol);
      expect([null, 'allowed', 'denied']).toContain(flow.expected);
      expect(typeof flow.allowed).toBe('boolean');
      expect(typeof flow.reason).toBe('string');
    }
    expect(out.flows).toContainEqual(expect.objectContaining({
      rule: 'dns-reachable',
      from: 'openclaw/{app=openclaw}',
      to: 'kube-system/{k8s-app=kube-dns}',
      port: 53,
      protocol: 'UDP',
      expected: 'allowed',
      allowed: true,
    }));
    expect(out.coverage).toMatch(/^exhaustive: /);
    expect(out.connectivity).toContainEqual({
      pod: 'openclaw/{app=openclaw}', direction: 'ingress', peers: 'any pod in ingress-nginx, monitoring', ports: 'TCP/18789', violation: false,
    });
    expect(out.flows).toContainEqual(expect.objectContaining({
      rule: 'gateway-reachable', from: 'ingress-nginx/{}', to: 'openclaw/{app=openclaw}', port: 18789, expected: 'allowed', allowed: true,
    }));
  });

  test('--format mermaid: a flowchart with the DNS edge; denied flows are not drawn', () => {
    const result = runCheck([LIBRARY_DEFAULT, '--format', 'mermaid']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('flowchart LR\n')).toBe(true);
    const dns = /^ {2}(n\d+)\["pods kube-system\/\{k8s-app=kube-dns\}"\]$/m.exec(result.stdout);
    const openclaw = /^ {2}(n\d+)\["openclaw\/\{app=openclaw\}"\]$/m.exec(result.stdout);
    expect(dns).not.toBeNull();
    expect(openclaw).not.toBeNull();
    expect(result.stdout).toContain(`  ${openclaw![1]} -->|TCP/53, UDP/53| ${dns![1]}`);
    expect(result.stdout).toMatch(new RegExp(`-->\\|TCP/18789\\| ${openclaw![1]}$`, 'm'));
    expect(result.stdout).not.toContain('169.254.169.254');
    expect(result.stdout).not.toContain('10.96.0.10');
    expect(result.stdout).not.toContain('default/{}');
    expect(result.stdout).not.toContain('not-dns');
  });

  test('--format dot: a digraph with labelled edges; denied flows are not drawn', () => {
    const result = runCheck([LIBRARY_DEFAULT, '--format', 'dot']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('digraph')).toBe(true);
    expect(result.stdout.trimEnd().endsWith('}')).toBe(true);
    expect(result.stdout).toContain('"openclaw/{app=openclaw}" -> "pods kube-system/{k8s-app=kube-dns}" [label="TCP/53, UDP/53"];');
    expect(result.stdout).toContain('"any pod in ingress-nginx, monitoring" -> "openclaw/{app=openclaw}" [label="TCP/18789"];');
    expect(result.stdout).not.toContain('169.254.169.254');
    expect(result.stdout).not.toContain('10.96.0.10');
  });
});

describe('options', () => {
  const BOT_DIR = path.dirname(write('bot/bot.yaml', [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: bot, namespace: bots }',
    'spec:',
    '  selector: { matchLabels: { app: bot } }',
    '  template:',
    '    metadata: { labels: { app: bot } }',
    '    spec: { containers: [{ name: bot, image: example/bot:1 }] }',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: { name: default-deny, namespace: bots }',
    'spec: { podSelector: {}, policyTypes: [Ingress, Egress] }',
    '',
  ].join('\n')));

  test('--selector app=bot finds the pods labelled app=bot', () => {
    const result = runCheck([BOT_DIR, '--selector', 'app=bot', '--json']);
    const out = json(result);
    expect(out.namespaces).toEqual(['bots']);
    for (const flow of out.flows.filter((f: any) => f.rule === 'dns-reachable')) expect(flow.from).toBe('bots/{app=bot}');
    // the default deny allows nothing: DNS, providers and the gateway are cut off
    expect(result.exitCode).toBe(1);
    expect(rules(result)).toEqual(expect.arrayContaining(['dns-reachable', 'provider-reachable', 'gateway-reachable']));
    expect(messagesOf(result, 'dns-reachable').join('\n')).toContain('NetworkPolicy bots/default-deny');
    // several labels, and the inline form
    const inline = runCheck([BOT_DIR, '--selector=app=bot', '--json']);
    expect(json(inline).namespaces).toEqual(['bots']);
  });

  test('without --selector, a workload labelled app=bot alone is not an OpenClaw pod', () => {
    const deploymentOnly = write('bot-only/bot.yaml', fs.readFileSync(path.join(BOT_DIR, 'bot.yaml'), 'utf8').split(/^---$/m)[0]);
    const result = runCheck([deploymentOnly]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No OpenClaw pods found');
    expect(result.stderr).toContain('labelled app=openclaw');
    expect(result.stderr).toContain('Use --selector');
    expect(runCheck([deploymentOnly, '--selector', 'app=bot']).exitCode).toBe(1);
  });

  test('--selector with a bad pair is a usage error', () => {
    const result = runCheck([BOT_DIR, '--selector', 'app']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--selector app: use key=value label pairs');
  });

  test('--gateway-port: the port that is checked', () => {
    const wrongPort = runCheck([LIBRARY_DEFAULT, '--gateway-port', '8080', '--json']);
    expect(wrongPort.exitCode).toBe(1);
    expect(rules(wrongPort)).toContain('gateway-reachable');
    expect(json(wrongPort).flows.filter((f: any) => f.rule === 'gateway-reachable').map((f: any) => f.port)).toEqual([8080, 8080]);
    const matching = runCheck([LIBRARY_PORT_8080, '--gateway-port=8080', '--ingress-namespaces', 'traefik']);
    expect(matching.exitCode).toBe(0);
    expect(matching.stdout).toContain('No violations');
    const bad = runCheck([LIBRARY_DEFAULT, '--gateway-port', '70000']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--gateway-port: give a port from 1 to 65535.');
  });

  test('--ingress-namespaces: the namespaces that must reach the gateway', () => {
    const traefik = runCheck([LIBRARY_DEFAULT, '--ingress-namespaces', 'traefik', '--json']);
    expect(traefik.exitCode).toBe(1);
    expect(messagesOf(traefik, 'gateway-reachable').join('\n')).toContain('the gateway (TCP/18789) from traefik/{}: intended but denied');
    // monitoring reaching the gateway is beyond an intent of ingress-nginx alone
    const one = runCheck([LIBRARY_DEFAULT, '--ingress-namespaces', 'ingress-nginx', '--json']);
    expect(one.exitCode).toBe(1);
    expect(rules(one)).toEqual(['gateway-only-from-ingress']);
    expect(messagesOf(one, 'gateway-only-from-ingress')[0]).toContain('any pod in monitoring may open connections to openclaw/{app=openclaw} on TCP/18789');
    expect(json(one).flows.filter((f: any) => f.rule === 'gateway-reachable').map((f: any) => f.from)).toEqual(['ingress-nginx/{}']);
  });

  test('--require-host: hosts that must be reachable on 443', () => {
    const openai = runCheck([LIBRARY_CILIUM, '--require-host', 'api.openai.com', '--json']);
    expect(openai.exitCode).toBe(0);
    expect(json(openai).flows).toContainEqual(expect.objectContaining({
      rule: 'provider-reachable', name: 'TCP/443 to api.openai.com (require-host)', port: 443, expected: 'allowed', allowed: true,
    }));
    // a host the FQDN allow-list does not name is unreachable
    const unlisted = runCheck([LIBRARY_CILIUM, '--require-host', 'api.openai.com,api.mistral.ai', '--json']);
    expect(unlisted.exitCode).toBe(1);
    expect(rules(unlisted)).toEqual(['provider-reachable']);
    expect(messagesOf(unlisted, 'provider-reachable')[0]).toContain('TCP/443 to api.mistral.ai (require-host): intended but denied');
    // with NetworkPolicy alone any public host is reachable
    const generic = runCheck([LIBRARY_DEFAULT, '--require-host', 'api.openai.com']);
    expect(generic.exitCode).toBe(0);
  });

  test('the inline --cni=cilium and --format=json forms', () => {
    const inline = runCheck([RECIPE, '--cni=cilium', '--format=json']);
    expect(json(inline).model).toBe('cilium');
    expect(rules(inline)).toContain('public-egress-beyond-intent');
    const generic = runCheck([RECIPE, '--cni=GENERIC', '--json']);
    expect(json(generic).model).toBe('generic');
  });
});

describe('usage and input errors exit 2 with a helpful message', () => {
  test.each<[string, string[], string]>([
    ['no arguments', [], 'Give at least one file or directory.'],
    ['an unknown option', [RECIPE, '--frobnicate'], 'Unknown option --frobnicate.'],
    ['--cni weird', [RECIPE, '--cni', 'weird'], '--cni weird: use generic or cilium.'],
    ['--format xml', [RECIPE, '--format', 'xml'], '--format xml: use text, json, mermaid or dot.'],
    ['an option without its value', [RECIPE, '--cni'], '--cni needs a value.'],
  ])('%s', (_name, args, message) => {
    const result = runCheck(args);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: cdk8s-openclaw check');
  });

  test('a missing path', () => {
    const missing = path.join(tmp, 'does-not-exist.yaml');
    const result = runCheck([missing]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`No such file or directory: ${missing}`);
  });

  test('a file with invalid YAML: the message names the file', () => {
    const bad = write('invalid/bad.yaml', 'kind: [unclosed\nmetadata: {\n');
    const result = runCheck([RECIPE, bad]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(bad);
    expect(result.stderr).toContain('Give valid YAML');
  });

  test('manifests without OpenClaw pods', () => {
    const file = write('no-openclaw.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: x }\ndata: {}\n');
    const result = runCheck([file]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No OpenClaw pods found');
    expect(result.stderr).toContain('in 1 objects');
  });

  test('--help exits 0 and prints the exit codes', () => {
    for (const flag of ['--help', '-h']) {
      const result = runCheck([flag]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(USAGE);
      expect(result.stdout).toContain('Exit codes: 0 no violation, 1 violations found, 2 usage or input error.');
    }
  });
});

describe('reading manifests', () => {
  test('directories are searched recursively for .yaml, .yml and .json; other files are ignored', () => {
    const recipe = fs.readFileSync(RECIPE, 'utf8').split(/^---$/m);
    write('tree/workload.yaml', recipe[0]);
    write('tree/nested/deeper/policies.yml', recipe.slice(1, -1).join('---'));
    write('tree/nested/cilium.json', JSON.stringify(parse(recipe[recipe.length - 1])));
    write('tree/README.md', 'not: [a manifest');
    write('tree/nested/notes.txt', 'kind: [unclosed');
    write('tree/nested/kustomization.yaml.bak', 'kind: [unclosed');
    const tree = runCheck([path.join(tmp, 'tree'), '--json']);
    const whole = runCheck([RECIPE, '--json']);
    expect(tree.stderr).toBe('');
    expect(tree.exitCode).toBe(1);
    // the same audit (the order in which reasons list the isolating policies follows the file order)
    const summary = (result: CommandResult) => ({
      ...json(result),
      violations: json(result).violations.map((v: any) => v.rule).sort(),
      flows: json(result).flows.map(({ reason, ...flow }: any) => flow),
    });
    expect(summary(tree)).toEqual(summary(whole));
    expect(json(tree).violations).toHaveLength(json(whole).violations.length);
  });

  test('a JSON manifest file works', () => {
    const file = write('json/openclaw.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: synth(defaultChart) }, undefined, 2));
    const result = runCheck([file]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No violations');
  });

  test('a kind: List works', () => {
    const items = fs.readFileSync(RECIPE, 'utf8').split(/^---$/m).map(doc => parse(doc));
    const file = write('list/recipe-list.yaml', Yaml.stringify({ apiVersion: 'v1', kind: 'List', items }));
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^kind: List$/m);
    const result = runCheck([file, '--json']);
    expect(result.exitCode).toBe(1);
    expect(rules(result).sort()).toEqual(rules(runCheck([RECIPE, '--json'])).sort());
  });

  test('several paths are read together', () => {
    const deployment = write('split/deployment.yaml', fs.readFileSync(RECIPE, 'utf8').split(/^---$/m)[0]);
    const result = runCheck([deployment, LIBRARY_DEFAULT]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No violations');
  });
});

describe('the bin entry (node lib/cli/main.js)', () => {
  test('check on the recipe exits 1 and prints the JSON report', () => {
    const result = runMain(['check', RECIPE, '--cni', 'cilium', '--json']);
    expect(result.status).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.violations.map((v: any) => v.rule)).toEqual(expect.arrayContaining([
      'dns-only-to-cluster-dns', 'no-metadata-endpoint', 'fqdn-dns-proxy', 'public-egress-beyond-intent',
    ]));
  });

  test('check on the library\'s output exits 0', () => {
    const result = runMain(['check', LIBRARY_CILIUM, '--cni=cilium']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No violations');
  });

  test('a usage error exits 2 with the message on stderr', () => {
    const result = runMain(['check', RECIPE, '--cni', 'weird']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--cni weird: use generic or cilium.');
  });

  test('an unknown command exits 2; no command prints the usage and exits 2; --help exits 0', () => {
    const unknown = runMain(['lint', RECIPE]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command: lint');
    expect(unknown.stderr).toContain('Usage: cdk8s-openclaw check');
    const none = runMain([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Usage: cdk8s-openclaw check');
    const help = runMain(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toContain('Exit codes:');
    const checkHelp = runMain(['check', '--help']);
    expect(checkHelp.status).toBe(0);
    expect(checkHelp.stdout).toContain('Exit codes:');
  });
});

describe('the cdk8s-cli validation plugin (real `cdk8s synth`)', () => {
  /**
   * A tiny cdk8s project in a temporary folder, run like the example
   * (`npx ts-node --project <repo>/tsconfig.dev.json main.ts`). Its
   * node_modules links to the repository's, so that `npx` finds cdk8s and
   * ts-node without installing anything, and `cdk8s` resolves to the same
   * module the library's source uses.
   */
  function project(name: string, mainTs: string): string {
    const dir = path.join(tmp, 'projects', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'main.ts'), mainTs);
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
      'language: typescript',
      `app: npx ts-node --project ${path.join(REPO, 'tsconfig.dev.json')} main.ts`,
      'imports: []',
      'validations:',
      `  - package: ${PLUGIN_JS}`,
      '    class: OpenClawValidation',
      '    version: 0.0.0',
      '',
    ].join('\n'));
    return dir;
  }

  function cdk8sSynth(dir: string): SpawnSyncReturns<string> & { output: string; outdir: string } {
    const outdir = path.join(dir, 'dist');
    const result = spawnSync('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', outdir], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    return Object.assign(result, { output: `${result.stdout}\n${result.stderr}`, outdir });
  }

  test('an app with the library\'s default isolation passes', () => {
    const dir = project('passes', [
      "import { App, Chart } from 'cdk8s';",
      `import { OpenClawNetworkIsolation } from '${path.join(REPO, 'src')}';`,
      '',
      'const app = new App();',
      "const chart = new Chart(app, 'openclaw', { namespace: 'openclaw' });",
      "new OpenClawNetworkIsolation(chart, 'Isolation');",
      'app.synth();',
      '',
    ].join('\n'));
    const result = cdk8sSynth(dir);
    expect(result.error).toBeUndefined();
    if (result.status !== 0) throw new Error(`cdk8s synth failed (${result.status}):\n${result.output}`);
    expect(result.output).toContain('Performing validations');
    expect(result.output).toContain(PLUGIN_JS);
    expect(result.output).toMatch(/Status\s*│\s*success/);
    expect(result.output).not.toContain('openclaw/dns');
    expect(fs.existsSync(path.join(result.outdir, 'openclaw.k8s.yaml'))).toBe(true);
  }, 120_000);

  test('an app that emits the recipe fails, naming openclaw/ rules', () => {
    const dir = project('fails', [
      "import { App, Chart, Include } from 'cdk8s';",
      '',
      'const app = new App();',
      "const chart = new Chart(app, 'recipe');",
      `new Include(chart, 'Recipe', { url: '${RECIPE}' });`,
      'app.synth();',
      '',
    ].join('\n'));
    const result = cdk8sSynth(dir);
    expect(result.error).toBeUndefined();
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/Status\s*│\s*failure/);
    for (const rule of ['dns-only-to-cluster-dns', 'no-metadata-endpoint', 'fqdn-dns-proxy', 'public-egress-beyond-intent']) {
      expect(result.output).toContain(`openclaw/${rule}`);
    }
    // each violation once, with the objects it names (not every manifest), and a real fix
    expect(result.output).not.toContain('(0 occurrences)');
    expect(result.output).toContain('openclaw/dns-only-to-cluster-dns (1 occurrences)');
    expect(result.output).toContain('How to fix: limit NetworkPolicy openclaw/allow-dns egress[0] to the DNS servers');
    expect(result.output).toContain('NetworkPolicy openclaw/allow-egress');
    expect(result.output).toContain('Validation failed');
  }, 120_000);
});

describe('review regressions', () => {
  test('the audit probes the workload\'s full pod labels, so policies that select another of its labels count', () => {
    const isolation = newChart();
    new OpenClawNetworkIsolation(isolation, 'I', { selector: { 'app.kubernetes.io/name': 'openclaw' } });
    const dir = path.dirname(write('full-labels/policies.yaml', synthYaml(isolation)));
    write('full-labels/deployment.yaml', [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: openclaw, namespace: openclaw }', 'spec:',
      '  selector: { matchLabels: { app: openclaw } }', '  template:',
      '    metadata: { labels: { app: openclaw, app.kubernetes.io/name: openclaw } }',
      '    spec: { containers: [{ name: gateway, image: openclaw }] }', '',
    ].join('\n'));
    const result = runCheck([dir, '--json']);
    expect(json(result).violations).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test('Namespace objects give namespace labels to namespace selectors', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { ingressNamespaces: ['ingress-nginx', 'monitoring'] });
    const objects = synthYaml(chart).replace(/kubernetes\.io\/metadata\.name: ingress-nginx/g, 'role: ingress');
    const dir = path.dirname(write('ns-labels/policies.yaml', objects));
    write('ns-labels/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: ingress-nginx, labels: { role: ingress } }\n');
    const result = runCheck([dir, '--json']);
    // ingress-nginx reaches the gateway through its label...
    expect(rules(result)).not.toContain('gateway-reachable');
    // ...and so would any other namespace labelled role=ingress: beyond the intent
    expect(rules(result)).toEqual(['gateway-only-from-ingress']);
    expect(messagesOf(result, 'gateway-only-from-ingress')[0]).toContain('any pod in namespaces the input does not name');
  });

  test('text and JSON come from one analysis: with namespace labels, both show the gateway reachable from ingress-nginx', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'I', { ingressNamespaces: ['ingress-nginx'] });
    const objects = synthYaml(chart).replace(/kubernetes\.io\/metadata\.name: ingress-nginx/g, 'role: ingress');
    const dir = path.dirname(write('one-analysis/policies.yaml', objects));
    write('one-analysis/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: ingress-nginx, labels: { role: ingress } }\n');
    const text = runCheck([dir, '--ingress-from', 'ingress-nginx']);
    const out = json(runCheck([dir, '--ingress-from', 'ingress-nginx', '--json']));
    expect(out.flows.find((f: any) => f.rule === 'gateway-reachable')).toMatchObject({ from: 'ingress-nginx/{}', allowed: true });
    expect(text.stdout).not.toContain('[gateway-reachable]');
    const ingress = out.connectivity.filter((e: any) => e.direction === 'ingress');
    for (const edge of ingress) expect(text.stdout).toContain(`${edge.violation ? '!' : ' '} ${edge.peers}: ${edge.ports}`);
  });

  test('pods that only a cluster-wide policy selects are found in a namespace class carrying its namespace labels', () => {
    const chart = newChart(undefined);
    new OpenClawCiliumEgress(chart, 'Fleet', { namespaceSelector: { tenant: 'yes' }, selector: { app: 'tenant' } });
    const file = write('fleet/fleet.yaml', synthYaml(chart));
    const result = runCheck([file, '--selector', 'app=tenant', '--json']);
    expect(result.stderr).toBe('');
    expect(json(result).namespaces).toEqual(['namespace-labelled-1']);
    // the FQDN allow-list holds, but nothing isolates ingress: the gateway is open to everyone
    expect(rules(result)).toContain('gateway-only-from-ingress');
    expect(rules(result)).not.toContain('public-egress-beyond-intent');
  });

  test('a manifest that breaks the analyzer (an invalid namespace) is an input error, exit 2, not a crash', () => {
    const file = write('bad-namespace.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x, namespace: OpenClaw_NS }\n'
      + 'spec: { template: { metadata: { labels: { app: openclaw } } } }\n');
    const result = runCheck([file]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('OpenClaw_NS');
  });
});

describe('cdk8s-openclaw diff <old> <new>', () => {
  const leak = [
    'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: { name: leak, namespace: openclaw }', 'spec:',
    '  podSelector: { matchLabels: { app: openclaw } }', '  policyTypes: [Egress]', '  egress:',
    '    - to: [{ ipBlock: { cidr: 8.8.8.8/32 } }]', '      ports: [{ port: 53, protocol: UDP }]', '',
  ].join('\n');
  const WITH_LEAK = write('diff/with-leak.yaml', `${synthYaml(defaultChart)}---\n${leak}`);
  const BEFORE = path.join(LIBRARY_DEFAULT, 'openclaw.k8s.yaml');

  test('connectivity added: printed with +, exit 1', () => {
    const result = runDiff([BEFORE, WITH_LEAK]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('+ openclaw/{app=openclaw} -> 8.8.8.8/32 (public): UDP/53\n');
    expect(result.stdout).toMatch(/^1 added, 0 removed \(exhaustive: /m);
  });

  test('connectivity removed only: printed with -, exit 0; --json lists both sides', () => {
    const result = runDiff([WITH_LEAK, BEFORE, '--json']);
    expect(result.exitCode).toBe(0);
    expect(json(result)).toMatchObject({
      added: [],
      removed: [{ pod: 'openclaw/{app=openclaw}', direction: 'egress', peers: '8.8.8.8/32 (public)', ports: 'UDP/53' }],
    });
  });

  test('no change: exit 0; directories work', () => {
    const result = runDiff([LIBRARY_DEFAULT, LIBRARY_DEFAULT]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^0 added, 0 removed/m);
  });

  test('usage errors exit 2', () => {
    expect(runDiff([BEFORE]).exitCode).toBe(2);
    expect(runDiff([BEFORE]).stderr).toContain('Give two files or directories');
    expect(runDiff([BEFORE, WITH_LEAK, '--format', 'dot']).stderr).toContain('diff prints text or json');
  });

  test('the bin entry runs diff', () => {
    const result = runMain(['diff', BEFORE, WITH_LEAK]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('+ openclaw/{app=openclaw} -> 8.8.8.8/32 (public): UDP/53');
  });
});
