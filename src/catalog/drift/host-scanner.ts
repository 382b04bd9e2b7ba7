/**
 * Finds the hosts and ports a piece of JavaScript names as connection
 * targets. It reads text, never runs it, and recognises:
 *
 * - URL literals: a string or template literal that starts with
 *   `http://`, `https://`, `ws://` or `wss://` (the port is the URL's, or the
 *   scheme's default: 80 for http/ws, 443 for https/wss). Template
 *   placeholders in the host become `*`, one label each
 *   (`https://${region}.example.com` gives `*.example.com`);
 * - host constants: a string literal that is a bare DNS name with a known
 *   top-level domain, such as `'web.whatsapp.com'`; only in the known client
 *   libraries, where such constants are connection targets (port 443).
 *
 * It cannot see hosts that exist only at run time: configured base URLs,
 * hosts an API hands out (Slack's Socket Mode URL, Discord's resume gateway),
 * or URLs assembled from several pieces. URLs in prose (error messages, doc
 * links after other text) and in comments are not literals and are skipped.
 */

/** One host and port named in a file. */
export interface HostMention {
  /** Lowercase DNS name or IPv4 address; `*` stands for a template placeholder label. */
  readonly host: string;
  readonly port: number;
}

const DEFAULT_PORTS: { [scheme: string]: number } = { http: 80, ws: 80, https: 443, wss: 443 };

const URL_LITERAL = /["'`](https?|wss?):\/\/((?:[A-Za-z0-9.-]|\$\{[^}]{0,200}\})+)(?::(\d{1,5}))?(?=[/"'`?#]|$)/g;

/** Top-level domains a host constant may end in (a bare `'a.b'` literal is usually a file or key name). */
const HOST_CONSTANT_TLDS = ['ai', 'cn', 'com', 'gg', 'io', 'me', 'net', 'org', 'tv'];
const HOST_CONSTANT = new RegExp(`["'\`]((?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\\.)+(?:${HOST_CONSTANT_TLDS.join('|')}))["'\`]`, 'g');

/** The URL literals of a file. */
export function urlLiterals(source: string): HostMention[] {
  const found: HostMention[] = [];
  for (const match of source.matchAll(URL_LITERAL)) {
    const host = normaliseHost(match[2]);
    if (host === undefined) continue;
    const port = match[3] === undefined ? DEFAULT_PORTS[match[1]] : Number(match[3]);
    if (port < 1 || port > 65535) continue;
    found.push({ host, port });
  }
  return found;
}

/** The bare host constants of a file of a known client library. */
export function hostConstants(source: string): HostMention[] {
  return [...source.matchAll(HOST_CONSTANT)].map(match => ({ host: match[1], port: 443 }));
}

/**
 * A literal's host in the form the catalog uses, or undefined when it is not
 * a fixed host: wholly a placeholder (`${baseUrl}`), a single label
 * (`localhost`), or without a letter top-level domain.
 */
function normaliseHost(raw: string): string | undefined {
  const host = raw.replace(/\$\{[^}]*\}/g, '*').replace(/\*+/g, '*').replace(/\.$/, '').toLowerCase();
  const labels = host.split('.');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  if (labels.length < 2 || labels.some(label => label === '' || (label.includes('*') && label !== '*'))) return undefined;
  const tld = labels[labels.length - 1];
  if (!/^[a-z]{2,}$/.test(tld)) return undefined;
  if (labels.slice(-2).some(label => label === '*')) return undefined;
  return host;
}
