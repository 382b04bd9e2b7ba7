/**
 * Finds the hosts and ports a piece of JavaScript names as connection
 * targets. It reads text, never runs it, and recognises:
 *
 * - URL literals: a string or template literal that starts with
 *   `http://`, `https://`, `ws://` or `wss://`, in any case (`HTTPS://`), also
 *   with JSON-escaped slashes (`https:\/\/`, as in bundled JSON). A userinfo
 *   part (`https://user:pw@host`) is skipped. The host is a DNS name, an IPv4
 *   address or a bracketed IPv6 address (`https://[2001:db8::1]:8443`, given
 *   without brackets). The port is the URL's, or the scheme's default (80 for
 *   http/ws, 443 for https/wss), which also stands for a placeholder port
 *   (`https://host:${port}/v1`). Template placeholders in the host become
 *   `*`, one label each (`https://${region}.example.com` gives
 *   `*.example.com`); a placeholder right after the host
 *   (`` `https://api.example.com${path}` ``) ends it;
 * - host constants: a string literal that is a bare DNS name with a known
 *   top-level domain, such as `'web.whatsapp.com'`; only in the known client
 *   libraries, where such constants are connection targets (port 443).
 *
 * It cannot see hosts that exist only at run time: configured base URLs,
 * hosts an API hands out (Slack's Socket Mode URL, Discord's resume gateway),
 * URLs assembled from several pieces (`'https://' + host`, `new URL(path,
 * base)`), or a host that is itself a placeholder (`https://${host}/`).
 * URLs in prose (error messages, doc links after other text) and in comments
 * are not literals and are skipped.
 */

/** One host and port named in a file. */
export interface HostMention {
  /** Lowercase DNS name, IPv4 address or IPv6 address (no brackets); `*` stands for a template placeholder label. */
  readonly host: string;
  readonly port: number;
}

const DEFAULT_PORTS: { [scheme: string]: number } = { http: 80, ws: 80, https: 443, wss: 443 };

/** A template placeholder, `${...}`. */
const PLACEHOLDER = String.raw`\$\{[^}]{0,200}\}`;
/**
 * A quote, the scheme (any case), `://` (or JSON-escaped `:\/\/`), an
 * optional userinfo, the host (DNS name with placeholders that a `.` or `-`
 * follows, IPv4, or bracketed IPv6), an optional port (digits or a
 * placeholder), then the end of the authority.
 */
const URL_LITERAL = new RegExp(String.raw`["'\`]((?:https?|wss?)):(?:\/\/|\\\/\\\/)`
  + String.raw`(?:(?:[A-Za-z0-9._~%!$&()*+,;=:-]|${PLACEHOLDER})*@)?`
  + String.raw`((?:[A-Za-z0-9.-]|${PLACEHOLDER}(?=[A-Za-z0-9.-]))+|\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\])`
  + String.raw`(?::(\d{1,5}|${PLACEHOLDER}))?(?=[/\\"'\`?#]|\$\{|$)`, 'gi');

/** Top-level domains a host constant may end in (a bare `'a.b'` literal is usually a file or key name). */
const HOST_CONSTANT_TLDS = ['ai', 'cn', 'com', 'gg', 'io', 'me', 'net', 'org', 'tv'];
const HOST_CONSTANT = new RegExp(`["'\`]((?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\\.)+(?:${HOST_CONSTANT_TLDS.join('|')}))["'\`]`, 'g');

/** The URL literals of a file. */
export function urlLiterals(source: string): HostMention[] {
  const found: HostMention[] = [];
  for (const match of source.matchAll(URL_LITERAL)) {
    const host = normaliseHost(match[2]);
    if (host === undefined) continue;
    const port = match[3] === undefined || match[3].startsWith('$') ? DEFAULT_PORTS[match[1].toLowerCase()] : Number(match[3]);
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
 * A literal's host in the form the catalog uses (an IPv6 address without its
 * brackets), or undefined when it is not a fixed host: wholly a placeholder
 * (`${baseUrl}`), a single label (`localhost`), or without a letter
 * top-level domain.
 */
function normaliseHost(raw: string): string | undefined {
  if (raw.startsWith('[')) return raw.slice(1, -1).toLowerCase();
  const host = raw.replace(/\$\{[^}]*\}/g, '*').replace(/\*+/g, '*').replace(/\.$/, '').toLowerCase();
  const labels = host.split('.');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  if (labels.length < 2 || labels.some(label => label === '' || (label.includes('*') && label !== '*'))) return undefined;
  const tld = labels[labels.length - 1];
  if (!/^[a-z]{2,}$/.test(tld)) return undefined;
  if (labels.slice(-2).some(label => label === '*')) return undefined;
  return host;
}
