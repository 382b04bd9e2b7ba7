/**
 * The generated Cilium module (`src/imports/cilium.io.ts`, 2.5 MB) is never
 * loaded by the library's constructs: the NetworkPolicies and the Cilium
 * policies alike are plain `ApiObject`s rendered by the library (issue 14).
 * It loads only when the user reads it: the package entry point's `cilium`
 * submodule is a getter, rewritten after jsii compiles
 * (`projenrc/lazy-cilium-submodule.ts`, which checks the compiled result
 * itself in fresh processes). Objects of the generated classes that users
 * make themselves are judged by the app's guards like any other.
 */
import { lazyCiliumSubmodule } from '../projenrc/lazy-cilium-submodule';

describe('the library never loads the generated Cilium module itself', () => {
  let loads: number;
  beforeEach(() => {
    jest.resetModules();
    loads = 0;
    jest.doMock('../src/imports/cilium.io', () => {
      loads++;
      return jest.requireActual('../src/imports/cilium.io');
    });
  });
  afterEach(() => jest.dontMock('../src/imports/cilium.io'));

  /* eslint-disable @typescript-eslint/no-require-imports */
  const cdk8s = () => require('cdk8s') as typeof import('cdk8s');
  const lib = () => ({
    ...require('../src/openclaw/network-isolation') as typeof import('../src/openclaw/network-isolation'),
    ...require('../src/openclaw/cilium-egress') as typeof import('../src/openclaw/cilium-egress'),
    ...require('../src/net/dns-target') as typeof import('../src/net/dns-target'),
    ...require('../src/catalog/ai-provider') as typeof import('../src/catalog/ai-provider'),
  });
  const generatedModule = () => require('../src/imports/cilium.io') as typeof import('../src/imports/cilium.io');
  /* eslint-enable @typescript-eslint/no-require-imports */

  test('NetworkPolicies alone: the module is never loaded, at construction or synthesis', () => {
    const { App, Chart } = cdk8s();
    const { OpenClawNetworkIsolation, AiProvider, DnsTarget } = lib();
    const app = new App();
    const chart = new Chart(app, 'plain');
    new OpenClawNetworkIsolation(chart, 'OpenClaw', { providers: [AiProvider.ANTHROPIC], dnsTargets: [DnsTarget.nodeLocalDns()] });
    const kinds = chart.toJson().map((o: any) => o.kind);
    app.synthYaml();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['NetworkPolicy']));
    expect(loads).toBe(0);
  });

  test('a Cilium policy does not load it either: the policy is a plain ApiObject in the CRD\'s JSON field names', () => {
    const { ApiObject, App, Chart } = cdk8s();
    const { OpenClawCiliumEgress, AiProvider, DnsTarget } = lib();
    const app = new App();
    const chart = new Chart(app, 'cilium');
    const egress = new OpenClawCiliumEgress(chart, 'Egress', {
      providers: [AiProvider.ANTHROPIC], dnsTargets: [DnsTarget.nodeLocalDns()], namespaceSelector: { 'openclaw.io/tenant': 'true' },
    });
    app.synthYaml();
    expect(loads).toBe(0);
    expect(Object.getPrototypeOf(egress.fqdnEgress.policy)).toBe(ApiObject.prototype);
    expect(chart.toJson().find((o: any) => o.kind === 'CiliumClusterwideNetworkPolicy').spec.egress).toEqual([
      expect.objectContaining({ toCIDR: ['169.254.20.10/32'] }),
      expect.objectContaining({ toEntities: ['host'], toPorts: [expect.objectContaining({ ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }] })] }),
      { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
    ]);
  });

  test('a policy the user makes with a generated class loads it (once, by the user) and is judged by the app\'s guards', () => {
    const { App, Chart } = cdk8s();
    const { OpenClawNetworkIsolation, OpenClawCiliumEgress } = lib();
    const app = new App();
    const chart = new Chart(app, 'cilium', { namespace: 'openclaw' });
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress');
    app.synthYaml();
    expect(loads).toBe(0);
    const { CiliumNetworkPolicy, CiliumNetworkPolicySpecEgressToEntities, CiliumNetworkPolicySpecEgressToPortsPortsProtocol } = generatedModule();
    new CiliumNetworkPolicy(chart, 'World', {
      metadata: { name: 'world-443' },
      spec: {
        endpointSelector: { matchLabels: { app: 'openclaw' } },
        egress: [{
          toEntities: [CiliumNetworkPolicySpecEgressToEntities.WORLD],
          toPorts: [{ ports: [{ port: '443', protocol: CiliumNetworkPolicySpecEgressToPortsPortsProtocol.TCP }] }],
        }],
      },
    });
    expect(() => app.synthYaml()).toThrow(/CiliumNetworkPolicy openclaw\/world-443 \(construct cilium\/World\) lets pods openclaw\/\{app=openclaw\} reach public addresses/);
    expect(loads).toBe(1);
  });
});

describe('lazyCiliumSubmodule rewrites the compiled entry point', () => {
  const EAGER = 'exports.cilium = __importStar(require("./imports/cilium.io"));';
  const entryPoint = ['"use strict";', 'exports.cilium = exports.Peer = void 0;', EAGER, ''].join('\n');

  test('the eager export becomes a getter in the shape Node\'s ESM loader reads as a named export', () => {
    const lazy = lazyCiliumSubmodule(entryPoint);
    expect(lazy).not.toContain(EAGER);
    expect(lazy).toContain('exports.cilium = exports.Peer = void 0;');
    expect(lazy).toContain('const lazyCilium = { get cilium() { return require("./imports/cilium.io"); } };\n'
      + 'Object.defineProperty(exports, "cilium", { enumerable: true, get: function () { return lazyCilium.cilium; } });');
    expect(lazyCiliumSubmodule(lazy)).toBe(lazy);
  });

  test('an entry point without the eager export fails the build (TypeScript changed how it compiles it)', () => {
    expect(() => lazyCiliumSubmodule('exports.cilium = require("./imports/cilium.io");\n')).toThrow(/expected the line .* once .* found it 0 times/);
  });
});
