/* eslint-disable no-bitwise -- IP address arithmetic is bit arithmetic. */
import { invalid } from '../validation/rules';
import { checkArgument, instanceOf, isString, madeByItsClass } from '../validation/types';

/** The IP address family of a CIDR. */
export enum IpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;

/**
 * An IPv4 or IPv6 network in CIDR notation, parsed and checked when it is made.
 *
 * Only canonical network addresses are accepted (`10.0.0.0/8`, not
 * `10.1.2.3/8`), as the API server expects. IPv6 text is normalised to its
 * RFC 5952 form (lowercase, longest zero run compressed).
 */
export class Cidr {
  /**
   * Parses `text` such as `10.0.0.0/8` or `fc00::/7`.
   *
   * @param text the CIDR
   * @param prop the prop name to use in the error message
   */
  public static parse(text: string, prop?: string): Cidr {
    if (prop !== undefined) checkArgument('prop', prop, isString);
    const name = prop ?? 'cidr';
    const allowed = 'Give an IPv4 or IPv6 network in CIDR notation, such as "203.0.113.0/24" or "2001:db8::/32".';
    if (typeof text !== 'string') throw invalid(name, text, allowed);
    const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
    if (!match) throw invalid(name, text, allowed);
    const family = match[1].includes(':') ? IpFamily.IPV6 : IpFamily.IPV4;
    const address = family === IpFamily.IPV4 ? parseIpv4(match[1]) : parseIpv6(match[1]);
    if (address === undefined) throw invalid(name, text, allowed);
    const width = family === IpFamily.IPV4 ? IPV4_BITS : IPV6_BITS;
    const prefixLength = Number(match[2]);
    if (prefixLength > width || String(prefixLength) !== match[2]) {
      throw invalid(name, text, `The prefix length of an ${family} CIDR is 0-${width}, without leading zeros.`);
    }
    const network = address & prefixMask(prefixLength, width);
    if (network !== address) {
      const canonical = `${formatAddress(network, family)}/${prefixLength}`;
      throw invalid(name, text, `Host bits are set; the network address is "${canonical}".`);
    }
    return new Cidr(family, network, prefixLength);
  }

  /**
   * @internal For reading manifests written elsewhere: parses a CIDR, or a
   * bare address as a /32 or /128, clearing host bits; undefined if it does
   * not parse.
   */
  public static _lenient(text: string): Cidr | undefined {
    if (typeof text !== 'string') return undefined;
    const [addressText, prefixText, extra] = text.trim().split('/');
    if (extra !== undefined) return undefined;
    const family = addressText.includes(':') ? IpFamily.IPV6 : IpFamily.IPV4;
    const address = family === IpFamily.IPV4 ? parseIpv4(addressText) : parseIpv6(addressText);
    const width = family === IpFamily.IPV4 ? IPV4_BITS : IPV6_BITS;
    const prefixLength = prefixText === undefined ? width : Number(prefixText);
    if (address === undefined || !/^\d{1,3}$/.test(prefixText ?? '0') || prefixLength > width) return undefined;
    return new Cidr(family, address & prefixMask(prefixLength, width), prefixLength);
  }

  /** @internal The text form of an address given as a number. */
  public static _formatAddress(value: bigint, family: IpFamily): string {
    return formatAddress(value, family);
  }

  /** The address family. */
  public readonly family: IpFamily;
  /** The prefix length in bits. */
  public readonly prefixLength: number;
  private readonly network: bigint;

  private constructor(family: IpFamily, network: bigint, prefixLength: number) {
    madeByItsClass(this);
    this.family = family;
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /** True if `other` lies inside this network (or is the same network). */
  public contains(other: Cidr): boolean {
    checkArgument('other', other, IS_CIDR);
    if (other.family !== this.family || other.prefixLength < this.prefixLength) return false;
    return (other.network & prefixMask(this.prefixLength, this.width)) === this.network;
  }

  /** True if the two networks share at least one address. */
  public overlaps(other: Cidr): boolean {
    checkArgument('other', other, IS_CIDR);
    return this.contains(other) || other.contains(this);
  }

  /** The canonical text form, such as `10.0.0.0/8` or `fc00::/7`. */
  public toString(): string {
    return `${formatAddress(this.network, this.family)}/${this.prefixLength}`;
  }

  /** @internal The first address of the network, as a number. */
  public _first(): bigint {
    return this.network;
  }

  /** @internal The last address of the network, as a number. */
  public _last(): bigint {
    return this.network | ((1n << BigInt(this.width - this.prefixLength)) - 1n);
  }

  private get width(): number {
    return this.family === IpFamily.IPV4 ? IPV4_BITS : IPV6_BITS;
  }
}

/** Checks a `Cidr` argument (made once: `contains` runs for every address the analyzer matches). */
const IS_CIDR = instanceOf(Cidr);

function prefixMask(prefixLength: number, width: number): bigint {
  const all = (1n << BigInt(width)) - 1n;
  return all ^ ((1n << BigInt(width - prefixLength)) - 1n);
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  // An embedded IPv4 address may only stand in the last 32 bits.
  if (halves.length === 2 && halves[0].includes('.')) return undefined;
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

function formatAddress(value: bigint, family: IpFamily): string {
  if (family === IpFamily.IPV4) {
    return [24n, 16n, 8n, 0n].map(shift => String((value >> shift) & 0xffn)).join('.');
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map(shift => Number((value >> shift) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map(g => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
