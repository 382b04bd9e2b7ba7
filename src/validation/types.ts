/**
 * Run-time type checks, for callers without a type checker. TypeScript's types
 * vanish at run time and jsii checks only Python and Go callers, so a
 * JavaScript caller could otherwise pass `egressPorts: [443]` (a number, not
 * `Port.tcp(443)`) and get a policy for every port. Each construct and public
 * method runs these checks on its arguments first, before it builds anything.
 *
 * Each check throws the library's one error style (`invalid`): the prop and
 * index, the bad value, and what to use instead, with the factory and the
 * value when they can be read from the mistake:
 * `Invalid egressPorts[0]: 443. Use Port.tcp(443).`
 *
 * Only types are checked here. The value rules (port ranges, DNS names,
 * label syntax, label maps) are in `rules.ts` and in the value objects'
 * factories.
 *
 * @module
 */
import { invalid, isPlainObject } from './rules';

/** Checks the type of one value; throws `invalid(prop, value, ...)` when it is wrong. */
export type TypeCheck = (prop: string, value: unknown) => void;

/** A class whose instances a check accepts (value objects have private constructors, so not a `new`-able type). */
export type ValueClass = Function & { readonly prototype: object };

/** The checks of an object's fields, by field name. Fields left `undefined` are skipped unless required. */
export interface FieldChecks {
  readonly [field: string]: TypeCheck;
}

/** A string. */
export const isString: TypeCheck = (prop, value) => {
  if (typeof value !== 'string') throw invalid(prop, value, 'Give a string of text.');
};

/** A boolean: `true` or `false`, not `"false"`, `0` or `null`. */
export const isBoolean: TypeCheck = (prop, value) => {
  if (typeof value !== 'boolean') throw invalid(prop, value, 'Give true or false.');
};

/**
 * The value objects that their own class made (through a factory or a
 * static). `instanceof` alone also accepts `Object.create(Port.prototype)`, an
 * object with none of the fields a policy is rendered from, which would emit
 * `ports: [{}]`: every port. A WeakSet keeps nothing alive.
 */
const MADE_BY_THEIR_CLASS = new WeakSet<object>();

/** Records that `value` was made by its own class; every value class's constructor calls it. */
export function madeByItsClass(value: object): void {
  MADE_BY_THEIR_CLASS.add(value);
}

/** An instance of `type` (or of a subclass) that the class itself made. */
export function instanceOf(type: ValueClass): TypeCheck {
  return (prop, value) => {
    if (!(value instanceof type) || !MADE_BY_THEIR_CLASS.has(value)) throw invalid(prop, value, useInstead(type, value));
  };
}

/**
 * An object that has the method `method`, such as a cdk8s-plus selector
 * (an interface: no class to check against). `what` says what to give.
 */
export function withMethod(method: string, what: string): TypeCheck {
  return (prop, value) => {
    const record = value as { readonly [key: string]: unknown } | null | undefined;
    if (record === null || typeof record !== 'object' || typeof record[method] !== 'function') throw invalid(prop, value, `Give ${what}.`);
  };
}

/** An array whose every element passes `element`; elements are named `prop[i]`. */
export function arrayOf(element: TypeCheck): TypeCheck {
  return (prop, value) => {
    if (!Array.isArray(value)) throw invalid(prop, value, 'Give an array (in square brackets), even for a single entry.');
    for (let i = 0; i < value.length; i++) element(`${prop}[${i}]`, value[i]);
  };
}

/** One of the values of an enum, such as `DnsQueryFilter.ALLOW_LISTED_NAMES`. */
export function oneOf(enumObject: { readonly [key: string]: string }, enumName: string): TypeCheck {
  return (prop, value) => {
    if (Object.values(enumObject).includes(value as string)) return;
    const keys = Object.keys(enumObject);
    const guess = keys.find(key => sameName(key, value));
    throw invalid(prop, value, guess !== undefined
      ? `Use ${enumName}.${guess}.`
      : `Use one of ${keys.map(key => `${enumName}.${key}`).join(', ')}.`);
  };
}

/**
 * An object of named fields (a struct, such as a `PolicyRule`); field `f` is
 * named `prop.f` in errors.
 */
export function struct(fields: FieldChecks, required: string[] = []): TypeCheck {
  return (prop, value) => checkObject(prop, value, fields, required, field => `${prop}.${field}`);
}

/**
 * A struct whose fields are all listed in `fields`: any other key is
 * refused, naming the key and the allowed ones. For options where a
 * JavaScript caller's stray key (a field of a neighbouring struct) would
 * otherwise be dropped silently and change what the policy means.
 */
export function closedStruct(fields: FieldChecks): TypeCheck {
  const check = struct(fields);
  return (prop, value) => {
    check(prop, value);
    const unknown = Object.keys(value as object).find(key => !(key in fields));
    if (unknown !== undefined) {
      throw invalid(`${prop}.${unknown}`, (value as { readonly [key: string]: unknown })[unknown],
        `${prop} takes only ${Object.keys(fields).join(', ')}.`);
    }
  };
}

/**
 * The props (or options) object of a construct or method: an object, or
 * `undefined` when no field is required. Field `f` is named `f` in errors,
 * as in the props' docs.
 */
export function checkProps(name: string, props: unknown, fields: FieldChecks, required: string[] = []): void {
  if (props === undefined && required.length === 0) return;
  checkObject(name, props, fields, required, field => field);
}

/** Runs one check on a method or factory argument. */
export function checkArgument(prop: string, value: unknown, check: TypeCheck): void {
  check(prop, value);
}

function checkObject(prop: string, value: unknown, fields: FieldChecks, required: string[], nameOf: (field: string) => string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const needs = required.length ? `, with ${required.join(' and ')}` : '';
    throw invalid(prop, value, `Give an object of named fields${needs}, such as { ${Object.keys(fields)[0]}: ... }.`);
  }
  const record = value as { readonly [field: string]: unknown };
  for (const field of required) {
    if (record[field] === undefined) throw invalid(nameOf(field), undefined, `${nameOf(field)} is required.`);
  }
  for (const field of Object.keys(fields)) {
    if (record[field] !== undefined) fields[field](nameOf(field), record[field]);
  }
}

// ---------------------------------------------------------------------------
// What to use instead of a value of the wrong type

/** How to make an instance of each value class, for the messages: its factories, and a guess from a mistaken value. */
export interface MakingOf {
  /** The factories (and other ways to get an instance), as a caller writes them. */
  readonly factories: string[];
  /** The factory call that makes what `value` (a plain number, string or object) was meant to be, if it can be read. */
  readonly guess?: (value: unknown) => string | undefined;
}

/**
 * By class name: this module imports no value class, so that every value
 * class can use its checks without an import cycle.
 */
export const MAKING_OF: { readonly [className: string]: MakingOf } = {
  Port: {
    factories: ['Port.tcp(port)', 'Port.udp(port)', 'Port.sctp(port)', 'Port.tcpRange(startPort, endPort)',
      'Port.udpRange(startPort, endPort)', 'Port.allTcp()', 'Port.allUdp()'],
    guess: guessPort,
  },
  Peer: {
    factories: ['Peer.namespaces(namespaces)', 'Peer.pods(labels)', 'Peer.podsInNamespaces(namespaces, labels)', 'Peer.ipBlock(cidr)',
      'Peer.publicInternet() (an array of peers)', 'Peer.fromKplus(peer)'],
    guess: value => (typeof value === 'string' && value.includes('/') ? `Peer.ipBlock(${quote(value)})`
      : isLabelMapLike(value) ? `Peer.pods(${JSON.stringify(value)})` : undefined),
  },
  Fqdn: {
    factories: ['Fqdn.exact(name)', 'Fqdn.pattern(pattern)'],
    guess: guessFqdn,
  },
  Cidr: {
    factories: ['Cidr.parse(text)'],
    guess: value => (typeof value === 'string' ? `Cidr.parse(${quote(value)})` : undefined),
  },
  DnsTarget: {
    factories: ['DnsTarget.kubeDns()', 'DnsTarget.openShiftDns()', 'DnsTarget.nodeLocalDns(address)', 'DnsTarget.nodeLocalDnsClusterIp(clusterIp)',
      'DnsTarget.gkeCloudDns()', 'DnsTarget.pods(namespace, labels)'],
    guess: value => (isAddressLike(value) ? `DnsTarget.nodeLocalDns(${quote(value)})` : undefined),
  },
  CiliumVersion: {
    factories: ['CiliumVersion.of(version)'],
    guess: value => (typeof value === 'string' || typeof value === 'number' ? `CiliumVersion.of(${quote(String(value))})` : undefined),
  },
  EndpointSet: {
    factories: ['EndpointSet.of(name, fqdns, ports)', 'EndpointSet.inClusterPods(name, namespace, podLabels, ports)',
      'a catalog entry (AiProvider, MessagingChannel, OpenClawService)'],
  },
  AiProvider: {
    factories: ['AiProvider.azureOpenAi(resourceName)', 'AiProvider.bedrock(region)', 'AiProvider.ollama(namespace)',
      'AiProvider.vllm(namespace)', 'AiProvider.inCluster(name, namespace, labels, port)'],
  },
  MessagingChannel: {
    factories: ['MessagingChannel.matrix(host)', 'MessagingChannel.mattermost(host)', 'MessagingChannel.nextcloudTalk(host)',
      'MessagingChannel.signal(host)', 'MessagingChannel.blueBubbles(host)', 'MessagingChannel.synologyChat(host)', 'MessagingChannel.irc(host)'],
  },
  OpenClawService: { factories: [] },
  FlowEndpoint: {
    factories: ['FlowEndpoint.pod(namespace, labels)', 'FlowEndpoint.external(ip, dnsName)', 'FlowEndpoint.clusterDns()'],
    guess: value => (isAddressLike(value) ? `FlowEndpoint.external(${quote(value)})` : undefined),
  },
  PolicyAnalyzer: {
    factories: ['PolicyAnalyzer.fromChart(chart)', 'PolicyAnalyzer.fromApp(app)', 'PolicyAnalyzer.fromManifests(manifests)',
      'PolicyAnalyzer.fromYaml(text)'],
  },
};

/**
 * "Use X." for a value that is not an instance of `type`: the factory call
 * for an uncalled factory, spreading for a nested array (such as
 * `[Peer.publicInternet()]`), a factory call read from the value
 * (`Port.tcp(443)`), a static or factory with the name the caller wrote
 * (`"telegram"`: `MessagingChannel.TELEGRAM`), or else every way to make one.
 */
function useInstead(type: ValueClass, value: unknown): string {
  const className = type.name;
  const making = MAKING_OF[className] ?? { factories: [] };
  const statics = Object.keys(type).filter(key => (type as unknown as { [key: string]: unknown })[key] instanceof type);
  const factoryNamed = (name: unknown) => making.factories.find(f => sameName(f.slice(className.length + 1).split('(')[0], name));
  if (typeof value === 'function' && factoryNamed(value.name) !== undefined) {
    return `Call the factory: ${factoryNamed(value.name)}.`;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(item => item instanceof type)) {
    return `This is an array of ${className} inside the array: spread it into the outer one with "...".`;
  }
  const guessed = making.guess?.(value);
  if (guessed !== undefined) return `Use ${guessed}.`;
  const staticKey = statics.find(key => sameName(key, value)
    || sameName(((type as unknown as { [key: string]: { name?: unknown } })[key]).name, value));
  if (staticKey !== undefined) {
    const orFactory = making.factories.length ? ` or ${article(className)} ${className} factory` : '';
    return `Use ${className}.${staticKey}${orFactory}.`;
  }
  const factory = factoryNamed(value);
  if (factory !== undefined) return `Use ${factory}.`;
  const ways = [...statics.map(key => `${className}.${key}`), ...making.factories];
  return `Use ${article(className)} ${className}: ${ways.join(', ')}.`;
}

function guessPort(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return `Port.tcp(${value})`;
  if (typeof value === 'string') {
    const match = /^(?:(tcp|udp|sctp)\/)?(\d{1,5})$/i.exec(value.trim());
    return match ? `Port.${(match[1] ?? 'tcp').toLowerCase()}(${Number(match[2])})` : undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const port = value.port ?? value.portNumber;
  if (typeof port !== 'number' || !Number.isInteger(port)) return undefined;
  const protocol = typeof value.protocol === 'string' && /^(tcp|udp|sctp)$/i.test(value.protocol) ? value.protocol.toLowerCase() : 'tcp';
  const endPort = value.endPort;
  if (typeof endPort === 'number' && Number.isInteger(endPort) && protocol !== 'sctp') return `Port.${protocol}Range(${port}, ${endPort})`;
  return `Port.${protocol}(${port})`;
}

function guessFqdn(value: unknown): string | undefined {
  if (typeof value === 'string') return value.includes('*') ? `Fqdn.pattern(${quote(value)})` : `Fqdn.exact(${quote(value)})`;
  if (!isPlainObject(value)) return undefined;
  if (typeof value.matchName === 'string') return `Fqdn.exact(${quote(value.matchName)})`;
  if (typeof value.matchPattern === 'string') return `Fqdn.pattern(${quote(value.matchPattern)})`;
  return undefined;
}

/** An IPv4 or IPv6 address as text (roughly: the value rules check it properly). */
function isAddressLike(value: unknown): value is string {
  return typeof value === 'string' && /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/.test(value);
}

function isLabelMapLike(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.values(value).every(v => typeof v === 'string');
}

/** True when two names are the same, ignoring case and punctuation: `"ms-teams"` and `MS_TEAMS`, `"kube-dns"` and `kubeDns`. */
function sameName(name: unknown, other: unknown): boolean {
  const plain = (text: unknown) => (typeof text === 'string' ? text.toLowerCase().replace(/[^a-z0-9]/g, '') : undefined);
  return plain(name) !== undefined && plain(name) !== '' && plain(name) === plain(other);
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}
