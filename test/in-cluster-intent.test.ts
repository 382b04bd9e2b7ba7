import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpenClawNetworkIsolation } from '../src';
import { newChart, synthYaml } from './support/synth';
import { runCheck } from '../src/cli/check-command';

/**
 * `--in-cluster NS/k=v[,k=v]:PORT[,PORT]`: in-cluster peers as intent, such as
 * an in-cluster model server. Egress to them is intended (not a violation),
 * and must be allowed (a denied one is a violation).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-in-cluster-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const chart = newChart();
new OpenClawNetworkIsolation(chart, 'Isolation');
const LIBRARY = synthYaml(chart);
const TO_OLLAMA = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: to-ollama, namespace: openclaw }
spec:
  podSelector: { matchLabels: { app: openclaw } }
  policyTypes: [Egress]
  egress:
    - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: models } }, podSelector: { matchLabels: { app: ollama } } }]
      ports: [{ port: 11434 }]
`;

function check(name: string, yaml: string, args: string[]) {
  const file = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(file, yaml);
  const result = runCheck([file, '--json', ...args]);
  return { ...result, out: result.stdout ? JSON.parse(result.stdout) : undefined };
}

test('egress to an in-cluster model server is a violation unless --in-cluster names it', () => {
  const without = check('without', `${LIBRARY}---\n${TO_OLLAMA}`, []);
  expect(without.exitCode).toBe(1);
  expect(without.out.violations.map((v: any) => v.rule)).toEqual(['no-in-cluster-egress']);
  expect(without.out.violations[0].message).toContain('pods models/{app=ollama} on TCP/11434');

  const withIntent = check('with', `${LIBRARY}---\n${TO_OLLAMA}`, ['--in-cluster', 'models/app=ollama:11434']);
  expect(withIntent.stderr).toBe('');
  expect(withIntent.exitCode).toBe(0);
  expect(withIntent.out.flows).toContainEqual(expect.objectContaining({
    rule: 'provider-reachable', to: 'models/{app=ollama}', port: 11434, protocol: 'TCP', allowed: true,
  }));
});

test('an intended in-cluster peer that the policies deny is a violation', () => {
  const result = check('denied', LIBRARY, ['--in-cluster', 'models/app=vllm:tcp/8000', '--in-cluster', 'models/app=ollama:11434']);
  expect(result.exitCode).toBe(1);
  const denied = result.out.violations.filter((v: any) => v.rule === 'provider-reachable');
  expect(denied).toHaveLength(1);
  expect(denied[0].message).toContain('TCP/8000 to models/{app=vllm} (--in-cluster)');
  expect(denied[0].message).toContain('TCP/11434 to models/{app=ollama} (--in-cluster)');
});

test.each([
  ['models', 'give pods and ports'],
  ['models/app=ollama', 'give pods and ports'],
  ['Models/app=ollama:11434', 'start with a namespace name'],
  ['models/app=ollama:0', 'give ports such as 443'],
])('--in-cluster %s is a usage error (exit 2)', (value, message) => {
  const file = path.join(tmp, 'usage.yaml');
  fs.writeFileSync(file, LIBRARY);
  const result = runCheck([file, '--in-cluster', value]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^--in-cluster \S+: /);
  expect(result.stderr).toContain(message);
});
