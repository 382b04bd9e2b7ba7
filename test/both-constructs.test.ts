import {
  CiliumFqdnEgress, EgressAllow, EndpointSet, Fqdn, OpenClawCiliumEgress, OpenClawNetworkIsolation, Peer, Port,
} from '../src';
import { fqdnAllowed } from './support/cilium-eval';
import { allows, ip, pod } from './support/netpol-eval';
import { newChart, synth } from './support/synth';

const OPENCLAW = pod('openclaw', { app: 'openclaw' });

describe('OpenClawNetworkIsolation and OpenClawCiliumEgress in one chart', () => {
  test('with both defaults, synthesis fails and says how to fix it', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation');
    new OpenClawCiliumEgress(chart, 'Egress');
    expect(() => synth(chart)).toThrow(/Cilium adds the allows of both policies together/);
    expect(() => synth(chart)).toThrow(/internetEgress: false/);
  });

  test('the check does not depend on the order the constructs were created in', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress');
    new OpenClawNetworkIsolation(chart, 'Isolation');
    expect(() => synth(chart)).toThrow(/FQDN allow-list/);
  });

  test('with internetEgress: false, the FQDN allow-list is the only way out', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false });
    new OpenClawCiliumEgress(chart, 'Egress');
    const objects = synth(chart);
    const cnp = objects.find(o => o.kind === 'CiliumNetworkPolicy');
    // Cilium adds allows: reachable = NetworkPolicy allows OR CiliumNetworkPolicy allows.
    expect(allows(objects, { from: OPENCLAW, to: ip('203.0.113.50'), port: 443 })).toBe(false);
    expect(fqdnAllowed(cnp, 'api.anthropic.com', 443)).toBe(true);
    expect(fqdnAllowed(cnp, 'exfil.example.net', 443)).toBe(false);
    // the NetworkPolicies still do their part
    expect(allows(objects, { from: pod('ingress-nginx', {}), to: OPENCLAW, port: 18789 })).toBe(true);
    expect(allows(objects, { from: OPENCLAW, to: pod('kube-system', { 'k8s-app': 'kube-dns' }), port: 53, protocol: 'UDP' })).toBe(true);
  });

  test('disjoint selectors or namespaces do not conflict', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { selector: { app: 'openclaw' } });
    new OpenClawCiliumEgress(chart, 'Egress', { selector: { app: 'other-bot' } });
    new OpenClawCiliumEgress(chart, 'ElsewhereEgress', { namespace: 'elsewhere', name: 'elsewhere' });
    expect(() => synth(chart)).not.toThrow();
  });

  test('a Cilium selector that matches a subset of the same pods conflicts', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation', { selector: { app: 'openclaw' } });
    new OpenClawCiliumEgress(chart, 'Egress', { selector: { app: 'openclaw', tier: 'gateway' } });
    expect(() => synth(chart)).toThrow(/FQDN allow-list/);
  });
});

describe('the same check for the building blocks', () => {
  const fqdnEgress = (chart: any) => new CiliumFqdnEgress(chart, 'Fqdn', {
    selector: { app: 'bot' },
    endpoints: [EndpointSet.of('api', [Fqdn.exact('api.example.com')], [Port.tcp(443)])],
  });

  test('an EgressAllow to 0.0.0.0/0 for the same pods conflicts', () => {
    const chart = newChart();
    fqdnEgress(chart);
    new EgressAllow(chart, 'Broad', { selector: {}, rules: [{ peers: [Peer.ipBlock('0.0.0.0/0')], ports: [Port.tcp(443)] }] });
    expect(() => synth(chart)).toThrow(/0\.0\.0\.0\/0 on TCP\/443/);
  });

  test('an EgressAllow to a private range or to pods does not', () => {
    const chart = newChart();
    fqdnEgress(chart);
    new EgressAllow(chart, 'Private', {
      selector: { app: 'bot' },
      rules: [
        { peers: [Peer.ipBlock('10.20.0.0/16')], ports: [Port.tcp(5432)] },
        { peers: [Peer.podsInNamespaces(['db'], { app: 'postgres' })], ports: [Port.tcp(5432)] },
      ],
    });
    expect(() => synth(chart)).not.toThrow();
  });
});
