import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { OpenClawDefaults, resolveOpenClawPods } from './defaults';
import { dnsServersOf } from '../analysis/checks';
import { FlowEndpoint } from '../analysis/flow-endpoint';
import { dnsServerOf, endpointSetIntent } from '../analysis/intent';
import { intentAnnotation } from '../analysis/recorded-intent';
import { expectOpenClawFlows } from '../analysis/synth-guard';
import { AiProvider } from '../catalog/ai-provider';
import { EndpointSet } from '../catalog/endpoint-set';
import { MessagingChannel } from '../catalog/messaging-channel';
import { OpenClawService } from '../catalog/openclaw-service';
import { Fqdn } from '../net/fqdn';
import { labelsSelectedBy } from '../net/label-requirement';
import { Port } from '../net/port';
import { PolicyAnnotations } from '../policies/annotations';
import { CILIUM_EGRESS_OPTION_CHECKS, CiliumEgressOptions, CiliumFqdnEgress } from '../policies/cilium-fqdn-egress';
import { invalid } from '../validation/rules';
import { arrayOf, checkProps, FieldChecks, instanceOf } from '../validation/types';

/** Props of `OpenClawCiliumEgress`. */
export interface OpenClawCiliumEgressProps extends CiliumEgressOptions {
  /**
   * The namespace OpenClaw runs in. Leave unset with `namespaceSelector`.
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
   * `kplus.Pods.select(...)`. The policy selects its pods by the labels it
   * selects them by, in its namespace: a workload by the
   * `cdk8s.io/metadata.addr` label cdk8s-plus gives its pods;
   * `kplus.Pods.select(...)` by its labels and its expressions (`In`, `NotIn`,
   * `Exists`, `DoesNotExist`, as `matchExpressions` of the endpoint
   * selector). Give either this or `selector`.
   * @default - the pods of `selector`
   */
  readonly pods?: kplus.IPodSelector;

  /**
   * Prefix of the policy name: `<name>-fqdn-egress`.
   * @default 'openclaw'
   */
  readonly name?: string;

  /**
   * The AI providers OpenClaw calls: catalog entries such as
   * `AiProvider.ANTHROPIC`, account-specific ones such as
   * `AiProvider.bedrock('eu-central-1')`, or in-cluster model servers such as
   * `AiProvider.ollama('llm')`.
   * @default - [AiProvider.ANTHROPIC, AiProvider.OPENAI] when none of providers, channels, services and fqdns is given, else []
   */
  readonly providers?: AiProvider[];

  /**
   * The messaging channels OpenClaw connects to.
   * @default - [MessagingChannel.DISCORD, MessagingChannel.TELEGRAM] when none of providers, channels, services and fqdns is given, else []
   */
  readonly channels?: MessagingChannel[];

  /**
   * OpenClaw's own services to allow (update check, model catalog, ClawHub).
   * Opt-in: OpenClaw works without them.
   * @default []
   */
  readonly services?: OpenClawService[];

  /**
   * More hosts to allow on TCP 443, such as `Fqdn.exact('hooks.example.com')`
   * or `Fqdn.pattern('*.example.com')`.
   * @default []
   */
  readonly fqdns?: Fqdn[];
}

/** The type checks of the props, made once (see the constructor). */
const CILIUM_EGRESS_PROP_CHECKS: FieldChecks = {
  ...CILIUM_EGRESS_OPTION_CHECKS,
  providers: arrayOf(instanceOf(AiProvider)),
  channels: arrayOf(instanceOf(MessagingChannel)),
  services: arrayOf(instanceOf(OpenClawService)),
  fqdns: arrayOf(instanceOf(Fqdn)),
};

/**
 * A CiliumNetworkPolicy for the OpenClaw pods whose egress allow-list covers
 * exactly the chosen AI providers and messaging channels (`toFQDNs`, or
 * `toEndpoints` for in-cluster model servers), plus DNS through Cilium's DNS
 * proxy so that those names resolve and match. With `namespaceSelector` it
 * is one CiliumClusterwideNetworkPolicy for OpenClaw pods in many namespaces.
 *
 * Use it beside `OpenClawNetworkIsolation` with `internetEgress: false`: the
 * NetworkPolicies keep default deny, DNS and gateway ingress, and this policy
 * decides which hosts the pods may reach.
 */
export class OpenClawCiliumEgress extends Construct {
  /** The CiliumNetworkPolicy building block; its policy carries the construct's intent (`PolicyAnnotations.INTENT`). */
  public readonly fqdnEgress: CiliumFqdnEgress;

  constructor(scope: Construct, id: string, props: OpenClawCiliumEgressProps = {}) {
    // Types first (for JavaScript callers); namespace, selector, name and the DNS names are checked by their value rules.
    checkProps('props', props, CILIUM_EGRESS_PROP_CHECKS);
    super(scope, id);
    const { name, selector, selectorRequirements, namespace } = resolveOpenClawPods(props, '-fqdn-egress');
    if (props.namespaceSelector !== undefined && namespace !== undefined && props.pods !== undefined) {
      throw invalid('pods', props.pods.node.path,
        `These pods are in namespace "${namespace}", and a cluster-wide policy (namespaceSelector) selects its namespaces by label; select the pods without a namespace (kplus.Pods.select).`);
    }
    // The recipe's hosts only when nothing is chosen: giving one list never leaves another list's defaults open.
    const nothingChosen = [props.providers, props.channels, props.services, props.fqdns].every(list => list === undefined);
    const endpoints: EndpointSet[] = [
      ...props.providers ?? (nothingChosen ? OpenClawDefaults.PROVIDERS : []),
      ...props.channels ?? (nothingChosen ? OpenClawDefaults.CHANNELS : []),
      ...props.services ?? [],
    ];
    if (props.fqdns?.length) endpoints.push(EndpointSet.of('custom', props.fqdns, [Port.tcp(443)], 'hosts given in the fqdns prop'));
    if (endpoints.length === 0) {
      throw invalid('providers/channels/services/fqdns', [], 'Give at least one provider, channel or FQDN; an empty allow-list would cut OpenClaw off from every model and channel.');
    }
    this.fqdnEgress = new CiliumFqdnEgress(this, 'FqdnEgress', {
      ...props,
      namespace,
      name: `${name}-fqdn-egress`,
      selector,
      selectorRequirements,
      endpoints,
    });
    // A Lazy: allowFqdns and allowEndpoints may add endpoint sets after construction.
    this.fqdnEgress.policy.metadata.addAnnotation(PolicyAnnotations.INTENT, Lazy.any({
      produce: () => intentAnnotation({
        namespace: this.fqdnEgress.target.namespace,
        selector,
        selectorRequirements,
        namespaceSelector: this.fqdnEgress.namespaceSelector,
        ...endpointSetIntent(this.fqdnEgress.endpoints),
        dns: this.fqdnEgress.dnsTargets.map(dnsServerOf),
      }),
    }));
    if (props.namespaceSelector === undefined) {
      expectOpenClawFlows(this, {
        pod: FlowEndpoint.pod(this.fqdnEgress.target.namespace ?? 'default', labelsSelectedBy(selector, selectorRequirements)!),
        dnsServers: dnsServersOf(this.fqdnEgress.dnsTargets),
        ingressSources: [],
      });
    }
  }

  /** Allows more hosts, on the given ports (default TCP 443), under the name `name`. */
  public allowFqdns(name: string, fqdns: Fqdn[], ports?: Port[]): void {
    this.fqdnEgress.allowFqdns(name, fqdns, ports);
  }

  /** Allows more endpoint sets, such as further catalog entries. */
  public allowEndpoints(endpoints: EndpointSet[]): void {
    this.fqdnEgress.allowEndpoints(endpoints);
  }
}
