import { EndpointSet, EndpointSetProps } from './endpoint-set';
import { Fqdn } from '../net/fqdn';
import { Port } from '../net/port';
import { invalid, validatePortNumber } from '../validation/rules';

/** HTTPS and secure WebSockets. */
const HTTPS = [Port.tcp(443)];

/**
 * A messaging channel's servers, which OpenClaw's channel plugin connects to,
 * and the port on which OpenClaw receives the channel's webhooks when that is
 * not the gateway port.
 *
 * Hosts come from `openclaw` 2026.9.6 and its `@openclaw/*` channel plugins
 * (2026.9.x) and the client libraries they bundle, read from the npm
 * packages. Wildcards follow Cilium 1.17: `*` covers one DNS label, so each
 * depth a service uses is listed. Optional features (voice, SSO, tenant file
 * storage) are left out; allow them with `EndpointSet.of` if you use them.
 */
export class MessagingChannel extends EndpointSet {
  /**
   * WhatsApp (Baileys, WhatsApp Web protocol): the WebSocket
   * `web.whatsapp.com` and the media hosts `*.whatsapp.net` (such as
   * `mmg.whatsapp.net`), on TCP 443 and 5222.
   *
   * Baileys also fetches its version number from `raw.githubusercontent.com`
   * on each connect, and falls back to its bundled version when that fails;
   * it is left out on purpose.
   */
  public static readonly WHATSAPP = MessagingChannel.hosted('whatsapp', 'WhatsApp Web socket and media',
    ['web.whatsapp.com', '*.whatsapp.net'], [Port.tcp(443), Port.tcp(5222)]);

  /**
   * Telegram: the Bot API `api.telegram.org` (long polling, sending, file
   * downloads). OpenClaw's last-resort retry to the fixed IP
   * 149.154.167.220 is not covered by an FQDN rule.
   */
  public static readonly TELEGRAM = MessagingChannel.hosted('telegram', 'Telegram Bot API', ['api.telegram.org']);

  /**
   * Discord: the REST API `discord.com`, the WebSocket gateway
   * `gateway.discord.gg` and its resume hosts `*.discord.gg`, and the media
   * hosts `cdn.discordapp.com` and `media.discordapp.net`.
   */
  public static readonly DISCORD = MessagingChannel.hosted('discord', 'Discord REST API, gateway and media',
    ['discord.com', 'gateway.discord.gg', '*.discord.gg', 'cdn.discordapp.com', 'media.discordapp.net']);

  /**
   * Slack: the Web API `slack.com`, Socket Mode WebSockets and file hosts
   * under `*.slack.com` (such as `wss-primary.slack.com`, `files.slack.com`),
   * and inbound media under `*.slack-edge.com` and `*.slack-files.com`.
   */
  public static readonly SLACK = MessagingChannel.hosted('slack', 'Slack Web API, Socket Mode and files',
    ['slack.com', '*.slack.com', '*.slack-edge.com', '*.slack-files.com']);

  /**
   * Google Chat: `chat.googleapis.com` (messages, media),
   * `oauth2.googleapis.com` (service-account tokens) and `www.googleapis.com`
   * (the certificates that verify inbound webhook tokens). Webhooks arrive on
   * the gateway port.
   */
  public static readonly GOOGLE_CHAT = MessagingChannel.hosted('google-chat', 'Google Chat API and token verification',
    ['chat.googleapis.com', 'oauth2.googleapis.com', 'www.googleapis.com']);

  /**
   * Microsoft Teams: the Bot Connector `smba.trafficmanager.net`, tokens from
   * `login.microsoftonline.com`, inbound-token keys from
   * `login.botframework.com`, and Microsoft Graph `graph.microsoft.com`.
   * Webhooks arrive on OpenClaw's own listener, TCP 3978 (`/api/messages`).
   * SSO (`token.botframework.com`) is not included; attachments are the
   * opt-in `MS_TEAMS_MEDIA`.
   */
  public static readonly MS_TEAMS = MessagingChannel.hosted('ms-teams', 'Microsoft Teams Bot Connector, login and Graph',
    ['smba.trafficmanager.net', 'login.microsoftonline.com', 'login.botframework.com', 'graph.microsoft.com'],
    HTTPS, [Port.tcp(3978)]);

  /**
   * Microsoft Teams attachments (opt-in, beside `MS_TEAMS`): inline images
   * and files under `*.asm.skype.com`, and SharePoint/OneDrive files, which
   * OpenClaw fetches through Graph (`graph.microsoft.com`, `/shares/…/content`)
   * and which Graph redirects to the tenant's `*.sharepoint.com`. Source:
   * `@openclaw/msteams` 2026.9.5, `DEFAULT_MEDIA_HOST_ALLOWLIST` and
   * `GRAPH_SHARED_LINK_HOST_SUFFIXES` (dist/.setup/resolve-allowlist). Its
   * suffix list also names national clouds and CDNs (`*.sharepoint.us`,
   * `teams.cdn.office.net`, `blob.core.windows.net`); add those with
   * `EndpointSet.of` if your tenant uses them.
   */
  public static readonly MS_TEAMS_MEDIA = MessagingChannel.hosted('ms-teams-media', 'Microsoft Teams inline images and SharePoint/OneDrive files',
    ['graph.microsoft.com', '*.asm.skype.com', '*.sharepoint.com']);

  /** LINE: the Messaging API `api.line.me` and media content `api-data.line.me`. Webhooks arrive on the gateway port. */
  public static readonly LINE = MessagingChannel.hosted('line', 'LINE Messaging API and content', ['api.line.me', 'api-data.line.me']);

  /**
   * Feishu: the Open API `open.feishu.cn`, and the event WebSocket host the
   * API hands out (`*.feishu.cn`). Webhook mode listens on 127.0.0.1:3000
   * by default, inside the pod.
   */
  public static readonly FEISHU = MessagingChannel.hosted('feishu', 'Feishu Open API and event WebSocket', ['open.feishu.cn', '*.feishu.cn']);

  /** Lark (Feishu's international edition): `open.larksuite.com` and its event WebSocket hosts `*.larksuite.com`. */
  public static readonly LARK = MessagingChannel.hosted('lark', 'Lark Open API and event WebSocket', ['open.larksuite.com', '*.larksuite.com']);

  /** Zalo: the Bot API `bot-api.zaloplatforms.com`. Webhooks, if used, arrive on the gateway port. */
  public static readonly ZALO = MessagingChannel.hosted('zalo', 'Zalo Bot API', ['bot-api.zaloplatforms.com']);

  /**
   * Twitch: chat over the WebSocket `irc-ws.chat.twitch.tv`, token checks at
   * `id.twitch.tv` and user lookups at `api.twitch.tv`.
   */
  public static readonly TWITCH = MessagingChannel.hosted('twitch', 'Twitch chat, OAuth and Helix API',
    ['irc-ws.chat.twitch.tv', 'id.twitch.tv', 'api.twitch.tv']);

  /**
   * A Matrix homeserver (OpenClaw's `homeserver` setting). OpenClaw talks
   * only to it: no identity server, no `.well-known` lookup.
   *
   * @param host the homeserver's DNS name
   * @param port its client-API port (default 443)
   */
  public static matrix(host: string, port?: number): MessagingChannel {
    return MessagingChannel.selfHosted('matrix', 'Matrix homeserver', host, port ?? 443);
  }

  /**
   * A Mattermost server (`baseUrl`): REST and WebSocket on the same host.
   * Slash commands and buttons call back on the gateway port.
   *
   * @param host the server's DNS name
   * @param port its port (default 443)
   */
  public static mattermost(host: string, port?: number): MessagingChannel {
    return MessagingChannel.selfHosted('mattermost', 'Mattermost server', host, port ?? 443);
  }

  /**
   * A Nextcloud server with Talk (`baseUrl`). Webhooks arrive on OpenClaw's
   * own listener, TCP 8788 (`/nextcloud-talk-webhook`).
   *
   * @param host the Nextcloud server's DNS name
   * @param port its port (default 443)
   */
  public static nextcloudTalk(host: string, port?: number): MessagingChannel {
    return MessagingChannel.selfHosted('nextcloud-talk', 'Nextcloud Talk server', host, port ?? 443, [Port.tcp(8788)]);
  }

  /**
   * A signal-cli daemon running elsewhere (OpenClaw's `httpUrl`). Without
   * `httpUrl`, OpenClaw starts signal-cli inside its own pod on
   * 127.0.0.1:8080, and that pod then needs Signal's servers instead.
   *
   * @param host the daemon's DNS name
   * @param port its HTTP port (default 8080)
   */
  public static signal(host: string, port?: number): MessagingChannel {
    return MessagingChannel.selfHosted('signal', 'signal-cli daemon (HTTP JSON-RPC)', host, port ?? 8080);
  }

  /**
   * A BlueBubbles server (`serverUrl`). Webhooks arrive on the gateway port.
   *
   * @param host the server's DNS name
   * @param port its port (default 1234, the BlueBubbles default)
   */
  public static blueBubbles(host: string, port?: number): MessagingChannel {
    return MessagingChannel.selfHosted('bluebubbles', 'BlueBubbles server', host, port ?? 1234);
  }

  /**
   * A Synology NAS running Synology Chat (the host of `incomingUrl`).
   * Webhooks arrive on the gateway port.
   *
   * @param host the NAS's DNS name
   * @param port the DSM HTTPS port (default 5001)
   */
  public static synologyChat(host: string, port?: number): MessagingChannel {
    return MessagingChannel.selfHosted('synology-chat', 'Synology Chat (DSM web API)', host, port ?? 5001);
  }

  /**
   * An IRC server. OpenClaw connects with TLS on 6697 by default; give 6667
   * for a plain-text server (`tls: false`).
   *
   * @param host the IRC server's DNS name
   * @param port its port (default 6697)
   */
  public static irc(host: string, port?: number): MessagingChannel {
    return MessagingChannel.selfHosted('irc', 'IRC server', host, port ?? 6697);
  }

  private static hosted(name: string, description: string, hosts: string[], ports: Port[] = HTTPS, inboundPorts: Port[] = []): MessagingChannel {
    const fqdns = hosts.map(host => (host.includes('*') ? Fqdn.pattern(host) : Fqdn.exact(host)));
    return new MessagingChannel({ name, description, fqdns, ports, inboundPorts });
  }

  private static selfHosted(name: string, description: string, host: string, port: number, inboundPorts: Port[] = []): MessagingChannel {
    validatePortNumber('port', port);
    const fqdn = Fqdn._exact('host', host);
    const labels = fqdn.matchName!.split('.');
    if (labels.length === 1 || labels.includes('svc') || labels.slice(-2).join('.') === 'cluster.local') {
      throw invalid('host', host,
        'Give the public DNS name of a server outside the cluster. FQDN rules never match in-cluster Services (Cilium sees'
        + ' the pods behind them); for a server in the cluster use EndpointSet.inClusterPods(name, namespace, labels, ports).');
    }
    return new MessagingChannel({
      name,
      description: `${description} ${host}`,
      fqdns: [fqdn],
      ports: [Port.tcp(port)],
      inboundPorts,
    });
  }

  private constructor(props: EndpointSetProps) {
    super(props);
  }
}
