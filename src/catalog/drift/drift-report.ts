import { hostConstants, HostMention, urlLiterals } from './host-scanner';
import { belongsTo, isClientLibrary } from './openclaw-packages';
import { TarFile } from './tgz-reader';
import { compileDnsPattern } from '../../analysis/policy-model';
import { compareText } from '../../validation/rules';
import { AiProvider } from '../ai-provider';
import { EndpointSet } from '../endpoint-set';
import {
  EXCLUDED_FOLDERS, EXCLUDED_HOSTS, Exclusion, exclusionScopes, HANDED_OUT_HOSTS, inScope,
} from '../exclusions';
import { MessagingChannel } from '../messaging-channel';
import { OpenClawService } from '../openclaw-service';

/** A published package, read from its tarball. */
export interface ScannedPackage {
  readonly name: string;
  readonly version: string;
  readonly files: TarFile[];
}

/** A host and the ports the code names it with, and the first place it does. */
export interface FoundHost {
  readonly host: string;
  readonly ports: number[];
  /** `package@version path/in/package`. */
  readonly firstSeenIn: string;
  /** The catalog entry (or other part of OpenClaw) that code belongs to. */
  readonly belongsTo: string;
}

/** A catalog host the code names on a port its entry does not allow. */
export interface PortMismatch {
  readonly host: string;
  readonly port: number;
  readonly entry: string;
  readonly firstSeenIn: string;
}

/** A catalog host no scanned literal names any more. */
export interface MissingHost {
  readonly host: string;
  readonly entry: string;
}

/** What `catalog verify` found. */
export interface DriftReport {
  readonly packages: string[];
  readonly filesScanned: number;
  readonly hostsFound: number;
  readonly inCatalog: number;
  readonly excluded: number;
  /** Hosts in neither the catalog nor the exclusions. */
  readonly unaccounted: FoundHost[];
  readonly portMismatches: PortMismatch[];
  /** Catalog hosts the code no longer names (and not listed as handed out at run time). */
  readonly missing: MissingHost[];
  /** Exclusions no scanned literal names (informational: the list could be trimmed). */
  readonly unusedExclusions: string[];
}

/** Where a host is named: one package (and, inside it, the first file that names it). */
interface HostUse {
  readonly packageName: string;
  readonly file: string;
  readonly ports: number[];
  readonly firstSeenIn: string;
  readonly belongsTo: string;
}

/** A host the scan found, with every package that names it. */
interface ScannedHost {
  readonly host: string;
  readonly uses: HostUse[];
}

/** A catalog host or host shape, with the entry it comes from. */
interface CatalogHost {
  readonly host: string;
  readonly entry: string;
  readonly ports: number[];
}

const SCANNED_FILE = /\.(c|m)?js$/;

/** Compares the hosts the packages' code names with the catalog and the exclusions. */
export function driftReport(packages: ScannedPackage[]): DriftReport {
  const found = scan(packages);
  const catalog = catalogHosts();
  const unaccounted: FoundHost[] = [];
  const portMismatches: PortMismatch[] = [];
  const usedExclusions = new Set<Exclusion>();
  let inCatalog = 0;
  let excluded = 0;
  /** The ports of a use no exclusion scoped to its package covers. */
  const uncoveredPorts = (host: string, use: HostUse, ports: number[]) => ports.filter(port => {
    const exclusion = EXCLUDED_HOSTS.find(e => exclusionCovers(e, host, port, use));
    if (exclusion) usedExclusions.add(exclusion);
    return exclusion === undefined;
  });
  for (const item of found.hosts) {
    const entries = catalog.filter(c => hostMatches(c.host, item.host));
    if (entries.length > 0) {
      inCatalog++;
      const reported = new Set<number>();
      for (const use of item.uses) {
        const offCatalog = use.ports.filter(port => !entries.some(e => e.ports.includes(port)) && !reported.has(port));
        for (const port of uncoveredPorts(item.host, use, offCatalog)) {
          reported.add(port);
          portMismatches.push({ host: item.host, port, entry: entries[0].entry, firstSeenIn: use.firstSeenIn });
        }
      }
      continue;
    }
    const uncovered = item.uses
      .map(use => ({ use, ports: uncoveredPorts(item.host, use, use.ports) }))
      .filter(({ ports }) => ports.length > 0);
    if (uncovered.length === 0) excluded++;
    for (const { use, ports } of uncovered) {
      unaccounted.push({ host: item.host, ports, firstSeenIn: use.firstSeenIn, belongsTo: use.belongsTo });
    }
  }
  const handedOut = new Set(HANDED_OUT_HOSTS.map(h => h.host));
  const missing = catalog
    .filter(c => !handedOut.has(c.host) && !found.hosts.some(item => hostMatches(c.host, item.host)))
    .map(c => ({ host: c.host, entry: c.entry }));
  return {
    packages: packages.map(p => `${p.name}@${p.version}`).sort(compareText),
    filesScanned: found.filesScanned,
    hostsFound: found.hosts.length,
    inCatalog,
    excluded,
    unaccounted,
    portMismatches,
    missing,
    unusedExclusions: EXCLUDED_HOSTS.filter(e => !usedExclusions.has(e)).map(e => e.host),
  };
}

/** The catalog's hosts: every named entry, and the shapes of the hosted factories. */
export function catalogHosts(): CatalogHost[] {
  const hosts: CatalogHost[] = [];
  const add = (entry: string, set: EndpointSet, sample?: string) => {
    const ports = set.ports.map(port => port.portNumber!).filter(port => port !== undefined);
    for (const fqdn of set.fqdns) {
      const text = String(fqdn);
      hosts.push({ entry, ports, host: sample ? text.split('.').map(label => (label === sample ? '*' : label)).join('.') : text });
    }
  };
  for (const [className, cls] of [['AiProvider', AiProvider], ['MessagingChannel', MessagingChannel], ['OpenClawService', OpenClawService]] as const) {
    for (const key of Object.keys(cls)) {
      const value = (cls as any)[key];
      if (/^[A-Z][A-Z0-9_]*$/.test(key) && value instanceof EndpointSet) add(`${className}.${key}`, value);
    }
  }
  add('AiProvider.azureOpenAi(resourceName)', AiProvider.azureOpenAi('resource'), 'resource');
  add('AiProvider.bedrock(region)', AiProvider.bedrock('us-east-1'), 'us-east-1');
  return hosts;
}

/**
 * True when a catalog or exclusion host (`*` = one DNS label or part of one,
 * as in Cilium 1.17) covers a found host. A found host's `*` (a template
 * placeholder) is covered only by a `*` in the same place.
 */
export function hostMatches(pattern: string, found: string): boolean {
  const matcher = compileDnsPattern(pattern, false);
  return found.split('.').every((label, i) => label !== '*' || pattern.split('.')[i] === '*')
    && matcher(found.replace(/\*/g, 'placeholder'));
}

/** True when the exclusion covers the host on that port, in the package (or bundled library) of the use. */
function exclusionCovers(exclusion: Exclusion, host: string, port: number, use: HostUse): boolean {
  return hostMatches(exclusion.host, host) && (exclusion.ports === undefined || exclusion.ports.includes(port))
    && exclusionScopes(exclusion).some(scope => inScope(scope, use.packageName, use.file));
}

/**
 * The hosts the packages' code names, each with one use per package (the
 * package's first file that names it, the ports of all its files). An
 * exclusion scoped to a bundled library (`node_modules/<name>/`) is judged
 * on that first file.
 */
function scan(packages: ScannedPackage[]): { hosts: ScannedHost[]; filesScanned: number } {
  const byHost = new Map<string, Map<string, { file: string; ports: Set<number>; firstSeenIn: string; belongsTo: string }>>();
  let filesScanned = 0;
  for (const pkg of [...packages].sort((a, b) => compareText(a.name, b.name))) {
    const files = pkg.files
      .filter(file => SCANNED_FILE.test(file.path))
      .filter(file => !EXCLUDED_FOLDERS.some(f => f.packageName === pkg.name && file.path.startsWith(f.folder)))
      .sort((a, b) => compareText(a.path, b.path));
    for (const file of files) {
      filesScanned++;
      const text = file.content.toString('latin1');
      const mentions: HostMention[] = [...urlLiterals(text), ...(isClientLibrary(pkg.name, file.path) ? hostConstants(text) : [])];
      for (const mention of mentions) {
        const uses = byHost.get(mention.host) ?? new Map();
        byHost.set(mention.host, uses);
        const key = `${pkg.name}\u0000${bundledLibrary(file.path)}`;
        let seen = uses.get(key);
        if (seen === undefined) {
          seen = { file: file.path, ports: new Set(), firstSeenIn: `${pkg.name}@${pkg.version} ${file.path}`, belongsTo: belongsTo(pkg.name, file.path) };
          uses.set(key, seen);
        }
        seen.ports.add(mention.port);
      }
    }
  }
  const hosts = [...byHost.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([host, uses]) => ({
      host,
      uses: [...uses.entries()].sort(([a], [b]) => compareText(a, b)).map(([key, seen]) => ({
        packageName: key.split('\u0000')[0],
        file: seen.file,
        ports: [...seen.ports].sort((a, b) => a - b),
        firstSeenIn: seen.firstSeenIn,
        belongsTo: seen.belongsTo,
      })),
    }));
  return { hosts, filesScanned };
}

/** The innermost bundled library a file is in (`node_modules/<name>/`), or `''` for the package's own code. */
function bundledLibrary(file: string): string {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  return match ? match[1] : '';
}
