import { hostConstants, HostMention, urlLiterals } from './host-scanner';
import { belongsTo, isClientLibrary } from './openclaw-packages';
import { TarFile } from './tgz-reader';
import { compileDnsPattern } from '../../analysis/policy-model';
import { compareText } from '../../validation/rules';
import { AiProvider } from '../ai-provider';
import { EndpointSet } from '../endpoint-set';
import {
  EXCLUDED_FOLDERS, EXCLUDED_HOSTS, Exclusion, HANDED_OUT_HOSTS,
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
  for (const item of found.hosts) {
    const entries = catalog.filter(c => hostMatches(c.host, item.host));
    if (entries.length > 0) {
      inCatalog++;
      for (const port of item.ports) {
        if (entries.some(e => e.ports.includes(port))) continue;
        const exclusion = EXCLUDED_HOSTS.find(e => exclusionCovers(e, item.host, port));
        if (exclusion) usedExclusions.add(exclusion);
        else portMismatches.push({ host: item.host, port, entry: entries[0].entry, firstSeenIn: item.firstSeenIn });
      }
      continue;
    }
    const exclusions = item.ports.map(port => EXCLUDED_HOSTS.find(e => exclusionCovers(e, item.host, port)));
    exclusions.forEach(e => e && usedExclusions.add(e));
    if (exclusions.every(e => e !== undefined)) excluded++;
    else unaccounted.push({ ...item, ports: item.ports.filter((_port, i) => exclusions[i] === undefined) });
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

function exclusionCovers(exclusion: Exclusion, host: string, port: number): boolean {
  return hostMatches(exclusion.host, host) && (exclusion.ports === undefined || exclusion.ports.includes(port));
}

function scan(packages: ScannedPackage[]): { hosts: FoundHost[]; filesScanned: number } {
  const byHost = new Map<string, { ports: Set<number>; firstSeenIn: string; belongsTo: string }>();
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
        let seen = byHost.get(mention.host);
        if (seen === undefined) {
          seen = { ports: new Set(), firstSeenIn: `${pkg.name}@${pkg.version} ${file.path}`, belongsTo: belongsTo(pkg.name, file.path) };
          byHost.set(mention.host, seen);
        }
        seen.ports.add(mention.port);
      }
    }
  }
  const hosts = [...byHost.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([host, seen]) => ({ host, ports: [...seen.ports].sort((a, b) => a - b), firstSeenIn: seen.firstSeenIn, belongsTo: seen.belongsTo }));
  return { hosts, filesScanned };
}
