import type * as CiliumCrds from '../imports/cilium.io';

let loaded: typeof CiliumCrds | undefined;

/**
 * The generated Cilium CRD classes and enums (`src/imports/cilium.io.ts`), loaded on first use.
 *
 * The generated module is 2.5 MB of JavaScript: loading it at `require()` time made requiring
 * the library 40 % slower than requiring cdk8s-plus-28 alone (BENCHMARKS.md). Code that emits a
 * Cilium policy takes its values from here; everything else imports the generated types with
 * `import type` only, so users who never emit a Cilium policy never load the module. The
 * `cilium` submodule of the package entry point is a lazy getter for the same reason
 * (`projenrc/lazy-cilium-submodule.ts`).
 */
export function ciliumCrds(): typeof CiliumCrds {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../imports/cilium.io') as typeof CiliumCrds;
  return loaded;
}
