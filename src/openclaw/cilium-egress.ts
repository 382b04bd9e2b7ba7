import { Construct } from 'constructs';
import { OpenClawDefaults, resolveOpenClawPods } from './defaults';
import { AiProvider } from '../catalog/ai-provider';
import { EndpointSet } from '../catalog/endpoint-set';
import { MessagingChannel } from '../catalog/messaging-channel';
import { DnsTarget } from '../net/dns-target';
import { Fqdn } from '../net/fqdn';
import { Port } from '../net/port';
import { CiliumFqdnEgress } from '../policies/cilium-fqdn-egress';
import { invalid } from '../validation/rules';

/** Props of `OpenClawCiliumEgress`. */
export interface OpenClawCiliumEgressProps {
  /**
   * The namespace OpenClaw runs in.
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * Labels of the OpenClaw pods (at least one).
   * @default { app: 'openclaw' }
   */
  readonly selector?: { [key: string]: string };

  /**
   * Prefix of the policy name: `<name>-fqdn-egress`.
   * @default 'openclaw'
   */
  readonly name?: string;

  /**
   * The AI providers OpenClaw calls.
   * @default [AiProvider.ANTHROPIC, AiProvider.OPENAI]
   */
  readonly providers?: AiProvider[];

  /**
   * The messaging channels OpenClaw connects to.
   * @default [MessagingChannel.DISCORD, MessagingChannel.TELEGRAM]
   */
  readonly channels?: MessagingChannel[];

  /**
   * More hosts to allow on TCP 443, such as `Fqdn.exact('hooks.example.com')`
   * or `Fqdn.pattern('*.example.com')`.
   * @default []
   */
  readonly fqdns?: Fqdn[];

  /**
   * Where the cluster's DNS servers are.
   * @default [DnsTarget.kubeDns()]
   */
  readonly dnsTargets?: DnsTarget[];
}

/**
 * A CiliumNetworkPolicy for the OpenClaw pods whose egress allow-list covers
 * exactly the chosen AI providers and messaging channels (`toFQDNs`), plus
 * DNS through Cilium's DNS proxy so that those names resolve and match.
 *
 * Use it beside `OpenClawNetworkIsolation` with `internetEgress: false`: the
 * NetworkPolicies keep default deny, DNS and gateway ingress, and this policy
 * decides which hosts the pods may reach.
 */
export class OpenClawCiliumEgress extends Construct {
  /** The CiliumNetworkPolicy building block. */
  public readonly fqdnEgress: CiliumFqdnEgress;

  constructor(scope: Construct, id: string, props: OpenClawCiliumEgressProps = {}) {
    super(scope, id);
    const { name, selector } = resolveOpenClawPods(props, '-fqdn-egress');
    const endpoints: EndpointSet[] = [
      ...props.providers ?? OpenClawDefaults.PROVIDERS,
      ...props.channels ?? OpenClawDefaults.CHANNELS,
    ];
    if (props.fqdns?.length) endpoints.push(EndpointSet.of('custom', props.fqdns, [Port.tcp(443)]));
    if (endpoints.length === 0) {
      throw invalid('providers/channels/fqdns', [], 'Give at least one provider, channel or FQDN; an empty allow-list would cut OpenClaw off from every model and channel.');
    }
    this.fqdnEgress = new CiliumFqdnEgress(this, 'FqdnEgress', {
      namespace: props.namespace,
      name: `${name}-fqdn-egress`,
      selector,
      endpoints,
      dnsTargets: props.dnsTargets,
    });
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
