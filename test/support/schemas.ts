/**
 * Test-only checkers for synthesized Kubernetes objects, independent of the
 * code under test:
 *
 * - `validateManifest` validates an object against the pinned public schemas
 *   in the repository: the Kubernetes NetworkPolicy JSON schemas in
 *   `test/fixtures/schemas/` and the Cilium v1.17.5 CRDs in `imports/` (the
 *   same files `cdk8s import` reads), each with provenance and checksums;
 * - `apiServerRuleErrors` checks the rules the Kubernetes API server (for
 *   NetworkPolicy) and the Cilium agent (for Cilium policies) enforce beyond
 *   those schemas.
 *
 * Both return human-readable errors; an empty list means valid.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

/** The pinned Kubernetes NetworkPolicy JSON schemas (see the README beside them). */
export const K8S_SCHEMA_DIR = path.resolve(__dirname, '../fixtures/schemas');
/** The pinned Cilium CRDs, the input of `npx projen import-crds` (see `imports/README.md`). */
export const CRD_DIR = path.resolve(__dirname, '../../imports');

const NETWORK_POLICY = 'networking.k8s.io/v1/NetworkPolicy';
const CILIUM_NETWORK_POLICY = 'cilium.io/v2/CiliumNetworkPolicy';
const CILIUM_CLUSTERWIDE_NETWORK_POLICY = 'cilium.io/v2/CiliumClusterwideNetworkPolicy';

interface SchemaSource {
  /** Short name shown in error messages. */
  readonly label: string;
  /** The file's path. */
  readonly file: string;
  /** `json`: a JSON Schema file; `crd`: the openAPIV3Schema of a CustomResourceDefinition's `v2` version. */
  readonly format: 'json' | 'crd';
}

const SCHEMAS: { [kind: string]: SchemaSource[] } = {
  [NETWORK_POLICY]: [
    { label: 'k8s-v1.28', file: path.join(K8S_SCHEMA_DIR, 'k8s-v1.28-standalone-strict-networkpolicy-networking-v1.json'), format: 'json' },
    { label: 'k8s-v1.34-v1.35', file: path.join(K8S_SCHEMA_DIR, 'k8s-v1.34-to-v1.35-standalone-strict-networkpolicy-networking-v1.json'), format: 'json' },
  ],
  // The JSON schemas of the Cilium kinds are derived from the pinned CRDs' openAPIV3Schema.
  [CILIUM_NETWORK_POLICY]: [
    { label: 'cilium-v1.17.5-crd', file: path.join(CRD_DIR, 'cilium-v1.17.5-ciliumnetworkpolicies.yaml'), format: 'crd' },
  ],
  [CILIUM_CLUSTERWIDE_NETWORK_POLICY]: [
    { label: 'cilium-v1.17.5-crd', file: path.join(CRD_DIR, 'cilium-v1.17.5-ciliumclusterwidenetworkpolicies.yaml'), format: 'crd' },
  ],
};

// ---------------------------------------------------------------------------
// JSON schema validation
// ---------------------------------------------------------------------------

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
// kube-openapi's "cidr" format is Go's net.ParseCIDR, which accepts host bits.
ajv.addFormat('cidr', { type: 'string', validate: (s: string) => parseCidr(s) !== undefined });
const knownFormats = new Set(['int32', 'int64', 'cidr']);
const compiled = new Map<string, ValidateFunction>();

function compile(source: SchemaSource): ValidateFunction {
  const cached = compiled.get(source.file);
  if (cached) return cached;
  const text = fs.readFileSync(source.file, 'utf8');
  const schema = source.format === 'json' ? JSON.parse(text) : crdSchema(source.file, text);
  // kubeconform-style files declare "$schema": "http://json-schema.org/schema#", which Ajv does not know.
  delete schema.$schema;
  // Formats such as date-time, idn-hostname or int-or-string only matter for fields we never emit: accept them.
  for (const format of collectFormats(schema)) {
    if (!knownFormats.has(format)) {
      ajv.addFormat(format, true);
      knownFormats.add(format);
    }
  }
  const validate = ajv.compile(schema);
  compiled.set(source.file, validate);
  return validate;
}

/**
 * The `v2` openAPIV3Schema of a CRD, with API-server pruning made visible: the
 * API server silently drops fields a structural schema does not declare, so an
 * object schema with `properties` and no `additionalProperties` (and no
 * `x-kubernetes-preserve-unknown-fields`) gets `additionalProperties: false`.
 */
function crdSchema(file: string, text: string): any {
  const crd = YAML.parseAllDocuments(text).map(doc => doc.toJS()).find(doc => doc?.kind === 'CustomResourceDefinition');
  const version = crd?.spec?.versions?.find((v: any) => v.name === 'v2');
  const schema = version?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`${file}: no v2 openAPIV3Schema found`);
  const visit = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      if (node.type === 'object' && node.properties && node.additionalProperties === undefined
        && !node['x-kubernetes-preserve-unknown-fields']) {
        node.additionalProperties = false;
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(schema);
  return schema;
}

function collectFormats(node: any, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    node.forEach(item => collectFormats(item, out));
  } else if (node && typeof node === 'object') {
    if (typeof node.format === 'string') out.add(node.format);
    Object.values(node).forEach(value => collectFormats(value, out));
  }
  return out;
}

function describeAjvError(label: string, error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  let detail = '';
  if (error.keyword === 'additionalProperties') {
    detail = ` (unknown field "${error.params.additionalProperty}"${label.endsWith('-crd') ? ', the API server would prune it' : ''})`;
  } else if (error.keyword === 'enum') {
    detail = ` ${JSON.stringify(error.params.allowedValues)}`;
  }
  return `${label}: ${where} ${error.message}${detail}`;
}

function kindKey(obj: any): string {
  return `${obj?.apiVersion}/${obj?.kind}`;
}

/**
 * Validates one synthesized Kubernetes object against the reference JSON
 * schemas for its kind (two per kind). Returns the errors; empty means valid.
 */
export function validateManifest(obj: any): string[] {
  const sources = SCHEMAS[kindKey(obj)];
  if (!sources) {
    return [`no schema for apiVersion "${obj?.apiVersion}" kind "${obj?.kind}"; known: ${Object.keys(SCHEMAS).join(', ')}`];
  }
  const errors: string[] = [];
  for (const source of sources) {
    const validate = compile(source);
    if (!validate(obj)) errors.push(...(validate.errors ?? []).map(e => describeAjvError(source.label, e)));
  }
  return errors;
}

// ---------------------------------------------------------------------------
// API-server and Cilium rules beyond the schemas
// ---------------------------------------------------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const K8S_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
/** Cilium egress peers that may not share a rule with toFQDNs. */
const FQDN_EXCLUSIVE_PEERS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes'];

type Report = (where: string, message: string) => void;

/**
 * Checks the rules beyond the JSON schema: for NetworkPolicy the API server's
 * `pkg/apis/networking/validation`, for CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy the Cilium agent's rule sanitizing and the
 * DNS-proxy requirement of toFQDNs. Returns the errors; empty means valid.
 */
export function apiServerRuleErrors(obj: any): string[] {
  const errors: string[] = [];
  const report: Report = (where, message) => errors.push(`${where}: ${message}`);
  switch (kindKey(obj)) {
    case NETWORK_POLICY:
      checkMetadata(obj.metadata, true, report);
      checkNetworkPolicySpec(obj.spec, report);
      break;
    case CILIUM_NETWORK_POLICY:
      checkMetadata(obj.metadata, true, report);
      checkCiliumPolicy(obj, false, report);
      break;
    case CILIUM_CLUSTERWIDE_NETWORK_POLICY:
      checkMetadata(obj.metadata, false, report);
      checkCiliumPolicy(obj, true, report);
      break;
    default:
      report('(root)', `unknown apiVersion "${obj?.apiVersion}" kind "${obj?.kind}"`);
  }
  return errors;
}

function checkMetadata(metadata: any, namespaced: boolean, report: Report): void {
  if (!metadata || typeof metadata !== 'object') {
    report('metadata', 'is required');
    return;
  }
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    report('metadata.name', 'is required');
  } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    report('metadata.name', `"${name}" is not a DNS-1123 subdomain (at most 253 lowercase alphanumerics, "-" and ".")`);
  }
  if (metadata.namespace !== undefined) {
    if (!namespaced) {
      report('metadata.namespace', 'a cluster-scoped object has no namespace');
    } else if (!isDns1123Label(metadata.namespace)) {
      report('metadata.namespace', `${JSON.stringify(metadata.namespace)} is not a DNS-1123 label (at most 63 lowercase alphanumerics and "-")`);
    }
  }
  checkLabelMap('metadata.labels', metadata.labels, false, report);
}

function isDns1123Label(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** A label key: an optional DNS-subdomain prefix (at most 253) and "/", then a name of at most 63 characters. */
function labelKeyError(key: unknown): string | undefined {
  if (typeof key !== 'string' || key === '') return 'a label key must be a non-empty string';
  const parts = key.split('/');
  if (parts.length > 2) return `label key "${key}" has more than one "/"`;
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '' || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return `label key "${key}": the prefix must be a DNS-1123 subdomain of at most 253 characters`;
    }
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return `label key "${key}": the name must be 1-63 characters of [A-Za-z0-9_.-], starting and ending alphanumeric`;
  }
  return undefined;
}

function labelValueError(value: unknown): string | undefined {
  if (typeof value !== 'string') return `label value ${JSON.stringify(value)} must be a string`;
  if (value === '') return undefined;
  if (value.length > 63 || !QUALIFIED_NAME_PART.test(value)) {
    return `label value "${value}" must be at most 63 characters of [A-Za-z0-9_.-], starting and ending alphanumeric`;
  }
  return undefined;
}

/** Cilium label keys may carry a source prefix such as `k8s:` or `any:`. */
function ciliumLabelKeyError(key: unknown): string | undefined {
  if (typeof key !== 'string') return labelKeyError(key);
  const match = /^([A-Za-z0-9_-]+):(.*)$/.exec(key);
  return labelKeyError(match ? match[2] : key);
}

function checkLabelMap(where: string, labels: any, cilium: boolean, report: Report): void {
  if (labels === undefined || labels === null) return;
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    report(where, 'must be a map of label keys to values');
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    const keyError = cilium ? ciliumLabelKeyError(key) : labelKeyError(key);
    if (keyError) report(where, keyError);
    const valueError = labelValueError(value);
    if (valueError) report(`${where}["${key}"]`, valueError);
  }
}

function checkSelector(where: string, selector: any, cilium: boolean, report: Report): void {
  if (selector === undefined || selector === null) return;
  if (typeof selector !== 'object' || Array.isArray(selector)) {
    report(where, 'must be a label selector object');
    return;
  }
  checkLabelMap(`${where}.matchLabels`, selector.matchLabels, cilium, report);
  const expressions = selector.matchExpressions;
  if (expressions === undefined || expressions === null) return;
  if (!Array.isArray(expressions)) {
    report(`${where}.matchExpressions`, 'must be a list');
    return;
  }
  expressions.forEach((expression: any, i: number) => {
    const at = `${where}.matchExpressions[${i}]`;
    const keyError = cilium ? ciliumLabelKeyError(expression?.key) : labelKeyError(expression?.key);
    if (keyError) report(`${at}.key`, keyError);
    const operator = expression?.operator;
    const values = expression?.values;
    if (!SELECTOR_OPERATORS.includes(operator)) {
      report(`${at}.operator`, `"${operator}" is not one of ${SELECTOR_OPERATORS.join(', ')}`);
    } else if (operator === 'In' || operator === 'NotIn') {
      if (!Array.isArray(values) || values.length === 0) report(`${at}.values`, `operator ${operator} needs at least one value`);
    } else if (values !== undefined && values !== null && (!Array.isArray(values) || values.length > 0)) {
      report(`${at}.values`, `operator ${operator} takes no values`);
    }
    if (Array.isArray(values)) {
      values.forEach((value: unknown, j: number) => {
        const valueError = labelValueError(value);
        if (valueError) report(`${at}.values[${j}]`, valueError);
      });
    }
  });
}

// --- NetworkPolicy ----------------------------------------------------------

function checkNetworkPolicySpec(spec: any, report: Report): void {
  if (!spec || typeof spec !== 'object') {
    report('spec', 'is required');
    return;
  }
  checkSelector('spec.podSelector', spec.podSelector, false, report);
  const directions: [string, string][] = [['ingress', 'from'], ['egress', 'to']];
  for (const [direction, side] of directions) {
    const rules = spec[direction];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) {
      report(`spec.${direction}`, 'must be a list');
      continue;
    }
    rules.forEach((rule: any, i: number) => {
      const at = `spec.${direction}[${i}]`;
      asList(rule?.ports).forEach((port: any, j: number) => checkNetworkPolicyPort(`${at}.ports[${j}]`, port, report));
      asList(rule?.[side]).forEach((peer: any, j: number) => checkNetworkPolicyPeer(`${at}.${side}[${j}]`, peer, report));
    });
  }
  const types = spec.policyTypes;
  if (types !== undefined && types !== null) {
    if (!Array.isArray(types)) {
      report('spec.policyTypes', 'must be a list');
    } else {
      if (types.length > 2) report('spec.policyTypes', `has ${types.length} entries; at most 2 (Ingress, Egress) are allowed`);
      types.forEach((type: unknown, i: number) => {
        if (!POLICY_TYPES.includes(type as string)) report(`spec.policyTypes[${i}]`, `${JSON.stringify(type)} is not Ingress or Egress`);
        if (types.indexOf(type) !== i) report(`spec.policyTypes[${i}]`, `duplicate ${JSON.stringify(type)}`);
      });
    }
  }
}

function asList(value: any): any[] {
  return Array.isArray(value) ? value : [];
}

function checkNetworkPolicyPort(where: string, port: any, report: Report): void {
  if (!port || typeof port !== 'object') {
    report(where, 'must be an object');
    return;
  }
  if (port.protocol !== undefined && !K8S_PROTOCOLS.includes(port.protocol)) {
    report(`${where}.protocol`, `${JSON.stringify(port.protocol)} is not one of ${K8S_PROTOCOLS.join(', ')}`);
  }
  const value = port.port;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 65535) report(`${where}.port`, `${value} is not a port number 1-65535`);
  } else if (typeof value === 'string') {
    const nameError = ianaServiceNameError(value);
    if (nameError) report(`${where}.port`, nameError);
  } else if (value !== undefined && value !== null) {
    report(`${where}.port`, `${JSON.stringify(value)} must be a number or a named port`);
  }
  const endPort = port.endPort;
  if (endPort !== undefined && endPort !== null) {
    if (typeof value !== 'number') {
      report(`${where}.endPort`, 'is allowed only with a numeric port');
    } else if (!Number.isInteger(endPort) || endPort < value || endPort > 65535) {
      report(`${where}.endPort`, `${JSON.stringify(endPort)} must be an integer from port (${value}) to 65535`);
    }
  }
}

/** An IANA service name: 1-15 characters of [a-z0-9-], at least one letter, no leading, trailing or doubled "-". */
function ianaServiceNameError(name: string): string | undefined {
  const problems: string[] = [];
  if (name.length === 0 || name.length > 15) problems.push('1-15 characters');
  if (!/^[a-z0-9-]*$/.test(name)) problems.push('only [a-z0-9-]');
  if (!/[a-z]/.test(name)) problems.push('at least one letter');
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) problems.push('no leading, trailing or doubled "-"');
  return problems.length ? `named port "${name}" is not an IANA service name (needs ${problems.join(', ')})` : undefined;
}

function checkNetworkPolicyPeer(where: string, peer: any, report: Report): void {
  if (!peer || typeof peer !== 'object') {
    report(where, 'must be an object');
    return;
  }
  const hasPods = peer.podSelector !== undefined && peer.podSelector !== null;
  const hasNamespaces = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
  const hasIpBlock = peer.ipBlock !== undefined && peer.ipBlock !== null;
  if (!hasPods && !hasNamespaces && !hasIpBlock) report(where, 'must set one of podSelector, namespaceSelector or ipBlock');
  if (hasIpBlock && (hasPods || hasNamespaces)) report(where, 'ipBlock cannot be combined with podSelector or namespaceSelector');
  checkSelector(`${where}.podSelector`, peer.podSelector, false, report);
  checkSelector(`${where}.namespaceSelector`, peer.namespaceSelector, false, report);
  if (hasIpBlock) checkIpBlock(`${where}.ipBlock`, peer.ipBlock, report);
}

function checkIpBlock(where: string, block: any, report: Report): void {
  const network = checkCanonicalCidr(`${where}.cidr`, block?.cidr, report);
  asList(block?.except).forEach((text: unknown, i: number) => {
    const at = `${where}.except[${i}]`;
    const inner = checkCanonicalCidr(at, text, report);
    if (!network || !inner) return;
    if (inner.family !== network.family) {
      report(at, `"${text}" is ${inner.family} but cidr "${block.cidr}" is ${network.family}`);
    } else if (!cidrContains(network, inner) || inner.prefixLength <= network.prefixLength) {
      report(at, `"${text}" is not a strict subset of cidr "${block.cidr}" (inside it, with a longer prefix)`);
    }
  });
}

function checkCanonicalCidr(where: string, text: unknown, report: Report): ParsedCidr | undefined {
  if (typeof text !== 'string') {
    report(where, `${JSON.stringify(text)} must be a CIDR string`);
    return undefined;
  }
  const cidr = parseCidr(text);
  if (!cidr) {
    report(where, `"${text}" is not a valid IPv4 or IPv6 CIDR`);
    return undefined;
  }
  if (cidr.hostBitsSet) {
    report(where, `"${text}" has host bits set; the network address is "${cidr.canonical}"`);
  } else if (cidr.canonical !== text) {
    report(where, `"${text}" is not in canonical form "${cidr.canonical}"`);
  }
  return cidr;
}

// --- Cilium -------------------------------------------------------------------

function checkCiliumPolicy(obj: any, clusterwide: boolean, report: Report): void {
  const specs: [string, any][] = [];
  if (obj.spec !== undefined) specs.push(['spec', obj.spec]);
  asList(obj.specs).forEach((spec: any, i: number) => specs.push([`specs[${i}]`, spec]));
  if (specs.length === 0) {
    report('(root)', 'needs spec or specs');
    return;
  }
  for (const [where, spec] of specs) checkCiliumSpec(where, spec, clusterwide, report);
  checkFqdnDnsProxy(specs, report);
}

function checkCiliumSpec(where: string, spec: any, clusterwide: boolean, report: Report): void {
  if (!spec || typeof spec !== 'object') {
    report(where, 'must be an object');
    return;
  }
  const hasEndpoints = spec.endpointSelector !== undefined && spec.endpointSelector !== null;
  const hasNodes = spec.nodeSelector !== undefined && spec.nodeSelector !== null;
  if (hasEndpoints === hasNodes) report(where, 'must set exactly one of endpointSelector or nodeSelector');
  if (hasNodes && !clusterwide) report(`${where}.nodeSelector`, 'is only allowed in a CiliumClusterwideNetworkPolicy');
  checkSelector(`${where}.endpointSelector`, spec.endpointSelector, true, report);
  checkSelector(`${where}.nodeSelector`, spec.nodeSelector, true, report);

  for (const section of ['ingress', 'ingressDeny', 'egressDeny']) {
    asList(spec[section]).forEach((rule: any, i: number) => {
      asList(rule?.toPorts).forEach((portRule: any, j: number) => {
        if (hasDnsRules(portRule)) report(`${where}.${section}[${i}].toPorts[${j}].rules.dns`, 'DNS rules are allowed only in egress rules');
      });
    });
  }

  asList(spec.egress).forEach((rule: any, i: number) => {
    const at = `${where}.egress[${i}]`;
    asList(rule?.toEndpoints).forEach((selector: any, j: number) => checkSelector(`${at}.toEndpoints[${j}]`, selector, true, report));
    const fqdns = asList(rule?.toFQDNs);
    fqdns.forEach((entry: any, j: number) => {
      const count = ['matchName', 'matchPattern'].filter(key => entry?.[key] !== undefined && entry?.[key] !== '').length;
      if (count !== 1) report(`${at}.toFQDNs[${j}]`, 'must set exactly one of matchName or matchPattern');
    });
    if (fqdns.length > 0) {
      const others = FQDN_EXCLUSIVE_PEERS.filter(key => asList(rule[key]).length > 0);
      if (others.length) report(at, `toFQDNs cannot be combined with ${others.join(', ')} in the same egress rule`);
    }
    asList(rule?.toPorts).forEach((portRule: any, j: number) => {
      if (!hasDnsRules(portRule)) return;
      const pat = `${at}.toPorts[${j}]`;
      asList(portRule.rules.dns).forEach((entry: any, k: number) => {
        const count = ['matchName', 'matchPattern'].filter(key => entry?.[key] !== undefined && entry?.[key] !== '').length;
        if (count !== 1) report(`${pat}.rules.dns[${k}]`, 'must set exactly one of matchName or matchPattern');
      });
      const ports = asList(portRule.ports);
      if (ports.length === 0) report(`${pat}.ports`, 'a rule with rules.dns needs explicit port numbers');
      ports.forEach((port: any, k: number) => {
        const number = /^[0-9]+$/.test(String(port?.port)) ? Number(port.port) : NaN;
        if (!(number >= 1 && number <= 65535)) {
          report(`${pat}.ports[${k}].port`, `${JSON.stringify(port?.port)}: DNS rules need a port number 1-65535 (not 0, not a name)`);
        }
        if (port?.endPort !== undefined && port.endPort !== 0) report(`${pat}.ports[${k}].endPort`, 'DNS rules take no port ranges');
      });
    });
  });
}

function hasDnsRules(portRule: any): boolean {
  return Array.isArray(portRule?.rules?.dns);
}

/**
 * The Cilium trap: toFQDNs only matches names Cilium's DNS proxy has seen
 * resolved, so a policy with toFQDNs needs an egress rule on port 53 with a
 * `rules.dns` section, covering UDP and TCP (or ANY).
 */
function checkFqdnDnsProxy(specs: [string, any][], report: Report): void {
  const egressRules = specs.flatMap(([, spec]) => asList(spec?.egress));
  if (!egressRules.some(rule => asList(rule?.toFQDNs).length > 0)) return;
  const dnsProtocols = new Set<string>();
  for (const rule of egressRules) {
    for (const portRule of asList(rule?.toPorts)) {
      if (!hasDnsRules(portRule) || asList(portRule.rules.dns).length === 0) continue;
      // The DNS proxy takes whatever port the rule names: 53, or 5353 on OpenShift (policy sees the port after translation).
      for (const port of asList(portRule.ports)) dnsProtocols.add(port?.protocol ?? 'ANY');
    }
  }
  if (dnsProtocols.size === 0) {
    report('egress', 'toFQDNs is used but no egress rule has toPorts with a DNS port and a rules.dns section,'
      + ' so Cilium\'s DNS proxy never sees the answers and toFQDNs never matches');
  } else if (!dnsProtocols.has('ANY') && !(dnsProtocols.has('UDP') && dnsProtocols.has('TCP'))) {
    report('egress', `the DNS rule covers only ${[...dnsProtocols].join(', ')}; use protocol ANY or both UDP and TCP`);
  }
}

// ---------------------------------------------------------------------------
// A small CIDR parser (independent of the library's Cidr class)
// ---------------------------------------------------------------------------

/** A parsed CIDR. */
export interface ParsedCidr {
  readonly family: 'IPv4' | 'IPv6';
  readonly prefixLength: number;
  /** The address as a string of 32 or 128 '0'/'1' characters. */
  readonly bits: string;
  /** True if bits after the prefix are set (`10.1.2.3/8`). */
  readonly hostBitsSet: boolean;
  /** Canonical text of the network: dotted decimal, or RFC 5952 IPv6. */
  readonly canonical: string;
}

/** Parses IPv4 or IPv6 CIDR text; undefined if it does not parse. Host bits are allowed (see `hostBitsSet`). */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^([^/\s]+)\/(0|[1-9][0-9]{0,2})$/.exec(text);
  if (!match) return undefined;
  const family = match[1].includes(':') ? 'IPv6' : 'IPv4';
  const width = family === 'IPv4' ? 32 : 128;
  const prefixLength = Number(match[2]);
  if (prefixLength > width) return undefined;
  const bits = family === 'IPv4' ? ipv4Bits(match[1]) : ipv6Bits(match[1]);
  if (bits === undefined) return undefined;
  const networkBits = bits.slice(0, prefixLength) + '0'.repeat(width - prefixLength);
  const address = family === 'IPv4' ? formatIpv4(networkBits) : formatIpv6(networkBits);
  return { family, prefixLength, bits, hostBitsSet: networkBits !== bits, canonical: `${address}/${prefixLength}` };
}

/** True if `inner` lies inside `outer` (or is the same network). */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return outer.family === inner.family
    && inner.prefixLength >= outer.prefixLength
    && inner.bits.slice(0, outer.prefixLength) === outer.bits.slice(0, outer.prefixLength);
}

function ipv4Octets(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some(part => !/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255)) return undefined;
  return parts.map(Number);
}

function ipv4Bits(text: string): string | undefined {
  return ipv4Octets(text)?.map(octet => octet.toString(2).padStart(8, '0')).join('');
}

function ipv6Bits(text: string): string | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (half: string, last: boolean): number[] | undefined => {
    if (half === '') return [];
    const pieces = half.split(':');
    const groups: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        const octets = ipv4Octets(piece);
        if (!octets) return undefined;
        groups.push(octets[0] * 256 + octets[1], octets[2] * 256 + octets[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const compressed = halves.length === 2;
  const head = parseGroups(halves[0], !compressed);
  const tail = compressed ? parseGroups(halves[1], true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(compressed ? missing : 0).fill(0), ...tail];
  return groups.map(group => group.toString(2).padStart(16, '0')).join('');
}

function chunks(bits: string, size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += size) out.push(parseInt(bits.slice(i, i + size), 2));
  return out;
}

function formatIpv4(bits: string): string {
  return chunks(bits, 8).join('.');
}

/** RFC 5952: lowercase, no leading zeros, the longest run (two or more) of zero groups compressed, the first on a tie. */
function formatIpv6(bits: string): string {
  const groups = chunks(bits, 16);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map(group => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
