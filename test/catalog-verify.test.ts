import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { catalogHosts, driftReport, hostMatches } from '../src/catalog/drift/drift-report';
import { hostConstants, urlLiterals } from '../src/catalog/drift/host-scanner';
import { readTgz } from '../src/catalog/drift/tgz-reader';
import { EXCLUDED_FOLDERS, EXCLUDED_HOSTS, ExclusionReason, exclusionScopes, HANDED_OUT_HOSTS } from '../src/catalog/exclusions';
import { runCatalog } from '../src/cli/catalog-command';

/**
 * `cdk8s-openclaw catalog verify`: offline, on small npm packages this test
 * builds itself (a tar writer below, gzipped), never on the network.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-catalog-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A ustar tarball, gzipped, with every file under npm's `package/` folder. */
function tgz(files: { [file: string]: string }): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const body = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(512);
    header.write(`package/${name}`, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return zlib.gzipSync(Buffer.concat(blocks));
}

/** A folder of fixture packages; each package is name → files. */
function packageFolder(name: string, packages: { [pkg: string]: { [file: string]: string } }): string {
  const folder = path.join(tmp, name);
  fs.mkdirSync(folder, { recursive: true });
  for (const [pkg, files] of Object.entries(packages)) {
    const manifest = JSON.stringify({ name: pkg, version: '2026.9.6' });
    fs.writeFileSync(path.join(folder, `${pkg.replace('@', '').replace('/', '-')}.tgz`), tgz({ 'package.json': manifest, ...files }));
  }
  return folder;
}

/**
 * Code that names every catalog host and host shape (as the real packages do,
 * or as the list of hosts handed out at run time says), so that a fixture
 * starts clean.
 */
const handedOut = new Set(HANDED_OUT_HOSTS.map(h => h.host));
const CATALOG_CODE = catalogHosts()
  .filter(c => !handedOut.has(c.host))
  .map(c => `fetch(\`https://${c.host.replace(/\*/g, '${name}')}/v1\`);`)
  .join('\n');

const CLEAN = {
  'openclaw': { 'dist/index.mjs': CATALOG_CODE },
  '@openclaw/discord': { 'dist/index.js': 'const api = "https://discord.com/api/v10"; // docs: https://docs.example.invalid' },
};

describe('catalog verify on fixture packages', () => {
  test('a clean fixture exits 0 and reports its figures', () => {
    const result = runCatalog(['verify', '--packages', packageFolder('clean', CLEAN)]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Scanned 2 packages, 2 files in [\d.]+ s: \d+ hosts, \d+ in the catalog, 0 excluded\.\n/);
    expect(result.stdout).toContain('Every host is accounted for.');
  });

  test('one injected host exits 1 and is named with the channel its package belongs to', () => {
    const folder = packageFolder('injected', {
      ...CLEAN,
      '@openclaw/discord': { 'dist/voice.js': 'const url = `wss://voice-relay.discord-new.example.net:8443/ws`;' },
    });
    const result = runCatalog(['verify', '--packages', folder]);
    expect(result.exitCode).toBe(1);
    const findings = result.stdout.split('\n').filter(line => line.startsWith('NOT ACCOUNTED FOR'));
    expect(findings).toEqual([
      'NOT ACCOUNTED FOR: voice-relay.discord-new.example.net (TCP 8443) in MessagingChannel.DISCORD, first seen in '
      + '@openclaw/discord@2026.9.6 dist/voice.js. Add it to the catalog or to src/catalog/exclusions.ts with a reason.',
    ]);
  });

  test('a host in a core extension folder names that extension\'s catalog entry', () => {
    const folder = packageFolder('telegram', {
      openclaw: { 'dist/index.mjs': CATALOG_CODE, 'dist/extensions/telegram/send.js': 'x("https://files.telegram-cdn.example.org/f")' },
    });
    const report = runCatalog(['verify', '--packages', folder]);
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toContain('NOT ACCOUNTED FOR: files.telegram-cdn.example.org (TCP 443) in MessagingChannel.TELEGRAM');
  });

  test('a catalog host the code no longer names is reported', () => {
    const withoutTelegram = CATALOG_CODE.split('\n').filter(line => !line.includes('api.telegram.org')).join('\n');
    const result = runCatalog(['verify', '--packages', packageFolder('missing', { openclaw: { 'dist/index.mjs': withoutTelegram } })]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('NO LONGER IN THE CODE: api.telegram.org (MessagingChannel.TELEGRAM).');
  });

  test('a catalog host on a port its entry does not allow is reported', () => {
    const folder = packageFolder('port', { openclaw: { 'dist/index.mjs': `${CATALOG_CODE}\nfetch("http://api.telegram.org/bot")` } });
    const result = runCatalog(['verify', '--packages', folder]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('PORT NOT ALLOWED: api.telegram.org on TCP 80 (MessagingChannel.TELEGRAM does not allow it)');
  });

  test('an excluded host and an excluded folder are accounted for', () => {
    const folder = packageFolder('excluded', {
      openclaw: {
        'dist/index.mjs': `${CATALOG_CODE}\nconst docs = "https://docs.openclaw.ai/channels";`,
        'dist/control-ui/app.js': 'link("https://fonts.example-cdn.net/x")',
      },
    });
    const result = runCatalog(['verify', '--packages', folder]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/, 1 excluded\./);
  });

  test('a host split by package is excluded in each package it names, and reported in any other', () => {
    const litellm = 'const url = "https://raw.githubusercontent.com/BerriAI/litellm/main/prices.json";';
    const folder = packageFolder('split', {
      'openclaw': { 'dist/index.mjs': `${CATALOG_CODE}\n${litellm}` },
      'baileys': { 'lib/Utils/generics.js': 'fetch("https://raw.githubusercontent.com/WhiskeySockets/Baileys/master/src/Defaults/baileys-version.json")' },
      '@openclaw/slack': { 'dist/index.js': litellm },
    });
    const result = runCatalog(['verify', '--packages', folder]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n').filter(line => line.startsWith('NOT ACCOUNTED FOR')).map(line => line.split(', first')[0])).toEqual([
      'NOT ACCOUNTED FOR: raw.githubusercontent.com (TCP 443) in MessagingChannel.SLACK',
    ]);
  });

  test('usage errors exit 2', () => {
    expect(runCatalog([]).exitCode).toBe(2);
    expect(runCatalog(['list']).exitCode).toBe(2);
    expect(runCatalog(['verify', '--packages']).exitCode).toBe(2);
    expect(runCatalog(['verify', '--packages', path.join(tmp, 'no-such-folder')]).exitCode).toBe(2);
    expect(runCatalog(['verify', '--help']).exitCode).toBe(0);
  });
});

describe('the scanner', () => {
  test.each([
    ['"https://api.telegram.org/bot"', [{ host: 'api.telegram.org', port: 443 }]],
    ["'wss://gateway.discord.gg/?v=10'", [{ host: 'gateway.discord.gg', port: 443 }]],
    ['`ws://irc.example.com:6667`', [{ host: 'irc.example.com', port: 6667 }]],
    ['"http://api.example.org"', [{ host: 'api.example.org', port: 80 }]],
    ['`https://${resource}.openai.azure.com/openai`', [{ host: '*.openai.azure.com', port: 443 }]],
    ['`https://bedrock-runtime.${region}.amazonaws.com`', [{ host: 'bedrock-runtime.*.amazonaws.com', port: 443 }]],
    ['`https://${host}:${port}/`', []], // wholly run time
    ['"http://localhost:8080"', []], // one label
    ['"see https://docs.openclaw.ai/x"', []], // prose, not a URL literal
    ['// https://example.com in a comment', []],
  ])('%s gives %j', (code, expected) => {
    expect(urlLiterals(code)).toEqual(expected);
  });

  test('host constants: bare DNS names with a known top-level domain', () => {
    expect(hostConstants('const HOST = "web.whatsapp.com"; require("./index.js"); x = "lodash.merge";')).toEqual([{ host: 'web.whatsapp.com', port: 443 }]);
  });

  test('catalog patterns match one label per `*`, and a template `*` only matches a `*`', () => {
    expect(hostMatches('*.slack.com', 'files.slack.com')).toBe(true);
    expect(hostMatches('*.slack.com', 'a.b.slack.com')).toBe(false);
    expect(hostMatches('*.openai.azure.com', '*.openai.azure.com')).toBe(true);
    expect(hostMatches('contoso.openai.azure.com', '*.openai.azure.com')).toBe(false);
  });

  test('the tar reader takes ustar names and drops npm\'s package/ folder', () => {
    expect(readTgz(tgz({ 'dist/a.js': 'x' })).map(f => [f.path, f.content.toString()])).toEqual([['dist/a.js', 'x']]);
  });
});

describe('the exclusion list', () => {
  test('every exclusion has a reason and a source naming a package and a file', () => {
    for (const exclusion of EXCLUDED_HOSTS) {
      expect(Object.values(ExclusionReason)).toContain(exclusion.reason);
      expect(exclusion.source).toMatch(/^(@[a-z0-9.-]+\/)?[a-z0-9.-]+ \S+\.(c|m)?js$/);
    }
    for (const folder of EXCLUDED_FOLDERS) expect(folder.note).not.toBe('');
    for (const host of HANDED_OUT_HOSTS) expect(host.source).not.toBe('');
  });

  test('no host is both in the catalog and excluded', () => {
    const catalog = catalogHosts();
    const both = EXCLUDED_HOSTS.filter(e => catalog.some(c => hostMatches(c.host, e.host) || hostMatches(e.host, c.host)));
    expect(both.map(e => e.host)).toEqual([]);
  });

  test('every host handed out at run time is a catalog host', () => {
    const catalog = catalogHosts();
    for (const h of HANDED_OUT_HOSTS) expect(catalog.filter(c => c.host === h.host).map(c => c.entry)).toContain(h.entry);
  });

  test('a host is excluded once per package, and once per reason', () => {
    const scoped = EXCLUDED_HOSTS.flatMap(e => exclusionScopes(e).map(scope => `${e.host} in ${scope}`));
    expect(scoped.filter((key, i) => scoped.indexOf(key) !== i)).toEqual([]);
    const reasoned = EXCLUDED_HOSTS.map(e => `${e.host} for ${e.reason}`);
    expect(reasoned.filter((key, i) => reasoned.indexOf(key) !== i)).toEqual([]);
  });

  test('a host split by package keeps each use under its own reason', () => {
    const uses = (host: string) => EXCLUDED_HOSTS.filter(e => e.host === host).map(e => [exclusionScopes(e), e.reason]);
    expect(uses('raw.githubusercontent.com')).toEqual([
      [['openclaw'], ExclusionReason.IDENTIFIER],
      [['@openclaw/whatsapp', 'baileys'], ExclusionReason.VERSION_CHECK_WITH_FALLBACK],
    ]);
    expect(uses('docs.openclaw.ai')).toEqual([
      [['@openclaw/slack'], ExclusionReason.DOCS_LINK],
      [['openclaw'], ExclusionReason.OPERATOR_COMMAND],
    ]);
    expect(uses('telegram.org')).toEqual([
      [['grammy'], ExclusionReason.DOCS_LINK],
      [['openclaw'], ExclusionReason.BROWSER_SIDE],
    ]);
  });

  test('a report on no findings names no drift', () => {
    expect(driftReport([]).unaccounted).toEqual([]);
  });
});
