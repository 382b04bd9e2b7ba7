import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import {
  AiProvider,
  Cidr,
  CiliumFqdnEgress,
  CiliumVersion,
  DnsQueryFilter,
  Enforcement,
  DefaultDeny,
  DnsEgress,
  DnsTarget,
  EgressAllow,
  EndpointSet,
  Fqdn,
  IngressAllow,
  MessagingChannel,
  OpenClawCiliumEgress,
  OpenClawNetworkIsolation,
  Peer,
  Port,
} from '../src';
import { newApp } from './support/synth';

/**
 * The library's rule: any bad prop throws at construction time (or, for
 * cross-construct conflicts, at synth), and the Error names the prop, shows
 * the bad value and says what is allowed. One row per bad-input class.
 */

/** A fresh chart, in a fresh app, in namespace 'openclaw' unless told otherwise. */
function chart(namespace: string = 'openclaw'): Chart {
  return new Chart(newApp(), 'test', { namespace });
}

const OPENCLAW = { app: 'openclaw' };
const HTTPS = [Port.tcp(443)];

interface BadInput {
  /** What is wrong. */
  readonly description: string;
  /** Builds something from the bad input; must throw. */
  readonly thunk: () => unknown;
  /** Substring naming the prop in the message. */
  readonly prop: string;
  /** Substring showing the bad value in the message. */
  readonly value: string;
  /** Substring of the "what is allowed" text; by default, some words after the value. */
  readonly allowed?: string;
}

function row(description: string, thunk: () => unknown, prop: string, value: string, allowed?: string): BadInput {
  return { description, thunk, prop, value, allowed };
}

function errorOf(thunk: () => unknown): Error {
  try {
    thunk();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the thunk to throw, but it returned normally');
}

// ---------------------------------------------------------------------------
// Ports

const portRows: BadInput[] = [
  row('Port.tcp(0)', () => Port.tcp(0), 'port', '0', 'integer from 1 to 65535'),
  row('Port.tcp(-1)', () => Port.tcp(-1), 'port', '-1', 'integer from 1 to 65535'),
  row('Port.tcp(65536)', () => Port.tcp(65536), 'port', '65536', 'integer from 1 to 65535'),
  row('Port.tcp(1.5)', () => Port.tcp(1.5), 'port', '1.5', 'integer from 1 to 65535'),
  row('Port.tcp(NaN)', () => Port.tcp(NaN), 'port', 'NaN', 'integer from 1 to 65535'),
  row('Port.tcp(Infinity)', () => Port.tcp(Infinity), 'port', 'Infinity', 'integer from 1 to 65535'),
  row('Port.udp(0)', () => Port.udp(0), 'port', '0', 'integer from 1 to 65535'),
  row('Port.udp(65536)', () => Port.udp(65536), 'port', '65536', 'integer from 1 to 65535'),
  row('Port.sctp(70000)', () => Port.sctp(70000), 'port', '70000', 'integer from 1 to 65535'),
  row('Port.tcpRange end < start', () => Port.tcpRange(8100, 8000), 'port range', '8100-8000', 'greater than or equal to the start'),
  row('Port.udpRange end < start', () => Port.udpRange(10, 9), 'port range', '10-9', 'greater than or equal to the start'),
  row('Port.tcpRange start 0', () => Port.tcpRange(0, 10), 'port range (start)', '0', 'integer from 1 to 65535'),
  row('Port.tcpRange end 65536', () => Port.tcpRange(1, 65536), 'port range (end)', '65536', 'integer from 1 to 65535'),
  row('gatewayPort 0', () => new OpenClawNetworkIsolation(chart(), 'Isolation', { gatewayPort: 0 }), 'gatewayPort', '0',
    'integer from 1 to 65535'),
  row('gatewayPort 70000', () => new OpenClawNetworkIsolation(chart(), 'Isolation', { gatewayPort: 70000 }), 'gatewayPort', '70000',
    'integer from 1 to 65535'),
];

// ---------------------------------------------------------------------------
// Namespaces: every bad class, on every construct that takes a namespace, and
// through the chart's namespace too.

const BAD_NAMESPACES: { what: string; namespace: string; shown: string }[] = [
  { what: 'upper-case', namespace: 'OpenClaw', shown: 'OpenClaw' },
  { what: 'too long (64 chars)', namespace: 'a'.repeat(64), shown: 'a'.repeat(64) },
  { what: 'empty', namespace: '', shown: '""' },
  { what: 'with underscore', namespace: 'open_claw', shown: 'open_claw' },
  { what: 'leading dash', namespace: '-openclaw', shown: '-openclaw' },
  { what: 'with a dot (subdomain, not a label)', namespace: 'open.claw', shown: 'open.claw' },
];

const NAMESPACED_CONSTRUCTS: { name: string; make: (scope: Chart, namespace?: string) => unknown }[] = [
  { name: 'OpenClawNetworkIsolation', make: (c, namespace) => new OpenClawNetworkIsolation(c, 'Isolation', { namespace }) },
  { name: 'OpenClawCiliumEgress', make: (c, namespace) => new OpenClawCiliumEgress(c, 'Cilium', { namespace }) },
  { name: 'DefaultDeny', make: (c, namespace) => new DefaultDeny(c, 'Deny', { namespace }) },
  { name: 'DnsEgress', make: (c, namespace) => new DnsEgress(c, 'Dns', { namespace, selector: OPENCLAW }) },
  { name: 'EgressAllow', make: (c, namespace) => new EgressAllow(c, 'Egress', { namespace, selector: OPENCLAW }) },
  { name: 'IngressAllow', make: (c, namespace) => new IngressAllow(c, 'Ingress', { namespace, selector: OPENCLAW }) },
  { name: 'CiliumFqdnEgress', make: (c, namespace) => new CiliumFqdnEgress(c, 'Fqdn', { namespace, selector: OPENCLAW }) },
];

const namespaceRows: BadInput[] = [
  ...BAD_NAMESPACES.flatMap(({ what, namespace, shown }) => NAMESPACED_CONSTRUCTS.map(({ name, make }) =>
    row(`namespace ${what} on ${name}`, () => make(chart(), namespace), 'namespace', shown, 'DNS-1123 label'))),
  ...NAMESPACED_CONSTRUCTS.map(({ name, make }) =>
    row(`chart namespace with underscore, inherited by ${name}`, () => make(chart('open_claw')), 'namespace', 'open_claw',
      'DNS-1123 label')),
  ...BAD_NAMESPACES.map(({ what, namespace, shown }) =>
    row(`ingressNamespaces entry ${what}`, () => new OpenClawNetworkIsolation(chart(), 'Isolation', { ingressNamespaces: [namespace] }),
      'ingressNamespaces[0]', shown, 'DNS-1123 label')),
  row('ingressNamespaces empty', () => new OpenClawNetworkIsolation(chart(), 'Isolation', { ingressNamespaces: [] }),
    'ingressNamespaces', '[]', 'at least one namespace'),
  row('ingressNamespaces second entry invalid', () => new OpenClawNetworkIsolation(chart(), 'Isolation',
    { ingressNamespaces: ['ingress-nginx', 'Monitoring'] }), 'ingressNamespaces[1]', 'Monitoring', 'DNS-1123 label'),
  row('ingressNamespaces duplicate', () => new OpenClawNetworkIsolation(chart(), 'Isolation',
    { ingressNamespaces: ['ingress-nginx', 'monitoring', 'ingress-nginx'] }), 'ingressNamespaces', 'ingress-nginx', 'listed twice'),
  row('Peer.namespaces empty', () => Peer.namespaces([]), 'namespaces', '[]', 'at least one namespace'),
  row('Peer.namespaces invalid', () => Peer.namespaces(['Kube_System']), 'namespaces[0]', 'Kube_System', 'DNS-1123 label'),
  row('Peer.namespaces duplicate', () => Peer.namespaces(['llm', 'llm']), 'namespaces', 'llm', 'listed twice'),
  row('Peer.podsInNamespaces invalid namespace', () => Peer.podsInNamespaces(['LLM'], { app: 'ollama' }), 'namespaces[0]', 'LLM',
    'DNS-1123 label'),
];

// ---------------------------------------------------------------------------
// Selectors and labels

const BAD_LABEL_KEYS: { what: string; key: string }[] = [
  { what: 'starting with a dash', key: '-bad' },
  { what: 'with two slashes', key: 'a/b/c' },
  { what: 'with a name of 64 chars', key: 'x'.repeat(64) },
  { what: 'with an upper-case prefix', key: 'UPPER.example.com/x' },
  { what: 'with an empty prefix', key: '/x' },
  { what: 'with an empty name', key: 'example.com/' },
];

const BAD_LABEL_VALUES: { what: string; value: string }[] = [
  { what: 'with a space', value: 'has space' },
  { what: 'starting with a dash', value: '-x' },
  { what: 'of 64 chars', value: 'x'.repeat(64) },
  { what: 'ending with a dot', value: 'x.' },
];

/** Places that take a label map, and the prop name their errors use. */
const LABEL_SITES: { name: string; prop: string; make: (labels: { [key: string]: string }) => unknown }[] = [
  { name: 'OpenClawNetworkIsolation selector', prop: 'selector', make: l => new OpenClawNetworkIsolation(chart(), 'I', { selector: l }) },
  { name: 'OpenClawCiliumEgress selector', prop: 'selector', make: l => new OpenClawCiliumEgress(chart(), 'C', { selector: l }) },
  { name: 'EgressAllow selector', prop: 'selector', make: l => new EgressAllow(chart(), 'E', { selector: l }) },
  { name: 'DefaultDeny selector', prop: 'selector', make: l => new DefaultDeny(chart(), 'D', { selector: l }) },
  { name: 'Peer.pods', prop: 'labels', make: l => Peer.pods(l) },
  { name: 'DnsTarget.pods', prop: 'dns labels', make: l => DnsTarget.pods('kube-system', l) },
];

const labelRows: BadInput[] = [
  row('selector {} on OpenClawNetworkIsolation', () => new OpenClawNetworkIsolation(chart(), 'Isolation', { selector: {} }),
    'selector', '{}', 'at least one label'),
  row('selector {} on OpenClawCiliumEgress', () => new OpenClawCiliumEgress(chart(), 'Cilium', { selector: {} }),
    'selector', '{}', 'at least one label'),
  row('Peer.pods({})', () => Peer.pods({}), 'labels', '{}', 'at least one label'),
  row('Peer.podsInNamespaces with {} labels', () => Peer.podsInNamespaces(['llm'], {}), 'labels', '{}', 'at least one label'),
  ...BAD_LABEL_KEYS.flatMap(({ what, key }) => LABEL_SITES.map(site =>
    row(`label key ${what} in ${site.name}`, () => site.make({ [key]: 'x' }), `${site.prop} key`, key, 'label key'))),
  ...BAD_LABEL_VALUES.flatMap(({ what, value }) => LABEL_SITES.map(site =>
    row(`label value ${what} in ${site.name}`, () => site.make({ app: value }), `${site.prop}["app"]`, value, 'label value'))),
];

// ---------------------------------------------------------------------------
// Policy names

const nameRows: BadInput[] = [
  row('name Bad_Name on OpenClawNetworkIsolation', () => new OpenClawNetworkIsolation(chart(), 'Isolation', { name: 'Bad_Name' }),
    'name', 'Bad_Name', 'DNS-1123 subdomain'),
  row('name Bad_Name on OpenClawCiliumEgress', () => new OpenClawCiliumEgress(chart(), 'Cilium', { name: 'Bad_Name' }),
    'name', 'Bad_Name', 'DNS-1123 subdomain'),
  row('name too long for <name>-default-deny', () => new OpenClawNetworkIsolation(chart(), 'Isolation', { name: 'a'.repeat(241) }),
    'name', 'a'.repeat(241), 'at most 240 characters'),
  row('name Bad_Name on DefaultDeny', () => new DefaultDeny(chart(), 'Deny', { name: 'Bad_Name' }), 'name', 'Bad_Name',
    'DNS-1123 subdomain'),
  row('name Bad_Name on DnsEgress', () => new DnsEgress(chart(), 'Dns', { name: 'Bad_Name', selector: OPENCLAW }), 'name', 'Bad_Name',
    'DNS-1123 subdomain'),
  row('name Bad_Name on EgressAllow', () => new EgressAllow(chart(), 'Egress', { name: 'Bad_Name', selector: OPENCLAW }), 'name',
    'Bad_Name', 'DNS-1123 subdomain'),
  row('name Bad_Name on IngressAllow', () => new IngressAllow(chart(), 'Ingress', { name: 'Bad_Name', selector: OPENCLAW }), 'name',
    'Bad_Name', 'DNS-1123 subdomain'),
  row('name Bad_Name on CiliumFqdnEgress', () => new CiliumFqdnEgress(chart(), 'Fqdn', { name: 'Bad_Name', selector: OPENCLAW }),
    'name', 'Bad_Name', 'DNS-1123 subdomain'),
  row('name ending with a dash on DefaultDeny', () => new DefaultDeny(chart(), 'Deny', { name: 'deny-' }), 'name', 'deny-',
    'DNS-1123 subdomain'),
];

// ---------------------------------------------------------------------------
// CIDRs and IP blocks

const cidrRows: BadInput[] = [
  row('Cidr.parse non-canonical 10.1.2.3/8', () => Cidr.parse('10.1.2.3/8'), 'cidr', '10.1.2.3/8', 'network address is "10.0.0.0/8"'),
  row('Cidr.parse garbage', () => Cidr.parse('not-a-cidr'), 'cidr', 'not-a-cidr', 'CIDR notation'),
  row('Cidr.parse without prefix', () => Cidr.parse('10.0.0.0'), 'cidr', '10.0.0.0', 'CIDR notation'),
  row('Cidr.parse empty', () => Cidr.parse(''), 'cidr', '""', 'CIDR notation'),
  row('Cidr.parse octet 256', () => Cidr.parse('256.0.0.0/8'), 'cidr', '256.0.0.0/8', 'CIDR notation'),
  row('Cidr.parse leading zero in octet', () => Cidr.parse('010.0.0.0/8'), 'cidr', '010.0.0.0/8', 'CIDR notation'),
  row('Cidr.parse IPv4 prefix 33', () => Cidr.parse('10.0.0.0/33'), 'cidr', '10.0.0.0/33', '0-32'),
  row('Cidr.parse prefix with leading zero', () => Cidr.parse('10.0.0.0/08'), 'cidr', '10.0.0.0/08', 'without leading zeros'),
  row('Cidr.parse IPv6 prefix 129', () => Cidr.parse('2001:db8::/129'), 'cidr', '2001:db8::/129', '0-128'),
  row('Cidr.parse IPv6 host bits', () => Cidr.parse('2001:db8::1/32'), 'cidr', '2001:db8::1/32', 'network address is "2001:db8::/32"'),
  row('Cidr.parse IPv6 two "::"', () => Cidr.parse('1::2::3/128'), 'cidr', '1::2::3/128', 'CIDR notation'),
  row('Cidr.parse IPv6 zone id', () => Cidr.parse('fe80::1%eth0/128'), 'cidr', 'fe80::1%eth0/128', 'CIDR notation'),
  row('Cidr.parse uses the given prop name', () => Cidr.parse('10.1.0.0/8', 'podCidr'), 'podCidr', '10.1.0.0/8', 'Host bits are set'),
  row('Peer.ipBlock bad cidr', () => Peer.ipBlock('10.0.0.1/8'), 'cidr', '10.0.0.1/8', 'Host bits are set'),
  row('Peer.ipBlock except outside cidr', () => Peer.ipBlock('10.0.0.0/8', ['192.168.0.0/16']), 'except[0]', '192.168.0.0/16',
    'strictly inside 10.0.0.0/8'),
  row('Peer.ipBlock except mixed family', () => Peer.ipBlock('10.0.0.0/8', ['fc00::/7']), 'except[0]', 'fc00::/7',
    'IPv4 network strictly inside'),
  row('Peer.ipBlock except equal to cidr', () => Peer.ipBlock('10.0.0.0/8', ['10.0.0.0/8']), 'except[0]', '10.0.0.0/8',
    'strictly inside 10.0.0.0/8'),
  row('Peer.ipBlock except wider than cidr', () => Peer.ipBlock('10.1.0.0/16', ['10.0.0.0/8']), 'except[0]', '10.0.0.0/8',
    'strictly inside 10.1.0.0/16'),
  row('Peer.ipBlock second except not canonical', () => Peer.ipBlock('10.0.0.0/8', ['10.1.0.0/16', '10.2.0.1/16']), 'except[1]',
    '10.2.0.1/16', 'Host bits are set'),
  row('DnsTarget.nodeLocalDns garbage address', () => DnsTarget.nodeLocalDns('garbage'), 'address', 'garbage', 'CIDR notation'),
];

// ---------------------------------------------------------------------------
// FQDNs and endpoint sets

const fqdnRows: BadInput[] = [
  row('Fqdn.exact with scheme', () => Fqdn.exact('https://api.x.com'), 'fqdn', 'https://api.x.com', 'no scheme, port, path'),
  row('Fqdn.exact with path', () => Fqdn.exact('api.x.com/v1'), 'fqdn', 'api.x.com/v1', 'no scheme, port, path'),
  row('Fqdn.exact with port', () => Fqdn.exact('api.x.com:443'), 'fqdn', 'api.x.com:443', 'no scheme, port, path'),
  row('Fqdn.exact with space', () => Fqdn.exact('api x.com'), 'fqdn', 'api x.com', 'no scheme, port, path'),
  row('Fqdn.exact with ".."', () => Fqdn.exact('api..x.com'), 'fqdn', 'api..x.com', 'single dots'),
  row('Fqdn.exact leading dot', () => Fqdn.exact('.x.com'), 'fqdn', '.x.com', 'single dots'),
  row('Fqdn.exact label > 63', () => Fqdn.exact(`${'a'.repeat(64)}.example.com`), 'fqdn', 'a'.repeat(64), 'at most 63 characters'),
  row('Fqdn.exact total > 255', () => Fqdn.exact(`${'a'.repeat(60)}.`.repeat(5) + 'com'), 'fqdn', 'a'.repeat(60), '1-255 characters'),
  row('Fqdn.exact empty', () => Fqdn.exact(''), 'fqdn', '""', '1-255 characters'),
  row('Fqdn.exact just a dot', () => Fqdn.exact('.'), 'fqdn', '"."', '1-255 characters'),
  row('Fqdn.exact with wildcard', () => Fqdn.exact('*.x.com'), 'fqdn', '*.x.com', 'labels made of a-z'),
  row('Fqdn.exact label ending with dash', () => Fqdn.exact('api-.x.com'), 'fqdn', 'api-.x.com', 'may not start or end with "-"'),
  row('Fqdn.pattern "*"', () => Fqdn.pattern('*'), 'fqdn pattern', '"*"', 'last two labels literal'),
  row('Fqdn.pattern "*.com"', () => Fqdn.pattern('*.com'), 'fqdn pattern', '*.com', 'last two labels literal'),
  row('Fqdn.pattern "example.*"', () => Fqdn.pattern('example.*'), 'fqdn pattern', 'example.*', 'last two labels literal'),
  row('Fqdn.pattern "*.*.com"', () => Fqdn.pattern('*.*.com'), 'fqdn pattern', '*.*.com', 'last two labels literal'),
  row('Fqdn.pattern "api.*.com"', () => Fqdn.pattern('api.*.com'), 'fqdn pattern', 'api.*.com', 'last two labels literal'),
  row('Fqdn.pattern "*example.com"', () => Fqdn.pattern('*example.com'), 'fqdn pattern', '*example.com', 'last two labels literal'),
  row('"**.example.com" without Cilium 1.19', () => new OpenClawCiliumEgress(chart(), 'Cilium', { fqdns: [Fqdn.pattern('**.example.com')] }),
    'custom fqdns', '**.example.com', 'only from Cilium 1.19'),
  row('"**.example.com" with Cilium 1.18 declared', () => new OpenClawCiliumEgress(chart(), 'Cilium',
    { ciliumVersion: CiliumVersion.V1_18, fqdns: [Fqdn.pattern('**.example.com')] }), 'custom fqdns', '**.example.com', 'Cilium 1.18'),
  row('"**" inside a label', () => Fqdn.pattern('a**.example.com'), 'fqdn pattern', 'a**.example.com', 'only as a whole label'),
  row('"**" in the last two labels', () => Fqdn.pattern('api.**.com'), 'fqdn pattern', 'api.**.com', 'last two labels literal'),
  row('Fqdn.pattern longer than 255 characters', () => Fqdn.pattern(`*.${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.com`),
    'fqdn pattern', '*.aaaa', '1-255 characters'),
  row('Fqdn.exact with a path', () => Fqdn.exact('api.example.com/v1'), 'fqdn', 'api.example.com/v1', 'no scheme, port, path'),
  row('Fqdn.exact with a space', () => Fqdn.exact('api example.com'), 'fqdn', 'api example.com', 'no scheme, port, path or spaces'),
  row('CiliumVersion.of("1.15")', () => CiliumVersion.of('1.15'), 'ciliumVersion', '1.15', '1.16 or later'),
  row('CiliumVersion.of("2.0")', () => CiliumVersion.of('2.0'), 'ciliumVersion', '2.0', '"1.<minor>"'),
  row('Fqdn.pattern without wildcard', () => Fqdn.pattern('no-wildcard.example.com'), 'fqdn pattern', 'no-wildcard.example.com',
    'at least one "*"'),
  row('Fqdn.pattern with scheme', () => Fqdn.pattern('https://*.example.com'), 'fqdn pattern', 'https://*.example.com', 'no scheme'),
  row('Fqdn.pattern empty', () => Fqdn.pattern(''), 'fqdn pattern', '""', '1-255 characters'),
  row('EndpointSet.of no fqdns', () => EndpointSet.of('llm', [], HTTPS), 'llm fqdns', '[]', 'at least one host'),
  row('EndpointSet.of no ports', () => EndpointSet.of('llm', [Fqdn.exact('llm.example.com')], []), 'llm ports', '[]',
    'at least one port'),
  row('EndpointSet.of Port.allTcp()', () => EndpointSet.of('llm', [Fqdn.exact('llm.example.com')], [Port.allTcp()]), 'llm ports',
    'TCP/all', 'port numbers or ranges'),
  row('EndpointSet.of SCTP port', () => EndpointSet.of('llm', [Fqdn.exact('llm.example.com')], [Port.sctp(9000)]), 'llm ports',
    'SCTP/9000', 'TCP or UDP'),
  row('EndpointSet.of name longer than 63', () => EndpointSet.of('a'.repeat(64), [Fqdn.exact('llm.example.com')], HTTPS),
    'endpoint set name', 'aaaa', '1-63 lowercase'),
  row('EndpointSet.of multi-line description', () => EndpointSet.of('llm', [Fqdn.exact('llm.example.com')], HTTPS, 'a\nb'),
    'llm description', 'a\\nb', 'one line of text'),
  row('EndpointSet.inClusterPods bad namespace', () => EndpointSet.inClusterPods('llm', 'LLM', { app: 'llm' }, HTTPS),
    'llm namespace', 'LLM', 'DNS-1123 label'),
  row('EndpointSet.inClusterPods no labels', () => EndpointSet.inClusterPods('llm', 'llm', {}, HTTPS), 'llm podLabels', '{}',
    'at least one label'),
  row('EndpointSet.inClusterPods Port.allTcp()', () => EndpointSet.inClusterPods('llm', 'llm', { app: 'llm' }, [Port.allTcp()]),
    'llm ports', 'TCP/all', 'port numbers or ranges'),
  row('AiProvider.azureOpenAi with a dot', () => AiProvider.azureOpenAi('contoso.ai'), 'resourceName', 'contoso.ai', 'custom subdomain'),
  row('AiProvider.azureOpenAi upper case', () => AiProvider.azureOpenAi('Contoso'), 'resourceName', 'Contoso', 'lowercase'),
  row('AiProvider.bedrock bad region', () => AiProvider.bedrock('europe'), 'region', 'europe', 'eu-central-1'),
  row('AiProvider.bedrock region with wildcard', () => AiProvider.bedrock('*'), 'region', '"*"', 'us-east-1'),
  row('AiProvider.ollama bad namespace', () => AiProvider.ollama('LLM'), 'ollama namespace', 'LLM', 'DNS-1123 label'),
  row('AiProvider.vllm empty labels', () => AiProvider.vllm('llm', {}), 'vllm podLabels', '{}', 'at least one label'),
  row('AiProvider.inCluster port 0', () => AiProvider.inCluster('litellm', 'llm', { app: 'litellm' }, 0), 'port', '0',
    'integer from 1 to 65535'),
  row('AiProvider.inCluster bad label value', () => AiProvider.inCluster('litellm', 'llm', { app: 'lite llm' }, 4000),
    'litellm podLabels["app"]', 'lite llm', 'label value'),
  row('MessagingChannel.matrix with a URL', () => MessagingChannel.matrix('https://matrix.example.com'), 'host',
    'https://matrix.example.com', 'no scheme'),
  row('MessagingChannel.irc with an IP address', () => MessagingChannel.irc('192.0.2.10'), 'host', '192.0.2.10',
    'An IP address is not a DNS name'),
  row('MessagingChannel.irc port 70000', () => MessagingChannel.irc('irc.libera.chat', 70000), 'port', '70000', 'integer from 1 to 65535'),
  row('MessagingChannel.signal port 0', () => MessagingChannel.signal('signal-cli.example.com', 0), 'port', '0', 'integer from 1 to 65535'),
  row('MessagingChannel.nextcloudTalk empty host', () => MessagingChannel.nextcloudTalk(''), 'host', '""', '1-255 characters'),
  row('MessagingChannel.mattermost host with port', () => MessagingChannel.mattermost('chat.example.com:8065'), 'host',
    'chat.example.com:8065', 'no scheme, port'),
  row('MessagingChannel.blueBubbles wildcard host', () => MessagingChannel.blueBubbles('*.example.com'), 'host', '*.example.com',
    'labels made of a-z'),
  row('MessagingChannel.signal with an in-cluster Service name', () => MessagingChannel.signal('signal-cli.openclaw.svc.cluster.local'),
    'host', 'signal-cli.openclaw.svc.cluster.local', 'EndpointSet.inClusterPods'),
  row('MessagingChannel.matrix with a single-label name', () => MessagingChannel.matrix('synapse'), 'host', 'synapse',
    'public DNS name'),
  row('MessagingChannel.irc with a namespace-qualified Service name', () => MessagingChannel.irc('ergo.chat.svc'), 'host', 'ergo.chat.svc',
    'EndpointSet.inClusterPods'),
  row('DnsQueryFilter.ALLOW_LISTED_NAMES in observe mode', () => new OpenClawCiliumEgress(chart(), 'Cilium',
    { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES, enforcement: Enforcement.OBSERVE }), 'dnsQueryFilter/enforcement', 'OBSERVE',
  'Observe with DnsQueryFilter.ANY_NAME'),
  row('dnsTargets with dnsEgress: false', () => new OpenClawNetworkIsolation(chart(), 'Isolation',
    { dnsEgress: false, dnsTargets: [DnsTarget.kubeDns()] }), 'dnsTargets', 'kube-system', 'give the DNS targets to OpenClawCiliumEgress'),
  row('MessagingChannel.synologyChat port 65536', () => MessagingChannel.synologyChat('nas.example.com', 65536), 'port', '65536',
    'integer from 1 to 65535'),
  row('EndpointSet.of Port.allUdp() among numbered ports', () => EndpointSet.of('llm', [Fqdn.exact('llm.example.com')],
    [Port.tcp(443), Port.allUdp()]), 'llm ports', 'UDP/all', 'port numbers or ranges'),
  row('EndpointSet.of bad name', () => EndpointSet.of('Internal LLM', [Fqdn.exact('llm.example.com')], HTTPS), 'endpoint set name',
    'Internal LLM', 'lowercase letters, digits and "-"'),
];

// ---------------------------------------------------------------------------
// Empty or contradictory lists and flags that would silently widen or void a policy

const listRows: BadInput[] = [
  row('OpenClawCiliumEgress providers [] and channels [] (empty allow-list)',
    () => new OpenClawCiliumEgress(chart(), 'Cilium', { providers: [], channels: [] }), 'providers/channels/services/fqdns', '[]',
    'at least one provider, channel or FQDN'),
  row('OpenClawCiliumEgress providers [], channels [] and fqdns []',
    () => new OpenClawCiliumEgress(chart(), 'Cilium', { providers: [], channels: [], fqdns: [], services: [] }),
    'providers/channels/services/fqdns', '[]',
    'at least one provider, channel or FQDN'),
  row('OpenClawCiliumEgress.allowFqdns with no fqdns', () => new OpenClawCiliumEgress(chart(), 'Cilium').allowFqdns('hooks', []),
    'hooks fqdns', '[]', 'at least one host'),
  row('OpenClawCiliumEgress dnsTargets []', () => new OpenClawCiliumEgress(chart(), 'Cilium', { dnsTargets: [] }), 'dnsTargets', '[]',
    'at least one DNS target'),
  row('CiliumFqdnEgress dnsTargets []', () => new CiliumFqdnEgress(chart(), 'Fqdn', { selector: OPENCLAW, dnsTargets: [] }),
    'dnsTargets', '[]', 'at least one DNS target'),
  row('CiliumFqdnEgress.allowFqdns with Port.allTcp()', () => new CiliumFqdnEgress(chart(), 'Fqdn', { selector: OPENCLAW })
    .allowFqdns('hooks', [Fqdn.exact('hooks.example.com')], [Port.allTcp()]), 'hooks ports', 'TCP/all', 'port numbers or ranges'),
  row('OpenClawNetworkIsolation egressPorts [] with internetEgress true',
    () => new OpenClawNetworkIsolation(chart(), 'Isolation', { internetEgress: true, egressPorts: [] }), 'egressPorts', '[]',
    'at least one port'),
  row('OpenClawNetworkIsolation egressPorts [] with internetEgress defaulted',
    () => new OpenClawNetworkIsolation(chart(), 'Isolation', { egressPorts: [] }), 'egressPorts', '[]', 'at least one port'),
  row('OpenClawNetworkIsolation egressPorts with internetEgress false',
    () => new OpenClawNetworkIsolation(chart(), 'Isolation', { internetEgress: false, egressPorts: [Port.tcp(443)] }), 'egressPorts',
    'TCP/443', 'internetEgress: false'),
  row('OpenClawNetworkIsolation egressPorts [] with internetEgress false',
    () => new OpenClawNetworkIsolation(chart(), 'Isolation', { internetEgress: false, egressPorts: [] }), 'egressPorts', '[]',
    'internetEgress: false'),
  row('DnsEgress targets []', () => new DnsEgress(chart(), 'Dns', { selector: OPENCLAW, targets: [] }), 'targets', '[]',
    'at least one DNS target'),
  row('DnsTarget.pods bad namespace', () => DnsTarget.pods('Kube-System', { 'k8s-app': 'kube-dns' }), 'dns namespace', 'Kube-System',
    'DNS-1123 label'),
  row('DnsTarget.pods empty labels', () => DnsTarget.pods('kube-system', {}), 'dns labels', '{}', 'at least one label'),
  row('DnsTarget.pods port 0', () => DnsTarget.pods('kube-system', { 'k8s-app': 'kube-dns' }, 0), 'dns port', '0',
    'integer from 1 to 65535'),
  row('DnsTarget.pods port 65536', () => DnsTarget.pods('kube-system', { 'k8s-app': 'kube-dns' }, 65536), 'dns port', '65536',
    'integer from 1 to 65535'),
  row('DnsTarget.pods port 53.5', () => DnsTarget.pods('kube-system', { 'k8s-app': 'kube-dns' }, 53.5), 'dns port', '53.5',
    'integer from 1 to 65535'),
  row('DefaultDeny ingress:false, egress:false', () => new DefaultDeny(chart(), 'Deny', { ingress: false, egress: false }),
    'ingress/egress', '"ingress":false', 'at least one direction'),
  row('EgressAllow.allowTo with [] peers', () => new EgressAllow(chart(), 'Egress', { selector: OPENCLAW }).allowTo([], HTTPS),
    'egress rule to', '[]', 'at least one peer'),
  row('EgressAllow.allowTo with [] ports',
    () => new EgressAllow(chart(), 'Egress', { selector: OPENCLAW }).allowTo([Peer.namespaces(['llm'])], []),
    'egress rule ports', '[]', 'at least one port'),
  row('EgressAllow rules prop with [] peers',
    () => new EgressAllow(chart(), 'Egress', { selector: OPENCLAW, rules: [{ peers: [], ports: HTTPS }] }),
    'egress rule to', '[]', 'at least one peer'),
  row('IngressAllow.allowFrom with [] peers', () => new IngressAllow(chart(), 'Ingress', { selector: OPENCLAW }).allowFrom([], HTTPS),
    'ingress rule from', '[]', 'at least one peer'),
  row('IngressAllow.allowFrom with [] ports',
    () => new IngressAllow(chart(), 'Ingress', { selector: OPENCLAW }).allowFrom([Peer.namespaces(['ingress-nginx'])], []),
    'ingress rule ports', '[]', 'at least one port'),
  row('OpenClawNetworkIsolation additionalEgress with [] peers',
    () => new OpenClawNetworkIsolation(chart(), 'Isolation', { additionalEgress: [{ peers: [], ports: [Port.tcp(11434)] }] }),
    'egress rule to', '[]', 'at least one peer'),
  row('OpenClawNetworkIsolation.allowEgressTo with [] ports',
    () => new OpenClawNetworkIsolation(chart(), 'Isolation').allowEgressTo([Peer.namespaces(['llm'])], []),
    'egress rule ports', '[]', 'at least one port'),
  row('OpenClawNetworkIsolation.allowIngressFrom with [] peers',
    () => new OpenClawNetworkIsolation(chart(), 'Isolation').allowIngressFrom([], [Port.tcp(3978)]),
    'ingress rule from', '[]', 'at least one peer'),
];

// ---------------------------------------------------------------------------
// Conflicts that surface at synth: a NetworkPolicy public-IP allow beside a
// CiliumNetworkPolicy FQDN allow-list for the same pods voids the allow-list.

const CONFLICT_ALLOWED = 'Remove the public-IP rule';

const conflictRows: BadInput[] = [
  row('OpenClawNetworkIsolation default + OpenClawCiliumEgress default in the same chart', () => {
    const c = chart();
    new OpenClawNetworkIsolation(c, 'Isolation');
    new OpenClawCiliumEgress(c, 'Cilium');
    return Testing.synth(c);
  }, 'internetEgress: false', '0.0.0.0/0', CONFLICT_ALLOWED),
  row('OpenClawNetworkIsolation with a narrower selector + OpenClawCiliumEgress default', () => {
    const c = chart();
    new OpenClawNetworkIsolation(c, 'Isolation', { selector: { app: 'openclaw', tier: 'gateway' } });
    new OpenClawCiliumEgress(c, 'Cilium');
    return Testing.synth(c);
  }, 'internetEgress: false', '::/0', CONFLICT_ALLOWED),
  row('OpenClawNetworkIsolation internetEgress:false but a public /32 via allowEgressTo + OpenClawCiliumEgress', () => {
    const c = chart();
    new OpenClawNetworkIsolation(c, 'Isolation', { internetEgress: false }).allowEgressTo([Peer.ipBlock('203.0.113.7/32')], HTTPS);
    new OpenClawCiliumEgress(c, 'Cilium');
    return Testing.synth(c);
  }, 'internetEgress: false', '203.0.113.7/32', CONFLICT_ALLOWED),
  row('EgressAllow to the public internet + CiliumFqdnEgress with selector {} (every pod)', () => {
    const c = chart();
    new EgressAllow(c, 'Egress', { selector: OPENCLAW, rules: [{ peers: Peer.publicInternet(), ports: HTTPS }] });
    new CiliumFqdnEgress(c, 'Fqdn', { selector: {}, endpoints: [EndpointSet.of('llm', [Fqdn.exact('llm.example.com')], HTTPS)] });
    return Testing.synth(c);
  }, 'internetEgress: false', '0.0.0.0/0', CONFLICT_ALLOWED),
  row('public-IP rule added after the Cilium policy is constructed', () => {
    const c = chart();
    const isolation = new OpenClawNetworkIsolation(c, 'Isolation', { internetEgress: false });
    new OpenClawCiliumEgress(c, 'Cilium');
    isolation.allowEgressTo([Peer.ipBlock('0.0.0.0/0')], [Port.tcp(443)]);
    return Testing.synth(c);
  }, 'internetEgress: false', '0.0.0.0/0', CONFLICT_ALLOWED),
  row('cluster-wide OpenClawCiliumEgress + OpenClawNetworkIsolation with internet egress in some namespace', () => {
    const c = chart();
    new OpenClawNetworkIsolation(c, 'Isolation');
    new OpenClawCiliumEgress(new Chart(c.node.root as any, 'fleet'), 'Fleet', { namespaceSelector: { 'openclaw.io/tenant': 'true' } });
    return Testing.synth(c);
  }, 'internetEgress: false', '0.0.0.0/0', CONFLICT_ALLOWED),
  row('namespaceSelector together with namespace', () => new OpenClawCiliumEgress(chart(), 'Cilium',
    { namespace: 'openclaw', namespaceSelector: { tenant: 'a' } }), 'namespace', 'openclaw', 'has no namespace'),
  row('namespaceSelector {}', () => new OpenClawCiliumEgress(chart(), 'Cilium', { namespaceSelector: {} }), 'namespaceSelector', '{}',
    'at least one label'),
  row('namespaceSelector with a bad key', () => new OpenClawCiliumEgress(chart(), 'Cilium', { namespaceSelector: { 'bad key': 'x' } }),
    'namespaceSelector key', 'bad key', 'label key'),
  row('clusterDomain without DnsQueryFilter.ALLOW_LISTED_NAMES', () => new OpenClawCiliumEgress(chart(), 'Cilium',
    { clusterDomain: 'corp.local' }), 'clusterDomain/dnsSearchDomains', 'corp.local', 'ALLOW_LISTED_NAMES only'),
  row('dnsSearchDomains without DnsQueryFilter.ALLOW_LISTED_NAMES', () => new OpenClawCiliumEgress(chart(), 'Cilium',
    { dnsSearchDomains: ['ec2.internal'] }), 'clusterDomain/dnsSearchDomains', 'ec2.internal', 'ALLOW_LISTED_NAMES only'),
  row('clusterDomain with upper case', () => new OpenClawCiliumEgress(chart(), 'Cilium',
    { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES, clusterDomain: 'Cluster.Local' }), 'clusterDomain', 'Cluster.Local', 'DNS domain'),
  row('dnsSearchDomains entry with a wildcard', () => new OpenClawCiliumEgress(chart(), 'Cilium',
    { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES, dnsSearchDomains: ['*.internal'] }), 'dnsSearchDomains[0]', '*.internal',
  'DNS domain'),
  row('strict DNS next to a NetworkPolicy that allows DNS for the same pods (it would void the filter)', () => {
    const c = chart();
    new OpenClawNetworkIsolation(c, 'Isolation', { internetEgress: false });
    new OpenClawCiliumEgress(c, 'Cilium', { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES });
    return Testing.synth(c);
  }, 'dnsEgress: false', 'NetworkPolicy openclaw/openclaw-dns-egress (construct test/Isolation/DnsEgress) lets pods openclaw/{app=openclaw} send DNS queries for any name', 'filter nothing'),
  row('dnsEgress: false without a Cilium policy that allows DNS', () => {
    const c = chart();
    new OpenClawNetworkIsolation(c, 'Isolation', { dnsEgress: false });
    return Testing.synth(c);
  }, 'cannot reach DNS', 'egress-isolated', 'Allow UDP and TCP 53'),
  row('regression (fuzz): DNS pods inside OpenClaw\'s own default-denied namespace', () => {
    const c = chart('a');
    new OpenClawNetworkIsolation(c, 'Isolation', { dnsTargets: [DnsTarget.pods('a', { app: 'coredns' })] });
    return Testing.synth(c);
  }, 'cannot reach DNS', 'is isolated for ingress', 'Allow UDP and TCP 53'),
  row('regression (fuzz): the ingress namespace is OpenClaw\'s own default-denied namespace', () => {
    const c = chart('a');
    new OpenClawNetworkIsolation(c, 'Isolation', { ingressNamespaces: ['a'] });
    return Testing.synth(c);
  }, 'unreachable from every allowed ingress source', 'is isolated for egress', 'set ingressNamespaces'),
  row('DnsQueryFilter.ALLOW_LISTED_NAMES with no endpoints', () => {
    const c = chart();
    new CiliumFqdnEgress(c, 'Fqdn', { selector: OPENCLAW, dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES });
    return Testing.synth(c);
  }, 'ALLOW_LISTED_NAMES', 'allows no endpoints', 'DnsQueryFilter.ANY_NAME'),
];

// ---------------------------------------------------------------------------
// Regressions: defects found by this table's first run, fixed in src/

const regressionRows: BadInput[] = [
  row('an embedded IPv4 address before "::" in an IPv6 CIDR', () => Cidr.parse('1.2.3.4::/128'), 'cidr', '1.2.3.4::/128'),
  row('an embedded IPv4 address before "::" in an ipBlock', () => Peer.ipBlock('1.2.3.4::/96'), 'cidr', '1.2.3.4::/96'),
  row('the same DNS target twice', () => new DnsEgress(chart(), 'Dns', {
    selector: OPENCLAW, targets: [DnsTarget.kubeDns(), DnsTarget.kubeDns()],
  }), 'targets', 'kube-dns', 'listed twice'),
  row('a public NodeLocal DNSCache address', () => DnsTarget.nodeLocalDns('8.8.8.8'), 'address', '8.8.8.8', 'link-local'),
  row('a Service IP as NodeLocal DNSCache address', () => DnsTarget.nodeLocalDns('10.96.0.10'), 'address', '10.96.0.10', 'link-local'),
  row('an SCTP port in an endpoint set', () => EndpointSet.of('x', [Fqdn.exact('a.example.com')], [Port.sctp(443)]), 'ports', 'SCTP/443',
    'TCP or UDP'),
  row('clusterCidrs that are not canonical', () => new OpenClawNetworkIsolation(chart(), 'I', { clusterCidrs: ['2600:1f14::5/56'] }),
    'clusterCidrs[0]', '2600:1f14::5/56', 'Host bits'),
  row('the same policy name in two charts of one app and namespace', () => {
    const app = newApp();
    new OpenClawNetworkIsolation(new Chart(app, 'a', { namespace: 'oc' }), 'I', { selector: { app: 'a' } });
    return new OpenClawNetworkIsolation(new Chart(app, 'b', { namespace: 'oc' }), 'I', { selector: { app: 'b' } });
  }, 'name', 'openclaw-default-deny', 'already exists'),
  row('an IP address as an exact FQDN', () => Fqdn.exact('1.2.3.4'), 'fqdn', '1.2.3.4', 'not a DNS name'),
  row('dnsTargets [] on OpenClawNetworkIsolation names dnsTargets', () => new OpenClawNetworkIsolation(chart(), 'I', {
    dnsTargets: [],
  }), 'dnsTargets', '[]', 'at least one DNS target'),
  row('the conflict across two charts of one app', () => {
    const app = newApp();
    const a = new Chart(app, 'a', { namespace: 'openclaw' });
    const b = new Chart(app, 'b', { namespace: 'openclaw' });
    new OpenClawNetworkIsolation(a, 'Isolation');
    new OpenClawCiliumEgress(b, 'Cilium');
    return app.synthYaml();
  }, 'internetEgress: false', '0.0.0.0/0', CONFLICT_ALLOWED),
  row('the conflict when one policy has no namespace (it lands wherever it is applied)', () => {
    const c = new Chart(newApp(), 'c');
    new OpenClawNetworkIsolation(c, 'Isolation');
    new OpenClawCiliumEgress(c, 'Cilium', { namespace: 'default' });
    return Testing.synth(c);
  }, 'internetEgress: false', '0.0.0.0/0', CONFLICT_ALLOWED),
];

// ---------------------------------------------------------------------------

const BAD_INPUTS: BadInput[] = [
  ...regressionRows,
  ...portRows,
  ...namespaceRows,
  ...labelRows,
  ...nameRows,
  ...cidrRows,
  ...fqdnRows,
  ...listRows,
  ...conflictRows,
];

describe('bad input throws an Error that names the prop, shows the value and says what is allowed', () => {
  test('every row has a unique description', () => {
    const descriptions = BAD_INPUTS.map(r => r.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  test.each(BAD_INPUTS)('$description', ({ thunk, prop, value, allowed }) => {
    expect(thunk).toThrow();
    const error = errorOf(thunk);
    expect(error).toBeInstanceOf(Error);
    const message = error.message;
    expect(message).toContain(prop);
    expect(message).toContain(value);
    if (allowed !== undefined) {
      expect(message).toContain(allowed);
    }
    // Loosely: after the bad value, the message goes on to explain what is allowed.
    const propAt = message.indexOf(prop);
    const valueAt = message.indexOf(value, propAt + prop.length) >= 0
      ? message.indexOf(value, propAt + prop.length)
      : message.indexOf(value);
    const explanation = message.slice(valueAt + value.length);
    expect(explanation).toMatch(/[A-Za-z]{3,}(\W+\w+){3,}/);
  });
});

// ---------------------------------------------------------------------------
// The negative of the conflict: these must synthesize.

interface GoodInput {
  readonly description: string;
  readonly build: () => Chart;
}

function kinds(manifests: any[]): string[] {
  return manifests.map(m => `${m.kind}/${m.metadata.namespace}/${m.metadata.name ?? ''}`);
}

function hasPublicIpBlock(manifests: any[]): boolean {
  return JSON.stringify(manifests).includes('"cidr":"0.0.0.0/0"');
}

describe('NetworkPolicy and CiliumNetworkPolicy that cannot void each other synthesize', () => {
  const GOOD: GoodInput[] = [
    {
      description: 'OpenClawNetworkIsolation internetEgress:false + OpenClawCiliumEgress',
      build: () => {
        const c = chart();
        new OpenClawNetworkIsolation(c, 'Isolation', { internetEgress: false });
        new OpenClawCiliumEgress(c, 'Cilium');
        return c;
      },
    },
    {
      description: 'OpenClawNetworkIsolation default {app: openclaw} + OpenClawCiliumEgress {app: other} (disjoint selectors)',
      build: () => {
        const c = chart();
        new OpenClawNetworkIsolation(c, 'Isolation', { selector: { app: 'openclaw' } });
        new OpenClawCiliumEgress(c, 'Cilium', { selector: { app: 'other' } });
        return c;
      },
    },
    {
      description: 'same selectors in different namespaces',
      build: () => {
        const c = chart();
        new OpenClawNetworkIsolation(c, 'Isolation', { namespace: 'openclaw' });
        new OpenClawCiliumEgress(c, 'Cilium', { namespace: 'openclaw-cilium' });
        return c;
      },
    },
    {
      description: 'internetEgress:false with in-cluster egress and the (link-local) cloud metadata endpoint + OpenClawCiliumEgress',
      build: () => {
        const c = chart();
        new OpenClawNetworkIsolation(c, 'Isolation', {
          internetEgress: false,
          allowCloudMetadata: true,
          additionalEgress: [{ peers: [Peer.podsInNamespaces(['llm'], { app: 'ollama' })], ports: [Port.tcp(11434)] }],
        });
        new OpenClawCiliumEgress(c, 'Cilium');
        return c;
      },
    },
  ];

  test.each(GOOD)('$description', ({ build }) => {
    const c = build();
    let manifests: any[] = [];
    expect(() => { manifests = Testing.synth(c); }).not.toThrow();
    const ks = kinds(manifests);
    expect(ks.filter(k => k.startsWith('CiliumNetworkPolicy/'))).toHaveLength(1);
    expect(ks.filter(k => k.startsWith('NetworkPolicy/'))).toHaveLength(4);
  });

  test('with internetEgress:false no NetworkPolicy allows public IPs', () => {
    const manifests = Testing.synth(GOOD[0].build());
    expect(hasPublicIpBlock(manifests)).toBe(false);
  });

  test('with disjoint selectors the NetworkPolicy keeps its public-IP rule and the Cilium policy selects the other pods', () => {
    const manifests = Testing.synth(GOOD[1].build());
    expect(hasPublicIpBlock(manifests)).toBe(true);
    const cnp = manifests.find(m => m.kind === 'CiliumNetworkPolicy');
    expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { app: 'other' } });
  });

  test('in different namespaces each policy stays in its own namespace', () => {
    const manifests = Testing.synth(GOOD[2].build());
    const cnp = manifests.find(m => m.kind === 'CiliumNetworkPolicy');
    expect(cnp.metadata.namespace).toBe('openclaw-cilium');
    expect(manifests.filter(m => m.kind === 'NetworkPolicy').map(m => m.metadata.namespace)).toEqual(
      ['openclaw', 'openclaw', 'openclaw', 'openclaw']);
  });
});

// ---------------------------------------------------------------------------
// The validators are not over-strict: the boundary values are accepted.

describe('boundary values are accepted', () => {
  test.each<[string, () => unknown]>([
    ['Port.tcp(1)', () => Port.tcp(1)],
    ['Port.tcp(65535)', () => Port.tcp(65535)],
    ['Port.tcpRange(8000, 8000)', () => Port.tcpRange(8000, 8000)],
    ['namespace of 63 chars', () => new DefaultDeny(chart(), 'Deny', { namespace: 'a'.repeat(63) })],
    ['label key with a prefix and a 63-char name', () => Peer.pods({ [`example.com/${'x'.repeat(63)}`]: 'v' })],
    ['empty label value', () => Peer.pods({ app: '' })],
    ['label value of 63 chars', () => Peer.pods({ app: 'x'.repeat(63) })],
    ['Cidr.parse 0.0.0.0/0', () => Cidr.parse('0.0.0.0/0')],
    ['Cidr.parse ::/0', () => Cidr.parse('::/0')],
    ['Fqdn.exact with a label of 63 chars', () => Fqdn.exact(`${'a'.repeat(63)}.example.com`)],
    ['Fqdn.exact with a trailing dot', () => Fqdn.exact('api.example.com.')],
    ['Fqdn.pattern *.example.com', () => Fqdn.pattern('*.example.com')],
    ['Fqdn.pattern *.*.example.com', () => Fqdn.pattern('*.*.example.com')],
    ['OpenClawCiliumEgress with only fqdns', () => new OpenClawCiliumEgress(chart(), 'Cilium',
      { providers: [], channels: [], fqdns: [Fqdn.exact('hooks.example.com')] })],
    ['OpenClawNetworkIsolation internetEgress:false without egressPorts', () => new OpenClawNetworkIsolation(chart(), 'Isolation',
      { internetEgress: false })],
  ])('%s', (_description, thunk) => {
    expect(thunk).not.toThrow();
  });
});

describe('a synth-time error writes no YAML', () => {
  const scenarios: [string, (c: Chart) => void][] = [
    ['broad NetworkPolicy egress beside an FQDN allow-list', c => {
      new OpenClawNetworkIsolation(c, 'Isolation');
      new OpenClawCiliumEgress(c, 'Cilium');
    }],
    ['strict DNS beside a NetworkPolicy that allows DNS', c => {
      new OpenClawNetworkIsolation(c, 'Isolation', { internetEgress: false });
      new OpenClawCiliumEgress(c, 'Cilium', { dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES });
    }],
    ['no way to reach DNS', c => {
      new OpenClawNetworkIsolation(c, 'Isolation', { dnsEgress: false });
    }],
  ];
  test.each(scenarios)('%s', (_name, build) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-bad-'));
    try {
      const app = new App({ outdir });
      build(new Chart(app, 'test', { namespace: 'openclaw' }));
      expect(() => app.synth()).toThrow(/Validation failed/);
      expect(fs.readdirSync(outdir).filter(f => f.endsWith('.yaml'))).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
