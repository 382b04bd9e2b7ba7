import { EndpointSet } from './endpoint-set';
import { Fqdn } from '../net/fqdn';
import { Port } from '../net/port';

/** HTTPS and secure WebSockets. */
const HTTPS = Port.tcp(443);

/** A messaging channel's servers, which OpenClaw's channel plugin connects to. */
export class MessagingChannel extends EndpointSet {
  /** Discord: the REST API `discord.com` and the WebSocket gateway `gateway.discord.gg`, TCP 443. */
  public static readonly DISCORD = new MessagingChannel('discord', [Fqdn.exact('discord.com'), Fqdn.exact('gateway.discord.gg')]);

  /** Telegram: the Bot API `api.telegram.org`, TCP 443. */
  public static readonly TELEGRAM = new MessagingChannel('telegram', [Fqdn.exact('api.telegram.org')]);

  private constructor(name: string, fqdns: Fqdn[]) {
    super(name, fqdns, [HTTPS]);
  }
}
