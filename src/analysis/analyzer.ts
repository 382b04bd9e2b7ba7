import { ApiObject, App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ciliumAgentRejections, ciliumL7ParserConflicts } from './cilium-agent-rules';
import { EnforcementModel } from './enforcement-model';
import { FlowEndpoint, parseAddress } from './flow-endpoint';
import { InvalidPolicy } from './invalid-policy';
import { expandLists, NamedPort, namedPortsOf, namespaceLabelsOf, parseManifests } from './manifests';
import { compilePolicies, DnsProxyRule, DnsServerCandidate, MatchContext, NODE_LOCAL_DNS_ADDRESSES, Policy, Rule, Subject, subjectOf } from './policy-model';
import { unrepresentableIn } from './unrepresentable';
import { DirectionVerdict, Flow, isFlow, Verdict } from './verdict';
import { CiliumVersion } from '../net/cilium-version';
import { NAMESPACE_NAME_LABEL } from '../net/label-requirement';
import { Protocol } from '../net/port';
import { invalid, validateLabels, validateNamespace } from '../validation/rules';
import { arrayOf, checkArgument, checkProps, instanceOf, isString, madeByItsClass, oneOf, struct } from '../validation/types';

/** The labels of one namespace, for policies that select namespaces by label. */
export interface NamespaceLabels {
  /** The namespace name. */
  readonly name: string;
  /** Its labels (`kubernetes.io/metadata.name` is always added). */
  readonly labels: { [key: string]: string };
}

/** Options of `PolicyAnalyzer`. */
export interface PolicyAnalyzerOptions {
  /**
   * How the cluster enforces policy.
   * @default EnforcementModel.GENERIC
   */
  readonly model?: EnforcementModel;

  /**
   * The Cilium version, for `matchPattern` semantics (`**.` from 1.19).
   * @default CiliumVersion.V1_17
   */
  readonly ciliumVersion?: CiliumVersion;

  /**
   * Labels of namespaces, for namespace selectors beyond `kubernetes.io/metadata.name`.
   * They override the labels of the `Namespace` objects in the input, which are read too.
   * @default []
   */
  readonly namespaces?: NamespaceLabels[];

  /**
   * The namespace of namespaced objects that have none (where `kubectl apply` puts them).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/**
 * Answers "is this flow allowed, and why?" for a set of synthesized (or
 * hand-written) manifests, under the generic Kubernetes model or Cilium's.
 *
 * Policies are compiled once and indexed by namespace, so a query only
 * runs the rules of the policies that select its two endpoints.
 *
 * ```ts
 * const analyzer = PolicyAnalyzer.fromChart(chart, { model: EnforcementModel.CILIUM });
 * analyzer.check({ from: FlowEndpoint.pod('openclaw', { app: 'openclaw' }),
 *   to: FlowEndpoint.external('160.79.104.10', 'api.anthropic.com'), port: 443 }).allowed; // true
 * ```
 */
export class PolicyAnalyzer {
  /**
   * Analyzes the objects of one chart (rendered in memory, without running
   * the app's validations, so that it also explains a chart that fails them).
   */
  public static fromChart(chart: Chart, options?: PolicyAnalyzerOptions): PolicyAnalyzer {
    if (!Chart.isChart(chart)) throw invalid('chart', chart, 'Give a cdk8s Chart; for a whole app use PolicyAnalyzer.fromApp(app).');
    return new PolicyAnalyzer(renderApiObjects(chart), options);
  }

  /** Analyzes the objects of every chart of an app. */
  public static fromApp(app: App, options?: PolicyAnalyzerOptions): PolicyAnalyzer {
    if (!Construct.isConstruct(app)) throw invalid('app', app, 'Give the cdk8s App.');
    return new PolicyAnalyzer(renderApiObjects(app), options);
  }

  /** Analyzes plain manifest objects (parsed YAML or JSON; `List` objects are expanded). Kinds other than policies are ignored. */
  public static fromManifests(manifests: any[], options?: PolicyAnalyzerOptions): PolicyAnalyzer {
    return new PolicyAnalyzer(manifests, options);
  }

  /** Analyzes YAML text with one or more documents (`---`), such as `kubectl get -o yaml` output or a recipe. */
  public static fromYaml(text: string, options?: PolicyAnalyzerOptions): PolicyAnalyzer {
    checkArgument('text', text, isString);
    return new PolicyAnalyzer(parseManifests(text), options);
  }

  /** The enforcement model. */
  public readonly model: EnforcementModel;
  /** How many policies (NetworkPolicies, and Cilium policy specs under the Cilium model) were read. */
  public readonly policyCount: number;
  /**
   * Under the Cilium model, the Cilium policies that Cilium's agent refuses
   * to import (`Parse`/`Sanitize`); the agent drops each one whole, so the
   * analyzer counts it as no policy at all.
   */
  public readonly invalidPolicies: InvalidPolicy[];
  private readonly byNamespace = new Map<string, Policy[]>();
  private readonly clusterWide: Policy[] = [];
  private readonly namespaceLabels = new Map<string, { [key: string]: string }>();
  /** Compiled endpoints and the policies that select them, so that repeated queries do no work twice. */
  private readonly subjects = new WeakMap<FlowEndpoint, Subject>();
  /** The same, by value: endpoints made apart for the same pod or address share their subject. */
  private readonly subjectsByValue = new Map<string, Subject>();
  /** DNS-server candidates (most are the well-known servers every DNS rule shares) and their subjects. */
  private readonly dnsServers = new WeakMap<DnsServerCandidate, Subject | undefined>();
  private readonly selectingCache = new WeakMap<Subject, Policy[]>();
  private readonly workingDnsRulesCache = new WeakMap<Subject, DnsProxyRule[]>();
  private readonly resolutionErrorsCache = new WeakMap<Subject, string[]>();
  private readonly egressSides = new WeakMap<Subject, Side>();
  private readonly ingressSides = new WeakMap<Subject, Side>();
  private readonly policies: Policy[];
  private readonly namedPorts: Map<string, NamedPort[]>;
  private warningsCache?: string[];

  private constructor(manifests: any[], options: PolicyAnalyzerOptions = {}) {
    madeByItsClass(this);
    if (!Array.isArray(manifests)) throw invalid('manifests', manifests, 'Give a list of manifest objects.');
    checkProps('options', options, {
      model: oneOf(EnforcementModel, 'EnforcementModel'),
      ciliumVersion: instanceOf(CiliumVersion),
      namespaces: arrayOf(struct({ name: isString }, ['name', 'labels'])),
    });
    this.model = options.model ?? EnforcementModel.GENERIC;
    const defaultNamespace = options.defaultNamespace ?? 'default';
    validateNamespace('defaultNamespace', defaultNamespace);
    const objects = expandLists(manifests.flat());
    // The Namespace objects of the input give their labels (as np-guard's engine reads them); options override.
    for (const ns of [...namespaceLabelsOf(objects), ...options.namespaces ?? []]) {
      validateNamespace('namespaces name', ns.name);
      validateLabels(`namespaces["${ns.name}"] labels`, ns.labels, false);
      this.namespaceLabels.set(ns.name, { ...ns.labels });
    }
    const namedPorts = namedPortsOf(objects);
    const rejections = objects.map(manifest => (this.model === EnforcementModel.CILIUM ? ciliumAgentRejections(manifest) : []));
    this.invalidPolicies = objects.flatMap((manifest, i) => rejections[i].map(r => ({
      kind: String(manifest.kind),
      namespace: manifest.kind === 'CiliumNetworkPolicy' ? manifest.metadata?.namespace ?? defaultNamespace : undefined,
      name: String(manifest.metadata?.name),
      path: r.path,
      message: r.message,
      upstream: r.upstream,
      fix: r.fix,
    })));
    const accepted = objects.filter((_, i) => rejections[i].length === 0);
    const policies = compilePolicies(accepted, {
      model: this.model,
      multiLabelWildcard: (options.ciliumVersion ?? CiliumVersion.V1_17).isAtLeast(CiliumVersion.V1_19),
      defaultNamespace,
      namedPorts,
    });
    this.namedPorts = namedPorts;
    for (const policy of policies) {
      if (policy.namespace === undefined) {
        this.clusterWide.push(policy);
      } else {
        const list = this.byNamespace.get(policy.namespace) ?? [];
        list.push(policy);
        this.byNamespace.set(policy.namespace, list);
      }
    }
    this.policies = policies;
    this.policyCount = policies.length;
  }

  /**
   * What the model cannot represent in the policies read (`toServices`,
   * `toRequires`, `toGroups`, `toNodes`, named ports that no
   * container in the input declares): such a peer or port is counted as
   * matching nothing, so check it by hand.
   */
  public get warnings(): string[] {
    this.warningsCache ??= [...new Set(this.policies.map(policy => policy.manifest))]
      .flatMap(manifest => unrepresentableIn(manifest, this.namedPorts));
    return [...this.warningsCache];
  }

  /** Decides one flow: both the client's egress and the server's ingress must allow it. */
  public check(flow: Flow): Verdict {
    checkArgument('flow', flow, isFlow);
    const protocol = flow.protocol ?? Protocol.TCP;
    const from = this.subject(flow.from);
    const to = this.subject(flow.to);
    const egress = this.decide('egress', from, to, flow.port, protocol);
    const ingress = this.decide('ingress', to, from, flow.port, protocol);
    const allowed = egress.allowed && ingress.allowed;
    const what = `${flow.from} -> ${flow.to} on ${protocol}/${flow.port}`;
    const reason = allowed
      ? `${what} is allowed. Egress: ${egress.reason} Ingress: ${ingress.reason}`
      : `${what} is denied. ${[egress, ingress].filter(v => !v.allowed).map(v => v.reason).join(' ')}`;
    return { allowed, egress, ingress, reason };
  }

  /** `check(flow).allowed`, without composing the explanation. */
  public isAllowed(flow: Flow): boolean {
    checkArgument('flow', flow, isFlow);
    const protocol = flow.protocol ?? Protocol.TCP;
    const from = this.subject(flow.from);
    const to = this.subject(flow.to);
    return this.decide('egress', from, to, flow.port, protocol, false).allowed && this.decide('ingress', to, from, flow.port, protocol, false).allowed;
  }

  /** The policies that select a pod, as `Kind namespace/name`. */
  public policiesSelecting(pod: FlowEndpoint): string[] {
    checkArgument('pod', pod, instanceOf(FlowEndpoint));
    const subject = this.subject(pod);
    return this.selecting(subject).map(policy => policy.ref);
  }

  /**
   * Under the Cilium model, why the agent cannot compute the pod's policy:
   * the Cilium policies selecting it put conflicting L7 parsers on one port
   * ("cannot merge conflicting L7 parsers", `pkg/policy/l4.go`
   * L7ParserType.Merge). Cilium then fails the endpoint's regeneration; the
   * analyzer denies every flow of the pod (fail closed). Empty when it resolves.
   */
  public policyResolutionErrors(pod: FlowEndpoint): string[] {
    return this.resolutionErrors(this.subject(pod));
  }

  /**
   * @internal True if the pod may resolve `name` through Cilium's DNS proxy:
   * some selecting policy's `rules.dns` allows it, or an L4-only allow on the
   * same port and server sits beside a DNS rule. Cilium merges both into one
   * L4 filter whose parser is DNS (`pkg/policy/l4.go` mergePortProto), and the
   * DNS proxy gives a selector without L7 rules `matchPattern: "*"`
   * (`pkg/fqdn/dnsproxy/proxy.go` perEPAllow.setPortRulesForID): every name.
   */
  public _canResolve(pod: FlowEndpoint, name: string): boolean {
    return this._dnsAllowsFor(pod, name).length > 0;
  }

  /** @internal The DNS-proxy rules (as `Kind namespace/name egress[i]`) through which the pod may resolve `name`. */
  public _dnsAllowsFor(pod: FlowEndpoint, name: string): string[] {
    return this.workingDnsRules(this.subject(pod)).filter(dnsRule => dnsRule.names(name)).map(dnsRule => dnsRule.rule.ref);
  }

  /**
   * @internal One side of a flow: true if `self`'s egress (to `peer`) or
   * ingress (from `peer`) allows it. `check` is the conjunction of both sides.
   */
  public _sideAllows(direction: 'ingress' | 'egress', self: FlowEndpoint, peer: FlowEndpoint, port: number, protocol: string): boolean {
    return this._sideVerdict(direction, self, peer, port, protocol).allowed;
  }

  /**
   * @internal One side's verdict, without its reason; unlike `check`, it takes
   * any protocol of the connectivity, ICMP and ICMPv6 (with the type as `port`) included.
   */
  public _sideVerdict(direction: 'ingress' | 'egress', self: FlowEndpoint, peer: FlowEndpoint, port: number, protocol: string): DirectionVerdict {
    return this.decide(direction, this.subject(self), this.subject(peer), port, protocol, false);
  }

  /** @internal The namespaces whose labels the analyzer knows (from the input's Namespace objects and the options). */
  public _namespaceLabels(): Map<string, { [key: string]: string }> {
    return new Map(this.namespaceLabels);
  }

  /** @internal Every compiled policy, in manifest order. */
  public _policies(): Policy[] {
    return [...this.policies];
  }

  /** @internal The compiled policies that select the pod. */
  public _policiesSelecting(pod: FlowEndpoint): Policy[] {
    return this.selecting(this.subject(pod));
  }

  /**
   * @internal The policies that may select some pod `policy` selects: those
   * in its namespace and the cluster-wide ones (all of them for a cluster-wide policy).
   */
  public _policiesNear(policy: Policy): Policy[] {
    if (policy.namespace === undefined) return this._policies();
    return [...this.byNamespace.get(policy.namespace) ?? [], ...this.clusterWide];
  }

  /** @internal True if a Cilium policy with `toFQDNs` rules puts the pod in egress default deny (an FQDN allow-list is in force). */
  public _fqdnRestricted(pod: FlowEndpoint): boolean {
    return this.selecting(this.subject(pod)).some(policy => policy.isolatesEgress && policy.fqdnEntries.length > 0);
  }

  private subject(endpoint: FlowEndpoint): Subject {
    if (!(endpoint instanceof FlowEndpoint)) {
      throw invalid('flow endpoint', endpoint, 'Use FlowEndpoint.pod(...), FlowEndpoint.external(...) or FlowEndpoint.clusterDns().');
    }
    const cached = this.subjects.get(endpoint);
    if (cached) return cached;
    const key = JSON.stringify([endpoint.namespace, endpoint.labels, endpoint.ip, endpoint.dnsName]);
    const same = this.subjectsByValue.get(key);
    if (same) {
      this.subjects.set(endpoint, same);
      return same;
    }
    const address = endpoint.ip !== undefined ? parseAddress(endpoint.ip) : undefined;
    const namespaceLabels = endpoint.isPod
      ? { ...this.namespaceLabels.get(endpoint.namespace!), [NAMESPACE_NAME_LABEL]: endpoint.namespace! }
      : {};
    const isHost = this.model === EnforcementModel.CILIUM && endpoint.ip !== undefined && NODE_LOCAL_DNS_ADDRESSES.includes(endpoint.ip);
    const subject = subjectOf(endpoint.namespace, endpoint.labels, namespaceLabels, address, endpoint.isPod ? undefined : endpoint.dnsName, isHost);
    this.subjects.set(endpoint, subject);
    this.subjectsByValue.set(key, subject);
    return subject;
  }

  /**
   * The DNS-proxy rules of the pod's policies that really carry its queries,
   * that is, whose flow to a DNS server they name is allowed (egress, deny
   * rules and the server's ingress included): their names are those the pod
   * can resolve through Cilium's DNS proxy.
   *
   * Cilium's L4/L7 merge counts too: an allow without L7 rules (a
   * NetworkPolicy rule, or a Cilium rule without `rules.dns`) of a policy
   * selecting the pod, on the port of a working DNS-proxy rule and to a server
   * it carries queries to, adds an allow-all DNS rule for that server
   * (cilium/cilium `pkg/policy`, `wildcardL3L4Rule`: for a filter whose L7
   * parser is DNS it sets `PortRuleDNS{}`, which `Sanitize()` makes
   * `matchPattern: "*"`). So such a rule lets the pod resolve every name.
   */
  private workingDnsRules(pod: Subject): DnsProxyRule[] {
    let working = this.workingDnsRulesCache.get(pod);
    if (!working) {
      const policies = this.selecting(pod);
      const served: { server: Subject; port: number }[] = [];
      const l7Rules = policies.flatMap(policy => policy.dnsRules).filter(dnsRule => {
        const flows = dnsRule.candidates.flatMap(candidate => {
          const server = this.dnsServer(candidate);
          return server ? dnsRule.ports.map(port => ({ server, port })) : [];
        }).filter(({ server, port }) => dnsRule.rule.matches(server, port, 'UDP', NO_FQDN_CONTEXT)
          && this.decide('egress', pod, server, port, 'UDP', false).allowed && this.decide('ingress', server, pod, port, 'UDP', false).allowed);
        served.push(...flows);
        return flows.length > 0;
      });
      const l7Refs = new Set(policies.flatMap(policy => policy.dnsRules.map(dnsRule => dnsRule.rule.ref)));
      // Cilium's wildcardL3L4Rules: another label-based allow of the server on that port (no ports, port 0, or a port or
      // range covering it, without L7 rules) adds "allow every name" to the DNS filter.
      const wildcards: DnsProxyRule[] = policies.flatMap(policy => policy.egress)
        .filter(rule => !l7Refs.has(rule.ref) && served.some(({ server, port }) => ['UDP', 'TCP'].some(protocol =>
          rule.widensL7On(port, protocol) && rule.matches(server, port, protocol, NO_FQDN_CONTEXT))))
        .map(rule => ({ names: () => true, candidates: [], ports: [], rule }));
      working = [...l7Rules, ...wildcards];
      this.workingDnsRulesCache.set(pod, working);
    }
    return working;
  }


  /** The subject of a DNS server candidate; undefined for labels or an address that no real DNS server could have. */
  private dnsServer(candidate: DnsServerCandidate): Subject | undefined {
    if (!this.dnsServers.has(candidate)) {
      let server: Subject | undefined;
      try {
        server = this.subject(candidate.ip !== undefined
          ? FlowEndpoint.external(candidate.ip) : FlowEndpoint.pod(candidate.namespace!, candidate.labels ?? {}));
      } catch {
        server = undefined;
      }
      this.dnsServers.set(candidate, server);
    }
    return this.dnsServers.get(candidate);
  }

  private resolutionErrors(pod: Subject): string[] {
    if (this.model !== EnforcementModel.CILIUM) return [];
    let errors = this.resolutionErrorsCache.get(pod);
    if (!errors) {
      const specs = this.selecting(pod).filter(policy => policy.isCilium).map(policy => ({ ref: policy.ref, spec: policy.ciliumSpec }));
      errors = ciliumL7ParserConflicts(specs).map(conflict => `${conflict.refs.join(' and ')} put conflicting L7 parsers on ${conflict.direction}`
        + ` ${conflict.port}: "${conflict.message}" (${conflict.upstream}), so Cilium cannot compute the policy of ${describe(pod)}.`);
      this.resolutionErrorsCache.set(pod, errors);
    }
    return errors;
  }

  private selecting(pod: Subject): Policy[] {
    if (!pod.isPod) return [];
    let policies = this.selectingCache.get(pod);
    if (!policies) {
      policies = [...this.byNamespace.get(pod.namespace!) ?? [], ...this.clusterWide].filter(policy => policy.selects(pod));
      this.selectingCache.set(pod, policies);
    }
    return policies;
  }

  /** What one side's decisions share, whatever the peer: the pod's policies, rules and isolation in that direction. */
  private sideOf(direction: 'ingress' | 'egress', self: Subject): Side {
    const cache = direction === 'egress' ? this.egressSides : this.ingressSides;
    let side = cache.get(self);
    if (!side) {
      const policies = this.selecting(self);
      const rulesOf = (policy: Policy, deny: boolean): Rule[] =>
        direction === 'egress' ? (deny ? policy.egressDeny : policy.egress) : (deny ? policy.ingressDeny : policy.ingress);
      side = {
        policies,
        unresolvable: this.resolutionErrors(self),
        context: {
          model: this.model,
          dnsResolvable: name => direction === 'egress' && this.workingDnsRules(self).some(dnsRule => dnsRule.names(name)),
        },
        allowRules: policies.flatMap(policy => rulesOf(policy, false)),
        denyRules: policies.flatMap(policy => rulesOf(policy, true)),
        isolatedBy: policies.filter(policy => (direction === 'egress' ? policy.isolatesEgress : policy.isolatesIngress)).map(policy => policy.ref),
      };
      cache.set(self, side);
    }
    return side;
  }

  /** One side's decision; without `explain`, the reason is left empty (the exhaustive connectivity asks millions of these). */
  private decide(direction: 'ingress' | 'egress', self: Subject, peer: Subject, port: number, protocol: string, explain = true): DirectionVerdict {
    const side = direction === 'egress' ? 'egress' : 'ingress';
    const say = (text: () => string) => (explain ? text() : '');
    if (!self.isPod) {
      return verdict(true, [], [], [], say(() => `${direction === 'egress' ? 'the client' : 'the server'} is outside the cluster; no ${side} policy applies.`));
    }
    const { policies, unresolvable, context, allowRules, denyRules, isolatedBy } = this.sideOf(direction, self);
    if (unresolvable.length) {
      return verdict(false, policies.map(p => p.ref), [], [], say(() => `${side} is denied: ${unresolvable.join(' ')}`));
    }
    const matching = (deny: boolean) => (deny ? denyRules : allowRules)
      .filter(rule => rule.matches(peer, port, protocol, context)).map(rule => rule.ref);
    const deniedBy = matching(true);
    const allowedBy = matching(false);
    const peerText = () => (direction === 'egress' ? `to ${describe(peer)}` : `from ${describe(peer)}`);
    if (deniedBy.length) {
      return verdict(false, isolatedBy, allowedBy, deniedBy, say(() => `${side} ${peerText()} on ${protocol}/${port} is denied by ${deniedBy.join(', ')} (deny rules win).`));
    }
    if (isolatedBy.length === 0) {
      const why = () => (policies.length ? `the policies that select it (${policies.map(p => p.ref).join(', ')}) do not turn on default deny` : 'no policy selects it');
      return verdict(true, isolatedBy, allowedBy, deniedBy, say(() => `${describe(self)} is not isolated for ${side}: ${why()}.`));
    }
    if (allowedBy.length) {
      return verdict(true, isolatedBy, allowedBy, deniedBy, say(() => `${side} ${peerText()} on ${protocol}/${port} is allowed by ${allowedBy.join(', ')}.`));
    }
    const hint = () => (direction === 'egress' && peer.dnsName && !context.dnsResolvable(peer.dnsName) && this.model === EnforcementModel.CILIUM
      ? ` No DNS-proxy rule (rules.dns) lets it resolve ${peer.dnsName}, so toFQDNs cannot match it.` : '');
    return verdict(false, isolatedBy, allowedBy, deniedBy, say(() =>
      `${describe(self)} is isolated for ${side} by ${isolatedBy.join(', ')}, and no rule allows ${peerText()} on ${protocol}/${port}.${hint()}`));
  }
}

/** What the decisions of one pod's side (egress or ingress) share. */
interface Side {
  readonly policies: Policy[];
  readonly unresolvable: string[];
  readonly context: MatchContext;
  readonly allowRules: Rule[];
  readonly denyRules: Rule[];
  readonly isolatedBy: string[];
}

/** A context for rules that never involve toFQDNs (flows to DNS servers). */
const NO_FQDN_CONTEXT: MatchContext = { model: EnforcementModel.CILIUM, dnsResolvable: () => false };

function verdict(allowed: boolean, isolatedBy: string[], allowedBy: string[], deniedBy: string[], reason: string): DirectionVerdict {
  return { allowed, isolated: isolatedBy.length > 0, isolatedBy: [...isolatedBy], allowedBy, deniedBy, reason };
}

function describe(subject: Subject): string {
  if (subject.isPod) {
    const labels = Object.keys(subject.labels).sort().map(key => `${key}=${subject.labels[key]}`).join(', ');
    return `pod ${subject.namespace}/{${labels}}`;
  }
  return subject.dnsName ? `${subject.dnsName} (${subject.address})` : `${subject.address}`;
}

/** The API objects under `scope`, rendered to JSON without validating the app. */
export function renderApiObjects(scope: IConstruct): any[] {
  return scope.node.findAll().filter(ApiObject.isApiObject).map(apiObject => apiObject.toJson());
}
