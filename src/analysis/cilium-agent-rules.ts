import { parseGoUint } from './go-uint';
import { icmpTypeCode } from './icmp';
import { Cidr } from '../net/cidr';

/**
 * The checks Cilium's agent runs before it imports a CiliumNetworkPolicy or
 * CiliumClusterwideNetworkPolicy, and the conflict it hits when it merges the
 * policies that select one endpoint. The API server and the CRD schema accept
 * a policy that fails them; the agent then drops the **whole** policy, so it
 * counts as no policy at all.
 *
 * Source read (repository `cilium/cilium`): `pkg/policy/api/rule_validation.go`
 * at commit 005aed241b0c (the last `Rule.Sanitize() error` form in the index,
 * with ToNodes, FromGroups and the DNS port-range check: the v1.16/v1.17 line),
 * `pkg/policy/api/fqdn.go`, `pkg/policy/api/entity.go`, `pkg/policy/api/l4.go`
 * (`ParseL4Proto`), `pkg/k8s/apis/cilium.io/v2/cnp_types.go` (`Parse`) and
 * `pkg/policy/l4.go` (`L7ParserType.Merge`). Two facts measured on v1.17.5 by
 * running its own `Parse()` on this library's output are newer than
 * that commit and follow the later `Rule.Validate` form: error texts start in
 * lower case ("combining ToCIDR and ToEntities is not supported yet"), and a
 * spec without any rule list is rejected.
 *
 * Before the checks, the policy must decode: Go's encoding/json refuses a
 * value of the wrong JSON type (the API server's CRD schema refuses it first),
 * and `pkg/policy/api/icmp.go` `ICMPField.UnmarshalJSON` refuses an ICMP type
 * that is missing or a name the family lacks.
 *
 * Each check is a row: the upstream function it comes from and the agent's
 * error text. Like upstream, the first failing check of a spec is reported
 * (upstream iterates Go maps for the L3 pair, so the order of the two names
 * in that message may differ on a real agent).
 *
 * Not checked (they depend on agent flags or internal fields, or cannot be
 * written as YAML): the L7 proxy being disabled, `enable-icmp-rules` off,
 * `toRequires`/`fromRequires` selectors, Kafka and custom-`l7proto` rule
 * contents, CIDR-group references.
 *
 * @module
 */

/** One reason the agent refuses a policy. */
export interface AgentRejection {
  /** Where in the manifest, e.g. `spec.egress[2]` or `specs[0].egress[1].toPorts[0]`. */
  readonly path: string;
  /** The agent's own error text, e.g. `combining ToCIDR and ToEntities is not supported yet`. */
  readonly message: string;
  /** The upstream source of the rule, e.g. `pkg/policy/api/rule_validation.go (EgressRule.sanitize)`. */
  readonly upstream: string;
  /** What to change, for this kind of rejection, e.g. `Split the rule so that each has one kind of peer selector.` */
  readonly fix: string;
}

/** Where a check runs: the direction of the rule and whether the spec is a host policy (nodeSelector). */
interface Context {
  readonly kind: string;
  readonly ingress: boolean;
  readonly hostPolicy: boolean;
}

/** A check on one node of the manifest: the agent's error, or undefined when the node passes. */
type Check = (node: any, path: string, context: Context) => AgentRejection | undefined;

const RULE_VALIDATION = 'pkg/policy/api/rule_validation.go';
const MAX_PORTS = 40;
const MAX_ICMP_FIELDS = 40;

/** A row of a table: `test` returns the agent's message when the node fails, and `fix` says what to change. */
function row(upstream: string, fix: string, test: (node: any, context: Context) => string | undefined): Check {
  return (node, path, context) => {
    const message = test(node, context);
    return message === undefined ? undefined : { path, message, upstream, fix };
  };
}

/** Runs `checks` on each element of the list `node[field]`. */
function each(field: string, checks: Check[]): Check {
  return (node, path, context) => {
    const elements = list(node?.[field]);
    for (let i = 0; i < elements.length; i++) {
      const found = firstRejection(checks, elements[i], `${path}.${field}[${i}]`, context);
      if (found) return found;
    }
    return undefined;
  };
}

/** Runs `checks` on `node[field]` (checks of a missing node find nothing). */
function nested(field: string, checks: Check[]): Check {
  return (node, path, context) => firstRejection(checks, node?.[field], `${path}.${field}`, context);
}

function firstRejection(checks: Check[], node: any, path: string, context: Context): AgentRejection | undefined {
  for (const check of checks) {
    const found = check(node, path, context);
    if (found) return found;
  }
  return undefined;
}

/** The elements of a list field: a missing, null or wrongly typed field (hand-written input) has none, so no check throws. */
const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);
const count = (value: unknown) => list(value).length;
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** `pkg/iana/svcname.go` IsSvcName: a port name, at most 15 characters, at least one letter. */
export function isServiceName(port: string): boolean {
  return port.length <= 15 && /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/.test(port) && /[a-zA-Z]/.test(port);
}

/**
 * `PortProtocol.sanitize` isZero: a port that is not a service name and that
 * `strconv.ParseUint(port, 0, 16)` reads as 0 (`0`, `00`, `0_0`).
 */
function isZeroPort(port: string): boolean {
  const parsed = parseGoUint(port, 16);
  return !isServiceName(port) && 'value' in parsed && parsed.value === 0;
}

/** `pkg/policy/api/l4.go` ParseL4Proto: empty means ANY; the name is upper-cased. A null protocol is empty (Go decodes null into a string as a no-op). */
function parsedProtocol(entry: any): string {
  const protocol = String(entry?.protocol ?? '');
  return protocol === '' ? 'ANY' : protocol.toUpperCase();
}

/** `PortRule.Rules.IsEmpty()`: true if no L7 list has an entry. */
function hasL7Rules(portRule: any): boolean {
  const rules = portRule?.rules;
  return count(rules?.http) + count(rules?.kafka) + count(rules?.dns) + count(rules?.l7) > 0;
}

/** `countL7Rules`: the L7 kinds with entries in the rule's toPorts. */
function l7Kinds(rule: any): string[] {
  const kinds = new Set<string>();
  for (const portRule of list(rule?.toPorts)) {
    if (!hasL7Rules(portRule)) continue;
    if (count(portRule.rules.dns)) kinds.add('DNS');
    if (count(portRule.rules.http)) kinds.add('HTTP');
    if (count(portRule.rules.kafka)) kinds.add('Kafka');
  }
  return [...kinds];
}

/**
 * `netip.ParsePrefix` (prefix notation only) or `netip.ParseAddr` when
 * `bareAddress` is allowed. ParsePrefix refuses a prefix length with a
 * leading zero or sign ("bad bits after slash", Go 1.22+).
 */
function parsesAsCidr(text: unknown, bareAddress: boolean): boolean {
  if (typeof text !== 'string' || text.trim() !== text || (!bareAddress && !text.includes('/'))) return false;
  const bits = text.includes('/') ? text.slice(text.indexOf('/') + 1) : undefined;
  return (bits === undefined || /^(0|[1-9][0-9]*)$/.test(bits)) && Cidr._lenient(text) !== undefined;
}

// ---------------------------------------------------------------------------
// The tables, in the order upstream runs them.

/** `pkg/policy/api/fqdn.go`: `FQDNSelector.sanitize` (toFQDNs) and `PortRuleDNS.Sanitize` (rules.dns). */
function fqdnChecks(toFqdns: boolean): Check[] {
  const upstream = `pkg/policy/api/fqdn.go (${toFqdns ? 'FQDNSelector.sanitize' : 'PortRuleDNS.Sanitize'})`;
  return [
    ...(toFqdns ? [row(upstream, 'Split the entry into two toFQDNs entries, one with matchName and one with matchPattern.',
      entry => (String(entry?.matchName ?? '').length > 0 && String(entry.matchPattern ?? '').length > 0
        ? 'only one of MatchName or MatchPattern is allowed in an FQDNSelector' : undefined))] : []),
    row(upstream, 'Write the name with letters, digits, ".", "-" and "_" only; a name with "*" goes in matchPattern.',
      entry => (String(entry?.matchName ?? '').length > 0 && !/^[-a-zA-Z0-9_.]+$/.test(String(entry.matchName))
        ? `Invalid characters in MatchName: "${entry.matchName}". Only 0-9, a-z, A-Z and . and - characters are allowed` : undefined)),
    row(upstream, 'Write the pattern with letters, digits, ".", "-", "_" and "*" only.',
      entry => (String(entry?.matchPattern ?? '').length > 0 && !/^[-a-zA-Z0-9_.*]+$/.test(String(entry.matchPattern))
        ? `Invalid characters in MatchPattern: "${entry.matchPattern}". Only 0-9, a-z, A-Z and ., - and * characters are allowed` : undefined)),
  ];
}

/** `PortProtocol.sanitize(hasDNSRules)` and `ParseL4Proto` (`pkg/policy/api/l4.go`). */
function portProtocolChecks(hasDnsRules: boolean): Check[] {
  const upstream = `${RULE_VALIDATION} (PortProtocol.sanitize)`;
  return [
    row(upstream, 'Give every ports entry a port: a number (as a string) or a port name.',
      entry => (!isSet(entry?.port) || String(entry.port) === '' ? 'Port must be specified' : undefined)),
    row(upstream, 'Write the port as a decimal number 0-65535, or as a port name (at most 15 characters, with a letter).', entry => {
      const port = String(entry.port);
      if (isServiceName(port)) return undefined;
      const parsed = parseGoUint(port, 16);
      return 'error' in parsed ? `Unable to parse port: strconv.ParseUint: parsing "${port}": ${parsed.error}` : undefined;
    }),
    row(upstream, 'List the DNS port without endPort in a port rule with DNS rules.',
      entry => (hasDnsRules && !isServiceName(String(entry.port)) && Number(entry.endPort ?? 0) > Number(entry.port)
        ? 'DNS rules do not support port ranges' : undefined)),
    row('pkg/policy/api/l4.go (ParseL4Proto)', 'Set protocol to TCP, UDP, SCTP or ANY; ICMP goes in an icmps rule.',
      entry => (['ANY', 'TCP', 'UDP', 'SCTP'].includes(parsedProtocol(entry)) ? undefined
        : `invalid protocol "${parsedProtocol(entry)}", must be { tcp | udp | sctp | any }`)),
  ];
}

/** `L7Rules.sanitize(ports)`, on a port rule with L7 rules. */
const L7_RULES_CHECKS: Check[] = [
  row(`${RULE_VALIDATION} (L7Rules.sanitize)`, 'Fix the regular expression in the HTTP rule\'s path or method (Go RE2 syntax).', portRule => {
    for (const http of list(portRule.rules.http)) {
      for (const field of ['path', 'method']) {
        if (typeof http?.[field] !== 'string') continue;
        try {
          new RegExp(http[field]); // eslint-disable-line no-new -- only whether it compiles
        } catch (e) {
          return `error parsing regexp: ${(e as Error).message}`;
        }
      }
    }
    return undefined;
  }),
  row(`${RULE_VALIDATION} (L7Rules.sanitize)`, 'Add the DNS port to the port rule with DNS rules: ports: [{port: "53", protocol: ANY}].',
    portRule => (isSet(portRule.rules.dns) && count(portRule.ports) === 0
      ? 'Port 53 must be specified for DNS rules' : undefined)),
  (portRule, path, context) => each('dns', fqdnChecks(false))(portRule.rules, `${path}.rules`, context),
  row(`${RULE_VALIDATION} (L7Rules.sanitize)`, 'Set rules.l7proto to the L7 parser\'s name, or remove rules.l7.',
    portRule => (isSet(portRule.rules.l7) && !portRule.rules.l7proto
      ? '\'l7\' may only be specified when a \'l7proto\' is also specified' : undefined)),
  row(`${RULE_VALIDATION} (L7Rules.sanitize)`, 'Give each kind of L7 rule (dns, http, kafka, l7proto) a toPorts entry of its own.',
    portRule => (['http', 'kafka', 'dns'].filter(kind => isSet(portRule.rules[kind])).length
    + (portRule.rules.l7proto ? 1 : 0) > 1 ? 'multiple L7 protocol rule types specified in single rule' : undefined)),
];

/** `PortRule.sanitize(ingress)`, with `L7Rules.sanitize` for its `rules`. */
const PORT_RULE_CHECKS: Check[] = [
  row(`${RULE_VALIDATION} (PortRule.sanitize)`, 'Add terminatingTLS to the port rule, or move serverNames to a port rule without L7 rules.',
    portRule => (count(portRule?.serverNames) > 0 && hasL7Rules(portRule) && !isSet(portRule.terminatingTLS)
      ? 'ServerNames are not allowed with L7 rules without TLS termination' : undefined)),
  row(`${RULE_VALIDATION} (PortRule.sanitize)`, 'Remove the empty entry from serverNames.',
    portRule => (list(portRule?.serverNames).some((name: unknown) => name === '')
      ? 'Empty server name is not allowed' : undefined)),
  row(`${RULE_VALIDATION} (PortRule.sanitize)`, 'Split the ports across toPorts entries of at most 40 ports each.',
    portRule => (count(portRule?.ports) > MAX_PORTS ? `too many ports, the max is ${MAX_PORTS}` : undefined)),
  (portRule, path, context) => each('ports', portProtocolChecks(count(portRule?.rules?.dns) > 0))(portRule, path, context),
  (portRule, path, context) => each('ports', [row(`${RULE_VALIDATION} (PortRule.sanitize)`, 'Set protocol: TCP on the ports of a port rule with HTTP or Kafka rules.',
    entry =>
      (hasL7Rules(portRule) && count(portRule.rules.dns) === 0 && parsedProtocol(entry) !== 'TCP'
        ? `L7 rules can only apply to TCP (not ${parsedProtocol(entry)}) except for DNS rules` : undefined))])(portRule, path, context),
  row(`${RULE_VALIDATION} (PortRule.sanitize)`, 'Remove the listener from the ingress rule: a listener redirects egress only.',
    (portRule, context) => (isSet(portRule?.listener) && context.ingress
      ? `Listener is not allowed on ingress (${portRule.listener.name})` : undefined)),
  row(`${RULE_VALIDATION} (PortRule.sanitize)`, 'Remove the L7 rules from the port rule with the listener, or remove the listener.',
    portRule => (isSet(portRule?.listener) && hasL7Rules(portRule)
      ? `Listener is not allowed with L7 rules (${portRule.listener.name})` : undefined)),
  row(`${RULE_VALIDATION} (PortRule.sanitize)`, 'Give the port rule with L7 rules explicit port numbers instead of 0.',
    portRule => (hasL7Rules(portRule)
    && list(portRule.ports).some((entry: any) => isZeroPort(String(entry.port)))
      ? 'L7 rules can not be used when a port is 0' : undefined)),
  (portRule, path, context) => (hasL7Rules(portRule) ? firstRejection(L7_RULES_CHECKS, portRule, path, context) : undefined),
];

/** `len(field) > 0` of a Go string field (null decodes as the empty string). */
const nonEmpty = (value: unknown) => String(value ?? '') !== '';

/**
 * True for a `toCIDRSet` entry that selects CiliumCIDRGroups (by name or by
 * labels) instead of naming a CIDR: `CIDRRule.sanitize` tests
 * `len(c.CIDRGroupRef) > 0 || c.CIDRGroupSelector.LabelSelector != nil`, so an
 * empty `cidrGroupRef` is no reference.
 */
export function isCidrGroupEntry(set: any): boolean {
  return nonEmpty(set?.cidrGroupRef) || isSet(set?.cidrGroupSelector);
}

/** How many of cidr, cidrGroupRef and cidrGroupSelector a `toCIDRSet` entry gives. */
const cidrRuleTargets = (set: any) => [nonEmpty(set?.cidr), nonEmpty(set?.cidrGroupRef), isSet(set?.cidrGroupSelector)].filter(given => given).length;

/** `CIDRRule.sanitize` (toCIDRSet / fromCIDRSet): exactly one of cidr, cidrGroupRef and cidrGroupSelector; groups are selectors, not parsed. */
const CIDR_RULE_CHECKS: Check[] = [
  row(`${RULE_VALIDATION} (CIDRRule.sanitize)`, 'Give the entry one of cidr, cidrGroupRef or cidrGroupSelector.',
    set => (cidrRuleTargets(set) === 0 ? 'one of cidr, cidrGroupRef, or cidrGroupSelector is required' : undefined)),
  row(`${RULE_VALIDATION} (CIDRRule.sanitize)`, 'Keep one of cidr, cidrGroupRef and cidrGroupSelector in each entry, and move the others to entries of their own.',
    set => (cidrRuleTargets(set) > 1
      ? 'more than one of cidr, cidrGroupRef, or cidrGroupSelector may not be set' : undefined)),
  row(`${RULE_VALIDATION} (CIDRRule.sanitize)`, 'Write cidr in prefix notation, such as 203.0.113.7/32 or 10.0.0.0/8.',
    set => (isCidrGroupEntry(set) || parsesAsCidr(set.cidr, false) ? undefined
      : `Unable to parse CIDRRule "${set.cidr}": netip.ParsePrefix("${set.cidr}")`)),
  row(`${RULE_VALIDATION} (CIDRRule.sanitize)`, 'List in except only prefixes inside cidr, each in prefix notation.', set => {
    if (isCidrGroupEntry(set)) return undefined;
    const allowed = Cidr._lenient(set.cidr)!;
    const outside = list(set.except).find((except: unknown) => {
      const address = parsesAsCidr(except, false) ? Cidr._lenient((except as string).split('/')[0]) : undefined;
      return address === undefined || !allowed.contains(address);
    });
    return outside === undefined ? undefined : `allow CIDR prefix ${set.cidr} does not contain exclude CIDR prefix ${outside}`;
  }),
];

/** `CIDR.sanitize` (toCIDR / fromCIDR): a prefix or a bare address. */
const CIDR_CHECKS: Check[] = [
  row(`${RULE_VALIDATION} (CIDR.sanitize)`, 'Remove the empty entry, or write an address or a prefix.',
    cidr => (cidr === '' ? 'IP must be specified' : undefined)),
  row(`${RULE_VALIDATION} (CIDR.sanitize)`, 'Write an address or a prefix, such as 203.0.113.7 or 10.0.0.0/8.',
    cidr => (parsesAsCidr(cidr, true) ? undefined : `unable to parse CIDR: ParseAddr("${cidr}")`)),
];

/**
 * `EndpointSelector.sanitize` (`pkg/policy/api/selector.go`): k8s
 * `ValidateLabelSelectorRequirement` (apimachinery `pkg/apis/meta/v1/validation`)
 * on each requirement: a known operator; values for In/NotIn, none for
 * Exists/DoesNotExist.
 */
function selectorRequirementError(requirement: any, index: number): string | undefined {
  const at = `invalid label selector: matchExpressions[${index}]`;
  const operator = requirement?.operator;
  const values = count(requirement?.values);
  if (operator === 'In' || operator === 'NotIn') {
    return values === 0 ? `${at}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'` : undefined;
  }
  if (operator === 'Exists' || operator === 'DoesNotExist') {
    return values > 0 ? `${at}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'` : undefined;
  }
  return `${at}.operator: Invalid value: "${operator ?? ''}": not a valid selector operator`;
}

const SELECTOR_CHECKS: Check[] = [
  (selector, path) => {
    const requirements = list(selector?.matchExpressions);
    for (let i = 0; i < requirements.length; i++) {
      const message = selectorRequirementError(requirements[i], i);
      if (message) {
        return {
          path: `${path}.matchExpressions[${i}]`,
          message,
          upstream: 'pkg/policy/api/selector.go (EndpointSelector.sanitize)',
          fix: 'Give In and NotIn at least one value and Exists and DoesNotExist none; no other operator exists.',
        };
      }
    }
    return undefined;
  },
];

/** `pkg/policy/api/entity.go` EntitySelectorMapping (v1.17). */
const ENTITIES = ['all', 'world', 'world-ipv4', 'world-ipv6', 'cluster', 'host', 'init', 'ingress', 'remote-node', 'health',
  'unmanaged', 'none', 'kube-apiserver'];

const L3_INGRESS = ['FromEndpoints', 'FromCIDR', 'FromCIDRSet', 'FromEntities', 'FromNodes', 'FromGroups'];
const L3_EGRESS = ['ToCIDR', 'ToCIDRSet', 'ToEndpoints', 'ToEntities', 'ToServices', 'ToFQDNs', 'ToGroups', 'ToNodes'];
const lowerFirst = (goName: string) => goName.charAt(0).toLowerCase() + goName.slice(1);

/** `IngressRule.sanitize` / `EgressRule.sanitize`, in upstream order. */
function directionalRuleChecks(ingress: boolean): Check[] {
  const upstream = `${RULE_VALIDATION} (${ingress ? 'IngressRule' : 'EgressRule'}.sanitize)`;
  const side = ingress ? 'from' : 'to';
  return [
    row(upstream, 'Split the rule so that each has one kind of peer selector.', rule => {
      const present = (ingress ? L3_INGRESS : L3_EGRESS).filter(goName => count(rule?.[lowerFirst(goName)]) > 0);
      return present.length > 1 ? `combining ${present[0]} and ${present[1]} is not supported yet` : undefined;
    }),
    ...(ingress ? [] : [row(upstream, 'Split the rule: toServices without toPorts, or toEndpoints with toPorts to limit the ports.',
      rule => (count(rule?.toServices) > 0 && count(rule.toPorts) > 0
        ? 'combining ToServices and ToPorts is not supported yet' : undefined))]),
    row(upstream, 'Remove the L7 rules from this rule: DNS rules filter egress only, and a host policy (nodeSelector) takes only DNS rules, on egress.',
      (rule, context) => {
        const kinds = l7Kinds(rule);
        if (ingress && context.hostPolicy && kinds.length) return 'L7 policy is not supported on host ingress yet';
        const unsupported = kinds.find(kind => (ingress ? kind === 'DNS' : context.hostPolicy && kind !== 'DNS'));
        if (unsupported === undefined) return undefined;
        return `L7 protocol ${unsupported} is not supported on ${context.hostPolicy ? 'host ' : ''}${ingress ? 'ingress' : 'egress'} yet`;
      }),
    row(upstream, 'Define a separate rule for the icmps and another for toPorts.', rule => (count(rule?.icmps) > 0 && count(rule.toPorts) > 0
      ? 'The ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts.' : undefined)),
    row(upstream, 'Select nodes with fromEntities/toEntities (host, remote-node) or with CIDRs, or set the agent flag enable-node-selector-labels.',
      rule => (count(rule?.[`${side}Nodes`]) > 0
        ? 'FromNodes/ToNodes rules can only be applied when the "enable-node-selector-labels" flag is set' : undefined)),
    each(`${side}Endpoints`, SELECTOR_CHECKS),
    each('toPorts', PORT_RULE_CHECKS),
    each('icmps', [
      row(`${RULE_VALIDATION} (ICMPRule.verify)`, 'Split the fields across icmps entries of at most 40 fields each.',
        icmp => (count(icmp?.fields) > MAX_ICMP_FIELDS ? `too many types, the max is ${MAX_ICMP_FIELDS}` : undefined)),
      row(`${RULE_VALIDATION} (ICMPRule.verify)`, 'Set family to IPv4 or IPv6.', icmp => {
        // Decoding refused a null or non-object field before this row runs (icmpFieldDecodingError).
        const wrong = list(icmp?.fields).find((f: any) => isSet(f.family) && !['IPv4', 'IPv6', ''].includes(f.family));
        return wrong ? `wrong family: ${wrong.family}` : undefined;
      }),
    ]),
    each(`${side}CIDR`, CIDR_CHECKS),
    each(`${side}CIDRSet`, CIDR_RULE_CHECKS),
    row(upstream, `Use a known entity: ${ENTITIES.join(', ')}.`, rule => {
      const unknown = list(rule?.[`${side}Entities`]).find((entity: unknown) => !ENTITIES.includes(String(entity)));
      return unknown === undefined ? undefined : `unsupported entity: ${unknown}`;
    }),
    ...(ingress ? [] : [each('toFQDNs', fqdnChecks(true))]),
  ];
}

/** `Rule.Sanitize` for one spec. */
const SPEC_CHECKS: Check[] = [
  row(`${RULE_VALIDATION} (Rule.Sanitize; measured on v1.17.5)`, 'Give the spec an ingress, ingressDeny, egress or egressDeny rule (an empty one, {}, allows nothing), or remove the spec.',
    spec => (['ingress', 'ingressDeny', 'egress', 'egressDeny']
      .every(field => count(spec?.[field]) === 0) ? 'rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny' : undefined)),
  row(`${RULE_VALIDATION} (Rule.Sanitize)`, 'Add an endpointSelector ({} selects every pod), or a nodeSelector in a CiliumClusterwideNetworkPolicy.',
    spec => (!isSet(spec.endpointSelector) && !isSet(spec.nodeSelector)
      ? 'rule must have one of EndpointSelector or NodeSelector' : undefined)),
  row(`${RULE_VALIDATION} (Rule.Sanitize)`, 'Keep either endpointSelector or nodeSelector, and give the other a spec of its own.',
    spec => (isSet(spec.endpointSelector) && isSet(spec.nodeSelector)
      ? 'rule cannot have both EndpointSelector and NodeSelector' : undefined)),
  nested('endpointSelector', SELECTOR_CHECKS),
  nested('nodeSelector', SELECTOR_CHECKS),
  (spec, path, context) => each('ingress', directionalRuleChecks(true))(spec, path, { ...context, ingress: true }),
  (spec, path, context) => each('egress', directionalRuleChecks(false))(spec, path, { ...context, ingress: false }),
];

// ---------------------------------------------------------------------------
// Decoding, before any check: the agent reads a policy with Go's encoding/json
// into the types of `pkg/policy/api`, and a value of the wrong JSON type fails
// the whole object. (The CRD schema makes the API server refuse most of these
// first.) Null decodes as the zero value, except in an ICMP field.

/**
 * A Go type as encoding/json decodes into it, for the fields the checks and
 * the model read: a string, an integer, a `map[string]string`, an ICMP field
 * (its own `UnmarshalJSON`), a slice, or a struct (unlisted fields unchecked).
 */
type GoType = 'string' | 'int' | 'stringMap' | 'icmpField' | { readonly listOf: GoType } | { readonly fields: { readonly [json: string]: GoType } };

const DECODING = 'encoding/json into pkg/policy/api types (the CRD schema refuses it too)';
const ICMP_UNMARSHAL = 'pkg/policy/api/icmp.go (ICMPField.UnmarshalJSON)';
const ICMP_TYPE_FIX = 'Give each ICMP field a type: a number 0-255, or a type name of its family.';
const UNCHECKED: GoType = { fields: {} };
const listOf = (type: GoType): GoType => ({ listOf: type });

const SELECTOR_TYPE: GoType = {
  fields: { matchLabels: 'stringMap', matchExpressions: listOf({ fields: { key: 'string', operator: 'string', values: listOf('string') } }) },
};
const FQDN_TYPE: GoType = { fields: { matchName: 'string', matchPattern: 'string' } };
const PORT_RULE_TYPE: GoType = {
  fields: {
    ports: listOf({ fields: { port: 'string', endPort: 'int', protocol: 'string' } }),
    serverNames: listOf('string'),
    rules: { fields: { http: listOf(UNCHECKED), kafka: listOf(UNCHECKED), dns: listOf(FQDN_TYPE), l7proto: 'string', l7: listOf(UNCHECKED) } },
    listener: UNCHECKED,
    terminatingTLS: UNCHECKED,
    originatingTLS: UNCHECKED,
  },
};

/** `IngressRule` / `EgressRule` and their deny forms (`pkg/policy/api/ingress.go`, `egress.go`). */
function ruleType(ingress: boolean, deny: boolean): GoType {
  const side = ingress ? 'from' : 'to';
  return {
    fields: {
      [`${side}Endpoints`]: listOf(SELECTOR_TYPE),
      [`${side}Requires`]: listOf(SELECTOR_TYPE),
      [`${side}Nodes`]: listOf(SELECTOR_TYPE),
      [`${side}CIDR`]: listOf('string'),
      [`${side}CIDRSet`]: listOf({ fields: { cidr: 'string', cidrGroupRef: 'string', cidrGroupSelector: SELECTOR_TYPE, except: listOf('string') } }),
      [`${side}Entities`]: listOf('string'),
      [`${side}Groups`]: listOf(UNCHECKED),
      ...(ingress ? {} : { toServices: listOf(UNCHECKED), ...(deny ? {} : { toFQDNs: listOf(FQDN_TYPE) }) }),
      toPorts: listOf(PORT_RULE_TYPE),
      icmps: listOf({ fields: { fields: listOf('icmpField') } }),
    },
  };
}

const SPEC_TYPE: GoType = {
  fields: {
    endpointSelector: SELECTOR_TYPE,
    nodeSelector: SELECTOR_TYPE,
    ingress: listOf(ruleType(true, false)),
    ingressDeny: listOf(ruleType(true, true)),
    egress: listOf(ruleType(false, false)),
    egressDeny: listOf(ruleType(false, true)),
  },
};
const POLICY_TYPE: GoType = { fields: { metadata: { fields: { name: 'string', namespace: 'string' } }, spec: SPEC_TYPE, specs: listOf(SPEC_TYPE) } };

/** The JSON type of a value as Go's errors name it. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** `strconv.Atoi(text)` is 0: a zero, or an error (Atoi takes an optional sign and decimal digits; out of range it gives ±max, not 0). */
const atoiIsZero = (text: string) => !/^[+-]?[0-9]+$/.test(text) || /^[+-]?0+$/.test(text);

/**
 * `ICMPField.UnmarshalJSON`: `type` is an `*intstr.IntOrString` (an int32 or
 * a string). A missing or null type (or a null field) leaves it nil, and
 * `Type.IntValue()` then dereferences nil, so the agent cannot decode it; the
 * API server refuses it first (the CRD's ICMPField has `required: [type]`, and
 * a null non-nullable field is pruned before that check). A string that is
 * not "0" but that `strconv.Atoi` reads as 0 (a name, "00", "+0") must be a
 * name in the family's table. Any int32 is accepted: the agent makes it the
 * ICMP "port" (`ICMPField.PortProtocol`), and a type above 255 matches no
 * ICMP message, since the type is 8 bits.
 */
function icmpFieldDecodingError(field: any, path: string): AgentRejection | undefined {
  if (isSet(field) && (typeof field !== 'object' || Array.isArray(field))) return wrongType(field, path, 'an object');
  const family = decodingError(field?.family, 'string', `${path}.family`);
  if (family) return family;
  const type = field?.type;
  if (!isSet(type)) {
    return { path, message: 'type: Required value', upstream: `CRD schema (ICMPField required: type); ${ICMP_UNMARSHAL}`, fix: ICMP_TYPE_FIX };
  }
  if (typeof type === 'string') {
    return type !== '0' && atoiIsZero(type) && icmpTypeCode(type, field.family) === undefined
      ? {
        path: `${path}.type`,
        message: `ICMP type ${type} not found in ${field.family ?? 'IPv4'}`,
        upstream: ICMP_UNMARSHAL,
        fix: 'Use a type name of the field\'s family (ICMPv6 names need family: IPv6), or the type\'s number.',
      } : undefined;
  }
  return Number.isInteger(type) && type >= -(2 ** 31) && type < 2 ** 31 ? undefined
    : { path: `${path}.type`, message: `json: cannot unmarshal ${jsonKind(type)} into type (an int32 or a string)`, upstream: ICMP_UNMARSHAL, fix: ICMP_TYPE_FIX };
}

/** The first value of `type` (at `path`) that encoding/json cannot decode; null is the zero value. */
function decodingError(value: any, type: GoType, path: string): AgentRejection | undefined {
  if (type === 'icmpField') return icmpFieldDecodingError(value, path);
  if (!isSet(value)) return undefined;
  if (type === 'string') return typeof value === 'string' ? undefined : wrongType(value, path, 'a string');
  if (type === 'int') return Number.isInteger(value) ? undefined : wrongType(value, path, 'an integer');
  if (typeof type === 'object' && 'listOf' in type) {
    if (!Array.isArray(value)) return wrongType(value, path, 'a list');
    for (let i = 0; i < value.length; i++) {
      const found = decodingError(value[i], type.listOf, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return wrongType(value, path, type === 'stringMap' ? 'a map of strings' : 'an object');
  const fields: [string, GoType][] = type === 'stringMap' ? Object.keys(value).map(key => [key, 'string']) : Object.entries(type.fields);
  for (const [field, fieldType] of fields) {
    const found = decodingError(value[field], fieldType, path ? `${path}.${field}` : field);
    if (found) return found;
  }
  return undefined;
}

/** The rejection of a value of the wrong JSON type at `path`; a list element is named as an entry of its list. */
function wrongType(value: unknown, path: string, expected: string): AgentRejection {
  const field = path.replace(/\[\d+\]$/, '').split('.').pop();
  const what = /\]$/.test(path) ? `an entry of ${field}` : field;
  return {
    path,
    message: `json: cannot unmarshal ${jsonKind(value)} into ${what} (${expected})`,
    upstream: DECODING,
    fix: `Write ${/\]$/.test(path) ? `each entry of ${field}` : field} as ${expected}, as the Cilium CRD declares it.`,
  };
}

/**
 * `CiliumNetworkPolicy.Parse` / `CiliumClusterwideNetworkPolicy.Parse`
 * (`pkg/k8s/apis/cilium.io/v2/cnp_types.go`, `ccnp_types.go`).
 */
const OBJECT_CHECKS: Check[] = [
  row('pkg/k8s/apis/cilium.io/v2/cnp_types.go (Parse)', 'Give the policy a metadata.name.',
    (manifest, context) => (manifest.metadata?.name ? undefined : `${context.kind} must have name`)),
  row('pkg/k8s/apis/cilium.io/v2/cnp_types.go (Parse)', 'Give the policy a spec or specs.',
    (manifest, context) => (isSet(manifest.spec) || isSet(manifest.specs) ? undefined
      : `Invalid ${context.kind} spec(s): empty policy`)),
  row('pkg/k8s/apis/cilium.io/v2/cnp_types.go (Parse)', 'Select nodes in a CiliumClusterwideNetworkPolicy; a CiliumNetworkPolicy selects pods, with endpointSelector.',
    (manifest, context) => (context.kind === 'CiliumNetworkPolicy' && isSet(manifest.spec?.nodeSelector)
      ? 'Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector' : undefined)),
];

function isCiliumPolicy(manifest: any): boolean {
  return manifest?.apiVersion === 'cilium.io/v2' && /^Cilium(Clusterwide)?NetworkPolicy$/.test(String(manifest.kind));
}

/**
 * Why Cilium's agent would refuse `manifest` (a Cilium policy as plain
 * data): the first failing check of the object and of each of its specs
 * (upstream stops at the first, and drops the whole policy). Empty when the
 * agent imports it; non-Cilium objects give no rejections.
 */
export function ciliumAgentRejections(manifest: any): AgentRejection[] {
  if (!isCiliumPolicy(manifest)) return [];
  const undecodable = decodingError(manifest, POLICY_TYPE, '');
  if (undecodable) return [undecodable];
  const base: Context = { kind: manifest.kind, ingress: false, hostPolicy: false };
  const objectRejection = firstRejection(OBJECT_CHECKS, manifest, 'metadata', base);
  if (objectRejection) return [objectRejection];
  const specs: [string, any][] = [
    ...(isSet(manifest.spec) ? [['spec', manifest.spec] as [string, any]] : []),
    ...list(manifest.specs).map((s: any, i: number) => [`specs[${i}]`, s] as [string, any]),
  ];
  return specs.map(([path, spec]) => firstRejection(SPEC_CHECKS, spec, path, { ...base, hostPolicy: isSet(spec?.nodeSelector) }))
    .filter((r): r is AgentRejection => r !== undefined);
}

// ---------------------------------------------------------------------------
// Resolution: merging the policies that select one endpoint.

/** One Cilium spec that selects the endpoint, with how to name it. */
export interface SelectingSpec {
  /** `CiliumNetworkPolicy openclaw/openclaw-fqdn-egress`. */
  readonly ref: string;
  /** The spec (`spec` or one of `specs`). */
  readonly spec: any;
}

/** Two L7 parsers that the agent cannot merge on one port of one endpoint. */
export interface L7ParserConflict {
  readonly direction: 'ingress' | 'egress';
  /** The port key, e.g. `53/UDP`. */
  readonly port: string;
  /** The policies whose rules put the parsers there. */
  readonly refs: string[];
  /** The agent's error text, e.g. `cannot merge conflicting L7 parsers (dns/http)`. */
  readonly message: string;
  readonly upstream: string;
}

/**
 * The L7 parser a port rule asks for (`pkg/policy/l4.go`, createL4Filter):
 * undefined for an L4-only rule, `tls` for TLS without L7 rules, `crd` for a
 * listener.
 */
export function l7ParserOf(portRule: any): string | undefined {
  const rules = portRule?.rules;
  if (count(rules?.dns)) return 'dns';
  if (count(rules?.http)) return 'http';
  if (count(rules?.kafka)) return 'kafka';
  if (rules?.l7proto) return String(rules.l7proto);
  if (isSet(portRule?.listener)) return 'crd';
  if (isSet(portRule?.terminatingTLS) || isSet(portRule?.originatingTLS)) return 'tls';
  return undefined;
}

/** `L7ParserType.canPromoteTo`: none promotes to anything; TLS to anything but DNS and CRD listeners. */
function mergeParsers(a: string, b: string): string | undefined {
  if (a === b) return a;
  if (a === 'tls' && b !== 'dns' && b !== 'crd') return b;
  if (b === 'tls' && a !== 'dns' && a !== 'crd') return a;
  return undefined;
}

/**
 * The L7 parser conflicts among the Cilium specs that select one endpoint
 * (`pkg/policy/l4.go`, `L7ParserType.Merge` as called from `mergePortProto`):
 * the agent keeps one L4 filter per direction and port/protocol, with one L7
 * parser for all its peers, so two rules that put different parsers (DNS and
 * HTTP, say) on the same port fail the endpoint's policy with "cannot merge
 * conflicting L7 parsers". Protocol ANY stands for TCP, UDP and SCTP.
 */
export function ciliumL7ParserConflicts(specs: SelectingSpec[]): L7ParserConflict[] {
  const filters = new Map<string, { parser: string; refs: string[] }>();
  const conflicts: L7ParserConflict[] = [];
  for (const { ref, spec } of specs) {
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of list(spec?.[direction])) {
        for (const portRule of list(rule?.toPorts)) {
          const parser = l7ParserOf(portRule);
          if (parser === undefined) continue;
          for (const entry of list(portRule.ports)) {
            const protocol = parsedProtocol(entry);
            for (const p of protocol === 'ANY' ? ['TCP', 'UDP', 'SCTP'] : [protocol]) {
              const port = `${String(entry?.port).toLowerCase()}${entry?.endPort ? `-${entry.endPort}` : ''}/${p}`;
              const key = `${direction} ${port}`;
              const existing = filters.get(key);
              if (!existing) {
                filters.set(key, { parser, refs: [ref] });
                continue;
              }
              const merged = mergeParsers(parser, existing.parser);
              if (merged === undefined) {
                conflicts.push({
                  direction,
                  port,
                  refs: [...new Set([...existing.refs, ref])],
                  message: `cannot merge conflicting L7 parsers (${parser}/${existing.parser})`,
                  upstream: 'pkg/policy/l4.go (L7ParserType.Merge)',
                });
              } else {
                filters.set(key, { parser: merged, refs: [...new Set([...existing.refs, ref])] });
              }
            }
          }
        }
      }
    }
  }
  return conflicts;
}
