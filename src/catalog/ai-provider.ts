import { EndpointSet } from './endpoint-set';
import { Fqdn } from '../net/fqdn';
import { Port } from '../net/port';

/** HTTPS, the port every model provider API uses. */
const HTTPS = Port.tcp(443);

/** An AI model provider's API endpoints. */
export class AiProvider extends EndpointSet {
  /** Anthropic (Claude): `api.anthropic.com` on TCP 443. Source: OpenClaw's Anthropic provider default base URL. */
  public static readonly ANTHROPIC = new AiProvider('anthropic', [Fqdn.exact('api.anthropic.com')]);

  /** OpenAI: `api.openai.com` on TCP 443. Source: OpenClaw's OpenAI provider default base URL. */
  public static readonly OPENAI = new AiProvider('openai', [Fqdn.exact('api.openai.com')]);

  private constructor(name: string, fqdns: Fqdn[]) {
    super(name, fqdns, [HTTPS]);
  }
}
