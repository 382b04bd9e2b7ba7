import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { OpenClawCiliumEgress } from './cilium-egress';
import { isCiliumOptions, OpenClawCiliumOptions } from './cilium-options';
import { declaredGatewayPort } from './declared-gateway-port';
import { OpenClawDefaults, resolveOpenClawPods } from './defaults';
import { resolveIngressRules, sampleSourcePods } from './ingress-sources';
import { dnsServersOf } from '../analysis/checks';
import { FlowEndpoint } from '../analysis/flow-endpoint';
import { dnsServerOf, endpointSetIntent, OpenClawIntent, portSpecOf } from '../analysis/intent';
import { intentAnnotation, podsSpecsOf } from '../analysis/recorded-intent';
import { expectOpenClawFlows } from '../analysis/synth-guard';
import { AiProvider } from '../catalog/ai-provider';
import { EndpointSet } from '../catalog/endpoint-set';
import { MessagingChannel } from '../catalog/messaging-channel';
import { DnsTarget, validateDnsTargets } from '../net/dns-target';
import { IpRanges } from '../net/ip-ranges';
import { LabelRequirement, labelsSelectedBy } from '../net/label-requirement';
import { describeLabels, Peer } from '../net/peer';
import { Port, uniquePorts } from '../net/port';
import { PolicyAnnotations } from '../policies/annotations';
import { DefaultDeny } from '../policies/default-deny';
import { DnsEgress } from '../policies/dns-egress';
import { EgressAllow } from '../policies/egress-allow';
import { IngressAllow } from '../policies/ingress-allow';
import { PeerIngressPolicies, podsInOwnNamespace } from '../policies/peer-ingress';
import { arePeers, arePorts, isPolicyRule, PolicyRule } from '../policies/rule-list';
import { invalid, validatePortNumber } from '../validation/rules';
import { arrayOf, checkProps, FieldChecks, instanceOf, isBoolean, isString } from '../validation/types';

/** Props of `OpenClawNetworkIsolation`. */
export interface OpenClawNetworkIsolationProps {
  /**
   * The namespace OpenClaw runs in.
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * Labels of the OpenClaw pods (at least one). Give either this or `pods`.
   * @default { app: 'openclaw' }
   */
  readonly selector?: { [key: string]: string };

  /**
   * The OpenClaw pods as a cdk8s-plus selector: the `Deployment` (or
   * `StatefulSet`, `DaemonSet`, `Job`, `Pod`) that runs OpenClaw, or
   * `kplus.Pods.select(...)`. The policies select its pods by the labels it
   * selects them by, in its namespace: a workload by the
   * `cdk8s.io/metadata.addr` label cdk8s-plus gives its pods;
   * `kplus.Pods.select(...)` by its labels and its expressions (`In`, `NotIn`,
   * `Exists`, `DoesNotExist`, as `matchExpressions` of the NetworkPolicies
   * and of the Cilium policy). Give either this or `selector`.
   *
   * When `gatewayPort` is not given and its containers declare TCP ports, the
   * gateway port is the one named `gateway`, else the one named `http`, else
   * the only one; several unnamed ports are an error (set `gatewayPort`).
   * A name wins over a number: a sidecar's port named `http` is chosen over
   * an unnamed 18789 of the OpenClaw container, so name the gateway's port
   * `gateway` (or set `gatewayPort`) when the pod has sidecars. The ports are
   * read when the construct is made and again at synthesis: a container
   * added later that changes the choice fails synthesis (set `gatewayPort`).
   * @default - the pods of `selector`
   */
  readonly pods?: kplus.IPodSelector;

  /**
   * Prefix of the policy names: `<name>-default-deny`, `<name>-dns-egress`,
   * `<name>-egress` and `<name>-ingress`.
   * @default 'openclaw'
   */
  readonly name?: string;

  /**
   * The gateway's TCP port (`--port`, `OPENCLAW_GATEWAY_PORT` or `gateway.port`).
   * @default - the port the `pods` workload declares (see `pods`), else 18789
   */
  readonly gatewayPort?: number;

  /**
   * Namespaces whose pods may reach every ingress port: the gateway,
   * `additionalIngressPorts` and the channels' webhook ports (at least one).
   * The coarse form: for sources per port, or pods rather than whole
   * namespaces, use `gatewaySources` and `webhookSources` instead.
   * @default - see gatewaySources and webhookSources
   */
  readonly ingressNamespaces?: string[];

  /**
   * Who may reach the gateway port and `additionalIngressPorts`: whole
   * namespaces (`Peer.namespaces([...])`), pods
   * (`Peer.podsInNamespaces(['monitoring'], { 'app.kubernetes.io/name': 'prometheus' })`),
   * or cdk8s-plus peers (`Peer.fromKplus(...)`).
   * @default [Peer.namespaces(['ingress-nginx', 'monitoring'])]
   */
  readonly gatewaySources?: Peer[];

  /**
   * Who may reach the webhook ports of channels with a listener of their own
   * (MS Teams 3978, Nextcloud Talk 8788): webhooks come in through the
   * ingress controller, so monitoring does not get them.
   * @default [Peer.namespaces(['ingress-nginx'])]
   */
  readonly webhookSources?: Peer[];

  /**
   * Accept connections at all. `false` emits an ingress policy with no rules:
   * nothing may connect to the OpenClaw pods (a bot that only polls and
   * dials out). Then no ingress prop, nor a channel with a webhook port of
   * its own, may be given.
   * @default true
   */
  readonly allowIngress?: boolean;

  /**
   * More ports to open to the gateway's sources.
   * @default []
   */
  readonly additionalIngressPorts?: Port[];

  /**
   * The messaging channels OpenClaw uses. Channels that receive webhooks on
   * a port of their own (`MessagingChannel.MS_TEAMS` on 3978,
   * `MessagingChannel.nextcloudTalk(...)` on 8788) get that port opened to
   * `webhookSources`. With `internetEgress`, the channels' ports (such
   * as IRC's 6697) are added to the public egress ports.
   * @default []
   */
  readonly channels?: MessagingChannel[];

  /**
   * The AI providers OpenClaw uses. In-cluster model servers
   * (`AiProvider.ollama(...)`, `AiProvider.vllm(...)`, `AiProvider.inCluster(...)`)
   * get an egress rule to their pods (and, in OpenClaw's own namespace, an
   * ingress allow from the OpenClaw pods); with `internetEgress`, the ports of
   * external providers are added to the public egress ports.
   * @default []
   */
  readonly providers?: AiProvider[];

  /**
   * Say once that this is a Cilium cluster: also emit the Cilium FQDN
   * allow-list (`ciliumEgress`, an `OpenClawCiliumEgress` named
   * `<name>-fqdn-egress`) for the same pods, namespace, providers, channels
   * and `dnsTargets`, and let it own internet egress and DNS: the
   * NetworkPolicies then allow no public IPs and no DNS of their own
   * (`internetEgress` and `dnsEgress` default to `false`, and `true` is
   * refused), so neither can void the allow-list or the DNS filter.
   * @default - no Cilium policy
   */
  readonly cilium?: OpenClawCiliumOptions;

  /**
   * Allow egress to public IP addresses on `egressPorts`. Set to `false` on
   * Cilium clusters where `OpenClawCiliumEgress` owns internet egress: Cilium
   * adds NetworkPolicy and CiliumNetworkPolicy allows together, so a public-IP
   * rule here would void the FQDN allow-list (synthesis fails if both are on).
   * @default - true; false with `cilium`
   */
  readonly internetEgress?: boolean;

  /**
   * The cluster's pod and service ranges that are NOT in the private ranges
   * (for example IPv6 global-unicast pod ranges on EKS or GKE, or GKE's
   * "privately used public IPs"). They are excluded from public egress, so
   * that CNIs which match ipBlocks against pod IPs (Calico) cannot reach pods.
   * @default []
   */
  readonly clusterCidrs?: string[];

  /**
   * Ports the pods may use towards public IP addresses.
   * @default [Port.tcp(443), Port.tcp(5222)]
   */
  readonly egressPorts?: Port[];

  /**
   * Where the cluster's DNS servers are.
   * @default [DnsTarget.kubeDns()]
   */
  readonly dnsTargets?: DnsTarget[];

  /**
   * Emit the DNS egress NetworkPolicy. Set to `false` when an
   * `OpenClawCiliumEgress` with `DnsQueryFilter.ALLOW_LISTED_NAMES` owns DNS:
   * a NetworkPolicy that allows port 53 would void its DNS filter (synthesis
   * fails if both are on). Synthesis also fails if the pods are then left
   * without any way to reach DNS.
   * @default - true; false with `cilium`
   */
  readonly dnsEgress?: boolean;

  /**
   * More egress destinations, such as an in-cluster LLM proxy or Ollama:
   * `{ peers: [Peer.podsInNamespaces(['llm'], { app: 'ollama' })], ports: [Port.tcp(11434)] }`.
   * Pods in OpenClaw's own namespace also get an ingress allow (see `allowEgressTo`).
   * @default []
   */
  readonly additionalEgress?: PolicyRule[];

  /**
   * Allow TCP 80 to the cloud metadata endpoint 169.254.169.254 (needed, for
   * example, by MS Teams workload identity). Blocked by default because it
   * hands out the node's cloud credentials.
   * @default false
   */
  readonly allowCloudMetadata?: boolean;
}

/** The type checks of the props, made once (see the constructor). */
const ISOLATION_PROP_CHECKS: FieldChecks = {
  ingressNamespaces: arrayOf(isString),
  gatewaySources: arePeers,
  webhookSources: arePeers,
  allowIngress: isBoolean,
  cilium: isCiliumOptions,
  additionalIngressPorts: arePorts,
  channels: arrayOf(instanceOf(MessagingChannel)),
  providers: arrayOf(instanceOf(AiProvider)),
  internetEgress: isBoolean,
  clusterCidrs: arrayOf(isString),
  egressPorts: arePorts,
  dnsTargets: arrayOf(instanceOf(DnsTarget)),
  dnsEgress: isBoolean,
  additionalEgress: arrayOf(isPolicyRule),
  allowCloudMetadata: isBoolean,
};

/**
 * Least-privilege NetworkPolicies (`networking.k8s.io/v1`, any CNI) for
 * OpenClaw:
 * - every pod in the namespace is denied all ingress and egress by default;
 * - OpenClaw pods may query only the cluster DNS, on UDP and TCP;
 * - they may open `egressPorts` (443, 5222) only to public addresses, never
 *   to private, CGNAT, loopback or link-local ranges (so not to in-cluster
 *   services or 169.254.169.254);
 * - they accept connections only on the gateway port, only from pods in
 *   `ingressNamespaces`.
 */
export class OpenClawNetworkIsolation extends Construct {
  /** The namespace-wide default deny (ingress and egress); it carries the construct's intent (`PolicyAnnotations.INTENT`). */
  public readonly defaultDeny: DefaultDeny;
  /** DNS egress to the cluster DNS only (none with `dnsEgress: false`). */
  public readonly dnsEgress?: DnsEgress;
  /** Egress of the OpenClaw pods: public internet on `egressPorts`, plus any additional destinations. */
  public readonly egress: EgressAllow;
  /** Ingress to the OpenClaw pods: the gateway port (and additional ports) from its sources, webhook ports from theirs. */
  public readonly ingress: IngressAllow;
  /** The Cilium FQDN allow-list, with the `cilium` prop. */
  public readonly ciliumEgress?: OpenClawCiliumEgress;
  /** The namespace the policies live in (undefined: the namespace they are applied to). */
  public readonly namespace?: string;
  /** Labels of the OpenClaw pods. */
  public readonly selector: { [key: string]: string };
  /** More requirements on the OpenClaw pods' labels (from the expressions of `pods`); empty when there are none. */
  public readonly selectorRequirements: LabelRequirement[];
  private readonly ownNamespacePeers: PeerIngressPolicies<IngressAllow>;
  private readonly allowIngress: boolean;
  /** The in-cluster peers egress was allowed to (`allowEgressTo`), for the recorded intent. */
  private readonly inClusterPeers: OpenClawIntent['inCluster'] = [];

  constructor(scope: Construct, id: string, props: OpenClawNetworkIsolationProps = {}) {
    super(scope, id);
    // Types first (for JavaScript callers); namespace, selector, name and gatewayPort are checked by their value rules below.
    checkProps('props', props, ISOLATION_PROP_CHECKS);
    const { name, selector, selectorRequirements, namespace } = resolveOpenClawPods(props, '-default-deny');
    const gatewayPort = props.gatewayPort ?? (props.pods && declaredGatewayPort(props.pods)) ?? OpenClawDefaults.GATEWAY_PORT;
    validatePortNumber('gatewayPort', gatewayPort);
    if (props.pods !== undefined && props.gatewayPort === undefined) refuseLaterGatewayPort(this, props.pods, gatewayPort);
    this.allowIngress = props.allowIngress ?? true;
    const ingressRules = resolveIngressRules(props, gatewayPort);
    const cilium = props.cilium;
    if (cilium !== undefined) {
      if (props.internetEgress === true) {
        throw invalid('internetEgress', true, 'With cilium, the FQDN allow-list owns internet egress, and a public-IP NetworkPolicy rule would void it; drop internetEgress.');
      }
      if (props.dnsEgress === true) {
        throw invalid('dnsEgress', true, 'With cilium, the Cilium policy owns DNS (through its DNS proxy, which FQDN rules need); drop dnsEgress.');
      }
    }
    const internetEgress = props.internetEgress ?? cilium === undefined;
    const dnsEgress = props.dnsEgress ?? cilium === undefined;
    const egressPorts = props.egressPorts ?? OpenClawDefaults.EGRESS_PORTS;
    if (internetEgress && egressPorts.length === 0) {
      throw invalid('egressPorts', egressPorts, 'Give at least one port, or set internetEgress: false to allow no public egress at all.');
    }
    if (!internetEgress && props.egressPorts !== undefined) {
      throw invalid('egressPorts', props.egressPorts.map(String), 'egressPorts apply to public-internet egress, which internetEgress: false turns off; drop one of the two.');
    }

    if (props.dnsTargets !== undefined) validateDnsTargets('dnsTargets', props.dnsTargets);
    if (!dnsEgress && cilium === undefined && props.dnsTargets !== undefined) {
      throw invalid('dnsTargets', props.dnsTargets.map(t => t.description),
        'dnsTargets shape the DNS egress policy, which dnsEgress: false turns off; give the DNS targets to OpenClawCiliumEgress instead.');
    }
    const common = { namespace, selector, selectorRequirements };
    this.defaultDeny = new DefaultDeny(this, 'DefaultDeny', { namespace, name: `${name}-default-deny` });
    this.namespace = this.defaultDeny.target.namespace;
    this.selector = { ...selector };
    this.selectorRequirements = selectorRequirements;
    if (dnsEgress) {
      this.dnsEgress = new DnsEgress(this, 'DnsEgress', { ...common, name: `${name}-dns-egress`, targets: props.dnsTargets });
    }
    this.egress = new EgressAllow(this, 'Egress', { ...common, name: `${name}-egress` });
    this.ownNamespacePeers = new PeerIngressPolicies(name, (podLabels, policyName, index, podRequirements) =>
      new IngressAllow(this, `PeerIngress${index}`, { namespace, name: policyName, selector: podLabels, selectorRequirements: podRequirements }));
    for (const rule of props.additionalEgress ?? []) this.allowEgressTo(rule.peers, rule.ports);
    const publicInternet = Peer.publicInternet(props.clusterCidrs);
    const endpointSets: EndpointSet[] = [...props.providers ?? [], ...props.channels ?? []];
    for (const set of endpointSets.filter(s => s.isInCluster)) {
      this.allowEgressTo([Peer.podsInNamespaces([set.namespace!], set.podLabels!)], set.ports);
    }
    if (internetEgress) {
      const externalPorts = endpointSets.filter(s => !s.isInCluster).flatMap(s => s.ports);
      this.egress.allowTo(publicInternet, uniquePorts([...egressPorts, ...externalPorts]));
    }
    if (props.allowCloudMetadata ?? false) {
      this.egress.allowTo([Peer.ipBlock(IpRanges.CLOUD_METADATA_IPV4)], [Port.tcp(OpenClawDefaults.CLOUD_METADATA_PORT)]);
    }
    this.ingress = new IngressAllow(this, 'Ingress', { ...common, name: `${name}-ingress`, rules: ingressRules });
    if (cilium !== undefined) {
      // The same pods: `pods` itself when given (its expressions included), else the labels.
      this.ciliumEgress = new OpenClawCiliumEgress(this, 'Cilium', {
        ...cilium,
        namespace,
        ...props.pods ? { pods: props.pods } : { selector },
        name,
        providers: props.providers,
        channels: props.channels,
        dnsTargets: props.dnsTargets,
      });
    }
    const [gatewayRule, ...webhookRules] = ingressRules;
    const ownNamespace = this.namespace ?? 'default';
    const externalSets = internetEgress ? endpointSets.filter(s => !s.isInCluster) : [];
    // A Lazy: allowEgressTo may add in-cluster peers after construction.
    this.defaultDeny.policy.metadata.addAnnotation(PolicyAnnotations.INTENT, Lazy.any({
      produce: () => intentAnnotation({
        namespace: this.namespace,
        selector: this.selector,
        selectorRequirements: this.selectorRequirements,
        gatewayPort,
        ingressPorts: (gatewayRule?.ports ?? []).map(portSpecOf),
        ingressFrom: podsSpecsOf(gatewayRule?.peers ?? [], ownNamespace),
        webhookPorts: webhookRules.flatMap(rule => rule.ports).map(portSpecOf),
        webhookFrom: webhookRules.flatMap(rule => podsSpecsOf(rule.peers, ownNamespace)),
        publicEgressPorts: internetEgress ? uniquePorts([...egressPorts, ...externalSets.flatMap(set => set.ports)]).map(portSpecOf) : [],
        names: endpointSetIntent(externalSets).names,
        inCluster: this.inClusterPeers,
        dns: (this.dnsEgress?.targets ?? []).map(dnsServerOf),
        cloudMetadata: props.allowCloudMetadata ?? false,
      }),
    }));
    expectOpenClawFlows(this, {
      pod: FlowEndpoint.pod(this.namespace ?? 'default', labelsSelectedBy(selector, selectorRequirements)!),
      dnsServers: dnsServersOf(this.dnsEgress?.targets ?? []),
      gatewayPort: gatewayRule && gatewayPort,
      ingressSources: gatewayRule ? sampleSourcePods(gatewayRule.peers, this.namespace) : [],
      webhookListeners: webhookRules.flatMap(rule => rule.ports.filter(port => port.portNumber !== undefined)
        .map(port => ({ port: port.portNumber!, sources: sampleSourcePods(rule.peers, this.namespace) }))),
    });
  }

  /**
   * Ingress allows for the pods in OpenClaw's own namespace that the OpenClaw
   * pods may reach (in-cluster model servers, `allowEgressTo` peers), one
   * NetworkPolicy per pod selector (`<name>-<pod label values>-ingress`): the
   * namespace-wide default deny isolates those pods too.
   */
  public get peerIngress(): IngressAllow[] {
    return this.ownNamespacePeers.all;
  }

  /**
   * Allows the OpenClaw pods to reach more peers, such as an in-cluster model
   * server. Pods in OpenClaw's own namespace (`Peer.pods(...)`, or a peer
   * naming that namespace) also get an ingress allow from the OpenClaw pods on
   * the same ports, since the namespace-wide default deny isolates them too.
   * Without a namespace (neither the prop nor the chart's), a peer that names
   * namespaces is refused: it may or may not be OpenClaw's own.
   */
  public allowEgressTo(peers: Peer[], ports: Port[]): void {
    const inOwnNamespace = new Map<string, { labels: { [key: string]: string }; requirements: LabelRequirement[] }>();
    for (const peer of peers) {
      const pods = peer._pods;
      const labels = pods && podsInOwnNamespace(pods.namespaces, pods.labels, this.namespace, 'egress peer', peer.description);
      if (labels !== undefined) inOwnNamespace.set(describeLabels(labels, pods!.requirements), { labels, requirements: pods!.requirements });
    }
    this.egress.allowTo(peers, ports);
    for (const pods of podsSpecsOf(peers, this.namespace ?? 'default')) {
      this.inClusterPeers.push({ pods, ports: ports.map(portSpecOf), source: 'allowEgressTo' });
    }
    for (const { labels, requirements } of inOwnNamespace.values()) {
      this.ownNamespacePeers.forPods(labels, requirements).allowFrom([Peer.pods(this.selector, this.selectorRequirements)], ports);
    }
  }

  /** Allows more peers to reach the OpenClaw pods (not with `allowIngress: false`). */
  public allowIngressFrom(peers: Peer[], ports: Port[]): void {
    if (!this.allowIngress) {
      throw invalid('allowIngress', false, `It lets nothing in, so allowIngressFrom(${peers.map(peer => peer.description).join('; ')}) `
        + 'would contradict it; drop allowIngress: false (and give gatewaySources) or drop the allowIngressFrom call.');
    }
    this.ingress.allowFrom(peers, ports);
  }
}

/**
 * The gateway port of `pods` is read when the construct is made; a container
 * added afterwards can change it. Synthesis fails then rather than open the
 * wrong port.
 */
function refuseLaterGatewayPort(scope: Construct, pods: kplus.IPodSelector, opened: number): void {
  scope.node.addValidation({
    validate: () => {
      let declared: number;
      try {
        declared = declaredGatewayPort(pods) ?? OpenClawDefaults.GATEWAY_PORT;
      } catch (e) {
        return [(e as Error).message];
      }
      if (declared === opened) return [];
      return [invalid('pods', pods.node.path,
        `Its containers now declare gateway port ${declared}, but the policies opened ${opened} (a container was added after `
        + `${scope.node.path} was made). Set gatewayPort: ${declared}, or add the containers first.`).message];
    },
  });
}
