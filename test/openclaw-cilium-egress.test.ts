import {
  AiProvider, CiliumFqdnEgress, DnsTarget, EndpointSet, Fqdn, MessagingChannel, OpenClawCiliumEgress, Port,
} from '../src';
import { dnsProxySees, fqdnAllowed } from './support/cilium-eval';
import { newChart, synth, synthYaml } from './support/synth';

const RECIPE_HOSTS = ['api.anthropic.com', 'api.openai.com', 'discord.com', 'gateway.discord.gg', 'api.telegram.org'];
/** The default providers' and channels' hosts: the recipe's, plus Discord's media and resume hosts. */
const DEFAULT_NAMES = [...RECIPE_HOSTS, 'cdn.discordapp.com', 'media.discordapp.net'];

function cnpOf(objects: any[]): any {
  const cnps = objects.filter(o => o.kind === 'CiliumNetworkPolicy');
  expect(cnps).toHaveLength(1);
  return cnps[0];
}

describe('OpenClawCiliumEgress with no props', () => {
  const chart = newChart();
  new OpenClawCiliumEgress(chart, 'Egress');
  const objects = synth(chart);
  const cnp = cnpOf(objects);

  test('emits one CiliumNetworkPolicy for the OpenClaw pods in the chart namespace', () => {
    expect(objects).toHaveLength(1);
    expect(cnp.apiVersion).toBe('cilium.io/v2');
    expect(cnp.metadata.name).toBe('openclaw-fqdn-egress');
    expect(cnp.metadata.namespace).toBe('openclaw');
    expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { app: 'openclaw' } });
  });

  test('DNS goes to kube-dns in kube-system on UDP and TCP 53, through the DNS proxy (rules.dns)', () => {
    const dnsRule = cnp.spec.egress[0];
    expect(dnsRule.toEndpoints).toEqual([{
      matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' },
    }]);
    expect(dnsRule.toPorts).toEqual([{
      ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }],
      rules: { dns: [{ matchPattern: '*' }] },
    }]);
  });

  test.each(RECIPE_HOSTS)('allows %s on TCP 443', host => {
    expect(dnsProxySees(cnp, host)).toBe(true);
    expect(fqdnAllowed(cnp, host, 443)).toBe(true);
  });

  test.each(RECIPE_HOSTS)('does not allow %s on other ports or UDP', host => {
    expect(fqdnAllowed(cnp, host, 80)).toBe(false);
    expect(fqdnAllowed(cnp, host, 5222)).toBe(false);
    expect(fqdnAllowed(cnp, host, 443, 'UDP')).toBe(false);
  });

  test.each(['evil.example.com', 'api.anthropic.com.evil.io', 'anthropic.com', 'pastebin.com', 'discordapp.com', 'a.b.discord.gg'])(
    'does not allow unlisted host %s', host => {
      expect(fqdnAllowed(cnp, host, 443)).toBe(false);
    });

  test('the allow-list is exactly the default entries\' hosts, in toFQDNs rules of their own', () => {
    const fqdnRules = cnp.spec.egress.filter((r: any) => r.toFQDNs);
    const entries = fqdnRules.flatMap((r: any) => r.toFQDNs.map((f: any) => f.matchName ?? f.matchPattern));
    expect([...entries].sort()).toEqual([...DEFAULT_NAMES, '*.discord.gg'].sort());
    for (const rule of fqdnRules) {
      expect(Object.keys(rule).sort()).toEqual(['toFQDNs', 'toPorts']);
    }
  });

  test('matches the reviewed snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('OpenClawCiliumEgress choices', () => {
  test('providers, channels and custom FQDNs replace the defaults', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', {
      providers: [AiProvider.ANTHROPIC],
      channels: [MessagingChannel.TELEGRAM],
      fqdns: [Fqdn.exact('hooks.example.com'), Fqdn.pattern('*.example.com')],
    });
    const cnp = cnpOf(synth(chart));
    expect(fqdnAllowed(cnp, 'api.anthropic.com', 443)).toBe(true);
    expect(fqdnAllowed(cnp, 'api.telegram.org', 443)).toBe(true);
    expect(fqdnAllowed(cnp, 'hooks.example.com', 443)).toBe(true);
    expect(fqdnAllowed(cnp, 'files.example.com', 443)).toBe(true);
    expect(fqdnAllowed(cnp, 'api.openai.com', 443)).toBe(false);
    expect(fqdnAllowed(cnp, 'discord.com', 443)).toBe(false);
    // Cilium 1.17: `*` stays within one label
    expect(fqdnAllowed(cnp, 'example.com', 443)).toBe(false);
    expect(fqdnAllowed(cnp, 'a.b.example.com', 443)).toBe(false);
  });

  test('an endpoint set with its own ports gets a toFQDNs rule of its own', () => {
    const chart = newChart();
    const egress = new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.OPENAI], channels: [] });
    egress.allowEndpoints([EndpointSet.of('xmpp', [Fqdn.exact('chat.example.org')], [Port.tcp(443), Port.tcp(5222)])]);
    const cnp = cnpOf(synth(chart));
    expect(fqdnAllowed(cnp, 'chat.example.org', 5222)).toBe(true);
    expect(fqdnAllowed(cnp, 'api.openai.com', 5222)).toBe(false);
    expect(cnp.spec.egress.filter((r: any) => r.toFQDNs)).toHaveLength(2);
  });

  test('allowFqdns adds hosts after construction', () => {
    const chart = newChart();
    const egress = new OpenClawCiliumEgress(chart, 'Egress');
    egress.allowFqdns('github', [Fqdn.exact('api.github.com')]);
    const cnp = cnpOf(synth(chart));
    expect(fqdnAllowed(cnp, 'api.github.com', 443)).toBe(true);
  });

  test('names are normalised to lowercase and deduplicated', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', {
      providers: [AiProvider.ANTHROPIC], channels: [], fqdns: [Fqdn.exact('API.Anthropic.com')],
    });
    const names = cnpOf(synth(chart)).spec.egress.flatMap((r: any) => (r.toFQDNs ?? []).map((f: any) => f.matchName));
    expect(names).toEqual(['api.anthropic.com']);
  });

  test('custom DNS target: OpenShift DNS pods on 5353, still with rules.dns', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [DnsTarget.openShiftDns()] });
    const dnsRule = cnpOf(synth(chart)).spec.egress[0];
    expect(dnsRule.toEndpoints[0].matchLabels).toEqual({
      'k8s:dns.operator.openshift.io/daemonset-dns': 'default',
      'k8s:io.kubernetes.pod.namespace': 'openshift-dns',
    });
    expect(dnsRule.toPorts[0].ports.map((p: any) => p.port)).toEqual(['5353', '5353']);
    expect(dnsRule.toPorts[0].rules).toEqual({ dns: [{ matchPattern: '*' }] });
  });

  // Fixed by the nodelocal branch: Cilium's agent rejects the combined toCIDR + toEntities rule, so the policy counts as none.
  test.failing('NodeLocal DNSCache target uses toCIDR, in a rule without toFQDNs', () => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { dnsTargets: [DnsTarget.nodeLocalDns()] });
    const dnsRule = cnpOf(synth(chart)).spec.egress[0];
    expect(dnsRule.toCIDR).toEqual(['169.254.20.10/32']);
    expect(dnsRule.toFQDNs).toBeUndefined();
  });

  test('the same input gives byte-identical YAML, whatever the order of the lists', () => {
    const build = (providers: AiProvider[], channels: MessagingChannel[]) => {
      const chart = newChart();
      new OpenClawCiliumEgress(chart, 'Egress', { providers, channels });
      return synthYaml(chart);
    };
    expect(build([AiProvider.OPENAI, AiProvider.ANTHROPIC], [MessagingChannel.TELEGRAM, MessagingChannel.DISCORD]))
      .toEqual(build([AiProvider.ANTHROPIC, AiProvider.OPENAI], [MessagingChannel.DISCORD, MessagingChannel.TELEGRAM]));
  });
});

describe('CiliumFqdnEgress on its own', () => {
  test('without endpoints it allows DNS only, so every host is blocked', () => {
    const chart = newChart();
    new CiliumFqdnEgress(chart, 'Fqdn', { selector: { app: 'x' } });
    const cnp = cnpOf(synth(chart));
    expect(cnp.spec.egress).toHaveLength(1);
    expect(fqdnAllowed(cnp, 'api.anthropic.com', 443)).toBe(false);
  });
});
