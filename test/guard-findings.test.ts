import { FlowEndpoint } from '../src';
import { runGuards } from '../src/analysis/guards';

/**
 * The guards' decisions (src/analysis/guards.ts) on plain manifests, each
 * judged by its finding: the rule id, the culprit object (kind
 * namespace/name, and its construct path when a construct made it), the
 * policy it voids, and the branch of the message (any name, or the names it
 * lets through). Written against the mutants a mutation run left alive.
 */

const OPENCLAW = { app: 'openclaw' };
const KUBE_DNS = { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' };

function cnp(name: string, egress: any[], extra: object = {}, namespace: string | undefined = 'bots'): any {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name, ...namespace === undefined ? {} : { namespace } },
    spec: { endpointSelector: { matchLabels: OPENCLAW }, egress, ...extra },
  };
}

function ccnp(name: string, endpointSelector: any, egress: any[]): any {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec: { endpointSelector, egress } };
}

function np(name: string, egress: any[], podSelector: any = {}): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'bots' }, spec: { podSelector, policyTypes: ['Egress'], egress } };
}

/** A DNS rule to kube-dns through Cilium's DNS proxy, with these `rules.dns` entries. */
const dnsRule = (...dns: object[]) => ({ toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns } }] });
const ANY_NAME = dnsRule({ matchPattern: '*' });
const ANTHROPIC_ONLY = dnsRule({ matchName: 'api.anthropic.com' });
const TO_ANTHROPIC = { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };
/** A NetworkPolicy rule: UDP 53 to kube-dns in any namespace. */
const PORT_53 = { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] };

const allowList = cnp('allow-list', [ANY_NAME, TO_ANTHROPIC]);
const strict = cnp('strict', [ANTHROPIC_ONLY, TO_ANTHROPIC]);

const findings = (manifests: any[], options = {}) => runGuards(manifests, options).findings;
const rulesAndCulprits = (manifests: any[]) => findings(manifests).map(f => [f.rule, f.message.split(' lets ')[0]]);

describe('fqdn-allow-list-voided: the message names the culprit and the allow-list, or says the allow-list voids itself', () => {
  test('another policy: the whole message, with construct paths', () => {
    const broad = np('broad', [{ ports: [{ port: 443 }] }]);
    const paths = new Map<any, string>([[broad, 'app/Broad'], [allowList, 'app/C/FqdnEgress']]);
    expect(findings([allowList, broad], { constructPathOf: (m: any) => paths.get(m) })).toEqual([{
      rule: 'fqdn-allow-list-voided',
      message: 'NetworkPolicy bots/broad (construct app/Broad) lets pods bots/{app=openclaw} reach public addresses (egress[0]: to every peer on TCP/443),'
        + ' and CiliumNetworkPolicy bots/allow-list (construct app/C/FqdnEgress) limits the same pods to an FQDN allow-list.'
        + ' Cilium adds the allows of both policies together, so the allow-list would restrict nothing.'
        + ' Remove the public-IP rule from NetworkPolicy bots/broad (with OpenClawNetworkIsolation, set `internetEgress: false`),'
        + ' or give the two policies selectors that match different pods.',
    }]);
  });

  test('several broad rules of one policy are listed in one finding, separated by semicolons', () => {
    const broad = np('broad', [{ ports: [{ port: 443 }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }]);
    expect(findings([allowList, broad]).map(f => f.message)).toEqual([
      expect.stringContaining('reach public addresses (egress[0]: to every peer on TCP/443; egress[1]: to 0.0.0.0/0 on every port),'),
    ]);
  });

  test('the allow-list\'s own rule to a public range: "its own toFQDNs rules limit them"', () => {
    const own = cnp('allow-list', [ANY_NAME, TO_ANTHROPIC, { toCIDR: ['198.51.100.0/24'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }]);
    const [finding] = findings([own]);
    expect(finding.rule).toBe('fqdn-allow-list-voided');
    expect(finding.message).toContain('CiliumNetworkPolicy bots/allow-list lets pods bots/{app=openclaw} reach public addresses (egress[2]: ');
    expect(finding.message).toContain('), and its own toFQDNs rules limit them to an FQDN allow-list.');
    expect(finding.message).toContain('Remove the public-IP rule from CiliumNetworkPolicy bots/allow-list');
  });

  test.each([
    ['an IPv4 /32', { toCIDR: ['203.0.113.7/32'] }, false],
    ['a bare IPv4 address (toCIDR takes one)', { toCIDR: ['203.0.113.7'] }, false],
    ['an IPv6 /128', { toCIDR: ['2001:db8::7/128'] }, false],
    ['a toCIDRSet /32', { toCIDRSet: [{ cidr: '203.0.113.7/32' }] }, false],
    ['an IPv6 /32 (a range of 2^96 addresses)', { toCIDR: ['2001:db8::/32'] }, true],
    ['a /32 beside a /24', { toCIDR: ['203.0.113.7/32', '198.51.100.0/24'] }, true],
    ['a toCIDRSet /32 beside a /24', { toCIDRSet: [{ cidr: '203.0.113.7/32' }, { cidr: '198.51.100.0/24' }] }, true],
    ['a CiliumCIDRGroup (its CIDRs are unknown here, so it counts as public)', { toCIDRSet: [{ cidrGroupRef: 'partners' }] }, true],
    ['a /32 beside a CiliumCIDRGroup', { toCIDRSet: [{ cidr: '203.0.113.7/32' }, { cidrGroupRef: 'partners' }] }, true],
  ])('the allow-list\'s own rule to %s (%j) voids it: %s', (_name, peer, voided) => {
    const own = cnp('allow-list', [ANY_NAME, TO_ANTHROPIC, { ...peer, toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }]);
    expect(rulesAndCulprits([own])).toEqual(voided ? [['fqdn-allow-list-voided', 'CiliumNetworkPolicy bots/allow-list']] : []);
  });

  test('another policy\'s rule to one public address is no part of the allow-list: it voids it', () => {
    const fallback = cnp('fallback', [{ toCIDR: ['203.0.113.7/32'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }]);
    expect(rulesAndCulprits([allowList, fallback])).toEqual([['fqdn-allow-list-voided', 'CiliumNetworkPolicy bots/fallback']]);
  });

  test('a policy whose selector no pod can satisfy selects none of the allow-list\'s pods', () => {
    const nobody = np('nobody', [{ ports: [{ port: 443 }] }], { matchExpressions: [{ key: 'app', operator: 'In', values: ['openclaw'] }, { key: 'app', operator: 'DoesNotExist' }] });
    expect(findings([allowList, nobody])).toEqual([]);
    expect(findings([nobody, allowList])).toEqual([]);
  });
});

describe('strict-dns-undone: any name, or the names outside the allow-list', () => {
  test('any name: the whole message', () => {
    expect(findings([strict, np('dns', [PORT_53])])).toEqual([{
      rule: 'strict-dns-undone',
      message: 'NetworkPolicy bots/dns lets pods bots/{app=openclaw} send DNS queries for any name (egress[0]: to pods {k8s-app=kube-dns} in namespaces {} on UDP/53),'
        + ' and CiliumNetworkPolicy bots/strict limits their DNS queries to allow-listed names (DnsQueryFilter.ALLOW_LISTED_NAMES).'
        + ' Cilium merges the DNS rules of all policies on the same port and lets their names through, so the DNS filter would filter nothing.'
        + ' Let the strict policy own DNS for these pods: drop the DNS allow from NetworkPolicy bots/dns (with OpenClawNetworkIsolation,'
        + ' set `dnsEgress: false`; a second OpenClawCiliumEgress needs DnsQueryFilter.ALLOW_LISTED_NAMES too),'
        + ' or give the policies selectors that match different pods.',
    }]);
  });

  test('names outside the allow-list: listed as written, admitted names left out, "too little", "with the same names"', () => {
    const more = cnp('more', [dnsRule({ matchName: 'api.anthropic.com' }, { matchName: 'extra.example.com' }, { matchPattern: '*.more.example' })]);
    const [finding, ...rest] = findings([strict, more]);
    expect(rest).toEqual([]);
    expect(finding.rule).toBe('strict-dns-undone');
    expect(finding.message).toContain('CiliumNetworkPolicy bots/more lets pods bots/{app=openclaw} send DNS queries for names outside the allow-list (extra.example.com, *.more.example) (egress[0]: ');
    expect(finding.message).toContain('and CiliumNetworkPolicy bots/strict limits their DNS queries to allow-listed names');
    expect(finding.message).toContain('so the DNS filter would filter too little.');
    expect(finding.message).toContain('a second OpenClawCiliumEgress needs DnsQueryFilter.ALLOW_LISTED_NAMES too, with the same names),');
  });

  test('each culprit is judged by its own rules: a third policy\'s any-name DNS does not make the second\'s message "any name"', () => {
    const more = cnp('more', [dnsRule({ matchName: 'extra.example.com' })]);
    const messages = findings([strict, more, np('dns', [PORT_53])]).map(f => f.message);
    const about = (culprit: string, strictOne: string) => messages.filter(m => m.startsWith(`${culprit} lets`) && m.includes(`${strictOne} limits`));
    expect(about('CiliumNetworkPolicy bots/more', 'CiliumNetworkPolicy bots/strict')).toEqual([
      expect.stringContaining('send DNS queries for names outside the allow-list (extra.example.com) (egress[0]: '),
    ]);
    expect(about('NetworkPolicy bots/dns', 'CiliumNetworkPolicy bots/strict')).toEqual([expect.stringContaining('send DNS queries for any name (egress[0]: ')]);
  });

  test('several widening rules of one policy are listed in one finding, separated by semicolons', () => {
    const message = findings([strict, np('dns', [PORT_53, PORT_53])]).map(f => f.message).join('\n');
    expect(message).toContain('send DNS queries for any name (egress[0]: to pods {k8s-app=kube-dns} in namespaces {} on UDP/53; egress[1]: to pods');
  });

  test('a Cilium policy the agent rejects: the whole message, with the agent\'s first error and its upstream source', () => {
    const rejected = cnp('rejected', [{ toCIDR: ['10.0.0.0/8'], toEntities: ['host'] }]);
    expect(findings([rejected])).toEqual([{
      rule: 'cilium-agent-rejects',
      message: 'CiliumNetworkPolicy bots/rejected: Cilium\'s agent would drop this policy whole (spec.egress[0]: combining ToCIDR and ToEntities'
        + ' is not supported yet, pkg/policy/api/rule_validation.go (EgressRule.sanitize)), so its pods get none of'
        + ' its rules, the DNS-proxy rule included. Fix: Split the rule so that each has one kind of peer selector.',
    }]);
  });

  /** Each kind of rejection: a policy, where its finding must point (the rule path and the bad value), and its own fix. */
  const REJECTION_KINDS: [string, any, string[], string][] = [
    ['two peer kinds in one rule', { toCIDR: ['10.0.0.0/8'], toEntities: ['host'] }, ['spec.egress[0]: combining ToCIDR and ToEntities'],
      'Fix: Split the rule so that each has one kind of peer selector.'],
    ['a DNS rule without ports', { toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [{ rules: { dns: [{ matchName: 'a.example.com' }] } }] },
      ['spec.egress[0].toPorts[0]: Port 53 must be specified for DNS rules'], 'Fix: Add the DNS port to the port rule with DNS rules'],
    ['a bad CIDR', { toCIDR: ['10.0.0.300/8'] }, ['spec.egress[0].toCIDR[0]: unable to parse CIDR: ParseAddr("10.0.0.300/8")'],
      'Fix: Write an address or a prefix, such as 203.0.113.7 or 10.0.0.0/8.'],
    ['an unknown entity', { toEntities: ['everyone'] }, ['spec.egress[0]: unsupported entity: everyone'], 'Fix: Use a known entity: all, world,'],
    ['a name and a pattern in one toFQDNs entry', { toFQDNs: [{ matchName: 'a.example.com', matchPattern: '*.example.com' }] },
      ['spec.egress[0].toFQDNs[0]: only one of MatchName or MatchPattern'], 'Fix: Split the entry into two toFQDNs entries'],
    ['an ICMP type name of the other family', { toEntities: ['world'], icmps: [{ fields: [{ type: 'PacketTooBig' }] }] },
      ['spec.egress[0].icmps[0].fields[0].type: ICMP type PacketTooBig not found in IPv4'], 'Fix: Use a type name of the field\'s family (ICMPv6 names need family: IPv6)'],
    ['an ICMP field without a type', { toEntities: ['world'], icmps: [{ fields: [{ family: 'IPv4' }] }] },
      ['spec.egress[0].icmps[0].fields[0]: type: Required value'], 'Fix: Give each ICMP field a type'],
    ['a toCIDRSet that is no list', { toCIDRSet: '10.0.0.0/8' }, ['spec.egress[0].toCIDRSet: json: cannot unmarshal string into toCIDRSet (a list)'],
      'Fix: Write toCIDRSet as a list, as the Cilium CRD declares it.'],
    ['a cidr that is no string', { toCIDRSet: [{ cidr: 5 }] }, ['spec.egress[0].toCIDRSet[0].cidr: json: cannot unmarshal number into cidr (a string)'],
      'Fix: Write cidr as a string, as the Cilium CRD declares it.'],
  ];

  test.each(REJECTION_KINDS)('a rejected policy with %s: the finding names the policy, the rule path and the bad value, and gives that kind\'s fix',
    (_what, rule, culprit, fix) => {
      const messages = findings([cnp('rejected', [rule])]).filter(f => f.rule === 'cilium-agent-rejects').map(f => f.message);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^CiliumNetworkPolicy bots\/rejected: Cilium's agent would drop this policy whole \(/);
      for (const text of culprit) expect(messages[0]).toContain(text);
      expect(messages[0]).toContain(fix);
      const others = REJECTION_KINDS.map(kind => kind[3]).filter(other => other !== fix);
      for (const other of others) expect(messages[0]).not.toContain(other);
    });

  test('a policy the agent rejects in two specs: both errors, each with its spec\'s path, separated by a semicolon', () => {
    const twoSpecs = {
      ...cnp('two-specs', []),
      spec: undefined,
      specs: [
        { endpointSelector: {}, egress: [{ toEndpoints: [{}], toPorts: [{ ports: [{ port: '08' }] }] }] },
        { endpointSelector: {}, egress: [{ toEntities: ['internet'] }] },
      ],
    };
    const [finding, ...rest] = findings([twoSpecs]);
    expect(rest).toEqual([]);
    expect(finding.message).toContain('CiliumNetworkPolicy bots/two-specs: Cilium\'s agent would drop this policy whole ('
      + 'specs[0].egress[0].toPorts[0].ports[0]: Unable to parse port: strconv.ParseUint: parsing "08": invalid syntax, pkg/policy/api/rule_validation.go (PortProtocol.sanitize); '
      + 'specs[1].egress[0]: unsupported entity: internet, pkg/policy/api/rule_validation.go (EgressRule.sanitize))');
    expect(finding.message).toContain('Fix: Write the port as a decimal number 0-65535');
    expect(finding.message).toContain('Use a known entity: all, world');
  });

  test('a rule\'s port entries without rules.dns are skipped when its DNS names are read', () => {
    const mixedPorts = { toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [{ ports: [{ port: '8053', protocol: 'TCP' }] }, { ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchName: 'extra.example.com' }] } }] };
    expect(findings([strict, cnp('more', [mixedPorts])]).filter(f => f.message.includes('CiliumNetworkPolicy bots/strict limits')).map(f => f.message))
      .toEqual([expect.stringContaining('CiliumNetworkPolicy bots/more lets pods bots/{app=openclaw} send DNS queries for names outside the allow-list (extra.example.com)')]);
  });

  test('names the strict policy admits widen nothing, whichever of its rules admits them', () => {
    const twoNames = cnp('two-names', [dnsRule({ matchName: 'api.anthropic.com' }), dnsRule({ matchName: 'api.openai.com' }), TO_ANTHROPIC]);
    const openaiOnly = cnp('openai-only', [dnsRule({ matchName: 'api.openai.com' })]);
    // openai-only is strict too, and two-names widens it by api.anthropic.com; openai-only widens two-names by nothing.
    expect(rulesAndCulprits([twoNames, openaiOnly])).toEqual([['strict-dns-undone', 'CiliumNetworkPolicy bots/two-names']]);
  });

  test('the strict policy\'s own port-53 allow without rules.dns: Cilium merges it in as any name', () => {
    const l4Only = { toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] };
    const [finding, ...rest] = findings([cnp('strict', [ANTHROPIC_ONLY, l4Only, TO_ANTHROPIC])]);
    expect(rest).toEqual([]);
    expect(finding.rule).toBe('strict-dns-undone');
    expect(finding.message).toContain('CiliumNetworkPolicy bots/strict lets pods bots/{app=openclaw} send DNS queries for any name (egress[1]: ');
    expect(finding.message).toContain('and its own rules.dns limit their DNS queries to allow-listed names');
  });
});

describe('a host policy (nodeSelector) selects nodes, not pods: it shares no pod with a pod policy', () => {
  // cilium/cilium pkg/policy/api/rule_validation.go Rule.Sanitize: a spec has an endpointSelector or a nodeSelector, not both.
  const hostPolicy = (name: string, egress: any[]) => ({
    apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec: { nodeSelector: {}, egress },
  });

  test('its egress to the world voids no FQDN allow-list, its port-53 allow undoes no strict DNS, its default deny enforces no observer', () => {
    const observing = cnp('observing', [ANY_NAME, TO_ANTHROPIC], { enableDefaultDeny: { egress: false } });
    const hostWorld = hostPolicy('host-world', [{ toEntities: ['world'] }]);
    const hostDns = hostPolicy('host-dns', [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }]);
    for (const [pods, host] of [[allowList, hostWorld], [strict, hostDns], [observing, hostWorld]]) {
      for (const manifests of [[pods, host], [host, pods]]) {
        const result = runGuards(manifests);
        expect(result.findings).toEqual([]);
        expect([...result.observeEnforcedBy.entries()]).toEqual([]);
      }
    }
  });
});

describe('strict-dns-undone: the names another policy\'s DNS patterns admit', () => {
  const strictFor = (...dns: object[]) => cnp('strict', [dnsRule(...dns), TO_ANTHROPIC]);
  const widens = (strictPolicy: any, ...dns: object[]) => findings([strictPolicy, cnp('more', [dnsRule(...dns)])])
    .filter(f => f.message.startsWith('CiliumNetworkPolicy bots/more lets')).map(f => f.message.split(' (egress[0]')[0]);

  test('a pattern admits the name with its wildcards filled in, `**` within one label (in Cilium 1.17 `**` is `*`)', () => {
    const outside = 'CiliumNetworkPolicy bots/more lets pods bots/{app=openclaw} send DNS queries for names outside the allow-list';
    expect(widens(strictFor({ matchName: 'api.example.com' }), { matchPattern: '**.example.com' })).toEqual([`${outside} (**.example.com)`]);
    expect(widens(strictFor({ matchName: 'api.example.com' }), { matchPattern: 'api*.example.com' })).toEqual([`${outside} (api*.example.com)`]);
    expect(widens(strictFor({ matchPattern: '*.example.com' }), { matchPattern: '**.example.com' }, { matchPattern: 'api*.example.com' })).toEqual([]);
  });

  test('an entry without a name (null, {}, an empty matchName or matchPattern, in a null port rule\'s neighbour) widens nothing and breaks nothing', () => {
    const nameless = { toEndpoints: [{ matchLabels: KUBE_DNS }], toPorts: [null, { ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [null, {}, { matchName: '' }, { matchPattern: '' }, { matchName: 'api.anthropic.com' }] } }] };
    expect(findings([strict, cnp('more', [nameless])])).toEqual([]);
    const named = { ...nameless, toPorts: [null, { ...nameless.toPorts[1], rules: { dns: [null, { matchName: 'extra.example.com' }, { matchName: 'api.anthropic.com' }] } }] };
    expect(rulesAndCulprits([strict, cnp('more', [named])])).toEqual([['strict-dns-undone', 'CiliumNetworkPolicy bots/more']]);
  });
});

describe('the shared pod: labels a pod cannot carry', () => {
  const worldFor = (endpointSelector: object) => cnp('world', [{ toEntities: ['world'] }], { endpointSelector });

  test('a selector whose only sample value no pod label can take (Cilium accepts any value) shares no pod', () => {
    expect(findings([allowList, worldFor({ matchLabels: { app: 'openclaw', tier: 'not a label value' } })])).toEqual([]);
  });

  test('a sample value no pod can carry gives way to the other policy\'s value, in either order', () => {
    const world = worldFor({ matchExpressions: [{ key: 'app', operator: 'In', values: ['not a label value', 'openclaw'] }] });
    expect(rulesAndCulprits([allowList, world])).toEqual([['fqdn-allow-list-voided', 'CiliumNetworkPolicy bots/world']]);
    expect(rulesAndCulprits([world, allowList])).toEqual([['fqdn-allow-list-voided', 'CiliumNetworkPolicy bots/world']]);
  });
});

describe('a cluster-wide policy that selects every namespace (`Exists` on the namespace label) shares pods with each namespaced policy', () => {
  const everyNamespace = { matchLabels: { 'k8s:app': 'openclaw' }, matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] };

  test('a NetworkPolicy in any namespace voids the fleet\'s FQDN allow-list (its sample namespace, "sample", is not the only one)', () => {
    const fleetAllowList = ccnp('fleet-allow-list', everyNamespace, [ANY_NAME, TO_ANTHROPIC]);
    const broad = np('broad', [{ ports: [{ port: 443 }] }], { matchLabels: OPENCLAW });
    expect(rulesAndCulprits([fleetAllowList, broad])).toEqual([['fqdn-allow-list-voided', 'NetworkPolicy bots/broad']]);
    expect(rulesAndCulprits([broad, fleetAllowList])).toEqual([['fqdn-allow-list-voided', 'NetworkPolicy bots/broad']]);
  });

  test('a default deny in any namespace enforces the fleet\'s observe-mode policy', () => {
    const observing = ccnp('observing', everyNamespace, [ANY_NAME, TO_ANTHROPIC]);
    observing.spec.enableDefaultDeny = { egress: false };
    expect([...runGuards([observing, np('deny', [], { matchLabels: OPENCLAW })]).observeEnforcedBy.values()]).toEqual([['NetworkPolicy bots/deny']]);
  });
});

describe('observe mode: enforcers found through a shared pod either way round', () => {
  test('an observe-mode policy selecting by `app Exists` is enforced by a default deny of {app=openclaw}', () => {
    const observing = { ...cnp('observing', [ANY_NAME, TO_ANTHROPIC], { enableDefaultDeny: { egress: false } }) };
    observing.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] };
    const deny = np('deny', [], { matchLabels: OPENCLAW });
    expect([...runGuards([observing, deny]).observeEnforcedBy.entries()]).toEqual([[observing, ['NetworkPolicy bots/deny']]]);
  });
});

describe('the DNS servers of one pod\'s flows are merged across constructs', () => {
  test('kube-dns from one construct and NodeLocal DNSCache from another: reaching kube-dns is enough, in either order', () => {
    const kubeDnsOnly = np('kube-dns-only', [PORT_53], { matchLabels: OPENCLAW });
    const pod = FlowEndpoint.pod('bots', OPENCLAW);
    const kubeDns = { pod, dnsServers: [{ endpoint: FlowEndpoint.clusterDns(), port: 53 }], ingressSources: [] };
    const nodeLocal = { pod, dnsServers: [{ endpoint: FlowEndpoint.external('169.254.20.10'), port: 53 }], ingressSources: [] };
    expect(findings([kubeDnsOnly], { flows: [kubeDns, nodeLocal] })).toEqual([]);
    expect(findings([kubeDnsOnly], { flows: [nodeLocal, kubeDns] })).toEqual([]);
    expect(rulesAndCulprits([kubeDnsOnly]).length).toBe(0);
    expect(findings([kubeDnsOnly], { flows: [nodeLocal] }).map(f => f.rule)).toEqual(['dns-reachable']);
  });
});

describe('namespaces no Namespace object describes may carry the labels cluster-wide policies select by', () => {
  const FLEET = { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.fleet': 'true' } };
  const world = ccnp('fleet-world', FLEET, [{ toEntities: ['world'] }]);

  test('`default`, where objects without a namespace go', () => {
    const inDefault = cnp('allow-list', [ANY_NAME, TO_ANTHROPIC], {}, undefined);
    expect(rulesAndCulprits([inDefault, world])).toEqual([['fqdn-allow-list-voided', 'CiliumClusterwideNetworkPolicy fleet-world']]);
  });

  test('a namespace a cluster-wide policy selects by name', () => {
    const edgeAllowList = ccnp('edge-allow-list', { matchLabels: { ...OPENCLAW, 'k8s:io.kubernetes.pod.namespace': 'edge' } }, [ANY_NAME, TO_ANTHROPIC]);
    expect(rulesAndCulprits([edgeAllowList, world])).toEqual([['fqdn-allow-list-voided', 'CiliumClusterwideNetworkPolicy fleet-world']]);
  });

  test('the sample namespace of two cluster-wide policies', () => {
    const fleetAllowList = ccnp('fleet-allow-list', FLEET, [ANY_NAME, TO_ANTHROPIC]);
    expect(rulesAndCulprits([fleetAllowList, world])).toEqual([['fqdn-allow-list-voided', 'CiliumClusterwideNetworkPolicy fleet-world']]);
  });

  test('labels selected in a `specs` list count too', () => {
    const worldSpecs = { ...world, spec: undefined, specs: [world.spec] };
    expect(rulesAndCulprits([allowList, worldSpecs])).toEqual([['fqdn-allow-list-voided', 'CiliumClusterwideNetworkPolicy fleet-world']]);
  });

  test('only cluster-wide Cilium policies give the labels: a namespaced one, or another API\'s kind, selecting fleet=false first, does not', () => {
    const notFleet = { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.fleet': 'false' } };
    const namespaced = { ...cnp('not-fleet', [ANY_NAME]), metadata: { name: 'not-fleet', namespace: 'elsewhere' } };
    namespaced.spec.endpointSelector = notFleet;
    const foreign = { ...ccnp('foreign', notFleet, [ANY_NAME]), apiVersion: 'example.com/v1' };
    expect(rulesAndCulprits([namespaced, foreign, allowList, world])).toEqual([['fqdn-allow-list-voided', 'CiliumClusterwideNetworkPolicy fleet-world']]);
  });

  test('the namespace of an OpenClaw flow that no manifest names', () => {
    const fleetDeny = ccnp('fleet-deny', FLEET, [{ toEndpoints: [{ matchLabels: { app: 'db' } }] }]);
    const flows = { pod: FlowEndpoint.pod('edge', OPENCLAW), dnsServers: [], ingressSources: [] };
    expect(findings([fleetDeny], { flows: [flows] }).map(f => [f.rule, f.message.split(' are ')[0]])).toEqual([['dns-reachable', 'OpenClaw pods edge/{app=openclaw}']]);
  });
});
