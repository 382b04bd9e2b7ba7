import { AiProvider } from '../catalog/ai-provider';
import { MessagingChannel } from '../catalog/messaging-channel';
import { Port } from '../net/port';
import { invalid, validateLabels, validateResourceName } from '../validation/rules';

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
  /** HTTPS/WSS to model providers and messaging APIs, and WhatsApp's TCP 5222. */
  public static readonly EGRESS_PORTS: Port[] = Object.freeze([Port.tcp(443), Port.tcp(5222)]) as Port[];
  /** The cloud metadata endpoint's port (opt-in only). */
  public static readonly CLOUD_METADATA_PORT = 80;
  /** AI providers allowed by `OpenClawCiliumEgress` when none are given. */
  public static readonly PROVIDERS: AiProvider[] = Object.freeze([AiProvider.ANTHROPIC, AiProvider.OPENAI]) as AiProvider[];
  /** Messaging channels allowed by `OpenClawCiliumEgress` when none are given. */
  public static readonly CHANNELS: MessagingChannel[] = Object.freeze([MessagingChannel.DISCORD, MessagingChannel.TELEGRAM]) as MessagingChannel[];

  private constructor() {}
}

/**
 * Resolves and validates the two props both OpenClaw constructs share: the
 * policy-name prefix (which must still be a valid name with the longest
 * suffix the construct appends) and the OpenClaw pod selector.
 */
export function resolveOpenClawPods(
  props: { readonly name?: string; readonly selector?: { [key: string]: string } },
  longestSuffix: string,
): { name: string; selector: { [key: string]: string } } {
  const name = props.name ?? OpenClawDefaults.NAME;
  validateResourceName('name', name);
  const maxLength = 253 - longestSuffix.length;
  if (name.length > maxLength) {
    throw invalid('name', name, `With the suffix "${longestSuffix}" the name must have at most ${maxLength} characters.`);
  }
  const selector = props.selector ?? OpenClawDefaults.SELECTOR;
  validateLabels('selector', selector, true);
  return { name, selector };
}
