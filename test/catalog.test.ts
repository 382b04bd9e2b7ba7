/**
 * The catalog (AiProvider, MessagingChannel, OpenClawService, EndpointSet):
 * what each entry is (pinned literally, so that a changed host or port must
 * be reviewed here), and what it allows once it is in a policy.
 */
import {
  AiProvider, EndpointSet, MessagingChannel, OpenClawCiliumEgress, OpenClawNetworkIsolation,
  OpenClawNetworkIsolationProps, OpenClawService, PolicyAnnotations,
} from '../src';
import { dnsProxySees, endpointAllowed, fqdnAllowed } from './support/cilium-eval';
import { allows, Endpoint, ip, pod } from './support/netpol-eval';
import { apiServerRuleErrors, validateManifest } from './support/schemas';
import { newChart, objectNamed, synth } from './support/synth';

type Labels = { [key: string]: string };

/** What one catalog entry must be, written out literally. */
interface Pin {
  /** The entry as written in code, for test names. */
  readonly label: string;
  readonly entry: EndpointSet;
  readonly name: string;
  /** Exact names first, then patterns, each group sorted (the order EndpointSet exposes). */
  readonly hosts: string[];
  /** `Port.toString()` forms, sorted. */
  readonly ports: string[];
  readonly inboundPorts: string[];
  /** For in-cluster entries: the model server pods. */
  readonly pods?: { readonly namespace: string; readonly labels: Labels };
}

function hosted(label: string, entry: EndpointSet, name: string, hosts: string[], ports = ['TCP/443'], inboundPorts: string[] = []): Pin {
  return { label, entry, name, hosts, ports, inboundPorts };
}

function inCluster(label: string, entry: EndpointSet, name: string, namespace: string, labels: Labels, port: string): Pin {
  return { label, entry, name, hosts: [], ports: [port], inboundPorts: [], pods: { namespace, labels } };
}

// ---------------------------------------------------------------------------
// The pin table: every named entry and a sample of every factory
// ---------------------------------------------------------------------------

const NAMED_PROVIDERS: Pin[] = [
  hosted('AiProvider.ANTHROPIC', AiProvider.ANTHROPIC, 'anthropic', ['api.anthropic.com']),
  hosted('AiProvider.OPENAI', AiProvider.OPENAI, 'openai', ['api.openai.com']),
  hosted('AiProvider.GOOGLE_GEMINI', AiProvider.GOOGLE_GEMINI, 'google-gemini', ['generativelanguage.googleapis.com']),
  hosted('AiProvider.OPENROUTER', AiProvider.OPENROUTER, 'openrouter', ['openrouter.ai']),
  hosted('AiProvider.MISTRAL', AiProvider.MISTRAL, 'mistral', ['api.mistral.ai']),
  hosted('AiProvider.GROQ', AiProvider.GROQ, 'groq', ['api.groq.com']),
  hosted('AiProvider.DEEPSEEK', AiProvider.DEEPSEEK, 'deepseek', ['api.deepseek.com']),
  hosted('AiProvider.XAI', AiProvider.XAI, 'xai', ['api.x.ai']),
];

const NAMED_CHANNELS: Pin[] = [
  hosted('MessagingChannel.WHATSAPP', MessagingChannel.WHATSAPP, 'whatsapp',
    ['web.whatsapp.com', '*.whatsapp.net'], ['TCP/443', 'TCP/5222']),
  hosted('MessagingChannel.TELEGRAM', MessagingChannel.TELEGRAM, 'telegram', ['api.telegram.org']),
  hosted('MessagingChannel.DISCORD', MessagingChannel.DISCORD, 'discord',
    ['cdn.discordapp.com', 'discord.com', 'gateway.discord.gg', 'media.discordapp.net', '*.discord.gg']),
  hosted('MessagingChannel.SLACK', MessagingChannel.SLACK, 'slack',
    ['slack.com', '*.slack-edge.com', '*.slack-files.com', '*.slack.com']),
  hosted('MessagingChannel.GOOGLE_CHAT', MessagingChannel.GOOGLE_CHAT, 'google-chat',
    ['chat.googleapis.com', 'oauth2.googleapis.com', 'www.googleapis.com']),
  hosted('MessagingChannel.MS_TEAMS', MessagingChannel.MS_TEAMS, 'ms-teams',
    ['graph.microsoft.com', 'login.botframework.com', 'login.microsoftonline.com', 'smba.trafficmanager.net'],
    ['TCP/443'], ['TCP/3978']),
  hosted('MessagingChannel.MS_TEAMS_MEDIA', MessagingChannel.MS_TEAMS_MEDIA, 'ms-teams-media',
    ['graph.microsoft.com', '*.asm.skype.com', '*.sharepoint.com']),
  hosted('MessagingChannel.LINE', MessagingChannel.LINE, 'line', ['api-data.line.me', 'api.line.me']),
  hosted('MessagingChannel.FEISHU', MessagingChannel.FEISHU, 'feishu', ['open.feishu.cn', '*.feishu.cn']),
  hosted('MessagingChannel.LARK', MessagingChannel.LARK, 'lark', ['open.larksuite.com', '*.larksuite.com']),
  hosted('MessagingChannel.ZALO', MessagingChannel.ZALO, 'zalo', ['bot-api.zaloplatforms.com']),
  hosted('MessagingChannel.TWITCH', MessagingChannel.TWITCH, 'twitch',
    ['api.twitch.tv', 'id.twitch.tv', 'irc-ws.chat.twitch.tv']),
];

const NAMED_SERVICES: Pin[] = [
  hosted('OpenClawService.UPDATE_CHECK', OpenClawService.UPDATE_CHECK, 'openclaw-update-check', ['telemetry.openclaw.ai']),
  hosted('OpenClawService.MODEL_CATALOG', OpenClawService.MODEL_CATALOG, 'openclaw-model-catalog', ['catalog.openclaw.ai']),
  hosted('OpenClawService.CLAWHUB', OpenClawService.CLAWHUB, 'clawhub', ['clawhub.ai']),
  hosted('OpenClawService.SKILL_INSTALLS', OpenClawService.SKILL_INSTALLS, 'openclaw-skill-installs', ['clawhub.ai', 'registry.npmjs.org']),
  hosted('OpenClawService.HOMEBREW', OpenClawService.HOMEBREW, 'homebrew',
    ['formulae.brew.sh', 'ghcr.io', 'github.com', 'pkg-containers.githubusercontent.com']),
];

const PROVIDER_FACTORIES: Pin[] = [
  hosted("AiProvider.azureOpenAi('contoso-ai')", AiProvider.azureOpenAi('contoso-ai'), 'azure-openai-contoso-ai',
    ['contoso-ai.openai.azure.com']),
  hosted("AiProvider.bedrock('eu-central-1')", AiProvider.bedrock('eu-central-1'), 'bedrock-eu-central-1',
    ['bedrock-runtime.eu-central-1.amazonaws.com', 'bedrock.eu-central-1.amazonaws.com', 'sts.eu-central-1.amazonaws.com']),
  inCluster("AiProvider.ollama('llm')", AiProvider.ollama('llm'), 'ollama', 'llm', { app: 'ollama' }, 'TCP/11434'),
  inCluster("AiProvider.vllm('llm', { app: 'vllm-server' })", AiProvider.vllm('llm', { app: 'vllm-server' }), 'vllm',
    'llm', { app: 'vllm-server' }, 'TCP/8000'),
  inCluster("AiProvider.inCluster('litellm', 'llm', { app: 'litellm' }, 4000)", AiProvider.inCluster('litellm', 'llm', { app: 'litellm' }, 4000),
    'litellm', 'llm', { app: 'litellm' }, 'TCP/4000'),
];

const CHANNEL_FACTORIES: Pin[] = [
  hosted("MessagingChannel.matrix('matrix.example.com')", MessagingChannel.matrix('matrix.example.com'), 'matrix',
    ['matrix.example.com']),
  hosted("MessagingChannel.matrix('matrix.example.com', 8448)", MessagingChannel.matrix('matrix.example.com', 8448), 'matrix',
    ['matrix.example.com'], ['TCP/8448']),
  hosted("MessagingChannel.mattermost('chat.example.com')", MessagingChannel.mattermost('chat.example.com'), 'mattermost',
    ['chat.example.com']),
  hosted("MessagingChannel.nextcloudTalk('cloud.example.com')", MessagingChannel.nextcloudTalk('cloud.example.com'), 'nextcloud-talk',
    ['cloud.example.com'], ['TCP/443'], ['TCP/8788']),
  hosted("MessagingChannel.signal('signal.example.com')", MessagingChannel.signal('signal.example.com'), 'signal',
    ['signal.example.com'], ['TCP/8080']),
  hosted("MessagingChannel.blueBubbles('bluebubbles.example.com')", MessagingChannel.blueBubbles('bluebubbles.example.com'), 'bluebubbles',
    ['bluebubbles.example.com'], ['TCP/1234']),
  hosted("MessagingChannel.synologyChat('nas.example.com')", MessagingChannel.synologyChat('nas.example.com'), 'synology-chat',
    ['nas.example.com'], ['TCP/5001']),
  hosted("MessagingChannel.irc('irc.libera.chat')", MessagingChannel.irc('irc.libera.chat'), 'irc',
    ['irc.libera.chat'], ['TCP/6697']),
  hosted("MessagingChannel.irc('irc.example.com', 6667)", MessagingChannel.irc('irc.example.com', 6667), 'irc',
    ['irc.example.com'], ['TCP/6667']),
];

const NAMED: Pin[] = [...NAMED_PROVIDERS, ...NAMED_CHANNELS, ...NAMED_SERVICES];
const ALL: Pin[] = [...NAMED, ...PROVIDER_FACTORIES, ...CHANNEL_FACTORIES];
const EXTERNAL = ALL.filter(p => p.pods === undefined);
const IN_CLUSTER = ALL.filter(p => p.pods !== undefined);

/** The static EndpointSet members of a catalog class (its named entries). */
function staticEntries(cls: object): EndpointSet[] {
  return Object.getOwnPropertyNames(cls)
    .filter(key => key !== 'prototype') // a subclass's prototype is itself `instanceof EndpointSet`
    .map(key => (cls as any)[key])
    .filter(value => value instanceof EndpointSet);
}

/** `TCP/443` → `{ protocol: 'TCP', port: 443 }`. */
function parsePort(text: string): { protocol: string; port: number } {
  const [protocol, port] = text.split('/');
  return { protocol, port: Number(port) };
}

describe('the catalog entries, pinned', () => {
  test.each(ALL.map(p => [p.label, p] as const))('%s has the reviewed name, hosts and ports', (_label, pin) => {
    const entry = pin.entry;
    expect({
      name: entry.name,
      hosts: entry.fqdns.map(String),
      ports: entry.ports.map(String),
      inboundPorts: entry.inboundPorts.map(String),
      isInCluster: entry.isInCluster,
      namespace: entry.namespace,
      podLabels: entry.podLabels,
    }).toEqual({
      name: pin.name,
      hosts: pin.hosts,
      ports: pin.ports,
      inboundPorts: pin.inboundPorts,
      isInCluster: pin.pods !== undefined,
      namespace: pin.pods?.namespace,
      podLabels: pin.pods?.labels,
    });
  });

  test.each(ALL.map(p => [p.label, p] as const))('%s marks exactly its "*" hosts as patterns', (_label, pin) => {
    expect(pin.entry.fqdns.map(f => (f.matchPattern !== undefined ? `pattern ${f.matchPattern}` : `name ${f.matchName}`)))
      .toEqual(pin.hosts.map(h => (h.includes('*') ? `pattern ${h}` : `name ${h}`)));
  });

  test.each([
    ['AiProvider', AiProvider, NAMED_PROVIDERS],
    ['MessagingChannel', MessagingChannel, NAMED_CHANNELS],
    ['OpenClawService', OpenClawService, NAMED_SERVICES],
  ] as const)('every named %s entry is in the pin table, and nothing else', (_name, cls, pins) => {
    const entries = staticEntries(cls);
    expect(entries).toHaveLength(pins.length);
    for (const pin of pins) expect(entries).toContain(pin.entry);
  });

  test('OpenClawService.ALL is exactly the update check, the model catalog and ClawHub', () => {
    expect(OpenClawService.ALL).toHaveLength(3);
    expect(OpenClawService.ALL[0]).toBe(OpenClawService.UPDATE_CHECK);
    expect(OpenClawService.ALL[1]).toBe(OpenClawService.MODEL_CATALOG);
    expect(OpenClawService.ALL[2]).toBe(OpenClawService.CLAWHUB);
    expect(Object.isFrozen(OpenClawService.ALL)).toBe(true);
  });

  test.each(ALL.map(p => [p.label, p] as const))('%s has a one-line description', (_label, pin) => {
    expect(typeof pin.entry.description).toBe('string');
    expect(pin.entry.description.trim()).not.toBe('');
    expect(pin.entry.description).not.toMatch(/[\r\n]/);
  });

  test('named entries have unique names, so their annotations never collide', () => {
    const names = NAMED.map(p => p.entry.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

// ---------------------------------------------------------------------------
// Each entry on its own in an OpenClawCiliumEgress
// ---------------------------------------------------------------------------

/** Synthesizes an OpenClawCiliumEgress that allows only this entry. */
function ciliumEgressFor(entry: EndpointSet): { objects: any[]; cnp: any } {
  const chart = newChart();
  const props = {
    providers: entry instanceof AiProvider ? [entry] : [],
    channels: entry instanceof MessagingChannel ? [entry] : [],
    services: entry instanceof OpenClawService ? [entry] : [],
  };
  const egress = new OpenClawCiliumEgress(chart, 'E', props);
  if (!(entry instanceof AiProvider || entry instanceof MessagingChannel || entry instanceof OpenClawService)) {
    egress.allowEndpoints([entry]);
  }
  const objects = synth(chart);
  const cnps = objects.filter(o => o.kind === 'CiliumNetworkPolicy');
  expect(cnps).toHaveLength(1);
  return { objects, cnp: cnps[0] };
}

/** Each case with its verdict, keyed by a readable description, for clear diffs. */
function verdicts(cases: [string, boolean][]): { [what: string]: boolean } {
  return Object.fromEntries(cases);
}

function allExpected(cases: [string, boolean][], expected: boolean): { [what: string]: boolean } {
  return Object.fromEntries(cases.map(([what]) => [what, expected]));
}

const UNLISTED_HOSTS = ['exfil.example.net', 'pastebin.com', 'raw.githubusercontent.com'];

function expectValid(objects: any[]): void {
  expect(objects.length).toBeGreaterThan(0);
  for (const object of objects) {
    expect(validateManifest(object)).toEqual([]);
    expect(apiServerRuleErrors(object)).toEqual([]);
  }
}

function egressAnnotations(cnp: any): { [key: string]: string } {
  return Object.fromEntries(Object.entries(cnp.metadata.annotations ?? {})
    .filter(([key]) => key.startsWith(PolicyAnnotations.EGRESS_PREFIX))) as { [key: string]: string };
}

describe.each(EXTERNAL)('$label alone in OpenClawCiliumEgress', pin => {
  const { objects, cnp } = ciliumEgressFor(pin.entry);
  const exact = pin.hosts.filter(h => !h.includes('*'));
  const patterns = pin.hosts.filter(h => h.includes('*'));
  /** A name each pattern covers: `*.x.y` → `sample.x.y`. */
  const samples = patterns.map(p => p.replace(/^\*\./, 'sample.'));
  const ports = pin.ports.map(parsePort);

  test('emits a policy that the schemas, the API server and the Cilium agent accept', () => {
    expectValid(objects);
  });

  test('DNS answers for every host pass through Cilium\'s DNS proxy', () => {
    const cases: [string, boolean][] = [...exact, ...samples].map(host => [host, dnsProxySees(cnp, host)]);
    expect(verdicts(cases)).toEqual(allExpected(cases, true));
  });

  test(`every host is reachable on ${pin.ports.join(' and ')}`, () => {
    const cases: [string, boolean][] = [...exact, ...samples].flatMap(host =>
      ports.map(({ protocol, port }) => [`${host} ${protocol}/${port}`, fqdnAllowed(cnp, host, port, protocol)] as [string, boolean]));
    expect(verdicts(cases)).toEqual(allExpected(cases, true));
  });

  test('no host is reachable on TCP 80, nor over UDP on its own ports', () => {
    const cases: [string, boolean][] = [...exact, ...samples].flatMap(host => [
      [`${host} TCP/80`, fqdnAllowed(cnp, host, 80, 'TCP')] as [string, boolean],
      ...ports.map(({ port }) => [`${host} UDP/${port}`, fqdnAllowed(cnp, host, port, 'UDP')] as [string, boolean]),
    ]);
    expect(verdicts(cases)).toEqual(allExpected(cases, false));
  });

  if (patterns.length > 0) {
    test('each "*" wildcard covers exactly one label: not the bare domain (unless listed), not two labels deep', () => {
      const { port, protocol } = ports[0];
      const cases: [string, boolean][] = [];
      const expected: [string, boolean][] = [];
      for (const pattern of patterns) {
        const domain = pattern.replace(/^\*\./, '');
        for (const [name, allowed] of [
          [`sample.${domain}`, true],
          [domain, exact.includes(domain)],
          [`a.b.${domain}`, false],
        ] as [string, boolean][]) {
          cases.push([name, fqdnAllowed(cnp, name, port, protocol)]);
          expected.push([name, allowed]);
        }
      }
      expect(verdicts(cases)).toEqual(verdicts(expected));
    });
  }

  test('unlisted hosts, such as exfil.example.net, are denied', () => {
    const cases: [string, boolean][] = UNLISTED_HOSTS.flatMap(host =>
      ports.map(({ protocol, port }) => [`${host} ${protocol}/${port}`, fqdnAllowed(cnp, host, port, protocol)] as [string, boolean]));
    expect(verdicts(cases)).toEqual(allExpected(cases, false));
  });

  test('uses toFQDNs rules only: no pod selectors besides DNS', () => {
    const rules = cnp.spec.egress.filter((r: any) => r.toFQDNs);
    expect(rules.length).toBeGreaterThan(0);
    const dnsRules = cnp.spec.egress.filter((r: any) => !r.toFQDNs);
    for (const rule of dnsRules) {
      expect(rule.toPorts.every((tp: any) => tp.rules?.dns !== undefined)).toBe(true);
    }
  });

  test(`is annotated ${PolicyAnnotations.EGRESS_PREFIX}${pin.name} with its hosts and ports`, () => {
    const annotations = egressAnnotations(cnp);
    expect(Object.keys(annotations)).toEqual([`${PolicyAnnotations.EGRESS_PREFIX}${pin.name}`]);
    const value = annotations[`${PolicyAnnotations.EGRESS_PREFIX}${pin.name}`];
    for (const text of [...pin.hosts, ...pin.ports]) expect(value).toContain(text);
  });
});

describe.each(IN_CLUSTER)('$label alone in OpenClawCiliumEgress', pin => {
  const { objects, cnp } = ciliumEgressFor(pin.entry);
  const { namespace, labels } = pin.pods!;
  const { port } = parsePort(pin.ports[0]);

  test('emits a policy that the schemas, the API server and the Cilium agent accept', () => {
    expectValid(objects);
  });

  test('reaches the model server by pod selector (toEndpoints), never by FQDN', () => {
    const endpointRules = cnp.spec.egress.filter((r: any) => r.toEndpoints && !r.toPorts.some((tp: any) => tp.rules?.dns));
    expect(endpointRules).toHaveLength(1);
    expect(cnp.spec.egress.filter((r: any) => r.toFQDNs)).toEqual([]);
  });

  test(`allows the pods ${JSON.stringify(labels)} in namespace ${namespace} on TCP ${port}`, () => {
    expect(endpointAllowed(cnp, namespace, labels, port)).toBe(true);
    // extra labels on the pod do not matter: the selector only requires its own
    expect(endpointAllowed(cnp, namespace, { ...labels, 'pod-template-hash': 'abc123' }, port)).toBe(true);
  });

  test('denies the same pods in another namespace, other pods in the namespace, other ports and UDP', () => {
    expect(verdicts([
      ['another namespace', endpointAllowed(cnp, 'other', labels, port)],
      ['the policy namespace', endpointAllowed(cnp, 'openclaw', labels, port)],
      ['other labels', endpointAllowed(cnp, namespace, { app: 'other' }, port)],
      ['another port', endpointAllowed(cnp, namespace, labels, port + 1)],
      ['UDP', endpointAllowed(cnp, namespace, labels, port, 'UDP')],
    ])).toEqual({
      'another namespace': false,
      'the policy namespace': false,
      'other labels': false,
      'another port': false,
      'UDP': false,
    });
  });

  test('unlisted hosts, such as exfil.example.net, are denied', () => {
    for (const host of UNLISTED_HOSTS) expect(fqdnAllowed(cnp, host, 443)).toBe(false);
  });

  test(`is annotated ${PolicyAnnotations.EGRESS_PREFIX}${pin.name} with its namespace, labels and port`, () => {
    const annotations = egressAnnotations(cnp);
    expect(Object.keys(annotations)).toEqual([`${PolicyAnnotations.EGRESS_PREFIX}${pin.name}`]);
    const value = annotations[`${PolicyAnnotations.EGRESS_PREFIX}${pin.name}`];
    expect(value).toContain(namespace);
    for (const [key, v] of Object.entries(labels)) expect(value).toContain(`${key}=${v}`);
    for (const text of pin.ports) expect(value).toContain(text);
  });
});

// ---------------------------------------------------------------------------
// Channels and providers in OpenClawNetworkIsolation
// ---------------------------------------------------------------------------

const OPENCLAW = pod('openclaw', { app: 'openclaw' }, '10.244.1.10');
const INGRESS_CONTROLLER = pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
const PROMETHEUS = pod('monitoring', { app: 'prometheus' });
const DEFAULT_POD = pod('default', { app: 'curl' });
const PUBLIC_HOST = ip('203.0.113.10');
const PRIVATE_HOST = ip('10.0.0.5');

function isolation(props: OpenClawNetworkIsolationProps): any[] {
  const chart = newChart();
  new OpenClawNetworkIsolation(chart, 'Isolation', props);
  return synth(chart);
}

/** The TCP ports (as `Port.toString()` text) the ingress policy opens. */
function ingressPorts(objects: any[]): string[] {
  const ingress = objectNamed(objects, 'NetworkPolicy', 'openclaw-ingress');
  return ingress.spec.ingress.flatMap((rule: any) => (rule.ports ?? []).map((p: any) => `${p.protocol ?? 'TCP'}/${p.port}`)).sort();
}

function reaches(objects: any[], from: Endpoint, to: Endpoint, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): boolean {
  return allows(objects, { from, to, port, protocol });
}

describe('OpenClawNetworkIsolation with messaging channels', () => {
  test('MS Teams webhooks reach OpenClaw on TCP 3978 only from the ingress controller (not monitoring)', () => {
    const objects = isolation({ channels: [MessagingChannel.MS_TEAMS] });
    expect(verdicts([
      ['ingress-nginx → 3978', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 3978)],
      ['monitoring → 3978', reaches(objects, PROMETHEUS, OPENCLAW, 3978)],
      ['default → 3978', reaches(objects, DEFAULT_POD, OPENCLAW, 3978)],
      ['internet → 3978', reaches(objects, PUBLIC_HOST, OPENCLAW, 3978)],
      ['ingress-nginx → UDP 3978', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 3978, 'UDP')],
      ['ingress-nginx → 18789', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 18789)],
    ])).toEqual({
      'ingress-nginx → 3978': true,
      'monitoring → 3978': false,
      'default → 3978': false,
      'internet → 3978': false,
      'ingress-nginx → UDP 3978': false,
      'ingress-nginx → 18789': true,
    });
    expect(ingressPorts(objects)).toEqual(['TCP/18789', 'TCP/3978']);
  });

  test('Nextcloud Talk webhooks reach OpenClaw on TCP 8788 only from the ingress controller (not monitoring)', () => {
    const objects = isolation({ channels: [MessagingChannel.nextcloudTalk('cloud.example.com')] });
    expect(verdicts([
      ['ingress-nginx → 8788', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 8788)],
      ['monitoring → 8788', reaches(objects, PROMETHEUS, OPENCLAW, 8788)],
      ['default → 8788', reaches(objects, DEFAULT_POD, OPENCLAW, 8788)],
      ['ingress-nginx → UDP 8788', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 8788, 'UDP')],
      ['ingress-nginx → 3978', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 3978)],
    ])).toEqual({
      'ingress-nginx → 8788': true,
      'monitoring → 8788': false,
      'default → 8788': false,
      'ingress-nginx → UDP 8788': false,
      'ingress-nginx → 3978': false,
    });
    expect(ingressPorts(objects)).toEqual(['TCP/18789', 'TCP/8788']);
  });

  test('MS Teams and Nextcloud Talk together open both webhook ports', () => {
    const objects = isolation({ channels: [MessagingChannel.MS_TEAMS, MessagingChannel.nextcloudTalk('cloud.example.com')] });
    expect(reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 3978)).toBe(true);
    expect(reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 8788)).toBe(true);
    expect(ingressPorts(objects)).toEqual(['TCP/18789', 'TCP/3978', 'TCP/8788']);
  });

  test.each([
    ['MessagingChannel.SLACK', MessagingChannel.SLACK],
    ['MessagingChannel.LINE', MessagingChannel.LINE],
    ['MessagingChannel.GOOGLE_CHAT', MessagingChannel.GOOGLE_CHAT],
    ['MessagingChannel.ZALO', MessagingChannel.ZALO],
    ["MessagingChannel.mattermost('chat.example.com')", MessagingChannel.mattermost('chat.example.com')],
    ["MessagingChannel.blueBubbles('bluebubbles.example.com')", MessagingChannel.blueBubbles('bluebubbles.example.com')],
    ["MessagingChannel.synologyChat('nas.example.com')", MessagingChannel.synologyChat('nas.example.com')],
  ])('%s webhooks arrive on the gateway port, so nothing beyond 18789 opens', (_label, channel) => {
    const objects = isolation({ channels: [channel] });
    expect(reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 18789)).toBe(true);
    expect(reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 3978)).toBe(false);
    expect(reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 8788)).toBe(false);
    expect(ingressPorts(objects)).toEqual(['TCP/18789']);
  });

  test('IRC adds TCP 6697 to public egress, and only to public addresses', () => {
    const objects = isolation({ channels: [MessagingChannel.irc('irc.libera.chat')] });
    expect(verdicts([
      ['public 6697', reaches(objects, OPENCLAW, PUBLIC_HOST, 6697)],
      ['public 6667', reaches(objects, OPENCLAW, PUBLIC_HOST, 6667)],
      ['public UDP 6697', reaches(objects, OPENCLAW, PUBLIC_HOST, 6697, 'UDP')],
      ['private 6697', reaches(objects, OPENCLAW, PRIVATE_HOST, 6697)],
      ['public 443 (default egress port)', reaches(objects, OPENCLAW, PUBLIC_HOST, 443)],
      ['public 5222 (default egress port)', reaches(objects, OPENCLAW, PUBLIC_HOST, 5222)],
    ])).toEqual({
      'public 6697': true,
      'public 6667': false,
      'public UDP 6697': false,
      'private 6697': false,
      'public 443 (default egress port)': true,
      'public 5222 (default egress port)': true,
    });
  });

  test('a plain-text IRC server on 6667 opens 6667, not 6697', () => {
    const objects = isolation({ channels: [MessagingChannel.irc('irc.example.com', 6667)] });
    expect(reaches(objects, OPENCLAW, PUBLIC_HOST, 6667)).toBe(true);
    expect(reaches(objects, OPENCLAW, PUBLIC_HOST, 6697)).toBe(false);
    expect(reaches(objects, OPENCLAW, PRIVATE_HOST, 6667)).toBe(false);
  });

  test('with internetEgress: false, channels still open their webhook ports but add no public egress', () => {
    const objects = isolation({
      internetEgress: false,
      channels: [MessagingChannel.MS_TEAMS, MessagingChannel.nextcloudTalk('cloud.example.com'), MessagingChannel.irc('irc.libera.chat')],
    });
    expect(verdicts([
      ['ingress-nginx → 3978', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 3978)],
      ['ingress-nginx → 8788', reaches(objects, INGRESS_CONTROLLER, OPENCLAW, 8788)],
      ['default → 3978', reaches(objects, DEFAULT_POD, OPENCLAW, 3978)],
      ['public 443', reaches(objects, OPENCLAW, PUBLIC_HOST, 443)],
      ['public 6697', reaches(objects, OPENCLAW, PUBLIC_HOST, 6697)],
      ['public 5222', reaches(objects, OPENCLAW, PUBLIC_HOST, 5222)],
    ])).toEqual({
      'ingress-nginx → 3978': true,
      'ingress-nginx → 8788': true,
      'default → 3978': false,
      'public 443': false,
      'public 6697': false,
      'public 5222': false,
    });
  });
});

describe('OpenClawNetworkIsolation with AI providers', () => {
  // The llm namespace has no policies in these charts, so its pods accept the flows the OpenClaw egress allows.
  const OLLAMA = pod('llm', { app: 'ollama' }, '10.244.3.7');

  test('an in-cluster Ollama in namespace llm is reachable on TCP 11434, and only those pods on that port', () => {
    const objects = isolation({ providers: [AiProvider.ollama('llm')] });
    expect(verdicts([
      ['llm {app=ollama} 11434', reaches(objects, OPENCLAW, OLLAMA, 11434)],
      ['other {app=ollama} 11434', reaches(objects, OPENCLAW, pod('other', { app: 'ollama' }, '10.244.4.7'), 11434)],
      ['llm {app=other} 11434', reaches(objects, OPENCLAW, pod('llm', { app: 'other' }, '10.244.3.8'), 11434)],
      ['llm {app=ollama} 11435', reaches(objects, OPENCLAW, OLLAMA, 11435)],
      ['llm {app=ollama} UDP 11434', reaches(objects, OPENCLAW, OLLAMA, 11434, 'UDP')],
      ['public 11434', reaches(objects, OPENCLAW, PUBLIC_HOST, 11434)],
    ])).toEqual({
      'llm {app=ollama} 11434': true,
      'other {app=ollama} 11434': false,
      'llm {app=other} 11434': false,
      'llm {app=ollama} 11435': false,
      'llm {app=ollama} UDP 11434': false,
      'public 11434': false,
    });
  });

  test('vLLM with custom labels is reached by those labels on TCP 8000', () => {
    const objects = isolation({ providers: [AiProvider.vllm('llm', { app: 'vllm-server' })] });
    expect(reaches(objects, OPENCLAW, pod('llm', { app: 'vllm-server' }), 8000)).toBe(true);
    expect(reaches(objects, OPENCLAW, pod('llm', { app: 'vllm' }), 8000)).toBe(false);
    expect(reaches(objects, OPENCLAW, pod('llm', { app: 'vllm-server' }), 8001)).toBe(false);
  });

  test('the in-cluster rule survives internetEgress: false', () => {
    const objects = isolation({ internetEgress: false, providers: [AiProvider.ollama('llm')] });
    expect(reaches(objects, OPENCLAW, OLLAMA, 11434)).toBe(true);
    expect(reaches(objects, OPENCLAW, PUBLIC_HOST, 443)).toBe(false);
  });
});

describe('OpenClawNetworkIsolation output with channels and providers is valid', () => {
  test.each<[string, OpenClawNetworkIsolationProps]>([
    ['MS Teams', { channels: [MessagingChannel.MS_TEAMS] }],
    ['Nextcloud Talk', { channels: [MessagingChannel.nextcloudTalk('cloud.example.com')] }],
    ['Slack and LINE', { channels: [MessagingChannel.SLACK, MessagingChannel.LINE] }],
    ['IRC', { channels: [MessagingChannel.irc('irc.libera.chat')] }],
    ['Ollama', { providers: [AiProvider.ollama('llm')] }],
    ['every named channel and provider plus the factories', {
      channels: [...NAMED_CHANNELS, ...CHANNEL_FACTORIES].map(p => p.entry as MessagingChannel),
      providers: [...NAMED_PROVIDERS, ...PROVIDER_FACTORIES].map(p => p.entry as AiProvider),
    }],
    ['internetEgress: false with channels and Ollama', {
      internetEgress: false,
      channels: [MessagingChannel.MS_TEAMS, MessagingChannel.irc('irc.libera.chat')],
      providers: [AiProvider.ollama('llm')],
    }],
  ])('%s: the schemas and the API server accept every NetworkPolicy', (_label, props) => {
    expectValid(isolation(props));
  });
});

describe('an in-cluster model server in OpenClaw\'s own namespace', () => {
  test('regression: the namespace-wide default deny does not cut OpenClaw off from it', () => {
    const chart = newChart();
    const withOllama = new OpenClawNetworkIsolation(chart, 'Isolation', { providers: [AiProvider.ollama('openclaw')] });
    const objects = synth(chart);
    const openclaw = pod('openclaw', { app: 'openclaw' });
    expect(allows(objects, { from: openclaw, to: pod('openclaw', { app: 'ollama' }), port: 11434 })).toBe(true);
    expect(allows(objects, { from: pod('openclaw', { app: 'other' }), to: pod('openclaw', { app: 'ollama' }), port: 11434 })).toBe(false);
    expect(allows(objects, { from: openclaw, to: pod('openclaw', { app: 'ollama' }), port: 22 })).toBe(false);
    expect(withOllama.peerIngress.map(i => i.target.name)).toEqual(['openclaw-ollama-ingress']);
    for (const obj of objects) {
      expect(validateManifest(obj)).toEqual([]);
      expect(apiServerRuleErrors(obj)).toEqual([]);
    }
  });
});
