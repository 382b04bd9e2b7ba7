/**
 * "This is a Cilium cluster", said once: `OpenClawNetworkIsolation` with
 * `cilium` emits both layers for the same pods, with internet egress and DNS
 * owned by the Cilium allow-list. And the defaults without surprises: giving
 * one of providers, channels, services or fqdns leaves no other list's
 * defaults open.
 */
import { Chart } from 'cdk8s';
import {
  AiProvider, DnsQueryFilter, EnforcementModel, FlowEndpoint, Fqdn, MessagingChannel, OpenClawCiliumEgress, OpenClawNetworkIsolation,
  OpenClawService, PolicyAnalyzer, Protocol,
} from '../src';
import { dnsProxySees, fqdnAllowed } from './support/cilium-eval';
import { newChart, objectNamed, synth } from './support/synth';

const OPENCLAW = FlowEndpoint.pod('openclaw', { app: 'openclaw' });
const external = (name: string) => FlowEndpoint.external('203.0.113.10', name);

function analyzer(chart: Chart): PolicyAnalyzer {
  return PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM });
}

describe('OpenClawNetworkIsolation with cilium: one statement, both layers, the safe values', () => {
  function oneStatement(): Chart {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'OpenClaw', {
      providers: [AiProvider.ANTHROPIC],
      channels: [MessagingChannel.MS_TEAMS],
      cilium: { services: [OpenClawService.CLAWHUB] },
    });
    return chart;
  }

  test('it synthesizes (no voided allow-list) and allows exactly the stated hosts', () => {
    const chart = oneStatement();
    synth(chart);
    const verdicts = Object.fromEntries(['api.anthropic.com', 'graph.microsoft.com', 'clawhub.ai', 'api.openai.com', 'discord.com', 'pastebin.com']
      .map(name => [name, analyzer(chart).isAllowed({ from: OPENCLAW, to: external(name), port: 443 })]));
    expect(verdicts).toEqual({
      'api.anthropic.com': true,
      'graph.microsoft.com': true,
      'clawhub.ai': true,
      'api.openai.com': false,
      'discord.com': false,
      'pastebin.com': false,
    });
  });

  test('the NetworkPolicies allow no public IP and no DNS; the Cilium policy owns both', () => {
    const chart = oneStatement();
    const objects = synth(chart);
    expect(objects.filter(o => o.kind === 'NetworkPolicy').map(o => o.metadata.name).sort())
      .toEqual(['openclaw-default-deny', 'openclaw-egress', 'openclaw-ingress']);
    expect(objectNamed(objects, 'NetworkPolicy', 'openclaw-egress').spec.egress).toBeUndefined();
    const cnp = objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress');
    expect(dnsProxySees(cnp, 'api.anthropic.com')).toBe(true);
    expect(fqdnAllowed(cnp, 'api.anthropic.com', 443)).toBe(true);
    const dns = analyzer(chart).check({ from: OPENCLAW, to: FlowEndpoint.clusterDns(), port: 53, protocol: Protocol.UDP });
    expect(dns.egress.allowedBy).toEqual(['CiliumNetworkPolicy openclaw/openclaw-fqdn-egress egress[0]']);
    // the ingress side still follows the channels: Teams webhooks from the ingress controller only
    expect(analyzer(chart).isAllowed({ from: FlowEndpoint.pod('ingress-nginx', {}), to: OPENCLAW, port: 3978 })).toBe(true);
    expect(analyzer(chart).isAllowed({ from: FlowEndpoint.pod('monitoring', {}), to: OPENCLAW, port: 3978 })).toBe(false);
  });

  test('it emits exactly what the safe two-construct form emits', () => {
    const twoConstructs = newChart();
    new OpenClawNetworkIsolation(twoConstructs, 'OpenClaw', {
      providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.MS_TEAMS], internetEgress: false, dnsEgress: false,
    });
    new OpenClawCiliumEgress(twoConstructs, 'Egress', {
      providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.MS_TEAMS], services: [OpenClawService.CLAWHUB],
    });
    const byName = (objects: any[]) => objects.map(({ metadata, ...rest }) => ({ kind: rest.kind, name: metadata.name, metadata, rest }))
      .sort((a, b) => (`${a.kind}/${a.name}` < `${b.kind}/${b.name}` ? -1 : 1));
    expect(byName(synth(oneStatement()))).toEqual(byName(synth(twoConstructs)));
  });

  test('strict DNS said once: no NetworkPolicy allows port 53, and only the allow-listed names resolve', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'OpenClaw', {
      providers: [AiProvider.ANTHROPIC], cilium: { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES },
    });
    const objects = synth(chart);
    const netpolPorts = objects.filter(o => o.kind === 'NetworkPolicy')
      .flatMap(o => o.spec.egress ?? []).flatMap((rule: any) => rule.ports ?? []).map((p: any) => p.port);
    expect(netpolPorts).not.toContain(53);
    const cnp = objectNamed(objects, 'CiliumNetworkPolicy', 'openclaw-fqdn-egress');
    expect(dnsProxySees(cnp, 'api.anthropic.com')).toBe(true);
    expect(dnsProxySees(cnp, 'secret.attacker.example')).toBe(false);
  });

  test('no props beside cilium: the recipe\'s hosts, as OpenClawCiliumEgress alone', () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'OpenClaw', { cilium: {} });
    for (const name of ['api.anthropic.com', 'api.openai.com', 'discord.com', 'api.telegram.org']) {
      expect([name, analyzer(chart).isAllowed({ from: OPENCLAW, to: external(name), port: 443 })]).toEqual([name, true]);
    }
  });

  test('the same pods and namespace reach the child: selector and namespace stated once', () => {
    const chart = new Chart(newChart().node.scope as any, 'plain');
    const isolation = new OpenClawNetworkIsolation(chart, 'OpenClaw', {
      namespace: 'bots', selector: { app: 'bot' }, name: 'bot', cilium: { fqdns: [Fqdn.exact('hooks.example.com')] },
    });
    const cnp = objectNamed(synth(chart), 'CiliumNetworkPolicy', 'bot-fqdn-egress');
    expect(cnp.metadata.namespace).toBe('bots');
    expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { app: 'bot' } });
    expect(isolation.ciliumEgress?.fqdnEgress.fqdns.map(String)).toEqual(['hooks.example.com']);
  });
});

describe('defaults without surprises: one list given, the others are empty', () => {
  const hostsAllowed = (props: ConstructorParameters<typeof OpenClawCiliumEgress>[2]) => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', props);
    return ['api.anthropic.com', 'api.openai.com', 'discord.com', 'api.telegram.org', 'hooks.example.com', 'clawhub.ai']
      .filter(name => analyzer(chart).isAllowed({ from: OPENCLAW, to: external(name), port: 443 }));
  };

  test.each<[string, ConstructorParameters<typeof OpenClawCiliumEgress>[2], string[]]>([
    ['no props: the recipe\'s providers and channels', {}, ['api.anthropic.com', 'api.openai.com', 'discord.com', 'api.telegram.org']],
    ['providers only: no channel stays open', { providers: [AiProvider.ANTHROPIC] }, ['api.anthropic.com']],
    ['channels only: no provider stays open', { channels: [MessagingChannel.TELEGRAM] }, ['api.telegram.org']],
    ['fqdns only', { fqdns: [Fqdn.exact('hooks.example.com')] }, ['hooks.example.com']],
    ['services only', { services: [OpenClawService.CLAWHUB] }, ['clawhub.ai']],
  ])('%s', (_what, props, expected) => {
    expect(hostsAllowed(props)).toEqual(expected);
  });
});
