import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { dnsProxySees, fqdnAllowed } from './support/cilium-eval';
import { allows, ip, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';

/**
 * The example app, synthesized by the real cdk8s CLI (as `npx projen
 * synth-example` does, into a temporary folder), applies the documented
 * behaviour.
 */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-example-'));
execFileSync('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', outdir], {
  cwd: path.join(__dirname, '..', 'example'),
  stdio: 'pipe',
});
const read = (file: string): any[] =>
  parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(doc => doc.toJS());
const anyCni = read('openclaw-any-cni.k8s.yaml');
const onCilium = read('openclaw-cilium.k8s.yaml');
const fleet = read('openclaw-fleet.k8s.yaml');

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

test('every object passes the schemas and the API-server rules', () => {
  expect(fleet).toHaveLength(1);
  for (const obj of [...anyCni, ...onCilium, ...fleet]) {
    expect(validateManifest(obj)).toEqual([]);
    expect(apiServerRuleErrors(obj)).toEqual([]);
  }
});

test('any-CNI chart: DNS to kube-dns, 443/5222 to public IPs, Ollama, gateway from ingress-nginx; nothing else', () => {
  const bot = pod('openclaw', { app: 'openclaw' });
  expect(allows(anyCni, { from: bot, to: pod('kube-system', { 'k8s-app': 'kube-dns' }), port: 53, protocol: 'UDP' })).toBe(true);
  expect(allows(anyCni, { from: bot, to: ip('160.79.104.10'), port: 443 })).toBe(true);
  expect(allows(anyCni, { from: bot, to: ip('157.240.1.53'), port: 5222 })).toBe(true);
  expect(allows(anyCni, { from: bot, to: pod('llm', { app: 'ollama' }), port: 11434 })).toBe(true);
  expect(allows(anyCni, { from: pod('ingress-nginx', {}), to: bot, port: 18789 })).toBe(true);
  expect(allows(anyCni, { from: pod('ingress-nginx', {}), to: bot, port: 3978 })).toBe(true);
  expect(allows(anyCni, { from: pod('default', {}), to: bot, port: 3978 })).toBe(false);
  expect(allows(anyCni, { from: bot, to: pod('llm', { app: 'other' }), port: 11434 })).toBe(false);
  expect(allows(anyCni, { from: bot, to: ip('169.254.169.254'), port: 80 })).toBe(false);
  expect(allows(anyCni, { from: bot, to: ip('10.96.0.1'), port: 443 })).toBe(false);
  expect(allows(anyCni, { from: pod('default', {}), to: bot, port: 18789 })).toBe(false);
});

test('Cilium chart: no public-IP NetworkPolicy egress; the FQDN allow-list is the way out', () => {
  const bot = pod('openclaw-cilium', { app: 'openclaw' });
  expect(allows(onCilium, { from: bot, to: ip('160.79.104.10'), port: 443 })).toBe(false);
  const cnp = onCilium.find(o => o.kind === 'CiliumNetworkPolicy');
  for (const host of ['api.anthropic.com', 'api.openai.com', 'discord.com', 'gateway.discord.gg', 'api.telegram.org', 'hooks.example.com']) {
    expect(fqdnAllowed(cnp, host, 443)).toBe(true);
  }
  expect(fqdnAllowed(cnp, 'exfil.example.net', 443)).toBe(false);
  // DNS: only the Cilium policy allows it, and only for allow-listed names (no NetworkPolicy voids the filter).
  expect(onCilium.filter(o => o.kind === 'NetworkPolicy').map(o => o.metadata.name).sort())
    .toEqual(['openclaw-default-deny', 'openclaw-egress', 'openclaw-ingress']);
  expect(dnsProxySees(cnp, 'api.anthropic.com.openclaw-cilium.svc.cluster.local')).toBe(true);
  expect(dnsProxySees(cnp, 'stolen-key.attacker.example')).toBe(false);
});

test('fleet chart: one cluster-wide policy in observe mode', () => {
  const [ccnp] = fleet;
  expect(ccnp.kind).toBe('CiliumClusterwideNetworkPolicy');
  expect(ccnp.metadata.namespace).toBeUndefined();
  expect(ccnp.spec.endpointSelector.matchLabels).toEqual({
    'k8s:app': 'openclaw-tenant',
    'k8s:io.cilium.k8s.namespace.labels.openclaw.io/tenant': 'true',
  });
  expect(ccnp.spec.enableDefaultDeny).toEqual({ ingress: false, egress: false });
  for (const host of ['api.anthropic.com', 'bedrock-runtime.eu-central-1.amazonaws.com', 'slack.com', 'wss-primary.slack.com', 'web.whatsapp.com']) {
    expect(fqdnAllowed(ccnp, host, 443)).toBe(true);
  }
  expect(fqdnAllowed(ccnp, 'web.whatsapp.com', 5222)).toBe(true);
  expect(dnsProxySees(ccnp, 'stolen-key.attacker.example')).toBe(true); // observe mode resolves any name
});
