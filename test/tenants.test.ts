/**
 * Many tenants said once: OpenClawTenants on any CNI and on Cilium, with and
 * without the Namespace objects the cluster-wide policy selects.
 */
import { Chart } from 'cdk8s';
import {
  AiProvider, EnforcementModel, FlowEndpoint, MessagingChannel, OpenClawTenants, PodSecurityLevel, PolicyAnalyzer,
} from '../src';
import { allows, ip, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newApp, synth } from './support/synth';

const OPENCLAW = { app: 'openclaw' };
const TENANTS = ['team-a', 'team-b', 'team-c'];
const plainChart = () => new Chart(newApp(), 'tenants');

describe('OpenClawTenants on any CNI', () => {
  test('each tenant is isolated on its own: public egress, gateway from ingress-nginx, nothing between tenants', () => {
    const chart = plainChart();
    new OpenClawTenants(chart, 'Tenants', { tenants: TENANTS, channels: [MessagingChannel.SLACK] });
    const objects = synth(chart);
    expect(objects.filter(o => o.kind === 'NetworkPolicy')).toHaveLength(4 * TENANTS.length);
    for (const obj of objects) expect([obj.metadata.name, validateManifest(obj), apiServerRuleErrors(obj)]).toEqual([obj.metadata.name, [], []]);
    for (const tenant of TENANTS) {
      expect(allows(objects, { from: pod(tenant, OPENCLAW), to: ip('160.79.104.10'), port: 443 })).toBe(true);
      expect(allows(objects, { from: pod('ingress-nginx', {}), to: pod(tenant, OPENCLAW), port: 18789 })).toBe(true);
      for (const other of TENANTS.filter(t => t !== tenant)) {
        expect(allows(objects, { from: pod(other, OPENCLAW), to: pod(tenant, OPENCLAW), port: 18789 })).toBe(false);
      }
    }
  });

  test('createNamespaces: the Namespace objects carry the tenant label and the Pod Security labels, and no namespace of their own', () => {
    const chart = new Chart(newApp(), 'tenants', { namespace: 'platform' });
    const tenants = new OpenClawTenants(chart, 'Tenants', { tenants: TENANTS, createNamespaces: true, podSecurity: PodSecurityLevel.BASELINE });
    expect(tenants.namespaces).toHaveLength(3);
    const namespaces = synth(chart).filter(o => o.kind === 'Namespace');
    expect(namespaces.map(ns => ns.metadata)).toEqual(TENANTS.map(name => ({
      name,
      labels: {
        'openclaw.io/tenant': 'true',
        'pod-security.kubernetes.io/audit': 'baseline',
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'baseline',
      },
    })));
  });
});

describe('OpenClawTenants on Cilium', () => {
  function ciliumTenants(): Chart {
    const chart = plainChart();
    new OpenClawTenants(chart, 'Tenants', {
      tenants: TENANTS, createNamespaces: true, providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.SLACK], cilium: {},
    });
    return chart;
  }

  test('one cluster-wide policy selects the tenant namespaces by the label the emitted Namespaces carry', () => {
    const objects = synth(ciliumTenants());
    const ccnps = objects.filter(o => o.kind === 'CiliumClusterwideNetworkPolicy');
    expect(ccnps).toHaveLength(1);
    expect(ccnps[0].spec.endpointSelector.matchLabels).toEqual({
      'k8s:app': 'openclaw', 'k8s:io.cilium.k8s.namespace.labels.openclaw.io/tenant': 'true',
    });
    const nsLabels = objects.filter(o => o.kind === 'Namespace').map(ns => ns.metadata.labels['openclaw.io/tenant']);
    expect(nsLabels).toEqual(['true', 'true', 'true']);
    // no public-IP NetworkPolicy egress that would void the allow-list
    const publicRules = objects.filter(o => o.kind === 'NetworkPolicy').flatMap(o => o.spec.egress ?? [])
      .filter((rule: any) => (rule.to ?? []).some((peer: any) => peer.ipBlock));
    expect(publicRules).toEqual([]);
  });

  test('the tenants reach exactly the stated hosts; a pod with the same labels outside the tenants is not covered', () => {
    const chart = ciliumTenants();
    const namespaces = synth(chart).filter(o => o.kind === 'Namespace').map(ns => ({ name: ns.metadata.name, labels: ns.metadata.labels }));
    const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM, namespaces });
    for (const tenant of TENANTS) {
      const openclaw = FlowEndpoint.pod(tenant, OPENCLAW);
      expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.external('160.79.104.10', 'api.anthropic.com'), port: 443 })).toBe(true);
      expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.external('203.0.113.66', 'pastebin.com'), port: 443 })).toBe(false);
      expect(analyzer.isAllowed({ from: openclaw, to: FlowEndpoint.external('203.0.113.67', 'discord.com'), port: 443 })).toBe(false);
    }
    expect(analyzer.policiesSelecting(FlowEndpoint.pod('elsewhere', OPENCLAW))).toEqual([]);
  });
});
