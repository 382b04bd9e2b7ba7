import { fc } from '@fast-check/jest';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AiProvider, DnsTarget, LabelOperator, MessagingChannel, OpenClawCiliumEgress, OpenClawDeployment, OpenClawNetworkIsolation, OpenClawTenants,
  Peer, Port,
} from '../src';
import { newChart, synth } from './support/synth';
import { defaultIntent, dnsServerOf } from '../src/analysis/intent';
import { canonicalJson, intentAnnotation, mergeRecordedIntents, RecordedIntent, recordedIntents } from '../src/analysis/recorded-intent';
import { OpenClawValidation } from '../src/cli/validation-plugin';
import { PolicyAnnotations } from '../src/policies/annotations';

/**
 * The intent the constructs record (`cdk8s-openclaw.io/intent`) is exact: for
 * each construct option the validation plugin, told nothing in cdk8s.yaml,
 * passes the library's own output, and flags a leak added beside it.
 */

async function validate(manifests: any[], properties: { [key: string]: any } = {}) {
  const violations: any[] = [];
  let status = '';
  await new OpenClawValidation(properties).validate({
    manifests: ['app.k8s.yaml'],
    parseManifest: () => manifests,
    report: { addViolation: (v: any) => violations.push(v), submit: (s: string) => { status = s; } },
  });
  return { rules: violations.map(v => v.ruleName as string).sort(), violations, status };
}

/**
 * A NetworkPolicy written by hand beside the constructs' output (added after
 * synthesis: the synth-time guards would refuse some of them in the app).
 */
function rawPolicy(name: string, namespace: string, podLabels: { [key: string]: string }, rule: { egress?: any; ingress?: any }): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: {
      podSelector: { matchLabels: podLabels },
      policyTypes: [rule.egress ? 'Egress' : 'Ingress'],
      ...rule.egress ? { egress: [rule.egress] } : { ingress: [rule.ingress] },
    },
  };
}

const OPENCLAW = { app: 'openclaw' };
/** TCP 22 to every address: a port the intent never has. */
const SSH_TO_THE_WORLD = { egress: { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 22 }] } };

interface Case {
  readonly name: string;
  /** The constructs; returns the namespace and labels of the OpenClaw pods. */
  readonly build: (chart: Chart) => { namespace: string; labels: { [key: string]: string } };
  /** A leak of its own (besides SSH to the world), and the rule that flags it. */
  readonly leak?: { rule: string; policy: any };
}

const CASES: Case[] = [
  {
    name: 'default',
    build: chart => (new OpenClawNetworkIsolation(chart, 'Isolation'), { namespace: 'openclaw', labels: OPENCLAW }),
    leak: {
      rule: 'openclaw/gateway-only-from-ingress',
      policy: rawPolicy('leak', 'openclaw', OPENCLAW, { ingress: { from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 18789 }] } }),
    },
  },
  {
    name: 'cilium option',
    build: chart => (new OpenClawNetworkIsolation(chart, 'Isolation', { providers: [AiProvider.ANTHROPIC], cilium: {} }), { namespace: 'openclaw', labels: OPENCLAW }),
  },
  {
    name: 'two constructs: NetworkPolicies without internet egress, and the Cilium allow-list',
    build: chart => {
      new OpenClawNetworkIsolation(chart, 'Isolation', { internetEgress: false, ingressNamespaces: ['traefik'], gatewayPort: 8080 });
      new OpenClawCiliumEgress(chart, 'Egress', { providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.SLACK] });
      return { namespace: 'openclaw', labels: OPENCLAW };
    },
  },
  {
    name: 'a webhook channel, with sources per port',
    build: chart => {
      new OpenClawNetworkIsolation(chart, 'Isolation', {
        channels: [MessagingChannel.MS_TEAMS],
        gatewaySources: [Peer.namespaces(['ingress-nginx']), Peer.podsInNamespaces(['monitoring'], { app: 'prometheus' })],
        webhookSources: [Peer.podsInNamespaces(['ingress-nginx'], { app: 'controller' })],
      });
      return { namespace: 'openclaw', labels: OPENCLAW };
    },
    leak: {
      rule: 'openclaw/gateway-only-from-ingress',
      policy: rawPolicy('leak', 'openclaw', OPENCLAW, {
        ingress: { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 3978 }] },
      }),
    },
  },
  {
    name: 'allowIngress: false',
    build: chart => (new OpenClawNetworkIsolation(chart, 'Isolation', { allowIngress: false }), { namespace: 'openclaw', labels: OPENCLAW }),
    leak: {
      rule: 'openclaw/gateway-only-from-ingress',
      policy: rawPolicy('leak', 'openclaw', OPENCLAW, {
        ingress: { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 18789 }] },
      }),
    },
  },
  {
    name: 'custom egressPorts',
    build: chart => (new OpenClawNetworkIsolation(chart, 'Isolation', { egressPorts: [Port.tcp(8443), Port.udp(123)] }), { namespace: 'openclaw', labels: OPENCLAW }),
    leak: {
      rule: 'openclaw/public-egress-beyond-intent',
      policy: rawPolicy('leak', 'openclaw', OPENCLAW, { egress: { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] } }),
    },
  },
  {
    name: 'NodeLocal DNSCache',
    build: chart => (new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [DnsTarget.nodeLocalDns()] }), { namespace: 'openclaw', labels: OPENCLAW }),
    leak: {
      rule: 'openclaw/dns-only-to-cluster-dns',
      policy: rawPolicy('leak', 'openclaw', OPENCLAW, { egress: { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ protocol: 'UDP', port: 53 }] } }),
    },
  },
  {
    name: 'OpenShift DNS',
    build: chart => (new OpenClawNetworkIsolation(chart, 'Isolation', { dnsTargets: [DnsTarget.openShiftDns()] }), { namespace: 'openclaw', labels: OPENCLAW }),
    leak: {
      rule: 'openclaw/dns-only-to-cluster-dns',
      policy: rawPolicy('leak', 'openclaw', OPENCLAW, { egress: { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ protocol: 'UDP', port: 53 }] } }),
    },
  },
  {
    name: 'an in-cluster peer (allowEgressTo, after construction)',
    build: chart => {
      const isolation = new OpenClawNetworkIsolation(chart, 'Isolation');
      isolation.allowEgressTo([Peer.podsInNamespaces(['models'], { app: 'ollama' })], [Port.tcp(11434)]);
      return { namespace: 'openclaw', labels: OPENCLAW };
    },
    leak: {
      rule: 'openclaw/no-in-cluster-egress',
      policy: rawPolicy('leak', 'openclaw', OPENCLAW, { egress: { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'models' } } }] } }),
    },
  },
  {
    name: 'an in-cluster model server as a provider, with cilium',
    build: chart => (new OpenClawNetworkIsolation(chart, 'Isolation', { providers: [AiProvider.ollama('models')], cilium: {} }), { namespace: 'openclaw', labels: OPENCLAW }),
  },
  {
    name: 'OpenClawTenants',
    build: chart => (new OpenClawTenants(chart, 'Tenants', { tenants: ['team-a', 'team-b'], providers: [AiProvider.ANTHROPIC] }), { namespace: 'team-b', labels: OPENCLAW }),
  },
  {
    name: 'OpenClawTenants with cilium (one cluster-wide allow-list)',
    build: chart => (new OpenClawTenants(chart, 'Tenants', { tenants: ['team-a', 'team-b'], createNamespaces: true, providers: [AiProvider.OPENAI], cilium: {} }), { namespace: 'team-a', labels: OPENCLAW }),
  },
  {
    name: 'the operator preset, with cilium',
    build: chart => {
      const openclaw = OpenClawDeployment.operator('demo');
      new OpenClawNetworkIsolation(chart, 'Isolation', {
        selector: openclaw.selector,
        gatewayPort: openclaw.gatewayPort,
        additionalIngressPorts: openclaw.additionalIngressPorts,
        providers: [AiProvider.ANTHROPIC],
        cilium: {},
      });
      return { namespace: 'openclaw', labels: openclaw.selector };
    },
  },
  {
    name: 'the Helm chart preset',
    build: chart => {
      const openclaw = OpenClawDeployment.helmChart('claw');
      new OpenClawNetworkIsolation(chart, 'Isolation', { selector: openclaw.selector, gatewayPort: openclaw.gatewayPort });
      return { namespace: 'openclaw', labels: openclaw.selector };
    },
  },
];

describe.each(CASES)('$name', ({ build, leak }) => {
  test('the library\'s own output passes, judged against the intent its constructs recorded', async () => {
    const chart = newChart();
    build(chart);
    const result = await validate(synth(chart));
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('success');
  });

  test('SSH to the world beside it is flagged', async () => {
    const chart = newChart();
    const pods = build(chart);
    const result = await validate([...synth(chart), rawPolicy('ssh', pods.namespace, pods.labels, SSH_TO_THE_WORLD)]);
    expect(result.status).toBe('failure');
    expect(result.rules).toContain('openclaw/public-egress-beyond-intent');
  });

  if (leak) {
    test(`its own leak is flagged (${leak.rule})`, async () => {
      const chart = newChart();
      build(chart);
      const result = await validate([...synth(chart), leak.policy]);
      expect(result.status).toBe('failure');
      expect(result.rules).toContain(leak.rule);
    });
  }
});

test('each construct records its intent once, as sorted compact JSON on one of its objects', () => {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation', { providers: [AiProvider.ANTHROPIC], cilium: {} });
  const objects = synth(chart);
  const carriers = objects.filter(o => o.metadata.annotations?.[PolicyAnnotations.INTENT] !== undefined);
  expect(carriers.map(o => `${o.kind} ${o.metadata.name}`)).toEqual(['NetworkPolicy openclaw-default-deny', 'CiliumNetworkPolicy openclaw-fqdn-egress']);
  for (const object of carriers) {
    const text: string = object.metadata.annotations[PolicyAnnotations.INTENT];
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  }
  const [isolation, cilium] = recordedIntents(objects).records;
  expect(isolation).toMatchObject({ namespace: 'openclaw', selector: OPENCLAW, gatewayPort: 18789, publicEgressPorts: [], dns: [] });
  expect(cilium.names?.map(n => n.text)).toEqual(['api.anthropic.com']);
});

test('the record is compact: ports as text, names grouped by their ports and source, no DNS description, no empty or default field', () => {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation', { providers: [AiProvider.ANTHROPIC], channels: [MessagingChannel.DISCORD], cilium: {} });
  const [isolation, cilium] = synth(chart).filter(o => o.metadata.annotations?.[PolicyAnnotations.INTENT] !== undefined)
    .map(o => o.metadata.annotations[PolicyAnnotations.INTENT]);
  const kubeDns = '"dns":[{"labels":{"k8s-app":"kube-dns"},"namespace":"kube-system"}]';
  expect(isolation).toBe('{"gatewayPort":18789,"ingressFrom":[{"namespace":"ingress-nginx"},{"namespace":"monitoring"}],'
    + '"ingressPorts":["TCP:18789"],"namespace":"openclaw","selector":{"app":"openclaw"}}');
  expect(cilium).toBe(`{${kubeDns},"names":{"TCP:443":{"anthropic":["api.anthropic.com"],`
    + '"discord":["*.discord.gg","cdn.discordapp.com","discord.com","gateway.discord.gg","media.discordapp.net"]}},'
    + '"namespace":"openclaw","selector":{"app":"openclaw"}}');
});

/** An intent with every field and every shape a field takes. */
const EVERY_FIELD: RecordedIntent = {
  namespace: 'team-a',
  selector: { 'app.kubernetes.io/name': 'openclaw', 'tier': 'gateway' },
  gatewayPort: 8080,
  ingressPorts: [{ protocol: 'TCP', from: 8080, to: 8080 }, { protocol: 'TCP', from: 9000, to: 9100 }],
  ingressFrom: [{ namespace: 'traefik', labels: {} }, { namespace: 'team-a', labels: { role: 'proxy' } }],
  webhookPorts: [{ protocol: 'TCP', from: 3978, to: 3978 }],
  webhookFrom: [{ namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }],
  publicEgressPorts: [{ protocol: 'TCP', from: 443, to: 443 }, { protocol: 'UDP', from: 1, to: 65535 }],
  names: [
    { text: 'api.anthropic.com', pattern: false, ports: [{ protocol: 'TCP', from: 443, to: 443 }], source: 'anthropic' },
    { text: '*.slack.com', pattern: true, ports: [{ protocol: 'TCP', from: 443, to: 443 }], source: 'slack' },
    { text: 'chat.example.com', pattern: false, ports: [{ protocol: 'TCP', from: 5222, to: 5222 }, { protocol: 'TCP', from: 443, to: 443 }], source: 'xmpp' },
    { text: 'media.example.com', pattern: false, ports: [{ protocol: 'UDP', from: 10000, to: 20000 }], source: 'fqdn' },
  ],
  inCluster: [{ pods: { namespace: 'ai', labels: { app: 'ollama' } }, ports: [{ protocol: 'TCP', from: 11434, to: 11434 }], source: 'ollama' }],
  dns: [DnsTarget.kubeDns(), DnsTarget.openShiftDns(), DnsTarget.nodeLocalDns(), DnsTarget.nodeLocalDns('fd00::10'), DnsTarget.gkeCloudDns()].map(dnsServerOf),
  cloudMetadata: true,
};

/** A policy of `kind` carrying `annotation`, in the record's namespace, selecting every pod there. */
function carrier(kind: string, namespace: string | undefined, annotation: unknown, name = 'carrier'): any {
  const metadata = { name, namespace, annotations: { [PolicyAnnotations.INTENT]: annotation } };
  return { kind, metadata, spec: { podSelector: {}, endpointSelector: {} } };
}

function readBack(kind: string, intent: RecordedIntent): RecordedIntent {
  const { records, violations } = recordedIntents([carrier(kind, intent.namespace, intentAnnotation(intent))]);
  expect(violations).toEqual([]);
  return records[0];
}

test('a record reads back as the intent written, every field and every shape, DNS descriptions included', () => {
  const text = intentAnnotation(EVERY_FIELD);
  expect(canonicalJson(JSON.parse(text))).toBe(text);
  expect(text).toContain('"names":{"TCP:443":{"anthropic":["api.anthropic.com"],"slack":["*.slack.com"]},"TCP:443,TCP:5222":{"xmpp":["chat.example.com"]},"UDP:10000-20000":{"fqdn":["media.example.com"]}}');
  expect(text).toContain('"publicEgressPorts":["TCP:443","UDP:1-65535"]');
  expect(text).toContain('"namespace":"openshift-dns","port":5353}');
  expect(text).not.toContain('description');
  expect(canonicalJson(readBack('NetworkPolicy', EVERY_FIELD))).toBe(canonicalJson(EVERY_FIELD));
});

test('a NodeLocal DNSCache on the kube-dns ClusterIP reads back with its address, described as the cache at that address', () => {
  const [server] = readBack('NetworkPolicy', { selector: OPENCLAW, dns: [dnsServerOf(DnsTarget.nodeLocalDnsClusterIp('10.96.0.10'))] }).dns!;
  expect(server).toEqual({ ip: '10.96.0.10', port: 53, description: 'NodeLocal DNSCache at 10.96.0.10' });
});

test('a field the record leaves out is empty when its construct owns it, and left to the base intent when not', () => {
  const bare: RecordedIntent = { namespace: 'openclaw', selector: OPENCLAW };
  expect(intentAnnotation({ ...bare, ingressFrom: [], names: [], inCluster: [], dns: [], cloudMetadata: false })).toBe(intentAnnotation(bare));
  const lists = ['ingressPorts', 'ingressFrom', 'webhookPorts', 'webhookFrom', 'publicEgressPorts', 'names', 'inCluster', 'dns'];
  expect(readBack('NetworkPolicy', bare)).toEqual({ ...bare, ...Object.fromEntries(lists.map(field => [field, []])), cloudMetadata: false });
  // The Cilium policy owns the names, in-cluster peers and DNS servers only: an allow-list of in-cluster servers has no names.
  const cilium = readBack('CiliumNetworkPolicy', { ...bare, inCluster: EVERY_FIELD.inCluster });
  expect(cilium).toMatchObject({ names: [], inCluster: EVERY_FIELD.inCluster, dns: [] });
  expect(cilium.gatewayPort ?? cilium.ingressFrom ?? cilium.publicEgressPorts ?? cilium.cloudMetadata).toBeUndefined();
});

test('each tenant is judged against its own construct: a port one tenant opens is a leak in the other', async () => {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'A', { namespace: 'team-a', egressPorts: [Port.tcp(8443)] });
  new OpenClawNetworkIsolation(chart, 'B', { namespace: 'team-b' });
  const leak = rawPolicy('leak', 'team-b', OPENCLAW, { egress: { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 8443 }] } });
  const result = await validate([...synth(chart), leak]);
  expect(result.rules).toContain('openclaw/public-egress-beyond-intent');
  // Each finding is about team-b's leak: team-a's 8443 is its own intent.
  for (const violation of result.violations) {
    expect(violation.violatingResources.map((r: any) => r.resourceName)).toContain('NetworkPolicy team-b/leak');
    expect(violation.recommendation).not.toContain('team-a/');
  }
});

test('hand-written YAML without the annotation is judged against the constructs\' defaults', async () => {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation', { egressPorts: [Port.tcp(8443)] });
  const objects = synth(chart).map(o => (o.metadata.annotations ? { ...o, metadata: { ...o.metadata, annotations: {} } } : o));
  expect((await validate(objects)).rules).toContain('openclaw/public-egress-beyond-intent');
});

describe('the OpenClaw pods\' selector requirements (the expressions of a cdk8s-plus `pods`)', () => {
  /** Egress to every public IPv4 address on TCP 22 (private, CGNAT, link-local, loopback and reserved ranges excepted), for the pods labelled `labels`. */
  const sshLeak = (labels: { [key: string]: string }) => rawPolicy('leak', 'openclaw', labels, {
    egress: {
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '0.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4'] } }],
      ports: [{ protocol: 'TCP', port: 22 }],
    },
  });

  function twoTenantsByExpressions(chart: Chart): void {
    const a = kplus.Pods.select(chart, 'a', { labels: OPENCLAW, expressions: [kplus.LabelExpression.in('tenant', ['a', 'a2'])] });
    const b = kplus.Pods.select(chart, 'b', { labels: OPENCLAW, expressions: [kplus.LabelExpression.in('tenant', ['b', 'b2'])] });
    new OpenClawNetworkIsolation(chart, 'A', { namespace: 'openclaw', name: 'a', pods: a, egressPorts: [Port.tcp(22)] });
    new OpenClawNetworkIsolation(chart, 'B', { namespace: 'openclaw', name: 'b', pods: b });
  }

  test('are recorded, as the selector syntax writes them, and read back', () => {
    const chart = newChart();
    twoTenantsByExpressions(chart);
    const objects = synth(chart);
    expect(objects.map(o => o.metadata.annotations?.[PolicyAnnotations.INTENT]).filter(Boolean).join(' ')).toContain('"requirements":["tenant in (a,a2)"]');
    expect(recordedIntents(objects).records.map(r => r.selectorRequirements)).toEqual([
      [{ key: 'tenant', operator: LabelOperator.IN, values: ['a', 'a2'] }],
      [{ key: 'tenant', operator: LabelOperator.IN, values: ['b', 'b2'] }],
    ]);
    const every = [{ key: 'tier', operator: LabelOperator.NOT_IN, values: ['debug'] }, { key: 'zone', operator: LabelOperator.EXISTS }, { key: 'canary', operator: LabelOperator.DOES_NOT_EXIST }];
    expect(intentAnnotation({ namespace: 'openclaw', selector: OPENCLAW, selectorRequirements: every })).toContain('"requirements":["!canary","tier notin (debug)","zone"]');
    expect(readBack('NetworkPolicy', { namespace: 'openclaw', selector: OPENCLAW, selectorRequirements: every }).selectorRequirements)
      .toEqual(expect.arrayContaining(every));
  });

  test('two tenants split only by their requirements are two groups: the library\'s output passes', async () => {
    const chart = newChart();
    twoTenantsByExpressions(chart);
    const result = await validate(synth(chart));
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('success');
  });

  test('a leak in the tenant that did not ask for SSH is flagged, and only there', async () => {
    const chart = newChart();
    twoTenantsByExpressions(chart);
    const result = await validate([...synth(chart), sshLeak({ ...OPENCLAW, tenant: 'b' })]);
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['openclaw/public-egress-beyond-intent']);
    for (const violation of result.violations) expect(violation.recommendation).toContain('openclaw/{app=openclaw, tenant=b}');
    // Tenant a asked for TCP 22: the same leak in a is its intent.
    expect((await validate([...synth(chart), sshLeak({ ...OPENCLAW, tenant: 'a' })])).status).toBe('success');
  });

  test('pods with an In requirement are judged as a pod the selector selects: the library\'s output passes', async () => {
    const chart = newChart();
    const pods = kplus.Pods.select(chart, 'pods', { labels: OPENCLAW, expressions: [kplus.LabelExpression.in('tier', ['a', 'b'])] });
    new OpenClawNetworkIsolation(chart, 'Isolation', { namespace: 'openclaw', pods });
    const result = await validate(synth(chart));
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('success');
  });

  test('a failure always says why: no OpenClaw pods is a violation', async () => {
    const result = await validate([rawPolicy('other', 'web', { app: 'web' }, SSH_TO_THE_WORLD)]);
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['openclaw/no-openclaw-pods']);
    expect(result.violations[0].recommendation).toContain('No OpenClaw pods found');
  });
});

describe('a cluster-wide Cilium record (OpenClawCiliumEgress with namespaceSelector) joins only the namespaces it selects', () => {
  const namespace = (name: string, labels: { [key: string]: string }) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  const NAMESPACES = [namespace('tenant-a', { team: 'a' }), namespace('tenant-b', { team: 'b' })];

  /** Team a: NetworkPolicies and the cluster-wide allow-list (OpenAI); team b: its own Cilium allow-list (Anthropic). */
  function teams(): any[] {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'TeamA', { namespaceSelector: { team: 'a' }, providers: [AiProvider.OPENAI] });
    new OpenClawNetworkIsolation(chart, 'A', { namespace: 'tenant-a', internetEgress: false });
    new OpenClawNetworkIsolation(chart, 'B', { namespace: 'tenant-b', providers: [AiProvider.ANTHROPIC], cilium: {} });
    return [...synth(chart), ...NAMESPACES];
  }
  /** OpenAI for the OpenClaw pods of tenant-b, which asked for Anthropic only. */
  const openAiLeak = {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'leak', namespace: 'tenant-b' },
    spec: { endpointSelector: { matchLabels: OPENCLAW }, egress: [{ toFQDNs: [{ matchName: 'api.openai.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] },
  };

  test('the record carries its namespace selector', () => {
    const record = teams().find(o => o.kind === 'CiliumClusterwideNetworkPolicy').metadata.annotations[PolicyAnnotations.INTENT];
    expect(record).toContain('"namespaceSelector":{"team":"a"}');
  });

  test('the library\'s output passes: team b is not judged against team a\'s allow-list', async () => {
    const result = await validate(teams(), { cni: 'cilium' });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('success');
  });

  test('OpenAI in tenant-b is a leak, though team a\'s cluster-wide record allows it in its namespaces', async () => {
    const result = await validate([...teams(), openAiLeak], { cni: 'cilium' });
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['openclaw/fqdn-allow-list-enforced']);
    expect(result.violations[0].recommendation).toContain('tenant-b/{app=openclaw} may open connections to api.openai.com');
  });

  test('a namespace no Namespace object describes is known by its name label only: the record does not join it', async () => {
    const undescribed = teams().filter(o => !(o.kind === 'Namespace' && o.metadata.name === 'tenant-b'));
    const result = await validate([...undescribed, openAiLeak], { cni: 'cilium' });
    expect(result.rules).toEqual(['openclaw/fqdn-allow-list-enforced']);
  });
});

describe('a record is trusted only on the policy of the pods it describes', () => {
  /** The default isolation, SSH to the world beside it, and `extra`. */
  async function judged(extra: any[]) {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'Isolation');
    return validate([...synth(chart), rawPolicy('ssh', 'openclaw', OPENCLAW, SSH_TO_THE_WORLD), ...extra]);
  }
  /** A record that would make SSH to the world the intent of the default pods. */
  const WIDER = intentAnnotation({ namespace: 'openclaw', selector: OPENCLAW, gatewayPort: 18789, publicEgressPorts: [{ protocol: 'TCP', from: 1, to: 65535 }] });

  test.each([
    ['on a ConfigMap', carrier('ConfigMap', 'openclaw', WIDER, 'forged'), 'ConfigMap openclaw/forged', 'no construct writes it on a ConfigMap'],
    ['malformed JSON', carrier('NetworkPolicy', 'openclaw', '{"selector":', 'forged'), 'NetworkPolicy openclaw/forged', 'it is not JSON'],
    ['a malformed field', carrier('NetworkPolicy', 'openclaw', '{"selector":{"app":"openclaw"},"publicEgressPorts":"TCP:22"}', 'forged'),
      'NetworkPolicy openclaw/forged', 'its publicEgressPorts "TCP:22" is malformed'],
    ['on a policy of other pods', { ...carrier('NetworkPolicy', 'openclaw', WIDER, 'forged'), spec: { podSelector: { matchLabels: { app: 'web' } } } },
      'NetworkPolicy openclaw/forged', "the object's podSelector does not select its pods (pods {app=openclaw})"],
    ['in another namespace', carrier('NetworkPolicy', 'web', WIDER, 'forged'), 'NetworkPolicy web/forged', 'its namespace "openclaw" is not the object\'s ("web")'],
    ['on a Cilium policy, with fields the Cilium egress does not own', carrier('CiliumNetworkPolicy', 'openclaw', WIDER, 'forged'),
      'CiliumNetworkPolicy openclaw/forged', 'it records gatewayPort, publicEgressPorts, which the construct writing it on a CiliumNetworkPolicy does not own'],
  ])('%s: not used, and reported naming the object', async (_, forged, object, why) => {
    const result = await judged([forged]);
    expect(result.status).toBe('failure');
    expect(result.rules).toContain('openclaw/public-egress-beyond-intent');
    const untrusted = result.violations.filter((v: any) => v.ruleName === 'openclaw/intent-record-untrusted');
    expect(untrusted).toHaveLength(1);
    expect(untrusted[0].recommendation).toContain(`${object} carries a cdk8s-openclaw.io/intent record that is not used: ${why}`);
  });

  test('the same record on the policy of its pods is used (the control)', async () => {
    const result = await judged([carrier('NetworkPolicy', 'openclaw', WIDER, 'wider')]);
    expect(result.rules).not.toContain('openclaw/intent-record-untrusted');
    expect(result.rules).not.toContain('openclaw/public-egress-beyond-intent');
  });
});

describe('the merge of one group\'s records does not depend on their order', () => {
  const pods = { namespace: 'openclaw', selector: OPENCLAW };
  const merge = (records: RecordedIntent[]) => mergeRecordedIntents(records, defaultIntent(true));

  test('the cloud metadata endpoint is intended when any record allows it, the lists are sorted', () => {
    const allows: RecordedIntent = { ...pods, cloudMetadata: true, publicEgressPorts: [{ protocol: 'TCP', from: 8443, to: 8443 }] };
    const denies: RecordedIntent = { ...pods, cloudMetadata: false, publicEgressPorts: [{ protocol: 'TCP', from: 443, to: 443 }] };
    const [forward, backward] = [merge([allows, denies]), merge([denies, allows])];
    expect(forward).toEqual(backward);
    expect(forward.intents[0].cloudMetadata).toBe(true);
    expect(forward.intents[0].publicEgressPorts.map(p => p.from)).toEqual([443, 8443]);
  });

  test('two gateway ports for one group of pods: both stay open, and the contradiction is a violation', () => {
    const at = (port: number): RecordedIntent => ({ ...pods, gatewayPort: port, ingressPorts: [{ protocol: 'TCP', from: port, to: port }] });
    const [forward, backward] = [merge([at(9090), at(8080)]), merge([at(8080), at(9090)])];
    expect(forward).toEqual(backward);
    expect(forward.intents[0].gatewayPort).toBe(8080);
    expect(forward.intents[0].ingressPorts.map(p => p.from)).toEqual([8080, 9090]);
    expect(forward.violations).toEqual([expect.objectContaining({ rule: 'intent-gateway-port-conflict' })]);
    expect(forward.violations[0].message).toContain('are given 2 gateway ports by their OpenClawNetworkIsolation constructs (8080, 9090)');
  });

  test('in an app: two isolations of the same pods with different gateway ports fail the plugin, with the reason', async () => {
    const chart = newChart();
    new OpenClawNetworkIsolation(chart, 'A', { name: 'a', gatewayPort: 8080 });
    new OpenClawNetworkIsolation(chart, 'B', { name: 'b', gatewayPort: 9090 });
    const result = await validate(synth(chart));
    expect(result.status).toBe('failure');
    expect(result.rules).toEqual(['openclaw/intent-gateway-port-conflict']);
  });
});

test('canonicalJson is compact JSON with sorted keys and sorted, deduplicated lists, undefined fields left out, for any value', () => {
  // The definition, written plainly; canonicalJson builds the same text with fewer intermediate arrays.
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const reference = (value: unknown): string => {
    if (Array.isArray(value)) return `[${[...new Set(value.map(reference))].sort(byCodePoint).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => byCodePoint(a, b));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
  };
  const value = fc.letrec(tie => ({
    any: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('record')),
    list: fc.array(fc.oneof(tie('any'), fc.constantFrom('a', 'b', 1)), { maxLength: 5 }),
    record: fc.dictionary(fc.string({ maxLength: 4 }), fc.option(tie('any'), { nil: undefined }), { maxKeys: 5 }),
  })).any;
  fc.assert(fc.property(value, v => canonicalJson(v) === reference(v)), { numRuns: 500 });
  expect(canonicalJson({ b: [2, 1, 2], a: undefined, c: { y: 'x', x: null } })).toBe('{"b":[1,2],"c":{"x":null,"y":"x"}}');
});
