import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as api from '../src';
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
  FlowEndpoint,
  Fqdn,
  IngressAllow,
  LabelOperator,
  MessagingChannel,
  OpenClawCiliumEgress,
  OpenClawDeployment,
  OpenClawNetworkIsolation,
  OpenClawService,
  OpenClawTenants,
  Peer,
  PodSecurityLevel,
  PolicyAnalyzer,
  Port,
  Reachability,
} from '../src';
import { newApp, objectNamed } from './support/synth';
import { MAKING_OF } from '../src/validation/types';

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
  row('DnsTarget.nodeLocalDns garbage address', () => DnsTarget.nodeLocalDns('garbage'), 'address', 'garbage', 'without a prefix length'),
  row('DnsTarget.nodeLocalDns with a prefix length', () => DnsTarget.nodeLocalDns('169.254.20.10/32'), 'address', '169.254.20.10/32',
    'without a prefix length'),
  row('DnsTarget.nodeLocalDns on the metadata address', () => DnsTarget.nodeLocalDns('169.254.169.254'), 'address', '169.254.169.254',
    'DnsTarget.gkeCloudDns()'),
  row('DnsTarget.nodeLocalDns on a public IPv6 address', () => DnsTarget.nodeLocalDns('2001:db8::10'), 'address', '2001:db8::10',
    'link-local'),
  row('DnsTarget.nodeLocalDnsClusterIp garbage', () => DnsTarget.nodeLocalDnsClusterIp('kube-dns'), 'clusterIp', 'kube-dns',
    'without a prefix length'),
  row('DnsTarget.nodeLocalDnsClusterIp missing', () => DnsTarget.nodeLocalDnsClusterIp(undefined as any), 'clusterIp', 'undefined',
    'without a prefix length'),
  row('DnsTarget.nodeLocalDnsClusterIp a CIDR', () => DnsTarget.nodeLocalDnsClusterIp('10.96.0.0/12'), 'clusterIp', '10.96.0.0/12',
    'without a prefix length'),
  row('DnsTarget.nodeLocalDnsClusterIp loopback', () => DnsTarget.nodeLocalDnsClusterIp('127.0.0.1'), 'clusterIp', '127.0.0.1', 'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp the link-local listen address', () => DnsTarget.nodeLocalDnsClusterIp('169.254.20.10'), 'clusterIp',
    '169.254.20.10', 'DnsTarget.nodeLocalDns()'),
  row('DnsTarget.nodeLocalDnsClusterIp multicast', () => DnsTarget.nodeLocalDnsClusterIp('224.0.0.251'), 'clusterIp', '224.0.0.251', 'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp broadcast', () => DnsTarget.nodeLocalDnsClusterIp('255.255.255.255'), 'clusterIp', '255.255.255.255',
    'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp unspecified IPv4', () => DnsTarget.nodeLocalDnsClusterIp('0.0.0.0'), 'clusterIp', '0.0.0.0', 'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp unspecified IPv6', () => DnsTarget.nodeLocalDnsClusterIp('::'), 'clusterIp', '::', 'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp IPv6 multicast', () => DnsTarget.nodeLocalDnsClusterIp('ff02::fb'), 'clusterIp', 'ff02::fb', 'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp IPv6 loopback', () => DnsTarget.nodeLocalDnsClusterIp('::1'), 'clusterIp', '::1', 'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp IPv6 link-local', () => DnsTarget.nodeLocalDnsClusterIp('fe80::10'), 'clusterIp', 'fe80::10', 'unicast'),
  row('DnsTarget.nodeLocalDnsClusterIp leading zeros', () => DnsTarget.nodeLocalDnsClusterIp('10.96.0.010'), 'clusterIp', '10.96.0.010',
    'without a prefix length'),
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
  row('a Service IP as NodeLocal DNSCache address points to the ClusterIP mode', () => DnsTarget.nodeLocalDns('10.96.0.10'), 'address',
    '10.96.0.10', 'DnsTarget.nodeLocalDnsClusterIp()'),
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
// Wrong types, as JavaScript callers (who have no type checker) can pass them.
// Each row gives the exact start of the message, `Invalid <prop>: <value>. `,
// and what it says to use. Source of the checks: src/validation/types.ts.

/** Passes a value of the wrong type, as JavaScript can. */
const js = (value: unknown): any => value;

const analyzer = () => PolicyAnalyzer.fromManifests([]);
const OPENCLAW_POD = FlowEndpoint.pod('openclaw', OPENCLAW);
const ANTHROPIC_IP = FlowEndpoint.external('160.79.104.10', 'api.anthropic.com');
const LLM = [Peer.namespaces(['llm'])];
const isolation = (props: unknown) => new OpenClawNetworkIsolation(chart(), 'Isolation', js(props));
const ciliumEgress = (props: unknown) => new OpenClawCiliumEgress(chart(), 'Cilium', js(props));
const fqdnEgress = (props: unknown) => new CiliumFqdnEgress(chart(), 'Fqdn', js({ selector: OPENCLAW, ...(props as object) }));

/** The issue's cases: each would have widened a policy or crashed with an unrelated message. */
const issueTypeRows: BadInput[] = [
  row('egressPorts: [443] (a number, not Port.tcp(443))', () => isolation({ egressPorts: [443] }), 'egressPorts[0]', '443',
    'Use Port.tcp(443).'),
  row('additionalIngressPorts: [{ port: 9090 }]', () => isolation({ additionalIngressPorts: [{ port: 9090 }] }),
    'additionalIngressPorts[0]', '{"port":9090}', 'Use Port.tcp(9090).'),
  row('channels: ["telegram"]', () => isolation({ channels: ['telegram'] }), 'channels[0]', '"telegram"',
    'Use MessagingChannel.TELEGRAM or a MessagingChannel factory.'),
  row('fqdns: ["api.openai.com"]', () => ciliumEgress({ fqdns: ['api.openai.com'] }), 'fqdns[0]', '"api.openai.com"',
    'Use Fqdn.exact("api.openai.com").'),
  row('providers: ["anthropic"]', () => ciliumEgress({ providers: ['anthropic'] }), 'providers[0]', '"anthropic"',
    'Use AiProvider.ANTHROPIC or an AiProvider factory.'),
  row('dnsTargets: ["kube-dns"]', () => ciliumEgress({ dnsTargets: ['kube-dns'] }), 'dnsTargets[0]', '"kube-dns"',
    'Use DnsTarget.kubeDns().'),
];

const isolationTypeRows: BadInput[] = [
  row('OpenClawNetworkIsolation props a string', () => isolation('openclaw'), 'props', '"openclaw"', 'Give an object of named fields'),
  row('OpenClawNetworkIsolation props null', () => isolation(null), 'props', 'null', 'Give an object of named fields'),
  row('OpenClawNetworkIsolation props an array', () => isolation([]), 'props', '[]', 'Give an object of named fields'),
  row('OpenClawNetworkIsolation namespace a number', () => isolation({ namespace: 5 }), 'namespace', '5', 'DNS-1123 label'),
  row('OpenClawNetworkIsolation name a number', () => isolation({ name: 5 }), 'name', '5', 'DNS-1123 subdomain'),
  row('OpenClawNetworkIsolation selector a string', () => isolation({ selector: 'app=openclaw' }), 'selector', '"app=openclaw"',
    'plain object of label keys to string values'),
  row('OpenClawNetworkIsolation selector with a number value', () => isolation({ selector: { app: 1 } }), 'selector["app"]', '1',
    'A label value is a string, such as "1".'),
  row('OpenClawNetworkIsolation selector with a nested object', () => isolation({ selector: { app: { name: 'openclaw' } } }),
    'selector["app"]', '{"name":"openclaw"}', 'A label value is a string.'),
  row('OpenClawNetworkIsolation selector a Map (would read as no labels)', () => isolation({ selector: new Map([['app', 'openclaw']]) }),
    'selector', 'Map', 'plain object'),
  row('gatewayPort a string', () => isolation({ gatewayPort: '18789' }), 'gatewayPort', '"18789"', 'integer from 1 to 65535'),
  row('gatewayPort NaN', () => isolation({ gatewayPort: NaN }), 'gatewayPort', 'NaN', 'integer from 1 to 65535'),
  row('ingressNamespaces a string', () => isolation({ ingressNamespaces: 'monitoring' }), 'ingressNamespaces', '"monitoring"',
    'Give an array (in square brackets), even for a single entry.'),
  row('ingressNamespaces entry a number', () => isolation({ ingressNamespaces: ['monitoring', 5] }), 'ingressNamespaces[1]', '5',
    'Give a string of text.'),
  row('additionalIngressPorts a Port, not an array', () => isolation({ additionalIngressPorts: Port.tcp(9090) }),
    'additionalIngressPorts', 'Port TCP/9090', 'Give an array'),
  row('additionalIngressPorts [{ port: 53, protocol: "UDP" }]', () => isolation({ additionalIngressPorts: [{ port: 53, protocol: 'UDP' }] }),
    'additionalIngressPorts[0]', '{"port":53,"protocol":"UDP"}', 'Use Port.udp(53).'),
  row('additionalIngressPorts [{ port: 8000, endPort: 8100 }]', () => isolation({ additionalIngressPorts: [{ port: 8000, endPort: 8100 }] }),
    'additionalIngressPorts[0]', '{"port":8000,"endPort":8100}', 'Use Port.tcpRange(8000, 8100).'),
  row('additionalIngressPorts [NaN]', () => isolation({ additionalIngressPorts: [NaN] }), 'additionalIngressPorts[0]', 'NaN',
    'Use a Port: Port.tcp(port), Port.udp(port)'),
  row('egressPorts 443, not an array', () => isolation({ egressPorts: 443 }), 'egressPorts', '443', 'Give an array'),
  row('egressPorts ["443"]', () => isolation({ egressPorts: ['443'] }), 'egressPorts[0]', '"443"', 'Use Port.tcp(443).'),
  row('egressPorts second entry "udp/53"', () => isolation({ egressPorts: [Port.tcp(443), 'udp/53'] }), 'egressPorts[1]', '"udp/53"',
    'Use Port.udp(53).'),
  row('egressPorts [null]', () => isolation({ egressPorts: [null] }), 'egressPorts[0]', 'null', 'Use a Port: Port.tcp(port)'),
  row('egressPorts [Port.tcp] (the factory, not called)', () => isolation({ egressPorts: [Port.tcp] }), 'egressPorts[0]', 'function tcp',
    'Call the factory: Port.tcp(port).'),
  row('channels a MessagingChannel, not an array', () => isolation({ channels: MessagingChannel.TELEGRAM }), 'channels',
    'MessagingChannel "telegram"', 'Give an array'),
  row('channels ["ms-teams"]', () => isolation({ channels: ['ms-teams'] }), 'channels[0]', '"ms-teams"', 'Use MessagingChannel.MS_TEAMS'),
  row('channels ["matrix"]', () => isolation({ channels: ['matrix'] }), 'channels[0]', '"matrix"', 'Use MessagingChannel.matrix(host).'),
  row('channels [AiProvider.ANTHROPIC]', () => isolation({ channels: [AiProvider.ANTHROPIC] }), 'channels[0]', 'AiProvider "anthropic"',
    'Use a MessagingChannel: MessagingChannel.WHATSAPP, MessagingChannel.TELEGRAM'),
  row('providers [MessagingChannel.MS_TEAMS] (its webhook port would be lost)', () => isolation({ providers: [MessagingChannel.MS_TEAMS] }),
    'providers[0]', 'MessagingChannel "ms-teams"', 'Use an AiProvider: AiProvider.ANTHROPIC'),
  row('providers ["ollama"]', () => isolation({ providers: ['ollama'] }), 'providers[0]', '"ollama"', 'Use AiProvider.ollama(namespace).'),
  row('providers [{ name: "anthropic" }]', () => isolation({ providers: [{ name: 'anthropic' }] }), 'providers[0]', '{"name":"anthropic"}',
    'Use an AiProvider: AiProvider.ANTHROPIC'),
  row('internetEgress "false"', () => isolation({ internetEgress: 'false' }), 'internetEgress', '"false"', 'Give true or false.'),
  row('internetEgress 0', () => isolation({ internetEgress: 0 }), 'internetEgress', '0', 'Give true or false.'),
  row('dnsEgress "no"', () => isolation({ dnsEgress: 'no' }), 'dnsEgress', '"no"', 'Give true or false.'),
  row('allowCloudMetadata 1', () => isolation({ allowCloudMetadata: 1 }), 'allowCloudMetadata', '1', 'Give true or false.'),
  row('clusterCidrs a string', () => isolation({ clusterCidrs: '2600:1f14::/56' }), 'clusterCidrs', '"2600:1f14::/56"', 'Give an array'),
  row('clusterCidrs entry a number', () => isolation({ clusterCidrs: [10] }), 'clusterCidrs[0]', '10', 'Give a string of text.'),
  row('dnsTargets a DnsTarget, not an array', () => isolation({ dnsTargets: DnsTarget.kubeDns() }), 'dnsTargets',
    'DnsTarget (DNS pods {k8s-app=kube-dns} in namespace kube-system)', 'Give an array'),
  row('dnsTargets ["169.254.20.10"]', () => isolation({ dnsTargets: ['169.254.20.10'] }), 'dnsTargets[0]', '"169.254.20.10"',
    'Use DnsTarget.nodeLocalDns("169.254.20.10").'),
  row('dnsTargets [DnsTarget.kubeDns] (the factory, not called)', () => isolation({ dnsTargets: [DnsTarget.kubeDns] }), 'dnsTargets[0]',
    'function kubeDns', 'Call the factory: DnsTarget.kubeDns().'),
  row('additionalEgress a rule, not an array', () => isolation({ additionalEgress: { peers: LLM, ports: HTTPS } }), 'additionalEgress',
    '{"peers":["Peer (pods in namespaces llm)"],"ports":["Port TCP/443"]}', 'Give an array'),
  row('additionalEgress rule with a number port', () => isolation({ additionalEgress: [{ peers: LLM, ports: [11434] }] }),
    'additionalEgress[0].ports[0]', '11434', 'Use Port.tcp(11434).'),
  row('additionalEgress rule with a CIDR string peer', () => isolation({ additionalEgress: [{ peers: ['10.0.0.0/8'], ports: HTTPS }] }),
    'additionalEgress[0].peers[0]', '"10.0.0.0/8"', 'Use Peer.ipBlock("10.0.0.0/8").'),
  row('additionalEgress rule without peers', () => isolation({ additionalEgress: [{ ports: HTTPS }] }), 'additionalEgress[0].peers',
    'undefined', 'additionalEgress[0].peers is required.'),
  row('additionalEgress rule null', () => isolation({ additionalEgress: [null] }), 'additionalEgress[0]', 'null',
    'Give an object of named fields, with peers and ports'),
  row('allowEgressTo with a string peer list', () => new OpenClawNetworkIsolation(chart(), 'I').allowEgressTo(js('10.0.0.0/8'), HTTPS),
    'peers', '"10.0.0.0/8"', 'Give an array'),
  row('allowEgressTo with a number port', () => new OpenClawNetworkIsolation(chart(), 'I').allowEgressTo(LLM, js([11434])),
    'ports[0]', '11434', 'Use Port.tcp(11434).'),
  row('allowEgressTo with [Peer.publicInternet()] (an array in the array)',
    () => new OpenClawNetworkIsolation(chart(), 'I', { internetEgress: false }).allowEgressTo(js([Peer.publicInternet()]), HTTPS),
    'peers[0]', '["Peer (0.0.0.0/0 except', 'This is an array of Peer inside the array: spread it into the outer one with "...".'),
  row('allowIngressFrom with a label map as peer', () => new OpenClawNetworkIsolation(chart(), 'I')
    .allowIngressFrom(js([{ app: 'prometheus' }]), [Port.tcp(9090)]), 'peers[0]', '{"app":"prometheus"}',
  'Use Peer.pods({"app":"prometheus"}).'),
  row('allowIngressFrom with a Port, not an array', () => new OpenClawNetworkIsolation(chart(), 'I')
    .allowIngressFrom(LLM, js(Port.tcp(9090))), 'ports', 'Port TCP/9090', 'Give an array'),
];

const ciliumEgressTypeRows: BadInput[] = [
  row('OpenClawCiliumEgress props a number', () => ciliumEgress(5), 'props', '5', 'Give an object of named fields'),
  row('OpenClawCiliumEgress namespace a number', () => ciliumEgress({ namespace: 5 }), 'namespace', '5', 'DNS-1123 label'),
  row('OpenClawCiliumEgress name an array', () => ciliumEgress({ name: ['openclaw'] }), 'name', '["openclaw"]', 'DNS-1123 subdomain'),
  row('OpenClawCiliumEgress selector with a boolean value', () => ciliumEgress({ selector: { app: true } }), 'selector["app"]', 'true',
    'A label value is a string, such as "true".'),
  row('fqdns a string, not an array', () => ciliumEgress({ fqdns: 'api.openai.com' }), 'fqdns', '"api.openai.com"', 'Give an array'),
  row('fqdns ["*.example.com"]', () => ciliumEgress({ fqdns: ['*.example.com'] }), 'fqdns[0]', '"*.example.com"',
    'Use Fqdn.pattern("*.example.com").'),
  row('fqdns [{ matchName }] (Cilium YAML, not an Fqdn)', () => ciliumEgress({ fqdns: [{ matchName: 'hooks.example.com' }] }), 'fqdns[0]',
    '{"matchName":"hooks.example.com"}', 'Use Fqdn.exact("hooks.example.com").'),
  row('OpenClawCiliumEgress providers an AiProvider, not an array', () => ciliumEgress({ providers: AiProvider.ANTHROPIC }), 'providers',
    'AiProvider "anthropic"', 'Give an array'),
  row('OpenClawCiliumEgress channels ["google-chat"]', () => ciliumEgress({ channels: ['google-chat'] }), 'channels[0]', '"google-chat"',
    'Use MessagingChannel.GOOGLE_CHAT'),
  row('services ["clawhub"]', () => ciliumEgress({ services: ['clawhub'] }), 'services[0]', '"clawhub"', 'Use OpenClawService.CLAWHUB.'),
  row('services ["openclaw-update-check"] (the set name)', () => ciliumEgress({ services: ['openclaw-update-check'] }), 'services[0]',
    '"openclaw-update-check"', 'Use OpenClawService.UPDATE_CHECK.'),
  row('services [OpenClawService.ALL] (an array in the array)', () => ciliumEgress({ services: [OpenClawService.ALL] }), 'services[0]',
    '["OpenClawService', 'This is an array of OpenClawService inside the array: spread it'),
  row('OpenClawCiliumEgress dnsTargets a string', () => ciliumEgress({ dnsTargets: 'kube-dns' }), 'dnsTargets', '"kube-dns"',
    'Give an array'),
  row('dnsQueryFilter "allow-listed-names"', () => ciliumEgress({ dnsQueryFilter: 'allow-listed-names' }), 'dnsQueryFilter',
    '"allow-listed-names"', 'Use DnsQueryFilter.ALLOW_LISTED_NAMES.'),
  row('dnsQueryFilter true', () => ciliumEgress({ dnsQueryFilter: true }), 'dnsQueryFilter', 'true',
    'Use one of DnsQueryFilter.ANY_NAME, DnsQueryFilter.ALLOW_LISTED_NAMES.'),
  row('enforcement "observe"', () => ciliumEgress({ enforcement: 'observe' }), 'enforcement', '"observe"', 'Use Enforcement.OBSERVE.'),
  row('enforcement false', () => ciliumEgress({ enforcement: false }), 'enforcement', 'false',
    'Use one of Enforcement.ENFORCE, Enforcement.OBSERVE.'),
  row('ciliumVersion "1.19"', () => ciliumEgress({ ciliumVersion: '1.19' }), 'ciliumVersion', '"1.19"', 'Use CiliumVersion.of("1.19").'),
  row('ciliumVersion 1.19 (a number)', () => ciliumEgress({ ciliumVersion: 1.19 }), 'ciliumVersion', '1.19', 'Use CiliumVersion.of("1.19").'),
  row('ciliumVersion { minor: 19 }', () => ciliumEgress({ ciliumVersion: { minor: 19 } }), 'ciliumVersion', '{"minor":19}',
    'Use a CiliumVersion: CiliumVersion.V1_16, CiliumVersion.V1_17, CiliumVersion.V1_18, CiliumVersion.V1_19, CiliumVersion.of(version).'),
  row('dnsSearchDomains a string', () => ciliumEgress({ dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES, dnsSearchDomains: 'ec2.internal' }),
    'dnsSearchDomains', '"ec2.internal"', 'Give an array'),
  row('dnsSearchDomains entry a number', () => ciliumEgress({ dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES, dnsSearchDomains: [1] }),
    'dnsSearchDomains[0]', '1', 'Give a string of text.'),
  row('clusterDomain a number', () => ciliumEgress({ dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES, clusterDomain: 5 }),
    'clusterDomain', '5', 'DNS domain'),
  row('namespaceSelector a string', () => ciliumEgress({ namespaceSelector: 'tenant=true' }), 'namespaceSelector', '"tenant=true"',
    'plain object'),
  row('namespaceSelector with a boolean value', () => ciliumEgress({ namespaceSelector: { 'openclaw.io/tenant': true } }),
    'namespaceSelector["openclaw.io/tenant"]', 'true', 'A label value is a string, such as "true".'),
  row('OpenClawCiliumEgress.allowFqdns with a string', () => new OpenClawCiliumEgress(chart(), 'C').allowFqdns('hooks', js('hooks.example.com')),
    'fqdns', '"hooks.example.com"', 'Give an array'),
  row('OpenClawCiliumEgress.allowFqdns with a string entry', () => new OpenClawCiliumEgress(chart(), 'C')
    .allowFqdns('hooks', js(['hooks.example.com'])), 'fqdns[0]', '"hooks.example.com"', 'Use Fqdn.exact("hooks.example.com").'),
  row('OpenClawCiliumEgress.allowFqdns with a number port', () => new OpenClawCiliumEgress(chart(), 'C')
    .allowFqdns('hooks', [Fqdn.exact('hooks.example.com')], js([8443])), 'ports[0]', '8443', 'Use Port.tcp(8443).'),
  row('OpenClawCiliumEgress.allowFqdns with a number name', () => new OpenClawCiliumEgress(chart(), 'C')
    .allowFqdns(js(5), [Fqdn.exact('hooks.example.com')]), 'endpoint set name', '5', '1-63 lowercase letters'),
  row('OpenClawCiliumEgress.allowEndpoints with a string', () => new OpenClawCiliumEgress(chart(), 'C').allowEndpoints(js('anthropic')),
    'endpoints', '"anthropic"', 'Give an array'),
  row('services ["foo"] lists every OpenClawService', () => ciliumEgress({ services: ['foo'] }), 'services[0]', '"foo"',
    'Use an OpenClawService: OpenClawService.UPDATE_CHECK, OpenClawService.MODEL_CATALOG, OpenClawService.CLAWHUB, OpenClawService.SKILL_INSTALLS, OpenClawService.HOMEBREW.'),
  row('OpenClawCiliumEgress.allowEndpoints with a string entry', () => new OpenClawCiliumEgress(chart(), 'C')
    .allowEndpoints(js(['anthropic'])), 'endpoints[0]', '"anthropic"',
  'Use an EndpointSet: EndpointSet.of(name, fqdns, ports), EndpointSet.inClusterPods(name, namespace, podLabels, ports), a catalog entry'),
];

const buildingBlockTypeRows: BadInput[] = [
  row('DefaultDeny props a string', () => new DefaultDeny(chart(), 'Deny', js('all')), 'props', '"all"', 'Give an object of named fields'),
  row('DefaultDeny ingress "false"', () => new DefaultDeny(chart(), 'Deny', js({ ingress: 'false' })), 'ingress', '"false"',
    'Give true or false.'),
  row('DefaultDeny egress 0', () => new DefaultDeny(chart(), 'Deny', js({ egress: 0 })), 'egress', '0', 'Give true or false.'),
  row('DefaultDeny name a number', () => new DefaultDeny(chart(), 'Deny', js({ name: 5 })), 'name', '5', 'DNS-1123 subdomain'),
  row('DefaultDeny namespace an array', () => new DefaultDeny(chart(), 'Deny', js({ namespace: ['openclaw'] })), 'namespace', '["openclaw"]',
    'DNS-1123 label'),
  row('DefaultDeny selector with a number value', () => new DefaultDeny(chart(), 'Deny', js({ selector: { tier: 2 } })), 'selector["tier"]',
    '2', 'A label value is a string, such as "2".'),
  row('DefaultDeny selector a Map (would select every pod)', () => new DefaultDeny(chart(), 'Deny', js({ selector: new Map([['a', 'b']]) })),
    'selector', 'Map', 'plain object'),
  row('DnsEgress without props', () => new DnsEgress(chart(), 'Dns', js(undefined)), 'props', 'undefined',
    'Give an object of named fields, with selector'),
  row('DnsEgress targets a string', () => new DnsEgress(chart(), 'Dns', js({ selector: OPENCLAW, targets: 'kube-dns' })), 'targets',
    '"kube-dns"', 'Give an array'),
  row('DnsEgress targets [DnsTarget.openShiftDns] (the factory, not called)', () => new DnsEgress(chart(), 'Dns',
    js({ selector: OPENCLAW, targets: [DnsTarget.openShiftDns] })), 'targets[0]', 'function openShiftDns',
  'Call the factory: DnsTarget.openShiftDns().'),
  row('DnsEgress targets [{ namespace }]', () => new DnsEgress(chart(), 'Dns', js({ selector: OPENCLAW, targets: [{ namespace: 'kube-system' }] })),
    'targets[0]', '{"namespace":"kube-system"}', 'Use a DnsTarget: DnsTarget.kubeDns()'),
  row('EgressAllow without selector', () => new EgressAllow(chart(), 'Egress', js({})), 'selector', 'undefined', 'selector is required.'),
  row('DnsEgress selector with an array value', () => new DnsEgress(chart(), 'Dns', js({ selector: { app: ['a', 'b'] } })), 'selector["app"]',
    '["a","b"]', 'A label value is a string.'),
  row('EgressAllow rules a rule, not an array', () => new EgressAllow(chart(), 'Egress', js({ selector: OPENCLAW, rules: { peers: LLM, ports: HTTPS } })),
    'rules', '{"peers":', 'Give an array'),
  row('EgressAllow rule with a number port', () => new EgressAllow(chart(), 'Egress', js({ selector: OPENCLAW, rules: [{ peers: LLM, ports: [443] }] })),
    'rules[0].ports[0]', '443', 'Use Port.tcp(443).'),
  row('EgressAllow rule with a Peer, not an array', () => new EgressAllow(chart(), 'Egress', js({ selector: OPENCLAW, rules: [{ peers: LLM[0], ports: HTTPS }] })),
    'rules[0].peers', 'Peer (pods in namespaces llm)', 'Give an array'),
  row('EgressAllow rule without ports', () => new EgressAllow(chart(), 'Egress', js({ selector: OPENCLAW, rules: [{ peers: LLM }] })),
    'rules[0].ports', 'undefined', 'rules[0].ports is required.'),
  row('EgressAllow.allowTo with a string peer', () => new EgressAllow(chart(), 'Egress', { selector: OPENCLAW }).allowTo(js(['llm']), HTTPS),
    'peers[0]', '"llm"', 'Use a Peer: Peer.namespaces(namespaces)'),
  row('EgressAllow.allowTo with a number port', () => new EgressAllow(chart(), 'Egress', { selector: OPENCLAW }).allowTo(LLM, js([53])),
    'ports[0]', '53', 'Use Port.tcp(53).'),
  row('IngressAllow without selector', () => new IngressAllow(chart(), 'Ingress', js({ rules: [] })), 'selector', 'undefined',
    'selector is required.'),
  row('IngressAllow rule with a string peer', () => new IngressAllow(chart(), 'Ingress', js({ selector: OPENCLAW, rules: [{ peers: ['monitoring'], ports: HTTPS }] })),
    'rules[0].peers[0]', '"monitoring"', 'Use a Peer'),
  row('IngressAllow.allowFrom with null peers', () => new IngressAllow(chart(), 'Ingress', { selector: OPENCLAW }).allowFrom(js(null), HTTPS),
    'peers', 'null', 'Give an array'),
  row('IngressAllow.allowFrom with a "TCP/18789" port', () => new IngressAllow(chart(), 'Ingress', { selector: OPENCLAW })
    .allowFrom(LLM, js(['TCP/18789'])), 'ports[0]', '"TCP/18789"', 'Use Port.tcp(18789).'),
  row('CiliumFqdnEgress without selector', () => new CiliumFqdnEgress(chart(), 'Fqdn', js({})), 'selector', 'undefined',
    'selector is required.'),
  row('CiliumFqdnEgress endpoints a string', () => fqdnEgress({ endpoints: 'anthropic' }), 'endpoints', '"anthropic"', 'Give an array'),
  row('CiliumFqdnEgress endpoints second entry a number', () => fqdnEgress({ endpoints: [AiProvider.ANTHROPIC, 443] }), 'endpoints[1]',
    '443', 'Use an EndpointSet'),
  row('CiliumFqdnEgress dnsTargets ["coredns"]', () => fqdnEgress({ dnsTargets: ['coredns'] }), 'dnsTargets[0]', '"coredns"',
    'Use a DnsTarget: DnsTarget.kubeDns(), DnsTarget.openShiftDns(), DnsTarget.nodeLocalDns(address),'
    + ' DnsTarget.nodeLocalDnsClusterIp(clusterIp), DnsTarget.gkeCloudDns(), DnsTarget.pods(namespace, labels).'),
  row('CiliumFqdnEgress enforcement "ENFORCED"', () => fqdnEgress({ enforcement: 'ENFORCED' }), 'enforcement', '"ENFORCED"',
    'Use one of Enforcement.ENFORCE, Enforcement.OBSERVE.'),
  row('CiliumFqdnEgress ciliumVersion "v1.19"', () => fqdnEgress({ ciliumVersion: 'v1.19' }), 'ciliumVersion', '"v1.19"',
    'Use CiliumVersion.of("v1.19").'),
  row('CiliumFqdnEgress dnsQueryFilter "strict"', () => fqdnEgress({ dnsQueryFilter: 'strict' }), 'dnsQueryFilter', '"strict"',
    'Use one of DnsQueryFilter.ANY_NAME'),
  row('CiliumFqdnEgress.allowEndpoints with a plain object', () => fqdnEgress({}).allowEndpoints(js([{ name: 'x', fqdns: [] }])),
    'endpoints[0]', '{"name":"x","fqdns":[]}', 'Use an EndpointSet'),
  row('CiliumFqdnEgress.allowFqdns with ports a Port', () => fqdnEgress({}).allowFqdns('hooks', [Fqdn.exact('hooks.example.com')],
    js(Port.tcp(8443))), 'ports', 'Port TCP/8443', 'Give an array'),
];

const valueObjectTypeRows: BadInput[] = [
  row('Port.tcp("443")', () => Port.tcp(js('443')), 'port', '"443"', 'integer from 1 to 65535'),
  row('Port.udpRange("1", 2)', () => Port.udpRange(js('1'), 2), 'port range (start)', '"1"', 'integer from 1 to 65535'),
  row('Port.udp(undefined)', () => Port.udp(js(undefined)), 'port', 'undefined', 'integer from 1 to 65535'),
  row('Port.sctp("9000")', () => Port.sctp(js('9000')), 'port', '"9000"', 'integer from 1 to 65535'),
  row('Port.tcpRange(8000, "8100")', () => Port.tcpRange(8000, js('8100')), 'port range (end)', '"8100"', 'integer from 1 to 65535'),
  row('Peer.namespaces("llm")', () => Peer.namespaces(js('llm')), 'namespaces', '"llm"', 'Give an array'),
  row('Peer.namespaces([5])', () => Peer.namespaces(js([5])), 'namespaces[0]', '5', 'Give a string of text.'),
  row('Peer.podsInNamespaces("llm", labels)', () => Peer.podsInNamespaces(js('llm'), { app: 'x' }), 'namespaces', '"llm"', 'Give an array'),
  row('Peer.podsInNamespaces with a null label value', () => Peer.podsInNamespaces(['llm'], js({ app: null })), 'labels["app"]', 'null',
    'A label value is a string.'),
  row('Peer.pods("app=x")', () => Peer.pods(js('app=x')), 'labels', '"app=x"', 'plain object'),
  row('Peer.ipBlock(10)', () => Peer.ipBlock(js(10)), 'cidr', '10', 'CIDR notation'),
  row('Peer.ipBlock except a string', () => Peer.ipBlock('10.0.0.0/8', js('10.1.0.0/16')), 'except', '"10.1.0.0/16"', 'Give an array'),
  row('Peer.ipBlock except entry a number', () => Peer.ipBlock('10.0.0.0/8', js([10])), 'except[0]', '10', 'Give a string of text.'),
  row('Peer.publicInternet("2600::/56")', () => Peer.publicInternet(js('2600::/56')), 'clusterCidrs', '"2600::/56"', 'Give an array'),
  row('Fqdn.exact(5)', () => Fqdn.exact(js(5)), 'fqdn', '5', '1-255 characters'),
  row('Fqdn.pattern(null)', () => Fqdn.pattern(js(null)), 'fqdn pattern', 'null', '1-255 characters'),
  row('Cidr.parse(10)', () => Cidr.parse(js(10)), 'cidr', '10', 'CIDR notation'),
  row('Cidr.parse with a number prop name', () => Cidr.parse('10.0.0.0/8', js(5)), 'prop', '5', 'Give a string of text.'),
  row('Cidr.contains("10.1.0.0/16")', () => Cidr.parse('10.0.0.0/8').contains(js('10.1.0.0/16')), 'other', '"10.1.0.0/16"',
    'Use Cidr.parse("10.1.0.0/16").'),
  row('Cidr.overlaps(null)', () => Cidr.parse('10.0.0.0/8').overlaps(js(null)), 'other', 'null', 'Use a Cidr: Cidr.parse(text).'),
  row('DnsTarget.nodeLocalDns(169)', () => DnsTarget.nodeLocalDns(js(169)), 'address', '169', 'Give a string of text.'),
  row('DnsTarget.pods with a number namespace', () => DnsTarget.pods(js(5), { 'k8s-app': 'kube-dns' }), 'dns namespace', '5', 'DNS-1123 label'),
  row('DnsTarget.pods with a string label map', () => DnsTarget.pods('kube-system', js('k8s-app=kube-dns')), 'dns labels',
    '"k8s-app=kube-dns"', 'plain object'),
  row('DnsTarget.pods with port "53"', () => DnsTarget.pods('kube-system', { 'k8s-app': 'kube-dns' }, js('53')), 'dns port', '"53"',
    'integer from 1 to 65535'),
  row('CiliumVersion.of(1.19)', () => CiliumVersion.of(js(1.19)), 'ciliumVersion', '1.19', '"1.<minor>"'),
  row('CiliumVersion.isAtLeast("1.16")', () => CiliumVersion.V1_17.isAtLeast(js('1.16')), 'other', '"1.16"', 'Use CiliumVersion.of("1.16").'),
  row('EndpointSet.of with a string of hosts', () => EndpointSet.of('llm', js('llm.example.com'), HTTPS), 'llm fqdns', '"llm.example.com"',
    'Give an array'),
  row('EndpointSet.of with a string host', () => EndpointSet.of('llm', js(['llm.example.com']), HTTPS), 'llm fqdns[0]', '"llm.example.com"',
    'Use Fqdn.exact("llm.example.com").'),
  row('EndpointSet.of with a number port', () => EndpointSet.of('llm', [Fqdn.exact('llm.example.com')], js([443])), 'llm ports[0]', '443',
    'Use Port.tcp(443).'),
  row('EndpointSet.of with a number description', () => EndpointSet.of('llm', [Fqdn.exact('llm.example.com')], HTTPS, js(5)),
    'llm description', '5', 'one line of text'),
  row('EndpointSet.of with a number name', () => EndpointSet.of(js(5), [Fqdn.exact('llm.example.com')], HTTPS), 'endpoint set name', '5',
    '1-63 lowercase letters'),
  row('EndpointSet.inClusterPods with a number label value', () => EndpointSet.inClusterPods('llm', 'llm', js({ app: 1 }), HTTPS),
    'llm podLabels["app"]', '1', 'A label value is a string, such as "1".'),
  row('EndpointSet.inClusterPods with ports a number', () => EndpointSet.inClusterPods('llm', 'llm', { app: 'llm' }, js(8080)), 'llm ports',
    '8080', 'Give an array'),
  row('AiProvider.azureOpenAi(5)', () => AiProvider.azureOpenAi(js(5)), 'resourceName', '5', 'custom subdomain'),
  row('AiProvider.bedrock(null)', () => AiProvider.bedrock(js(null)), 'region', 'null', 'us-east-1'),
  row('AiProvider.ollama(5)', () => AiProvider.ollama(js(5)), 'ollama namespace', '5', 'DNS-1123 label'),
  row('AiProvider.ollama with a string label map', () => AiProvider.ollama('llm', js('app=ollama')), 'ollama podLabels', '"app=ollama"',
    'plain object'),
  row('AiProvider.vllm with a number label value', () => AiProvider.vllm('llm', js({ app: 2 })), 'vllm podLabels["app"]', '2',
    'A label value is a string'),
  row('AiProvider.inCluster with port "4000"', () => AiProvider.inCluster('litellm', 'llm', { app: 'litellm' }, js('4000')), 'port', '"4000"',
    'integer from 1 to 65535'),
  row('AiProvider.inCluster with a number name', () => AiProvider.inCluster(js(5), 'llm', { app: 'litellm' }, 4000), 'endpoint set name',
    '5', '1-63 lowercase letters'),
  row('MessagingChannel.matrix(5)', () => MessagingChannel.matrix(js(5)), 'host', '5', '1-255 characters'),
  row('MessagingChannel.mattermost with port "8065"', () => MessagingChannel.mattermost('chat.example.com', js('8065')), 'port', '"8065"',
    'integer from 1 to 65535'),
  row('MessagingChannel.nextcloudTalk(["cloud.example.com"])', () => MessagingChannel.nextcloudTalk(js(['cloud.example.com'])), 'host',
    '["cloud.example.com"]', '1-255 characters'),
  row('MessagingChannel.signal with port "8080"', () => MessagingChannel.signal('signal.example.com', js('8080')), 'port', '"8080"',
    'integer from 1 to 65535'),
  row('MessagingChannel.blueBubbles({ host })', () => MessagingChannel.blueBubbles(js({ host: 'bb.example.com' })), 'host',
    '{"host":"bb.example.com"}', '1-255 characters'),
  row('MessagingChannel.synologyChat with port 5001.5', () => MessagingChannel.synologyChat('nas.example.com', 5001.5), 'port', '5001.5',
    'integer from 1 to 65535'),
  row('MessagingChannel.irc with port "6697"', () => MessagingChannel.irc('irc.libera.chat', js('6697')), 'port', '"6697"',
    'integer from 1 to 65535'),
];

const analysisTypeRows: BadInput[] = [
  row('PolicyAnalyzer.fromChart("chart")', () => PolicyAnalyzer.fromChart(js('chart')), 'chart', '"chart"', 'Give a cdk8s Chart'),
  row('PolicyAnalyzer.fromChart(app)', () => PolicyAnalyzer.fromChart(js(newApp())), 'chart', 'App', 'PolicyAnalyzer.fromApp(app)'),
  row('PolicyAnalyzer.fromApp({})', () => PolicyAnalyzer.fromApp(js({})), 'app', '{}', 'Give the cdk8s App.'),
  row('PolicyAnalyzer.fromManifests("kind: NetworkPolicy")', () => PolicyAnalyzer.fromManifests(js('kind: NetworkPolicy')), 'manifests',
    '"kind: NetworkPolicy"', 'list of manifest objects'),
  row('PolicyAnalyzer.fromYaml(5)', () => PolicyAnalyzer.fromYaml(js(5)), 'text', '5', 'Give a string of text.'),
  row('PolicyAnalyzer options a string', () => PolicyAnalyzer.fromManifests([], js('cilium')), 'options', '"cilium"',
    'Give an object of named fields'),
  row('PolicyAnalyzer model "cilium"', () => PolicyAnalyzer.fromManifests([], js({ model: 'cilium' })), 'model', '"cilium"',
    'Use EnforcementModel.CILIUM.'),
  row('PolicyAnalyzer ciliumVersion "1.19"', () => PolicyAnalyzer.fromManifests([], js({ ciliumVersion: '1.19' })), 'ciliumVersion',
    '"1.19"', 'Use CiliumVersion.of("1.19").'),
  row('PolicyAnalyzer namespaces a string entry', () => PolicyAnalyzer.fromManifests([], js({ namespaces: ['kube-system'] })),
    'namespaces[0]', '"kube-system"', 'Give an object of named fields, with name and labels'),
  row('PolicyAnalyzer namespaces entry with a number name', () => PolicyAnalyzer.fromManifests([], js({ namespaces: [{ name: 5, labels: {} }] })),
    'namespaces[0].name', '5', 'Give a string of text.'),
  row('PolicyAnalyzer namespaces entry without labels', () => PolicyAnalyzer.fromManifests([], js({ namespaces: [{ name: 'a' }] })),
    'namespaces[0].labels', 'undefined', 'namespaces[0].labels is required.'),
  row('PolicyAnalyzer namespaces entry with a number label value', () => PolicyAnalyzer.fromManifests([],
    js({ namespaces: [{ name: 'a', labels: { team: 1 } }] })), 'namespaces["a"] labels["team"]', '1', 'A label value is a string'),
  row('PolicyAnalyzer defaultNamespace 5', () => PolicyAnalyzer.fromManifests([], js({ defaultNamespace: 5 })), 'defaultNamespace', '5',
    'DNS-1123 label'),
  row('check(undefined)', () => analyzer().check(js(undefined)), 'flow', 'undefined', 'Give an object of named fields, with from and to and port'),
  row('check with a string from', () => analyzer().check(js({ from: 'openclaw/app=openclaw', to: ANTHROPIC_IP, port: 443 })), 'flow.from',
    '"openclaw/app=openclaw"', 'Use a FlowEndpoint: FlowEndpoint.pod(namespace, labels)'),
  row('check with an address string to', () => analyzer().check(js({ from: OPENCLAW_POD, to: '160.79.104.10', port: 443 })), 'flow.to',
    '"160.79.104.10"', 'Use FlowEndpoint.external("160.79.104.10").'),
  row('check with port "443"', () => analyzer().check(js({ from: OPENCLAW_POD, to: ANTHROPIC_IP, port: '443' })), 'flow.port', '"443"',
    'integer from 1 to 65535'),
  row('check without port', () => analyzer().check(js({ from: OPENCLAW_POD, to: ANTHROPIC_IP })), 'flow.port', 'undefined',
    'flow.port is required.'),
  row('check with protocol "udp"', () => analyzer().check(js({ from: OPENCLAW_POD, to: ANTHROPIC_IP, port: 53, protocol: 'udp' })),
    'flow.protocol', '"udp"', 'Use Protocol.UDP.'),
  row('isAllowed("flow")', () => analyzer().isAllowed(js('flow')), 'flow', '"flow"', 'Give an object of named fields'),
  row('policiesSelecting({ namespace })', () => analyzer().policiesSelecting(js({ namespace: 'openclaw' })), 'pod', '{"namespace":"openclaw"}',
    'Use a FlowEndpoint'),
  row('FlowEndpoint.pod(5, {})', () => FlowEndpoint.pod(js(5), {}), 'namespace', '5', 'DNS-1123 label'),
  row('FlowEndpoint.pod with a string label map', () => FlowEndpoint.pod('openclaw', js('app=openclaw')), 'labels', '"app=openclaw"',
    'plain object'),
  row('FlowEndpoint.pod with a number ip', () => FlowEndpoint.pod('openclaw', OPENCLAW, js(5)), 'ip', '5', 'IPv4 or IPv6 address'),
  row('FlowEndpoint.external(5)', () => FlowEndpoint.external(js(5)), 'ip', '5', 'IPv4 or IPv6 address'),
  row('FlowEndpoint.external with a number dnsName', () => FlowEndpoint.external('160.79.104.10', js(5)), 'dnsName', '5',
    'DNS name the client resolved'),
  row('new Reachability("analyzer")', () => new Reachability(js('analyzer')), 'analyzer', '"analyzer"',
    'Use a PolicyAnalyzer: PolicyAnalyzer.fromChart(chart)'),
  row('Reachability.expect with allowed "false"', () => new Reachability(analyzer())
    .expect({ from: OPENCLAW_POD, to: ANTHROPIC_IP, port: 443 }, js('false')), 'allowed', '"false"', 'Give true or false.'),
  row('Reachability.expectAllowed without to', () => new Reachability(analyzer()).expectAllowed(js({ from: OPENCLAW_POD, port: 443 })),
    'flow.to', 'undefined', 'flow.to is required.'),
  row('Reachability.expectDenied(5)', () => new Reachability(analyzer()).expectDenied(js(5)), 'flow', '5', 'Give an object of named fields'),
];


/** The new props' wrong types (cdk8s-plus selectors, the Cilium option, finer ingress). */
const newPropTypeRows: BadInput[] = [
  row('OpenClawTenants without tenants', () => new OpenClawTenants(chart(), 'T', js({})), 'tenants', 'undefined', 'tenants is required.'),
  row('cilium a string', () => isolation({ cilium: 'yes' }), 'cilium', '"yes"', 'Give an object of named fields'),
  row('cilium.services a string list', () => isolation({ cilium: { services: ['clawhub'] } }), 'cilium.services[0]', '"clawhub"',
    'Use OpenClawService.CLAWHUB'),
  row('cilium.fqdns a string list', () => isolation({ cilium: { fqdns: ['hooks.example.com'] } }), 'cilium.fqdns[0]', '"hooks.example.com"',
    'Use Fqdn.exact("hooks.example.com")'),
  row('cilium.dnsQueryFilter a string', () => isolation({ cilium: { dnsQueryFilter: 'strict' } }), 'cilium.dnsQueryFilter', '"strict"',
    'Use one of DnsQueryFilter.ANY_NAME'),
  row('cilium.namespaceSelector (JavaScript; would turn the policy cluster-wide)', () => isolation({ cilium: { namespaceSelector: { team: 'x' } } }),
    'cilium.namespaceSelector', '{"team":"x"}', 'cilium takes only services, fqdns, dnsQueryFilter'),
  row('cilium.ciliumVersion a string', () => isolation({ cilium: { ciliumVersion: '1.19' } }), 'cilium.ciliumVersion', '"1.19"',
    'Use CiliumVersion.of("1.19")'),
  row('gatewaySources a namespace string', () => isolation({ gatewaySources: ['ingress-nginx'] }), 'gatewaySources[0]', '"ingress-nginx"',
    'Use a Peer'),
  row('webhookSources a label map', () => isolation({ webhookSources: [{ app: 'traefik' }], channels: [MessagingChannel.MS_TEAMS] }),
    'webhookSources[0]', '{"app":"traefik"}', 'Use Peer.pods({"app":"traefik"})'),
  row('allowIngress "false"', () => isolation({ allowIngress: 'false' }), 'allowIngress', '"false"', 'Give true or false.'),
  row('OpenClawNetworkIsolation pods a label map', () => isolation({ pods: OPENCLAW }), 'pods', '{"app":"openclaw"}',
    'Give a cdk8s-plus workload (Deployment'),
  row('OpenClawCiliumEgress pods a string', () => ciliumEgress({ pods: 'openclaw' }), 'pods', '"openclaw"', 'Give a cdk8s-plus workload'),
  row('Peer.fromKplus(a label map)', () => Peer.fromKplus(js(OPENCLAW)), 'peer', '{"app":"openclaw"}', 'Give a cdk8s-plus peer'),
];

const typeRows: BadInput[] = [
  ...issueTypeRows,
  ...isolationTypeRows,
  ...ciliumEgressTypeRows,
  ...buildingBlockTypeRows,
  ...valueObjectTypeRows,
  ...analysisTypeRows,
  ...newPropTypeRows,
];

describe('a value of the wrong type throws at once, naming the prop (with its index) and the value, and saying what to use', () => {
  test.each(typeRows)('$description', ({ thunk, prop, value, allowed }) => {
    const message = errorOf(thunk).message;
    expect(message.startsWith(`Invalid ${prop}: ${value}`)).toBe(true);
    expect(message).toContain(allowed!);
  });
});

describe('wrong types never reach the YAML', () => {
  const cases: [string, (c: Chart) => unknown, string][] = [
    ['egressPorts: [443]', c => new OpenClawNetworkIsolation(c, 'Isolation', { egressPorts: js([443]) }), 'Invalid egressPorts[0]: 443.'],
    ['additionalIngressPorts: [{ port: 9090 }]', c => new OpenClawNetworkIsolation(c, 'Isolation', { additionalIngressPorts: js([{ port: 9090 }]) }),
      'Invalid additionalIngressPorts[0]: {"port":9090}.'],
    ['channels: ["telegram"]', c => new OpenClawNetworkIsolation(c, 'Isolation', { channels: js(['telegram']) }), 'Invalid channels[0]: "telegram".'],
    ['fqdns: ["api.openai.com"]', c => new OpenClawCiliumEgress(c, 'Cilium', { fqdns: js(['api.openai.com']) }),
      'Invalid fqdns[0]: "api.openai.com".'],
    ['providers: ["anthropic"]', c => new OpenClawCiliumEgress(c, 'Cilium', { providers: js(['anthropic']) }), 'Invalid providers[0]: "anthropic".'],
    ['dnsTargets: ["kube-dns"]', c => new OpenClawCiliumEgress(c, 'Cilium', { dnsTargets: js(['kube-dns']) }), 'Invalid dnsTargets[0]: "kube-dns".'],
  ];
  test.each(cases)('%s: construction throws before any object is made, so even a caller who catches it synthesizes nothing',
    (_name, build, message) => {
      const c = chart();
      expect(() => build(c)).toThrow(message);
      expect(Testing.synth(c)).toEqual([]);
    });

  test('allowEgressTo(peers, [443]) throws and leaves the egress policy as it was: 443 and 5222 only, never "every port"', () => {
    const c = chart();
    const openclaw = new OpenClawNetworkIsolation(c, 'Isolation');
    const egressBefore = objectNamed(Testing.synth(c), 'NetworkPolicy', 'openclaw-egress').spec.egress;
    expect(() => openclaw.allowEgressTo(Peer.publicInternet(), js([443]))).toThrow('Invalid ports[0]: 443. Use Port.tcp(443).');
    const egressAfter = objectNamed(Testing.synth(c), 'NetworkPolicy', 'openclaw-egress').spec.egress;
    expect(egressAfter).toEqual(egressBefore);
    expect(egressAfter.flatMap((rule: any) => rule.ports)).toEqual(expect.not.arrayContaining([{}]));
  });
});

describe('the messages know how to make each value class', () => {
  test.each(Object.entries(MAKING_OF))('%s: the class is exported and every factory the messages name exists', (className, making) => {
    const type = (api as any)[className];
    expect(typeof type).toBe('function');
    for (const factory of making.factories.filter(f => f.startsWith(`${className}.`))) {
      const method = factory.slice(className.length + 1).split('(')[0];
      expect(typeof type[method]).toBe('function');
    }
  });

  test.each(Object.entries(MAKING_OF))('%s: every public static factory is among those the messages name', (className, making) => {
    const named = making.factories.map(f => f.slice(className.length + 1).split('(')[0]);
    // the public static methods declared in the class's source file
    const source = sourceFiles(path.join(__dirname, '../src')).map(file => fs.readFileSync(file, 'utf8'))
      .find(text => text.includes(`export class ${className} `))!;
    const factories = [...source.matchAll(/^ {2}public static (\w+)\(/gm)].map(m => m[1]).filter(name => !name.startsWith('_'));
    expect(factories.filter(name => !named.includes(name))).toEqual([]);
  });

  test('a long value is cut in the message', () => {
    const message = errorOf(() => new OpenClawNetworkIsolation(chart(), 'I', js({ ingressNamespaces: 'x'.repeat(1000) }))).message;
    expect(message).toContain(`Invalid ingressNamespaces: "${'x'.repeat(100)}`);
    expect(message).toContain('...');
    expect(message.length).toBeLessThan(400);
  });
});

// ---------------------------------------------------------------------------
// cdk8s-plus: workloads as the target (`pods`) and as peers (`Peer.fromKplus`)

const CONTAINER = { image: 'openclaw', securityContext: { ensureNonRoot: false } };
/** A fresh chart with a cdk8s-plus selector made in it, and a construct given that selector. */
function withKplus<T>(select: (c: Chart) => T, use: (c: Chart, selected: T) => unknown): () => unknown {
  return () => {
    const c = chart();
    return use(c, select(c));
  };
}
const podsIn = (names: string[]) => (c: Chart) => kplus.Pods.select(c, 'Pods', {
  labels: { app: 'openclaw' }, namespaces: kplus.Namespaces.select(c, 'Ns', { names }),
});
const podsWith = (expression: kplus.LabelExpression) => (c: Chart) => kplus.Pods.select(c, 'Pods', { labels: { app: 'openclaw' }, expressions: [expression] });
const deploymentWithPorts = (ports: kplus.ContainerPort[]) => (c: Chart) => new kplus.Deployment(c, 'OpenClaw', { containers: [{ ...CONTAINER, ports }] });
const asIsolationPods = (c: Chart, pods: kplus.IPodSelector) => new OpenClawNetworkIsolation(c, 'Isolation', { pods });

const kplusRows: BadInput[] = [
  row('pods and selector together', withKplus(c => new kplus.Deployment(c, 'OpenClaw', { containers: [CONTAINER] }),
    (c, pods) => new OpenClawNetworkIsolation(c, 'Isolation', { pods, selector: OPENCLAW })), 'selector', '{"app":"openclaw"}', 'either selector or pods'),
  row('OpenClawCiliumEgress pods and selector together', withKplus(c => new kplus.Deployment(c, 'OpenClaw', { containers: [CONTAINER] }),
    (c, pods) => new OpenClawCiliumEgress(c, 'Cilium', { pods, selector: OPENCLAW })), 'selector', '{"app":"openclaw"}', 'either selector or pods'),
  row('pods with an In expression of no values (the API server and Cilium\'s agent reject it)',
    withKplus(podsWith(kplus.LabelExpression.in('tier', [])), asIsolationPods), 'pods matchExpressions[0].values', '[]', 'In needs at least one value'),
  row('pods with a NotIn expression of no values', withKplus(podsWith(kplus.LabelExpression.notIn('tier', [])), asIsolationPods),
    'pods matchExpressions[0].values', '[]', 'NotIn needs at least one value'),
  row('pods with an Exists expression with values', withKplus(podsWith(js({ key: 'tier', operator: 'Exists', values: ['a'] })), asIsolationPods),
    'pods matchExpressions[0].values', '["a"]', 'Exists takes no values'),
  row('pods with an unknown operator', withKplus(podsWith(js({ key: 'tier', operator: 'Gt', values: ['1'] })), asIsolationPods),
    'pods matchExpressions[0].operator', '"Gt"', 'LabelOperator.IN, LabelOperator.NOT_IN'),
  row('pods with an expression on a bad label key', withKplus(podsWith(kplus.LabelExpression.exists('tier!')), asIsolationPods),
    'pods matchExpressions[0].key', '"tier!"', 'A label key is'),
  row('pods with an expression value that is no label value', withKplus(podsWith(kplus.LabelExpression.notIn('tier', ['a b'])), asIsolationPods),
    'pods matchExpressions[0].values[0]', '"a b"', 'A label value is empty or 1-63 characters'),
  row('pods with an In expression contradicting a label', withKplus(podsWith(kplus.LabelExpression.in('app', ['other'])), asIsolationPods),
    'pods matchExpressions', '["app in (other)"]', 'no pod can match them'),
  row('pods with In and NotIn of the same values', withKplus(c => kplus.Pods.select(c, 'Pods', {
    labels: OPENCLAW, expressions: [kplus.LabelExpression.in('tier', ['a', 'b']), kplus.LabelExpression.notIn('tier', ['b', 'a'])],
  }), asIsolationPods), 'pods matchExpressions', '["tier in (a,b)","tier notin (a,b)"]', 'no pod can match them'),
  row('pods with Exists and DoesNotExist on one key', withKplus(c => kplus.Pods.select(c, 'Pods', {
    labels: OPENCLAW, expressions: [kplus.LabelExpression.exists('tier'), kplus.LabelExpression.doesNotExist('tier')],
  }), asIsolationPods), 'pods matchExpressions', '["!tier","tier"]', 'no pod can match them'),
  row('OpenClawCiliumEgress pods with only a NotIn expression (every pod but some)', withKplus(c => kplus.Pods.select(c, 'Pods', {
    expressions: [kplus.LabelExpression.notIn('app', ['web'])],
  }), (c, pods) => new OpenClawCiliumEgress(c, 'Cilium', { pods })), 'pods', 'test/Pods', 'at least one label (or an In or Exists expression)'),
  row('pods selecting every pod', withKplus(c => kplus.Pods.all(c, 'All'), asIsolationPods), 'pods', 'test/All', 'at least one label'),
  row('pods in two namespaces', withKplus(podsIn(['a', 'b']), asIsolationPods), 'pods namespaces', '["a","b"]', 'in one namespace'),
  row('pods in a namespace other than the namespace prop', withKplus(podsIn(['bots']),
    (c, pods) => new OpenClawNetworkIsolation(c, 'Isolation', { pods, namespace: 'openclaw' })), 'namespace', '"openclaw"', 'pods are in namespace "bots"'),
  row('pods in namespaces selected by a team label', withKplus(c => kplus.Pods.select(c, 'Pods', {
    labels: OPENCLAW, namespaces: kplus.Namespaces.select(c, 'Ns', { labels: { team: 'a' } }),
  }), asIsolationPods), 'pods namespaces', '{"team":"a"}', 'by name only'),
  row('pods declaring several unnamed ports and no gatewayPort', withKplus(deploymentWithPorts([{ number: 8080 }, { number: 9090 }]), asIsolationPods),
    'pods', 'TCP ports 8080, 9090', 'Name the gateway\'s container port "gateway"'),
  row('cluster-wide OpenClawCiliumEgress with pods in a namespace', withKplus(c => new kplus.Deployment(c, 'OpenClaw', { containers: [CONTAINER] }),
    (c, pods) => new OpenClawCiliumEgress(c, 'Cilium', { pods, namespaceSelector: { tenant: 'true' } })), 'pods', 'test/OpenClaw',
  'select the pods without a namespace'),
  row('Peer.fromKplus(every namespace)', withKplus(c => kplus.Namespaces.all(c, 'All'), (_c, all) => Peer.fromKplus(all)), 'peer namespaces',
    '"every namespace"', 'selects namespaces by name'),
  row('Peer.fromKplus(pods with only a DoesNotExist expression)', withKplus(c => kplus.Pods.select(c, 'Pods', {
    expressions: [kplus.LabelExpression.doesNotExist('tier')],
  }), (_c, pods) => Peer.fromKplus(pods)), 'labels', '{}', 'at least one label'),
  row('Peer.fromKplus(pods with an In expression of no values)', withKplus(podsWith(kplus.LabelExpression.in('tier', [])),
    (_c, pods) => Peer.fromKplus(pods)), 'peer matchExpressions[0].values', '[]', 'In needs at least one value'),
  row('Peer.fromKplus(namespaces selected by an expression)', withKplus(c => kplus.Pods.select(c, 'Pods', {
    labels: OPENCLAW, namespaces: kplus.Namespaces.select(c, 'Ns', { expressions: [kplus.LabelExpression.exists('team')] }),
  }), (_c, pods) => Peer.fromKplus(pods)), 'peer namespaces matchExpressions', '"operator":"Exists"', 'by name only'),
  row('Peer.pods requirement In without values', () => Peer.pods(OPENCLAW, [{ key: 'tier', operator: LabelOperator.IN, values: [] }]),
    'requirements[0].values', '[]', 'In needs at least one value'),
  row('Peer.pods requirement DoesNotExist with values', () => Peer.pods(OPENCLAW, [{ key: 'tier', operator: LabelOperator.DOES_NOT_EXIST, values: ['a'] }]),
    'requirements[0].values', '["a"]', 'DoesNotExist takes no values'),
  row('Peer.podsInNamespaces requirement with an operator string', () => Peer.podsInNamespaces(['llm'], OPENCLAW, js([{ key: 'tier', operator: 'exists' }])),
    'requirements[0].operator', '"exists"', 'Use one of LabelOperator.IN'),
  row('Peer.pods requirements not an array', () => Peer.pods(OPENCLAW, js({ key: 'tier', operator: 'Exists' })),
    'requirements', '{"key":"tier","operator":"Exists"}', 'Give an array of { key, operator, values }'),
  row('EgressAllow selectorRequirements with a bad key', () => new EgressAllow(chart(), 'Egress', {
    selector: OPENCLAW, selectorRequirements: [{ key: '-tier', operator: LabelOperator.EXISTS }],
  }), 'selectorRequirements[0].key', '"-tier"', 'A label key is'),
  row('DnsEgress selectorRequirements that select no pod', () => new DnsEgress(chart(), 'Dns', {
    selector: OPENCLAW, selectorRequirements: [{ key: 'app', operator: LabelOperator.NOT_IN, values: ['openclaw'] }],
  }), 'selectorRequirements', '["app notin (openclaw)"]', 'no pod can match them'),
  // Keys Cilium derives (cilium/cilium pkg/k8s/apis/cilium.io/const.go): pods do not carry them, so the two layers would disagree.
  row('OpenClawNetworkIsolation selector with a Cilium-derived key', () => new OpenClawNetworkIsolation(chart(), 'Isolation', {
    namespace: 'openclaw', selector: { 'io.kubernetes.pod.namespace': 'openclaw' },
  }), 'selector key', '"io.kubernetes.pod.namespace"', 'labels Cilium derives'),
  row('Peer.pods requirement on a Cilium-derived key', () => Peer.pods(OPENCLAW, [{ key: 'io.kubernetes.pod.namespace', operator: LabelOperator.EXISTS }]),
    'requirements[0].key', '"io.kubernetes.pod.namespace"', 'labels Cilium derives'),
  row('EgressAllow selectorRequirements on io.cilium.k8s.policy.serviceaccount', () => new EgressAllow(chart(), 'Egress', {
    selector: OPENCLAW, selectorRequirements: [{ key: 'io.cilium.k8s.policy.serviceaccount', operator: LabelOperator.IN, values: ['openclaw'] }],
  }), 'selectorRequirements[0].key', '"io.cilium.k8s.policy.serviceaccount"', 'labels Cilium derives'),
  row('namespaceSelector with a Cilium-derived key', () => new OpenClawCiliumEgress(chart(), 'Cilium', {
    namespaceSelector: { 'io.cilium.k8s.namespace.labels.team': 'a' },
  }), 'namespaceSelector key', '"io.cilium.k8s.namespace.labels.team"', 'labels Cilium derives'),
  row('EndpointSet.inClusterPods podLabels with a Cilium-derived key', () => EndpointSet.inClusterPods('llm', 'llm', { 'io.kubernetes.pod.name': 'llm-0' }, HTTPS),
    'llm podLabels key', '"io.kubernetes.pod.name"', 'labels Cilium derives'),
  row('Peer.fromKplus(NetworkPolicyIpBlock.anyIpv4) (would reach the metadata endpoint)', withKplus(c => kplus.NetworkPolicyIpBlock.anyIpv4(c, 'Any'),
    (_c, any) => Peer.fromKplus(any)), 'peer', '0.0.0.0/0', 'use ...Peer.publicInternet()'),
  row('Peer.fromKplus(NetworkPolicyIpBlock.anyIpv6)', withKplus(c => kplus.NetworkPolicyIpBlock.anyIpv6(c, 'Any'),
    (_c, any) => Peer.fromKplus(any)), 'peer', '::/0', 'excludes private, link-local and metadata ranges'),
  row('Peer.fromKplus(Pods.all in the policy\'s namespace)', withKplus(c => kplus.Pods.all(c, 'All'), (_c, all) => Peer.fromKplus(all)),
    'labels', '{}', 'at least one label'),
];

// ---------------------------------------------------------------------------
// The Cilium option of OpenClawNetworkIsolation, and finer ingress

const ciliumOnceRows: BadInput[] = [
  row('cilium with internetEgress: true (would void the allow-list)', () => isolation({ cilium: {}, internetEgress: true }), 'internetEgress', 'true',
    'the FQDN allow-list owns internet egress'),
  row('cilium with dnsEgress: true (would void the DNS filter)', () => isolation({ cilium: {}, dnsEgress: true }), 'dnsEgress', 'true',
    'the Cilium policy owns DNS'),
  row('cilium with egressPorts', () => isolation({ cilium: {}, egressPorts: [Port.tcp(443)] }), 'egressPorts', '["TCP/443"]',
    'internetEgress: false turns off'),
  row('cilium.clusterDomain without strict DNS', () => isolation({ cilium: { clusterDomain: 'corp.local' } }), 'clusterDomain', 'corp.local',
    'set dnsQueryFilter too'),
  row('cilium with no providers, channels, services or fqdns left', () => isolation({ cilium: { fqdns: [] } }), 'providers/channels/services/fqdns',
    '[]', 'Give at least one provider'),
];

const presetRows: BadInput[] = [
  row('OpenClawDeployment.helmChart(\'\')', () => OpenClawDeployment.helmChart(''), 'release', '""', 'Give the Helm release name'),
  row('OpenClawDeployment.helmChart with a space', () => OpenClawDeployment.helmChart('my release'), 'release', '"my release"',
    'A label value is empty or 1-63 characters'),
  row('OpenClawDeployment.operator(\'\')', () => OpenClawDeployment.operator(''), 'instance', '""', 'Give the OpenClawInstance name'),
  row('OpenClawDeployment.operator(5)', () => OpenClawDeployment.operator(js(5)), 'instance', '5', 'A label value is a string'),
];

const tenantRows: BadInput[] = [
  row('OpenClawTenants tenants: []', () => new OpenClawTenants(chart(), 'T', { tenants: [] }), 'tenants', '[]', 'Give at least one namespace'),
  row('OpenClawTenants a tenant twice', () => new OpenClawTenants(chart(), 'T', { tenants: ['a', 'a'] }), 'tenants', '["a","a"]', 'listed twice'),
  row('OpenClawTenants a bad tenant namespace', () => new OpenClawTenants(chart(), 'T', { tenants: ['Team_A'] }), 'tenants[0]', 'Team_A',
    'DNS-1123 label'),
  row('OpenClawTenants podSecurity without createNamespaces', () => new OpenClawTenants(chart(), 'T', { tenants: ['a'], podSecurity: PodSecurityLevel.BASELINE }),
    'podSecurity', 'baseline', 'only createNamespaces: true emits'),
  row('OpenClawTenants namespaceLabels {}', () => new OpenClawTenants(chart(), 'T', { tenants: ['a'], namespaceLabels: {} }), 'namespaceLabels', '{}',
    'Give at least one label'),
  row('OpenClawTenants podSecurity a string', () => new OpenClawTenants(chart(), 'T', js({ tenants: ['a'], createNamespaces: true, podSecurity: 'strict' })),
    'podSecurity', '"strict"', 'Use one of PodSecurityLevel.RESTRICTED'),
  row('OpenClawTenants createNamespaces "yes"', () => new OpenClawTenants(chart(), 'T', js({ tenants: ['a'], createNamespaces: 'yes' })),
    'createNamespaces', '"yes"', 'Give true or false.'),
  row('OpenClawTenants createNamespaces for kube-system', () => new OpenClawTenants(chart(), 'T', { tenants: ['a', 'kube-system'], createNamespaces: true }),
    'tenants', '"kube-system"', 'would relabel the cluster\'s own namespace'),
  row('OpenClawTenants createNamespaces for default', () => new OpenClawTenants(chart(), 'T', { tenants: ['default'], createNamespaces: true }),
    'tenants', '"default"', 'give tenant namespaces other than default, kube-node-lease'),
  row('OpenClawTenants cilium.namespaceSelector (JavaScript)', () => new OpenClawTenants(chart(), 'T', { tenants: ['a'], cilium: js({ namespaceSelector: {} }) }),
    'cilium.namespaceSelector', '{}', 'cilium takes only services, fqdns, dnsQueryFilter, clusterDomain'),
];

const ingressRows: BadInput[] = [
  row('allowIngress: false with gatewaySources', () => isolation({ allowIngress: false, gatewaySources: LLM }), 'gatewaySources', 'llm',
    'allowIngress: false lets nothing in'),
  row('allowIngress: false with ingressNamespaces', () => isolation({ allowIngress: false, ingressNamespaces: ['ingress-nginx'] }),
    'ingressNamespaces', 'ingress-nginx', 'allowIngress: false lets nothing in'),
  row('allowIngress: false with additionalIngressPorts', () => isolation({ allowIngress: false, additionalIngressPorts: [Port.tcp(9464)] }),
    'additionalIngressPorts', 'TCP/9464', 'allowIngress: false lets nothing in'),
  row('allowIngress: false, then allowIngressFrom', () => new OpenClawNetworkIsolation(chart(), 'I', { allowIngress: false })
    .allowIngressFrom([Peer.namespaces(['traefik'])], [Port.tcp(18789)]), 'allowIngress', 'false', 'would contradict it'),
  row('additionalIngressPorts covering MS Teams\' webhook port', () => isolation({
    channels: [MessagingChannel.MS_TEAMS], additionalIngressPorts: [Port.tcp(9464), Port.tcpRange(3000, 4000)],
  }), 'additionalIngressPorts[1]', 'TCP/3000-4000', 'It covers TCP/3978, the webhook port of channel ms-teams'),
  row('gatewayPort on MS Teams\' webhook port', () => isolation({ channels: [MessagingChannel.MS_TEAMS], gatewayPort: 3978 }),
    'gatewayPort', '3978', 'gatewaySources (pods in namespaces ingress-nginx, monitoring) would reach it too'),
  row('additionalIngressPorts: all TCP, with Nextcloud Talk', () => isolation({
    channels: [MessagingChannel.nextcloudTalk('cloud.example.com')], additionalIngressPorts: [Port.allTcp()],
  }), 'additionalIngressPorts[0]', 'TCP/all', 'the webhook port of channel nextcloud-talk'),
  row('allowIngress: false with MS Teams (its webhook port)', () => isolation({ allowIngress: false, channels: [MessagingChannel.MS_TEAMS] }),
    'channels', '["ms-teams"]', 'receive webhooks on a port of their own'),
  row('ingressNamespaces with gatewaySources', () => isolation({ ingressNamespaces: ['traefik'], gatewaySources: LLM }), 'gatewaySources',
    'pods in namespaces llm', 'give either it or gatewaySources/webhookSources'),
  row('ingressNamespaces with webhookSources', () => isolation({
    ingressNamespaces: ['traefik'],
    webhookSources: LLM,
    channels: [MessagingChannel.MS_TEAMS],
  }), 'webhookSources', 'pods in namespaces llm', 'give either it or gatewaySources/webhookSources'),
  row('webhookSources without a channel that has a webhook port', () => isolation({ webhookSources: LLM, channels: [MessagingChannel.TELEGRAM] }),
    'webhookSources', 'pods in namespaces llm', 'none of the channels has one'),
  row('gatewaySources: [] (use allowIngress: false)', () => isolation({ gatewaySources: [] }), 'gatewaySources', '[]', 'set allowIngress: false'),
  row('webhookSources: [] with MS Teams', () => isolation({ webhookSources: [], channels: [MessagingChannel.MS_TEAMS] }), 'webhookSources', '[]',
    'Give at least one source'),
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
  ...kplusRows,
  ...ciliumOnceRows,
  ...ingressRows,
  ...presetRows,
  ...tenantRows,
];

describe('bad input throws an Error that names the prop, shows the value and says what is allowed', () => {
  test('every row has a unique description', () => {
    const descriptions = [...BAD_INPUTS, ...typeRows].map(r => r.description);
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

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => entry.isDirectory()
    ? (entry.name === 'imports' ? [] : sourceFiles(path.join(dir, entry.name)))
    : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []);
}
