import { OpenClawDefaults } from './defaults';
import { FlowEndpoint } from '../analysis/flow-endpoint';
import { MessagingChannel } from '../catalog/messaging-channel';
import { labelsSelectedBy } from '../net/label-requirement';
import { Peer } from '../net/peer';
import { Port, portsOverlap } from '../net/port';
import { PolicyRule } from '../policies/rule-list';
import { invalid, validateNamespaces, validateNotEmpty } from '../validation/rules';

/** The ingress props of `OpenClawNetworkIsolation`. */
interface IngressProps {
  readonly allowIngress?: boolean;
  readonly ingressNamespaces?: string[];
  readonly gatewaySources?: Peer[];
  readonly webhookSources?: Peer[];
  readonly additionalIngressPorts?: Port[];
  readonly channels?: MessagingChannel[];
}

/**
 * The ingress rules of the OpenClaw pods, one per group of ports: the
 * gateway port (and `additionalIngressPorts`) from `gatewaySources`, the
 * webhook ports of channels with a listener of their own from
 * `webhookSources`; none with `allowIngress: false`.
 *
 * `ingressNamespaces` is the older, coarser form: every pod of those
 * namespaces, for both groups. It cannot be combined with the per-port props.
 */
export function resolveIngressRules(props: IngressProps, gatewayPort: number): PolicyRule[] {
  const webhookPorts = (props.channels ?? []).flatMap(channel => channel.inboundPorts);
  if (props.allowIngress === false) {
    const given = (['ingressNamespaces', 'gatewaySources', 'webhookSources', 'additionalIngressPorts'] as const)
      .find(prop => props[prop] !== undefined);
    if (given !== undefined) {
      throw invalid(given, props[given], 'allowIngress: false lets nothing in, so there is nothing to say where from; drop one of the two.');
    }
    if (webhookPorts.length) {
      throw invalid('channels', (props.channels ?? []).filter(c => c.inboundPorts.length).map(c => c.name),
        'These channels receive webhooks on a port of their own, which allowIngress: false would cut off; drop the channel or allow ingress.');
    }
    return [];
  }
  if (props.ingressNamespaces !== undefined) {
    validateNamespaces('ingressNamespaces', props.ingressNamespaces);
    const perPort = (['gatewaySources', 'webhookSources'] as const).find(prop => props[prop] !== undefined);
    if (perPort !== undefined) {
      throw invalid(perPort, props[perPort]!.map(peer => peer.description),
        'ingressNamespaces already says who may reach every ingress port; give either it or gatewaySources/webhookSources.');
    }
  }
  const namespaces = props.ingressNamespaces && [Peer.namespaces(props.ingressNamespaces)];
  const gatewaySources = props.gatewaySources ?? namespaces ?? [Peer.namespaces(OpenClawDefaults.INGRESS_NAMESPACES)];
  validateNotEmpty('gatewaySources', gatewaySources, 'Give at least one source, or set allowIngress: false to let nothing in.');
  const rules: PolicyRule[] = [{ peers: gatewaySources, ports: [Port.tcp(gatewayPort), ...props.additionalIngressPorts ?? []] }];
  if (props.webhookSources !== undefined && webhookPorts.length === 0) {
    throw invalid('webhookSources', props.webhookSources.map(peer => peer.description),
      'webhookSources reach the webhook ports of channels with a listener of their own (MS Teams, Nextcloud Talk), and none of the channels has one.');
  }
  if (webhookPorts.length) {
    const webhookSources = props.webhookSources ?? namespaces ?? [Peer.namespaces(OpenClawDefaults.WEBHOOK_NAMESPACES)];
    validateNotEmpty('webhookSources', webhookSources, 'Give at least one source: the channels\' webhooks come through the ingress controller.');
    refuseGatewayPortsOnWebhookPorts(props, gatewayPort, gatewaySources, webhookSources);
    rules.push({ peers: webhookSources, ports: webhookPorts });
  }
  return rules;
}

/**
 * NetworkPolicy rules add up: a gateway port (or additional port) that
 * covers a channel's webhook port lets the gateway's sources (monitoring,
 * by default) reach the webhook listener, which only `webhookSources` may.
 * Refused unless both groups have the same sources.
 */
function refuseGatewayPortsOnWebhookPorts(props: IngressProps, gatewayPort: number, gatewaySources: Peer[], webhookSources: Peer[]): void {
  const describe = (peers: Peer[]) => peers.map(peer => peer.description).sort().join('; ');
  if (describe(gatewaySources) === describe(webhookSources)) return;
  const candidates: { prop: string; value: unknown; port: Port }[] = [
    { prop: 'gatewayPort', value: gatewayPort, port: Port.tcp(gatewayPort) },
    ...(props.additionalIngressPorts ?? []).map((port, i) => ({ prop: `additionalIngressPorts[${i}]`, value: port, port })),
  ];
  for (const channel of props.channels ?? []) {
    for (const webhookPort of channel.inboundPorts) {
      const clash = candidates.find(candidate => portsOverlap(candidate.port, webhookPort));
      if (clash === undefined) continue;
      throw invalid(clash.prop, clash.value,
        `It covers ${webhookPort}, the webhook port of channel ${channel.name}, which only webhookSources (${describe(webhookSources)}) may reach; `
        + `gatewaySources (${describe(gatewaySources)}) would reach it too. Give ports that leave out ${webhookPort}.`);
    }
  }
}

/**
 * One sample pod per namespace a source peer selects (the policy's own when
 * it names none), for the synth-time reachability checks. IP blocks have no
 * pod to stand for them and are left out.
 */
export function sampleSourcePods(peers: Peer[], ownNamespace: string | undefined): FlowEndpoint[] {
  return peers.flatMap(peer => {
    const pods = peer._pods;
    if (pods === undefined) return [];
    const labels = labelsSelectedBy(pods.labels, pods.requirements)!;
    return (pods.namespaces ?? [ownNamespace ?? 'default']).map(namespace => FlowEndpoint.pod(namespace, labels));
  });
}
