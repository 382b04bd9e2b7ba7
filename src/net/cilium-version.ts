import { invalid } from '../validation/rules';
import { checkArgument, instanceOf, madeByItsClass } from '../validation/types';

/**
 * The Cilium version the cluster runs. Policies use it to refuse features
 * the cluster would not understand, such as the `**.` multi-label wildcard
 * (Cilium 1.19 and later).
 */
export class CiliumVersion {
  /** Cilium 1.16, the first with `enableDefaultDeny` (rollout mode). */
  public static readonly V1_16 = new CiliumVersion(16);
  /** Cilium 1.17, the version whose CRDs this library's types are generated from. */
  public static readonly V1_17 = new CiliumVersion(17);
  /** Cilium 1.18. */
  public static readonly V1_18 = new CiliumVersion(18);
  /** Cilium 1.19, the first where `**.` in `matchPattern` matches one or more DNS labels. */
  public static readonly V1_19 = new CiliumVersion(19);

  /**
   * A Cilium 1.x version given as text, such as `1.19` or `1.19.2`.
   * Versions before 1.16 are refused: they lack `enableDefaultDeny`.
   */
  public static of(version: string): CiliumVersion {
    const match = typeof version === 'string' ? /^v?1\.(\d{1,3})(\.\d{1,3})?$/.exec(version) : null;
    const minor = match ? Number(match[1]) : NaN;
    if (!match || minor < 16) {
      throw invalid('ciliumVersion', version, 'Give a Cilium version 1.16 or later as "1.<minor>" or "1.<minor>.<patch>", such as "1.17" or "1.19.2".');
    }
    return new CiliumVersion(minor);
  }

  /** The minor version (Cilium 1.x). */
  public readonly minor: number;

  private constructor(minor: number) {
    madeByItsClass(this);
    this.minor = minor;
  }

  /** True if this version is `other` or later. */
  public isAtLeast(other: CiliumVersion): boolean {
    checkArgument('other', other, instanceOf(CiliumVersion));
    return this.minor >= other.minor;
  }

  /** The version as text, such as `1.17`. */
  public toString(): string {
    return `1.${this.minor}`;
  }
}
