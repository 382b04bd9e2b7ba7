import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { CiliumVersion, Fqdn, OpenClawCiliumEgress } from '../src';
import { fqdnAllowed, patternMatches } from './support/cilium-eval';
import { apiServerRuleErrors, CRD_DIR, validateManifest } from './support/schemas';
import { newChart, synth } from './support/synth';

/** Synthesizes the chart and checks every object against the schemas and the API-server/Cilium rules. */
function synthValid(chart: ReturnType<typeof newChart>): any[] {
  const objects = synth(chart);
  for (const obj of objects) {
    expect(validateManifest(obj)).toEqual([]);
    expect(apiServerRuleErrors(obj)).toEqual([]);
  }
  return objects;
}

function onlyCnp(objects: any[]): any {
  const cnps = objects.filter(o => o.kind === 'CiliumNetworkPolicy');
  expect(cnps).toHaveLength(1);
  return cnps[0];
}

// ---------------------------------------------------------------------------
// The evaluator against Cilium's upstream matchpattern test cases
// ---------------------------------------------------------------------------

describe('patternMatches follows Cilium pkg/fqdn/matchpattern (upstream test cases)', () => {
  describe('Cilium 1.17: "*" stays within one label', () => {
    test.each([
      ['*.cilium.io', 'anysub.cilium.io', true],
      ['*.cilium.io', 'cilium.io', false],
      ['*.cilium.io', 'anysub.ci.io', false],
      ['*.cilium.io', 'anysub.ciliumandmore.io', false],
      ['*.cilium.io', 'a.b.cilium.io', false],
      ['*.ci*.io', 'anysub.cilium.io', true],
      ['*.ci*.io', 'anysub.ci.io', true],
      ['*.ci*.io', 'anysub.ciliumandmore.io', true],
      ['*.ci*.io', 'cilium.io', false],
      ['*.*.cilium.io', '_foobar._tcp.cilium.io', true],
      // the catalog's patterns
      ['*.whatsapp.net', 'mmg.whatsapp.net', true],
      ['*.whatsapp.net', 'whatsapp.net', false],
      ['*.discord.gg', 'gateway-us-east1-b.discord.gg', true],
      ['*.discord.gg', 'a.b.discord.gg', false],
      ['*.slack.com', 'wss-primary.slack.com', true],
      ['*.slack.com', 'slack.com.evil.io', false],
      ['*', 'anything.at.all', true],
      ['api-*.example.com', 'api-eu.example.com', true],
      // "**" is no multi-label wildcard before 1.19: it behaves like "*"
      ['**.cilium.io', 'anysub.cilium.io', true],
      ['**.cilium.io', 'a.b.cilium.io', false],
      ['**.cilium.io', 'cilium.io', false],
    ])('%s vs %s → %s', (pattern, name, expected) => {
      expect(patternMatches(pattern, name, 17)).toBe(expected);
    });

    test.each(['cilium.io', 'anysub.cilium.io', 'a.b.c.d.example.org', '_foobar._tcp.cilium.io', 'x'])(
      'a bare "*" matches %s', name => {
        expect(patternMatches('*', name, 17)).toBe(true);
        expect(patternMatches('*', name, 19)).toBe(true);
      });
  });

  describe('Cilium 1.19: a "**" label matches one or more labels', () => {
    test.each([
      ['**.cilium.io', 'anysub.cilium.io', true],
      ['**.cilium.io', '_foobar._tcp.cilium.io', true],
      ['**.cilium.io', 'sub11.sub22.sub33._foobar._tcp.cilium.io', true],
      ['**.cilium.io', 'cilium.io', false],
      ['**.cilium.io', 'anysub.ci.io', false],
      ['*.**.cilium.io', '_foobar._tcp.cilium.io', true],
      ['*.**.cilium.io', '2._foobar._tcp.cilium.io', true],
      ['*.**.cilium.io', '_tcp.cilium.io', false],
      ['1.**.cilium.io', '1._foobar._tcp.cilium.io', true],
      ['1.**.cilium.io', '1.2._foobar._tcp.cilium.io', true],
      ['1.**.cilium.io', '2._foobar._tcp.cilium.io', false],
      // single-label "*" keeps its 1.17 meaning
      ['*.cilium.io', 'a.b.cilium.io', false],
      ['*.cilium.io', 'anysub.cilium.io', true],
    ])('%s vs %s → %s', (pattern, name, expected) => {
      expect(patternMatches(pattern, name, 19)).toBe(expected);
    });
  });

  test.each([
    ['*.CILIUM.io', 'anysub.cilium.io'],
    ['*.cilium.io', 'AnySub.Cilium.IO'],
    ['*.Ci*.IO', 'ANYSUB.ciliumANDmore.io'],
  ])('matching is case-insensitive: %s vs %s', (pattern, name) => {
    expect(patternMatches(pattern, name, 17)).toBe(true);
    expect(patternMatches(pattern, name, 19)).toBe(true);
  });

  test('"**" matching is case-insensitive too (1.19)', () => {
    expect(patternMatches('**.CILIUM.IO', 'Sub1.SUB2.cilium.io', 19)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// What Fqdn.pattern accepts
// ---------------------------------------------------------------------------

describe('Fqdn.pattern', () => {
  test.each(['*.example.com', 'api-*.example.com', '*.*.example.com', '**.example.com', 'a.**.example.com'])(
    'accepts %s', pattern => {
      expect(Fqdn.pattern(pattern).matchPattern).toBe(pattern);
      expect(Fqdn.pattern(pattern).matchName).toBeUndefined();
    });

  test.each(['a**.example.com', '*.com', 'example.*', '*', '**.com', '*.ci*.io', 'example.com'])('rejects %s', pattern => {
    expect(() => Fqdn.pattern(pattern)).toThrow(/Invalid fqdn pattern/);
  });

  test('a "**" label needs Cilium 1.19', () => {
    expect(Fqdn.pattern('**.example.com').minimumCiliumVersion.toString()).toBe('1.19');
    expect(Fqdn.pattern('a.**.example.com').minimumCiliumVersion.toString()).toBe('1.19');
  });

  test('single-label wildcards (and exact names) need only Cilium 1.16', () => {
    expect(Fqdn.pattern('*.example.com').minimumCiliumVersion).toBe(CiliumVersion.V1_16);
    expect(Fqdn.pattern('*.*.example.com').minimumCiliumVersion).toBe(CiliumVersion.V1_16);
    expect(Fqdn.pattern('api-*.example.com').minimumCiliumVersion.toString()).toBe('1.16');
    expect(Fqdn.exact('api.example.com').minimumCiliumVersion.toString()).toBe('1.16');
  });
});

describe('case-insensitivity', () => {
  test('Fqdn.exact lowercases the name', () => {
    expect(Fqdn.exact('API.Anthropic.COM').matchName).toBe('api.anthropic.com');
  });

  test('Fqdn.pattern lowercases the pattern', () => {
    expect(Fqdn.pattern('*.Example.COM').matchPattern).toBe('*.example.com');
  });
});

// ---------------------------------------------------------------------------
// Policies and the "**" wildcard
// ---------------------------------------------------------------------------

describe('a policy with a "**" pattern', () => {
  const doubleStar = () => [Fqdn.pattern('**.example.com')];

  test('is refused by default (Cilium 1.17)', () => {
    const chart = newChart();
    expect(() => new OpenClawCiliumEgress(chart, 'Egress', { fqdns: doubleStar() })).toThrow(/1\.19/);
  });

  test('is refused for Cilium 1.18', () => {
    const chart = newChart();
    expect(() => new OpenClawCiliumEgress(chart, 'Egress', { fqdns: doubleStar(), ciliumVersion: CiliumVersion.V1_18 }))
      .toThrow(/1\.19/);
  });

  test('is refused when added later with allowFqdns on a 1.17 policy', () => {
    const chart = newChart();
    const egress = new OpenClawCiliumEgress(chart, 'Egress');
    expect(() => egress.allowFqdns('deep', doubleStar())).toThrow(/1\.19/);
  });

  test.each([
    ['CiliumVersion.V1_19', CiliumVersion.V1_19],
    ["CiliumVersion.of('1.20.1')", CiliumVersion.of('1.20.1')],
  ])('synthesizes with %s and matches several labels there', (_label, version) => {
    const chart = newChart();
    new OpenClawCiliumEgress(chart, 'Egress', { fqdns: doubleStar(), ciliumVersion: version });
    const cnp = onlyCnp(synthValid(chart));
    expect(cnp.spec.egress.flatMap((r: any) => r.toFQDNs ?? [])).toContainEqual({ matchPattern: '**.example.com' });
    expect(fqdnAllowed(cnp, 'a.example.com', 443, 'TCP', 19)).toBe(true);
    expect(fqdnAllowed(cnp, 'a.b.example.com', 443, 'TCP', 19)).toBe(true);
    expect(fqdnAllowed(cnp, 'example.com', 443, 'TCP', 19)).toBe(false);
    expect(fqdnAllowed(cnp, 'a.b.example.com', 80, 'TCP', 19)).toBe(false);
    expect(fqdnAllowed(cnp, 'a.b.example.org', 443, 'TCP', 19)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The Cilium v1.17.5 CRD's rules for matchName and matchPattern
// ---------------------------------------------------------------------------

const CRD_FILE = path.join(CRD_DIR, 'cilium-v1.17.5-ciliumnetworkpolicies.yaml');
const EXPECTED_MATCH_NAME = '^([-a-zA-Z0-9_]+[.]?)+$';
const EXPECTED_MATCH_PATTERN = '^([-a-zA-Z0-9_*]+[.]?)+$';

function crdV2Schema(): any {
  const text = fs.readFileSync(CRD_FILE, 'utf8');
  const crd = YAML.parseAllDocuments(text).map(doc => doc.toJS()).find(doc => doc?.kind === 'CustomResourceDefinition');
  const version = crd?.spec?.versions?.find((v: any) => v.name === 'v2');
  const schema = version?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`${CRD_FILE}: no v2 openAPIV3Schema`);
  return schema;
}

/**
 * The schema at a property path, descending through `properties` and, for
 * arrays, `items` (so `['spec', 'egress', 'toFQDNs', 'matchName']` is
 * `spec.egress[].toFQDNs[].matchName`). Undefined if the path is missing.
 */
function schemaAt(root: any, propertyPath: string[]): any {
  let node = root;
  for (const key of propertyPath) {
    while (node && node.type === 'array' && node.items) node = node.items;
    node = node?.properties?.[key];
    if (!node) return undefined;
  }
  return node;
}

/** Every string-typed `matchName`/`matchPattern` property schema anywhere in the tree. */
function allFieldSchemas(root: any, field: string): any[] {
  const found: any[] = [];
  const visit = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      const candidate = node.properties?.[field];
      if (candidate && candidate.type === 'string') found.push(candidate);
      Object.values(node).forEach(visit);
    }
  };
  visit(root);
  return found;
}

describe('the Cilium v1.17.5 CRD (pinned)', () => {
  const schema = crdV2Schema();
  const matchName = schemaAt(schema, ['spec', 'egress', 'toFQDNs', 'matchName']);
  const matchPattern = schemaAt(schema, ['spec', 'egress', 'toFQDNs', 'matchPattern']);
  const nameRe = new RegExp(matchName?.pattern);
  const patternRe = new RegExp(matchPattern?.pattern);

  test('spec.egress[].toFQDNs[] has the matchName and matchPattern rules this library was written against', () => {
    expect(matchName).toMatchObject({ type: 'string', pattern: EXPECTED_MATCH_NAME, maxLength: 255 });
    expect(matchPattern).toMatchObject({ type: 'string', pattern: EXPECTED_MATCH_PATTERN, maxLength: 255 });
  });

  test('every matchName/matchPattern in the CRD (specs[], rules.dns[]) has the same rules', () => {
    const names = allFieldSchemas(schema, 'matchName');
    const patterns = allFieldSchemas(schema, 'matchPattern');
    // spec and specs, each with toFQDNs and toPorts[].rules.dns[]
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(patterns.length).toBeGreaterThanOrEqual(4);
    for (const s of names) expect({ pattern: s.pattern, maxLength: s.maxLength }).toEqual({ pattern: EXPECTED_MATCH_NAME, maxLength: 255 });
    for (const s of patterns) expect({ pattern: s.pattern, maxLength: s.maxLength }).toEqual({ pattern: EXPECTED_MATCH_PATTERN, maxLength: 255 });
  });

  const label63 = 'a'.repeat(63);
  const longName = [label63, label63, label63, 'b'.repeat(58), 'io'].join('.'); // 253 characters
  const acceptedNames = [
    'api.anthropic.com',
    'API.Anthropic.COM',
    'generativelanguage.googleapis.com',
    'bedrock-runtime.eu-central-1.amazonaws.com',
    '_foobar._tcp.cilium.io',
    'trailing.dot.example.com.',
    'localhost',
    'x1.y2.z3',
    longName,
  ];
  const acceptedPatterns = [
    '*.example.com',
    'api-*.example.com',
    '*.*.example.com',
    '**.example.com',
    'a.**.example.com',
    '*.ci*.example.io',
    '*.SLACK.com',
    '_*._tcp.example.com',
    '*.example.com.',
  ];

  test('the long sample name is 253 characters', () => {
    expect(longName).toHaveLength(253);
  });

  test.each(acceptedNames)('Fqdn.exact(%j) is accepted and its matchName fits the CRD', name => {
    const fqdn = Fqdn.exact(name);
    expect(fqdn.matchName).toMatch(nameRe);
    expect(fqdn.matchName!.length).toBeLessThanOrEqual(matchName.maxLength);
    expect(name).toMatch(nameRe);
  });

  test.each(acceptedPatterns)('Fqdn.pattern(%j) is accepted and its matchPattern fits the CRD', pattern => {
    const fqdn = Fqdn.pattern(pattern);
    expect(fqdn.matchPattern).toMatch(patternRe);
    expect(fqdn.matchPattern!.length).toBeLessThanOrEqual(matchPattern.maxLength);
    expect(pattern).toMatch(patternRe);
  });

  test.each([
    'api anthropic.com',
    'https://api.anthropic.com',
    'api.anthropic.com:443',
    'api..anthropic.com',
    '.api.anthropic.com',
    'api.anthropic.com/v1',
    `${'a'.repeat(250)}.com.x`,
  ])('a name the CRD refuses (%j) is refused by Fqdn.exact too', name => {
    expect(name.length > matchName.maxLength || !nameRe.test(name)).toBe(true);
    expect(() => Fqdn.exact(name)).toThrow(/Invalid fqdn/);
  });
});
