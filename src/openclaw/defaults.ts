import * as kplus from 'cdk8s-plus-28';
import { AiProvider } from '../catalog/ai-provider';
import { MessagingChannel } from '../catalog/messaging-channel';
import { readKplusPodSelector } from '../net/kplus-selector';
import { LabelRequirement, requiresLabel } from '../net/label-requirement';
import { Port } from '../net/port';
import { invalid, validateResourceName, validateSelectorLabels } from '../validation/rules';
import { checkProps, withMethod } from '../validation/types';

/**
 * OpenClaw's network facts, defined once: what the gateway listens on and
 * where it is usually reached from. Source: the `openclaw` npm package
 * (gateway default port) and its official Kubernetes manifests.
 */
export class OpenClawDefaults {
  /** Prefix of every policy name. */
  public static readonly NAME = 'openclaw';
  /** Labels of the OpenClaw pods in the official manifests. */
  public static readonly SELECTOR: { [key: string]: string } = Object.freeze({ app: 'openclaw' }) as { [key: string]: string };
  /** The gateway (WebSocket, HTTP, Control UI, health, webhooks) listens on TCP 18789. */
  public static readonly GATEWAY_PORT = 18789;
  /** Namespaces of the ingress controller and the monitoring stack. */
  public static readonly INGRESS_NAMESPACES: string[] = Object.freeze(['ingress-nginx', 'monitoring']) as string[];
  /** Namespace of the ingress controller: the only source of the channels' own webhook ports (MS Teams 3978, Nextcloud Talk 8788). */
  public static readonly WEBHOOK_NAMESPACES: string[] = Object.freeze(['ingress-nginx']) as string[];
  /** HTTPS/WSS to model providers and messaging APIs, and WhatsApp's TCP 5222. */
  public static readonly EGRESS_PORTS: Port[] = Object.freeze([Port.tcp(443), Port.tcp(5222)]) as Port[];
  /** The cloud metadata endpoint's port (opt-in only). */
  public static readonly CLOUD_METADATA_PORT = 80;
  /** AI providers allowed by `OpenClawCiliumEgress` when none of providers, channels, services and fqdns is given. */
  public static readonly PROVIDERS: AiProvider[] = Object.freeze([AiProvider.ANTHROPIC, AiProvider.OPENAI]) as AiProvider[];
  /** Messaging channels allowed by `OpenClawCiliumEgress` when none of providers, channels, services and fqdns is given. */
  public static readonly CHANNELS: MessagingChannel[] = Object.freeze([MessagingChannel.DISCORD, MessagingChannel.TELEGRAM]) as MessagingChannel[];

  private constructor() {}
}

/** The props both OpenClaw constructs take to name their policies and find the OpenClaw pods. */
export interface OpenClawPodsProps {
  readonly name?: string;
  readonly namespace?: string;
  readonly selector?: { [key: string]: string };
  readonly pods?: kplus.IPodSelector;
}

/** Checks the `pods` prop: a cdk8s-plus pod selector. */
export const POD_SELECTOR_CHECKS = {
  pods: withMethod('toPodSelectorConfig', 'a cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, Pod) or kplus.Pods.select(...)'),
};

/**
 * Resolves and validates the props both OpenClaw constructs share: the
 * policy-name prefix (which must still be a valid name with the longest
 * suffix the construct appends), the OpenClaw pod selector (`selector`, or
 * the labels and requirements of a cdk8s-plus `pods` selector) and the
 * namespace (`namespace`, or the one `pods` names; undefined: the chart's).
 */
export function resolveOpenClawPods(props: OpenClawPodsProps, longestSuffix: string): {
  name: string; selector: { [key: string]: string }; selectorRequirements: LabelRequirement[]; namespace?: string;
} {
  checkProps('props', props, POD_SELECTOR_CHECKS);
  const name = props.name ?? OpenClawDefaults.NAME;
  validateResourceName('name', name);
  const maxLength = 253 - longestSuffix.length;
  if (name.length > maxLength) {
    throw invalid('name', name, `With the suffix "${longestSuffix}" the name must have at most ${maxLength} characters.`);
  }
  if (props.pods === undefined) {
    const selector = props.selector ?? OpenClawDefaults.SELECTOR;
    validateSelectorLabels('selector', selector, true);
    return { name, selector, selectorRequirements: [], namespace: props.namespace };
  }
  if (props.selector !== undefined) {
    throw invalid('selector', props.selector, 'Give either selector or pods, not both: pods already says which pods OpenClaw runs in.');
  }
  const pods = readKplusPodSelector('pods', props.pods);
  if (Object.keys(pods.labels).length === 0 && !pods.requirements.some(requiresLabel)) {
    throw invalid('pods', props.pods.node.path, 'Select the OpenClaw pods by at least one label (or an In or Exists expression):'
      + ' otherwise the selector selects every pod in the namespace but those it excludes.');
  }
  if (pods.namespaces !== undefined && pods.namespaces.length > 1) {
    throw invalid('pods namespaces', pods.namespaces, 'The OpenClaw pods must be in one namespace; give one construct per namespace.');
  }
  const namespace = pods.namespaces?.[0];
  if (namespace !== undefined && props.namespace !== undefined && namespace !== props.namespace) {
    throw invalid('namespace', props.namespace, `pods are in namespace "${namespace}"; drop the namespace prop or make them agree.`);
  }
  return { name, selector: pods.labels, selectorRequirements: pods.requirements, namespace: props.namespace ?? namespace };
}
