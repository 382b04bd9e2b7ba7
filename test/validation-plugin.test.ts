import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AiProvider, MessagingChannel, OpenClawCiliumEgress, OpenClawNetworkIsolation } from '../src';
import { newChart, synthYaml } from './support/synth';
import { recordedIntents } from '../src/analysis/recorded-intent';
import { OpenClawValidation } from '../src/cli/validation-plugin';

/**
 * The validation plugin in process, with a context shaped like cdk8s-cli's:
 * it takes the intent the library's constructs recorded in their manifests,
 * so cdk8s.yaml need not repeat it, and reports each violation once with the
 * policies and rules involved and the fix.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-plugin-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function validate(yaml: string, properties: { [key: string]: any } = {}) {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.k8s.yaml`);
  fs.writeFileSync(file, yaml);
  const violations: any[] = [];
  let status = '';
  await new OpenClawValidation(properties).validate({
    manifests: [file],
    parseManifest: (p: string) => parseAllDocuments(fs.readFileSync(p, 'utf8')).map(d => d.toJS()).filter(Boolean),
    report: { addViolation: (v: any) => violations.push(v), submit: (s: string) => { status = s; } },
  });
  return { violations, status, file };
}

/** Slack and Anthropic only (not the CLI defaults), the gateway from traefik on 8080. */
function app(): string {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false, ingressNamespaces: ['traefik'], gatewayPort: 8080 });
  new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.SLACK] });
  return synthYaml(chart);
}

const PASTEBIN = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: extra, namespace: openclaw }
spec:
  endpointSelector: { matchLabels: { app: openclaw } }
  egress:
    - toFQDNs: [{ matchName: pastebin.com }]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
`;

test('the intent the constructs recorded: their endpoint sets, the gateway port and its ingress namespaces', () => {
  const manifests = parseAllDocuments(app()).map(d => d.toJS());
  const [isolation, cilium] = recordedIntents(manifests).records;
  expect(isolation.gatewayPort).toBe(8080);
  expect(isolation.ingressFrom).toEqual([{ namespace: 'traefik', labels: {} }]);
  expect(cilium.names?.map(n => `${n.source}: ${n.text}`).sort()).toEqual([
    'anthropic: api.anthropic.com', 'slack: *.slack-edge.com', 'slack: *.slack-files.com', 'slack: *.slack.com', 'slack: slack.com',
  ]);
});

test('without properties, the app\'s own output passes: the intent comes from its constructs', async () => {
  const result = await validate(app());
  expect(result.violations).toEqual([]);
  expect(result.status).toBe('success');
});

test('a policy added beside the constructs is flagged once, naming it, its rule as the location, and the fix', async () => {
  const result = await validate(`${app()}---\n${PASTEBIN}`);
  expect(result.status).toBe('failure');
  expect(result.violations).toHaveLength(1);
  const [violation] = result.violations;
  expect(violation.ruleName).toBe('openclaw/fqdn-allow-list-enforced');
  expect(violation.recommendation).toContain('pastebin.com');
  expect(violation.fix).toContain('remove the name from CiliumNetworkPolicy openclaw/extra egress[0]');
  expect(violation.violatingResources).toEqual([{ resourceName: 'CiliumNetworkPolicy openclaw/extra', locations: ['spec.egress[0]'], manifestPath: result.file }]);
});

test('properties override what the constructs recorded', async () => {
  const result = await validate(`${app()}---\n${PASTEBIN}`, { providers: 'none', channels: 'none', fqdn: ['pastebin.com', 'api.anthropic.com', '*.slack.com', 'slack.com', '*.slack-edge.com', '*.slack-files.com'] });
  expect(result.violations).toEqual([]);
});
