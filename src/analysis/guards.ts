import { oneOfEachAlikeNamespace } from './alike-namespaces';
import { analyzeAssumingNamespaceLabels, CLUSTER_WIDE_SAMPLE_NAMESPACE } from './analyzer-factory';
import { checkDns, checkFqdnDnsProxy, checkGateway, OpenClawFlows } from './checks';
import { ciliumAgentRejections } from './cilium-agent-rules';
import { FlowEndpoint } from './flow-endpoint';
import { expandLists } from './manifests';
import { Policy, Rule } from './policy-model';
import { describeCiliumRule, describeNetworkPolicyRule } from './rule-text';
import { Cidr } from '../net/cidr';

/**
 * The guards: checks over every object an app renders (library constructs,
 * cdk8s-plus policies, raw `ApiObject`s, imported Cilium classes, in any
 * chart) or a `check` run reads. One function, so that synthesis and the
 * `check` command give the same verdict on the same objects.
 *
 * "May select the same pods" is decided by the analyzer's own selectors: a
 * pod with the labels of both policies' `matchLabels`, in the namespace of
 * the namespaced one, must be selected by both. A namespace that no
 * `Namespace` object in the manifests describes may carry any labels, so it
 * is assumed to carry those that cluster-wide policies select namespaces by
 * (`analyzeAssumingNamespaceLabels`).
 *
 * @module
 */

/** One thing a guard found. */
export interface GuardFinding {
  /** The guard, such as `fqdn-allow-list-voided`. */
  readonly rule: string;
  /** What is wrong, naming the objects involved, and the fix. */
  readonly message: string;
}

/** What the guards need besides the manifests. */
export interface GuardOptions {
  /** The OpenClaw flows the constructs expect (DNS and gateway reachable); none for plain YAML. */
  readonly flows?: OpenClawFlows[];
  /** The construct path of a manifest, when a construct made it. */
  readonly constructPathOf?: (manifest: any) => string | undefined;
}

/** The guards' result. */
export interface GuardResult {
  readonly findings: GuardFinding[];
  /**
   * For each observe-mode Cilium policy (egress rules, egress default deny
   * off), the other policies that put some of its pods in egress default
   * deny anyway, as `Kind namespace/name`.
   */
  readonly observeEnforcedBy: Map<any, string[]>;
}

/** A name outside every allow-list: a pod that may look it up may look up any name. */
const UNLISTED_NAME = 'unlisted-name.cdk8s-openclaw.invalid';

/** A label outside every allow-list, put in place of each wildcard of a `matchPattern` to get a name it admits. */
const UNLISTED_LABEL = 'unlisted-label';

/**
 * Runs every guard over the manifests (`List` objects are expanded). Of
 * namespaces alike up to their name (`oneOfEachAlikeNamespace`), the guards
 * judge the first first: when that finds nothing, the others would find
 * nothing either; otherwise they judge them all, so that every finding names
 * its own objects.
 */
export function runGuards(input: any[], options: GuardOptions = {}): GuardResult {
  const all = expandLists(input.flat());
  const alike = oneOfEachAlikeNamespace(all, options.flows ?? []);
  if (alike.leftOut.length > 0) {
    const result = judge(alike.manifests, { ...options, flows: alike.flows });
    if (result.findings.length === 0 && result.observeEnforcedBy.size === 0) return result;
  }
  return judge(all, options);
}

function judge(all: any[], options: GuardOptions): GuardResult {
  const describeManifest = (manifest: any, ref?: string) => {
    const path = options.constructPathOf?.(manifest);
    const namespace = manifest.metadata?.namespace;
    const text = ref ?? `${manifest.kind} ${namespace ? `${namespace}/` : ''}${manifest.metadata?.name}`;
    return path ? `${text} (construct ${path})` : text;
  };
  const describePolicy = (policy: Policy) => describeManifest(policy.manifest, policy.ref);

  const rejected = new Set<any>();
  const findings: GuardFinding[] = [];
  for (const manifest of all) {
    const rejections = ciliumAgentRejections(manifest);
    if (rejections.length === 0) continue;
    rejected.add(manifest);
    findings.push({
      rule: 'cilium-agent-rejects',
      message: `${describeManifest(manifest)}: Cilium's agent would drop this policy whole (${rejections
        .map(r => `${r.path}: ${r.message}, ${r.upstream}`).join('; ')}), so its pods get none of its rules, the DNS-proxy rule included.`
        + ` Fix: ${[...new Set(rejections.map(r => r.fix))].join(' ')}`,
    });
  }
  const manifests = all.filter(manifest => !rejected.has(manifest));
  const analyzer = analyzeAssumingNamespaceLabels(manifests, (options.flows ?? []).map(f => f.pod.namespace!));
  const policies = analyzer._policies();

  /**
   * A pod both policies select, if the analyzer finds one: it carries the labels both selectors ask for (a sample
   * value, such as an `Exists` one, gives way to the other selector's value when the first merge misses).
   */
  const sharedPod = (a: Policy, b: Policy): FlowEndpoint | undefined => {
    if (!a.podSample || !b.podSample) return undefined;
    // A namespaced policy's sample is in its namespace; a cluster-wide one's names a namespace only if its selector does
    // (its `Exists` on the namespace gives the sample namespace `sample`, so the other policy's namespace is tried too).
    const namespaces = new Set([a.podSample.namespace ?? b.podSample.namespace, b.podSample.namespace]
      .map(namespace => namespace ?? CLUSTER_WIDE_SAMPLE_NAMESPACE));
    for (const namespace of namespaces) {
      for (const labels of [{ ...a.podSample.labels, ...b.podSample.labels }, { ...b.podSample.labels, ...a.podSample.labels }]) {
        let pod: FlowEndpoint;
        try {
          pod = FlowEndpoint.pod(namespace, labels);
        } catch {
          continue; // labels no pod can carry
        }
        const selecting = analyzer._policiesSelecting(pod);
        if (selecting.includes(a) && selecting.includes(b)) return pod;
      }
    }
    return undefined;
  };
  /** Each policy (itself included) that may select some pod `policy` selects, with that pod. */
  const neighbours = (policy: Policy): [Policy, FlowEndpoint][] => analyzer._policiesNear(policy)
    .map(other => [other, sharedPod(policy, other)] as [Policy, FlowEndpoint | undefined])
    .filter((pair): pair is [Policy, FlowEndpoint] => pair[1] !== undefined);

  // (i) A Cilium FQDN allow-list in force, and a policy that lets the same pods reach public addresses:
  // another one, or the allow-list's own non-FQDN rules.
  for (const allowList of policies.filter(p => p.isCilium && p.isolatesEgress && p.fqdnEntries.length > 0)) {
    for (const [other, pod] of neighbours(allowList)) {
      // In the allow-list's own policy, a rule to single public addresses is part of the allow-list (a fallback IP, say).
      const broad = other.egress.filter(rule => rule.reachesPublicAddresses && !(other === allowList && toSingleAddresses(rule.source)));
      if (broad.length === 0) continue;
      const rules = broad.map(rule => describeRule(other, rule));
      const limits = other === allowList ? 'its own toFQDNs rules limit them' : `${describePolicy(allowList)} limits the same pods`;
      findings.push({
        rule: 'fqdn-allow-list-voided',
        message: `${describePolicy(other)} lets pods ${pod} reach public addresses (${rules.join('; ')}),`
          + ` and ${limits} to an FQDN allow-list.`
          + ' Cilium adds the allows of both policies together, so the allow-list would restrict nothing.'
          + ` Remove the public-IP rule from ${other.ref} (with OpenClawNetworkIsolation, set \`internetEgress: false\`),`
          + ' or give the two policies selectors that match different pods.',
      });
    }
  }

  // (ii) Strict DNS: a Cilium policy that filters DNS names, and a policy that lets the same pods look up a name its
  // filter does not admit (any name, or the names of its own DNS rules): Cilium unions them. The strict policy's own
  // port-53 allows without rules.dns count too: Cilium merges them into its DNS filter as "any name". A filter that
  // admits every name (`matchPattern: "*"`) admits every query below, so it needs no case of its own.
  for (const strict of policies.filter(p => p.dnsRules.length > 0)) { // only Cilium policies have DNS rules
    const admitted = (name: string) => strict.dnsRules.some(rule => rule.names(name));
    for (const [other, pod] of neighbours(strict)) {
      const refs = (name: string) => (admitted(name) ? []
        : analyzer._dnsAllowsFor(pod, name).filter(ref => other.egress.some(rule => rule.ref === ref)));
      const anyNameRefs = refs(UNLISTED_NAME);
      const outside = other.dnsRules.flatMap(rule => dnsRuleEntries(rule.rule.source))
        .map(entry => ({ text: entry.text, refs: refs(entry.name) })).filter(entry => entry.refs.length > 0);
      const widening = new Set([...anyNameRefs, ...outside.flatMap(entry => entry.refs)]);
      if (widening.size === 0) continue;
      const anyName = anyNameRefs.length > 0;
      const rules = other.egress.filter(rule => widening.has(rule.ref));
      const extra = outside.map(entry => entry.text);
      const limits = other === strict ? 'its own rules.dns limit' : `${describePolicy(strict)} limits`;
      findings.push({
        rule: 'strict-dns-undone',
        message: `${describePolicy(other)} lets pods ${pod} send DNS queries for ${anyName ? 'any name' : `names outside the allow-list (${extra.join(', ')})`}`
          + ` (${rules.map(rule => describeRule(other, rule)).join('; ')}),`
          + ` and ${limits} their DNS queries to allow-listed names (DnsQueryFilter.ALLOW_LISTED_NAMES).`
          + ' Cilium merges the DNS rules of all policies on the same port and lets their names through,'
          + ` so the DNS filter would filter ${anyName ? 'nothing' : 'too little'}.`
          + ` Let the strict policy own DNS for these pods: drop the DNS allow from ${other.ref} (with OpenClawNetworkIsolation,`
          + ` set \`dnsEgress: false\`; a second OpenClawCiliumEgress needs DnsQueryFilter.ALLOW_LISTED_NAMES too${anyName ? '' : ', with the same names'}),`
          + ' or give the policies selectors that match different pods.',
      });
    }
  }

  // (iii) The OpenClaw flows the constructs expect, and FQDN rules the DNS proxy can feed.
  const serversByPod = new Map<string, OpenClawFlows['dnsServers']>();
  for (const f of options.flows ?? []) serversByPod.set(`${f.pod}`, [...serversByPod.get(`${f.pod}`) ?? [], ...f.dnsServers]);
  for (const f of options.flows ?? []) {
    const dnsServers = serversByPod.get(`${f.pod}`)!;
    findings.push(...checkDns(analyzer, { ...f, dnsServers: dnsServers.length ? dnsServers : [CLUSTER_DNS] })
      .map(message => ({ rule: 'dns-reachable', message })));
    findings.push(...checkGateway(analyzer, f).map(message => ({ rule: 'gateway-reachable', message })));
  }
  findings.push(...checkFqdnDnsProxy(manifests, analyzer).map(message => ({ rule: 'fqdn-dns-proxy', message })));

  // Observe mode: which other policies enforce egress default deny for the same pods anyway.
  const observeEnforcedBy = new Map<any, string[]>();
  for (const observer of policies.filter(p => p.isCilium && !p.isolatesEgress && p.egress.length > 0)) {
    const enforcers = neighbours(observer).filter(([other]) => other.isolatesEgress).map(([other]) => other.ref); // never itself
    if (enforcers.length) observeEnforcedBy.set(observer.manifest, [...new Set(enforcers)].sort());
  }
  return { findings: uniqueFindings(findings), observeEnforcedBy };
}

/**
 * True for a Cilium rule whose peers are single addresses (`toCIDR` or
 * `toCIDRSet` entries that are `/32`, `/128` or bare addresses). The agent
 * refuses a rule that combines them with another kind of peer
 * (`EgressRule.sanitize`, see cilium-agent-rules.ts).
 */
function toSingleAddresses(rule: any): boolean {
  // The agent refuses a toCIDRSet entry that is not an object; a CIDR-group entry has no cidr, so its range is unknown.
  const cidrs = [...rule.toCIDR ?? [], ...(rule.toCIDRSet ?? []).map((set: any) => set.cidr)].map(text => Cidr._lenient(text));
  return cidrs.length > 0 && cidrs.every(cidr => cidr !== undefined && cidr._first() === cidr._last());
}

/**
 * Each `rules.dns` entry of a Cilium egress rule with DNS rules, as written
 * (its `matchName` or `matchPattern`), with a name it admits: each wildcard
 * becomes the text of an unlisted label (so `**` stays one label), which a
 * pattern admits under Cilium 1.17 and 1.19 alike (a `matchName` has no
 * wildcard: the agent refuses `*` in it). The agent reads a null port rule or
 * entry as empty; an entry without a name (the root name at most) widens no
 * allow-list, and is left out.
 */
function dnsRuleEntries(rule: any): { text: string; name: string }[] {
  return rule.toPorts.flatMap((portRule: any) => portRule?.rules?.dns) // undefined for a port rule without: it names nothing
    .map((entry: any) => entry?.matchName ?? entry?.matchPattern)
    .filter((text: unknown): text is string => typeof text === 'string' && text.length > 0)
    .map((text: string) => ({ text, name: text.replace(/\*/g, UNLISTED_LABEL) }));
}

/** `egress[0]: to 0.0.0.0/0 on TCP/443`. */
function describeRule(policy: Policy, rule: Rule): string {
  const index = rule.ref.slice(policy.ref.length + 1);
  return `${index}: ${policy.isCilium ? describeCiliumRule(rule.source, 'egress') : describeNetworkPolicyRule(rule.source, 'egress')}`;
}

/** The cluster DNS, when no construct names DNS servers for the pods. */
const CLUSTER_DNS = { endpoint: FlowEndpoint.clusterDns(), port: 53 };

function uniqueFindings(findings: GuardFinding[]): GuardFinding[] {
  const seen = new Set<string>();
  return findings.filter(f => !seen.has(f.message) && seen.add(f.message) !== undefined);
}
