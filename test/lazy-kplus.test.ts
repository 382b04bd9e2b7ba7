/**
 * cdk8s-plus-28 (with its 2.5 MB generated `k8s` module: about 80 ms and
 * 14 MB per process) loads only when the app passes the library a
 * cdk8s-plus object, which means the app has loaded it already. The library
 * uses its types, and at run time reads cdk8s-plus objects through their
 * fields (src/net/kplus-selector.ts) or, for a workload's container ports,
 * through `AbstractPod` (src/openclaw/declared-gateway-port.ts), required
 * there (issue 14).
 */
describe('the library loads cdk8s-plus-28 only when given a cdk8s-plus object', () => {
  let loads: number;
  beforeEach(() => {
    jest.resetModules();
    loads = 0;
    jest.doMock('cdk8s-plus-28', () => {
      loads++;
      return jest.requireActual('cdk8s-plus-28');
    });
  });
  afterEach(() => jest.dontMock('cdk8s-plus-28'));

  /* eslint-disable @typescript-eslint/no-require-imports */
  const cdk8s = () => require('cdk8s') as typeof import('cdk8s');
  const lib = () => require('../src') as typeof import('../src');
  /* eslint-enable @typescript-eslint/no-require-imports */

  test('both constructs, every building block and the analyzer: never loaded', () => {
    const { App, Chart } = cdk8s();
    const { OpenClawNetworkIsolation, OpenClawCiliumEgress, AiProvider, Peer, Port, EgressAllow, PolicyAnalyzer } = lib();
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'openclaw' });
    new OpenClawNetworkIsolation(chart, 'I', { providers: [AiProvider.ANTHROPIC], internetEgress: false, ingressNamespaces: ['ingress-nginx'] });
    new OpenClawCiliumEgress(chart, 'C', { providers: [AiProvider.ANTHROPIC] });
    new EgressAllow(chart, 'E', { selector: { app: 'db' } }).allowTo([Peer.namespaces(['backup'])], [Port.tcp(5432)]);
    app.synthYaml();
    PolicyAnalyzer.fromChart(chart);
    expect(loads).toBe(0);
  });

  test('a cdk8s-plus workload as `pods`: loaded (by the app first), and its gateway port read', () => {
    const { App, Chart } = cdk8s();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kplus = require('cdk8s-plus-28') as typeof import('cdk8s-plus-28');
    const { OpenClawNetworkIsolation } = lib();
    const chart = new Chart(new App(), 'c', { namespace: 'openclaw' });
    const deployment = new kplus.Deployment(chart, 'D', { containers: [{ image: 'openclaw', ports: [{ number: 3000, name: 'gateway' }] }] });
    const isolation = new OpenClawNetworkIsolation(chart, 'I', { pods: deployment });
    expect(loads).toBe(1);
    expect(isolation.ingress.policy.toJson().spec.ingress.map((rule: any) => rule.ports)).toEqual([[{ port: 3000, protocol: 'TCP' }]]);
  });
});
