/**
 * Every host OpenClaw's code names that is NOT in the catalog, and why.
 * `cdk8s-openclaw catalog verify` fails on a host found in the packages that
 * is in neither the catalog nor this list, so a new host in a release is
 * reviewed here instead of taking the bot offline. The README's "Left out on
 * purpose" section is generated from this list (`leftOutMarkdown`).
 */

/** Why a host OpenClaw's code names is not in the catalog. */
export enum ExclusionReason {
  /** Named only as an OAuth scope or token audience; never connected to. */
  TOKEN_SCOPE_ONLY = 'token scope only',
  /** Used only for single sign-on or an interactive login, not by the running bot. */
  SSO_ONLY = 'SSO or interactive login only',
  /** A link shown to people (docs, consoles, help pages); the code never fetches it. */
  DOCS_LINK = 'docs link',
  /** A schema, namespace or spec identifier; never fetched. */
  IDENTIFIER = 'identifier, never fetched',
  /** An example or placeholder in help text or config samples. */
  EXAMPLE = 'example or placeholder',
  /** A version check with a fallback: the feature works without it. */
  VERSION_CHECK_WITH_FALLBACK = 'version check with a fallback',
  /** An optional feature that is off unless configured (voice, push relay, tunnels). */
  OPTIONAL_FEATURE = 'optional feature',
  /** A provider or service the catalog has no entry for; allow it with `EndpointSet.of`. */
  NOT_IN_CATALOG = 'provider or service not in the catalog',
  /** An endpoint of a client library that OpenClaw's plugin does not call (other clouds, other APIs). */
  UNUSED_CLIENT_ENDPOINT = 'client library endpoint OpenClaw does not use',
  /** Reached by the web or browser tools at the model's request; an allow-list cannot cover them. */
  TOOL_TARGET = 'web or browser tool target',
  /** Inside the pod, the node or the cluster (metadata service, Docker host); not an internet host. */
  LOCAL = 'local or in-cluster address',
}

/** A host (or `*` pattern, one label per `*`) that OpenClaw's code names and the catalog leaves out. */
export interface Exclusion {
  readonly host: string;
  /** The ports this covers; all ports when absent. */
  readonly ports?: number[];
  readonly reason: ExclusionReason;
  /** Where the code names it: the package and file (bundle chunk names without their hash). */
  readonly source: string;
  /** One line for the README, when the reason alone does not say enough. */
  readonly note?: string;
}

/** A folder whose code is left out whole, and why. */
export interface FolderExclusion {
  readonly packageName: string;
  /** A folder inside the package, with a trailing `/`. */
  readonly folder: string;
  readonly reason: ExclusionReason;
  readonly note: string;
}

/** A catalog host that no literal in the code names, because the code gets it at run time. */
export interface HandedOutHost {
  readonly host: string;
  /** The catalog entry, such as `MessagingChannel.DISCORD`. */
  readonly entry: string;
  /** Where the host comes from at run time. */
  readonly source: string;
}

/** Folders whose code never runs in the gateway's pod, or drives a browser. */
export const EXCLUDED_FOLDERS: FolderExclusion[] = [
  {
    packageName: 'openclaw', folder: 'dist/control-ui/', reason: ExclusionReason.DOCS_LINK,
    note: 'the Control UI runs in the user\'s browser, not in the pod',
  },
  {
    packageName: 'openclaw', folder: 'node_modules/chrome-devtools-mcp/', reason: ExclusionReason.TOOL_TARGET,
    note: 'the browser tool (Chrome DevTools MCP) opens whatever page the model asks for',
  },
];

/** Catalog hosts the code gets at run time rather than from a literal. */
export const HANDED_OUT_HOSTS: HandedOutHost[] = [];

/** Hosts named in OpenClaw's code and left out of the catalog on purpose. */
export const EXCLUDED_HOSTS: Exclusion[] = [];
