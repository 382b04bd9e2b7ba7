import { CiliumVersion } from './cilium-version';
import { invalid } from '../validation/rules';
import { madeByItsClass } from '../validation/types';

/** Cilium v1.17 CRD pattern for `toFQDNs[].matchName`. */
const MATCH_NAME = /^([-a-zA-Z0-9_]+[.]?)+$/;
/** Cilium v1.17 CRD pattern for `toFQDNs[].matchPattern`. */
const MATCH_PATTERN = /^([-a-zA-Z0-9_*]+[.]?)+$/;
/** The CRD's maxLength for both fields. */
const MAX_LENGTH = 255;
const MAX_LABEL_LENGTH = 63;

const NAME_RULES = 'A DNS name is 1-255 characters of labels made of a-z, 0-9, "-" and "_", separated by single dots, each label at most 63 characters, with no scheme, port, path or spaces.';

/**
 * One entry of a Cilium `toFQDNs` allow-list: an exact DNS name or a
 * wildcard pattern, validated against the Cilium v1.17 CRD rules and
 * normalised to lowercase (Cilium matches names case-insensitively).
 */
export class Fqdn {
  /** Exactly this DNS name, such as `api.anthropic.com` (Cilium `matchName`). */
  public static exact(name: string): Fqdn {
    return Fqdn._exact('fqdn', name);
  }

  /** @internal `exact()` for a prop of another name, such as a channel factory's `host`. */
  public static _exact(prop: string, name: string): Fqdn {
    const normalised = normalise(prop, name, MATCH_NAME);
    if (/^\d+(\.\d+){3}$/.test(normalised)) {
      throw invalid(prop, name, 'An IP address is not a DNS name: Cilium learns FQDN IPs only from DNS answers, so it would never match. Use a CIDR rule for addresses.');
    }
    return new Fqdn(normalised, undefined);
  }

  /**
   * A wildcard pattern (Cilium `matchPattern`).
   *
   * With Cilium 1.17 and 1.18, `*` matches zero or more characters *within
   * one DNS label*: `*.slack.com` matches `files.slack.com` but neither
   * `slack.com` nor `a.b.slack.com`. List one pattern per depth you need
   * (`*.example.com`, `*.*.example.com`).
   *
   * A label of exactly `**` (as in `**.example.com`) matches one or more
   * labels, but only from Cilium 1.19: policies refuse such a pattern unless
   * they are told the cluster runs Cilium 1.19 or later (`ciliumVersion`).
   *
   * Rejected: a bare `*` (it matches every name), a wildcard in the last two
   * labels (such as `*.com` or `example.*`), and `**` inside a longer label.
   */
  public static pattern(pattern: string): Fqdn {
    const normalised = normalise('fqdn pattern', pattern, MATCH_PATTERN);
    if (!normalised.includes('*')) {
      throw invalid('fqdn pattern', pattern, 'A pattern needs at least one "*"; use Fqdn.exact() for a plain name.');
    }
    const labels = normalised.split('.');
    if (labels.some(label => label.includes('**') && label !== '**')) {
      throw invalid('fqdn pattern', pattern,
        '"**" is a wildcard only as a whole label, as in "**.example.com" (Cilium 1.19+); within a label use a single "*".');
    }
    if (labels.length < 3 || labels.slice(-2).some(label => label.includes('*'))) {
      throw invalid('fqdn pattern', pattern,
        'A pattern must keep its last two labels literal (such as "*.example.com"); a wildcard there would allow whole top-level domains.');
    }
    return new Fqdn(undefined, normalised);
  }

  /** The exact name, for `matchName` entries. */
  public readonly matchName?: string;
  /** The wildcard pattern, for `matchPattern` entries. */
  public readonly matchPattern?: string;

  private constructor(matchName: string | undefined, matchPattern: string | undefined) {
    madeByItsClass(this);
    this.matchName = matchName;
    this.matchPattern = matchPattern;
  }

  /**
   * The oldest Cilium version that matches this entry as written: 1.19 for
   * patterns with a `**` label, otherwise 1.16.
   */
  public get minimumCiliumVersion(): CiliumVersion {
    return this.matchPattern?.split('.').includes('**') ? CiliumVersion.V1_19 : CiliumVersion.V1_16;
  }

  /** The name or pattern as text. */
  public toString(): string {
    return (this.matchName ?? this.matchPattern)!;
  }
}

/** Sorts FQDN entries and drops duplicates (exact names first, then patterns). */
export function uniqueFqdns(fqdns: Fqdn[]): Fqdn[] {
  const byKey = new Map<string, Fqdn>();
  for (const fqdn of fqdns) byKey.set(`${fqdn.matchName ? 'a' : 'b'}:${fqdn.toString()}`, fqdn);
  return [...byKey.keys()].sort().map(key => byKey.get(key)!);
}

function normalise(prop: string, text: string, crdPattern: RegExp): string {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_LENGTH) {
    throw invalid(prop, text, NAME_RULES);
  }
  const name = text.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (!crdPattern.test(text) || name.length === 0 || labels.some(label => label.length === 0 || label.length > MAX_LABEL_LENGTH)) {
    throw invalid(prop, text, NAME_RULES);
  }
  if (labels.some(label => label.startsWith('-') || label.endsWith('-'))) {
    throw invalid(prop, text, `${NAME_RULES} A label may not start or end with "-".`);
  }
  return name;
}
