/**
 * The analyzer's semantics, one rule at a time: each describe block feeds a
 * small hand-written manifest to `PolicyAnalyzer` and checks both the verdict
 * and that it names the policy or rule that decided it.
 */
import {
  CiliumVersion, EnforcementModel, Flow, FlowEndpoint, PolicyAnalyzer, PolicyAnalyzerOptions, Protocol, Reachability,
} from '../src';

const GENERIC: PolicyAnalyzerOptions = { model: EnforcementModel.GENERIC };
const CILIUM: PolicyAnalyzerOptions = { model: EnforcementModel.CILIUM };

function pod(namespace: string, labels: { [key: string]: string }, ip?: string): FlowEndpoint {
  return FlowEndpoint.pod(namespace, labels, ip);
}

function ext(ip: string, dnsName?: string): FlowEndpoint {
  return FlowEndpoint.external(ip, dnsName);
}

function flow(from: FlowEndpoint, to: FlowEndpoint, port: number, protocol?: Protocol): Flow {
  return { from, to, port, protocol };
}

/** A NetworkPolicy object. */
function netpol(namespace: string | undefined, name: string, spec: any): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: namespace === undefined ? { name } : { name, namespace },
    spec,
  };
}

/** A CiliumNetworkPolicy object (a CiliumClusterwideNetworkPolicy without a namespace). */
function cilium(namespace: string | undefined, name: string, spec: any): any {
  return {
    apiVersion: 'cilium.io/v2',
    kind: namespace === undefined ? 'CiliumClusterwideNetworkPolicy' : 'CiliumNetworkPolicy',
    metadata: namespace === undefined ? { name } : { name, namespace },
    spec,
  };
}

/** The Cilium egress rule that sends DNS to kube-dns through the DNS proxy, with these `rules.dns` entries. */
function dnsRule(dns: any[]): any {
  return {
    toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
    toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns } }],
  };
}

const PUBLIC = ext('198.51.100.7');

// ---------------------------------------------------------------------------
// 1. namespaceSelector + podSelector: AND in one element, OR in two
// ---------------------------------------------------------------------------

describe('namespaceSelector and podSelector: one peer element is AND, two elements are OR', () => {
  const and = PolicyAnalyzer.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-ingress
  namespace: db
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: web
          podSelector:
            matchLabels:
              app: frontend
      ports:
        - port: 5432
`);
  const or = PolicyAnalyzer.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-ingress
  namespace: db
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: web
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - port: 5432
`);
  const db = pod('db', { app: 'db' });
  const clients: [string, FlowEndpoint][] = [
    ['web/frontend', pod('web', { app: 'frontend' })],
    ['web/batch', pod('web', { app: 'batch' })],
    ['db/frontend', pod('db', { app: 'frontend' })],
    ['other/frontend', pod('other', { app: 'frontend' })],
  ];
  const allowedClients = (analyzer: PolicyAnalyzer) =>
    clients.filter(([, client]) => analyzer.isAllowed(flow(client, db, 5432))).map(([name]) => name);

  test('AND: only frontend pods in namespace web get in, and the rule that let them in is named', () => {
    expect(allowedClients(and)).toEqual(['web/frontend']);
    const verdict = and.check(flow(pod('web', { app: 'frontend' }), db, 5432));
    expect(verdict.ingress.allowedBy).toEqual(['NetworkPolicy db/db-ingress ingress[0]']);
    expect(verdict.egress.isolated).toBe(false);
  });

  test('AND: a pod matching only one half is denied, and the reason names the isolating policy', () => {
    for (const client of [pod('web', { app: 'batch' }), pod('db', { app: 'frontend' })]) {
      const verdict = and.check(flow(client, db, 5432));
      expect(verdict.allowed).toBe(false);
      expect(verdict.ingress.isolatedBy).toEqual(['NetworkPolicy db/db-ingress']);
      expect(verdict.ingress.allowedBy).toEqual([]);
      expect(verdict.reason).toContain('isolated for ingress by NetworkPolicy db/db-ingress');
    }
  });

  test('OR: every pod in web, and frontend pods in the policy\'s own namespace, get in', () => {
    expect(allowedClients(or)).toEqual(['web/frontend', 'web/batch', 'db/frontend']);
    expect(or.check(flow(pod('web', { app: 'batch' }), db, 5432)).ingress.allowedBy).toEqual(['NetworkPolicy db/db-ingress ingress[0]']);
    // a podSelector alone means the policy's namespace, not every namespace
    expect(or.check(flow(pod('other', { app: 'frontend' }), db, 5432)).allowed).toBe(false);
  });

  test('the difference: OR allows strictly more than AND, exactly the half-matching pods', () => {
    const andAllowed = allowedClients(and);
    const orAllowed = allowedClients(or);
    expect(andAllowed.filter(name => !orAllowed.includes(name))).toEqual([]);
    expect(orAllowed.filter(name => !andAllowed.includes(name))).toEqual(['web/batch', 'db/frontend']);
  });

  test('the namespaceSelector reads namespace labels given in the options', () => {
    const analyzer = PolicyAnalyzer.fromManifests([netpol('db', 'db-ingress', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { tier: 'front' } }, podSelector: { matchLabels: { app: 'frontend' } } }] }],
    })], { namespaces: [{ name: 'shop', labels: { tier: 'front' } }] });
    expect(analyzer.isAllowed(flow(pod('shop', { app: 'frontend' }), db, 5432))).toBe(true);
    expect(analyzer.isAllowed(flow(pod('web', { app: 'frontend' }), db, 5432))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 2. policyTypes defaulting
// ---------------------------------------------------------------------------

describe('policyTypes defaulting', () => {
  const client = pod('app', { app: 'client' });
  const api = pod('app', { app: 'api' });

  test('no policyTypes, with egress rules: the policy isolates egress (and ingress)', () => {
    const analyzer = PolicyAnalyzer.fromManifests([netpol('app', 'implicit-egress', {
      podSelector: { matchLabels: { app: 'client' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 8080 }] }],
    })]);
    const allowed = analyzer.check(flow(client, api, 8080));
    expect(allowed.allowed).toBe(true);
    expect(allowed.egress.allowedBy).toEqual(['NetworkPolicy app/implicit-egress egress[0]']);

    const denied = analyzer.check(flow(client, PUBLIC, 443));
    expect(denied.allowed).toBe(false);
    expect(denied.egress.isolated).toBe(true);
    expect(denied.egress.isolatedBy).toEqual(['NetworkPolicy app/implicit-egress']);
    expect(denied.reason).toContain('isolated for egress by NetworkPolicy app/implicit-egress');

    // every policy without policyTypes also affects ingress
    const inbound = analyzer.check(flow(api, client, 80));
    expect(inbound.allowed).toBe(false);
    expect(inbound.ingress.isolatedBy).toEqual(['NetworkPolicy app/implicit-egress']);
  });

  test('no policyTypes, without egress rules: ingress only, egress is unaffected', () => {
    const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: implicit-ingress
  namespace: app
spec:
  podSelector:
    matchLabels:
      app: client
  ingress:
    - from:
        - podSelector: {}
`);
    const out = analyzer.check(flow(client, PUBLIC, 443));
    expect(out.allowed).toBe(true);
    expect(out.egress.isolated).toBe(false);
    expect(out.egress.isolatedBy).toEqual([]);
    expect(out.egress.reason).toContain('do not turn on default deny');

    expect(analyzer.check(flow(api, client, 80)).ingress.allowedBy).toEqual(['NetworkPolicy app/implicit-ingress ingress[0]']);
    const fromOutside = analyzer.check(flow(PUBLIC, client, 80));
    expect(fromOutside.allowed).toBe(false);
    expect(fromOutside.ingress.isolatedBy).toEqual(['NetworkPolicy app/implicit-ingress']);
  });

  test('no policyTypes and an empty egress list: still ingress only', () => {
    const analyzer = PolicyAnalyzer.fromManifests([netpol('app', 'empty-egress', { podSelector: {}, egress: [] })]);
    expect(analyzer.check(flow(client, PUBLIC, 443)).egress.isolated).toBe(false);
    expect(analyzer.check(flow(PUBLIC, client, 443)).ingress.isolated).toBe(true);
  });

  test('explicit policyTypes [Egress] with no rules denies all egress and leaves ingress alone', () => {
    const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
  namespace: app
spec:
  podSelector: {}
  policyTypes: [Egress]
`);
    for (const target of [PUBLIC, api, FlowEndpoint.clusterDns()]) {
      const verdict = analyzer.check(flow(client, target, 53, Protocol.UDP));
      expect(verdict.allowed).toBe(false);
      expect(verdict.egress.isolatedBy).toEqual(['NetworkPolicy app/deny-egress']);
      expect(verdict.egress.allowedBy).toEqual([]);
      expect(verdict.egress.reason).toContain('no rule allows');
    }
    const inbound = analyzer.check(flow(PUBLIC, client, 80));
    expect(inbound.allowed).toBe(true);
    expect(inbound.ingress.isolated).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 3. ipBlock and except, IPv4 and IPv6; pod IPs in GENERIC only
// ---------------------------------------------------------------------------

describe('ipBlock with except', () => {
  const yaml = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ipblock-egress
  namespace: app
spec:
  podSelector:
    matchLabels:
      app: client
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 203.0.113.0/24
            except: [203.0.113.128/25]
    - to:
        - ipBlock:
            cidr: "2001:db8::/32"
            except: ["2001:db8:bad::/48"]
`;
  const generic = PolicyAnalyzer.fromYaml(yaml, GENERIC);
  const ciliumModel = PolicyAnalyzer.fromYaml(yaml, CILIUM);
  const client = pod('app', { app: 'client' });

  test.each([
    ['203.0.113.1', 'egress[0]'],
    ['203.0.113.127', 'egress[0]'],
    ['2001:db8::1', 'egress[1]'],
    ['2001:db8:bae::1', 'egress[1]'],
  ])('%s is inside the block: allowed by %s under both models', (address, rule) => {
    for (const analyzer of [generic, ciliumModel]) {
      const verdict = analyzer.check(flow(client, ext(address), 443));
      expect(verdict.allowed).toBe(true);
      expect(verdict.egress.allowedBy).toEqual([`NetworkPolicy app/ipblock-egress ${rule}`]);
    }
  });

  test.each([
    ['203.0.113.128', 'the first address of the except range'],
    ['203.0.113.255', 'the last address of the except range'],
    ['203.0.112.255', 'just below the block'],
    ['203.0.114.0', 'just above the block'],
    ['2001:db8:bad::1', 'in the IPv6 except range'],
    ['2001:db8:bad:ffff::1', 'at the end of the IPv6 except range'],
    ['2001:db9::1', 'outside the IPv6 block'],
  ])('%s (%s) is denied under both models', address => {
    for (const analyzer of [generic, ciliumModel]) {
      const verdict = analyzer.check(flow(client, ext(address), 443));
      expect(verdict.allowed).toBe(false);
      expect(verdict.egress.allowedBy).toEqual([]);
      expect(verdict.reason).toContain('isolated for egress by NetworkPolicy app/ipblock-egress');
    }
  });

  test('GENERIC: a pod whose IP is inside the block matches it; one in except, or with no IP, does not', () => {
    const inside = generic.check(flow(client, pod('other', { app: 'x' }, '203.0.113.7'), 443));
    expect(inside.allowed).toBe(true);
    expect(inside.egress.allowedBy).toEqual(['NetworkPolicy app/ipblock-egress egress[0]']);
    expect(generic.isAllowed(flow(client, pod('other', { app: 'x' }, '2001:db8::7'), 443))).toBe(true);
    expect(generic.isAllowed(flow(client, pod('other', { app: 'x' }, '203.0.113.200'), 443))).toBe(false);
    expect(generic.isAllowed(flow(client, pod('other', { app: 'x' }), 443))).toBe(false);
  });

  test('CILIUM: ipBlocks never match pods, whatever their IP', () => {
    for (const address of ['203.0.113.7', '2001:db8::7']) {
      const verdict = ciliumModel.check(flow(client, pod('other', { app: 'x' }, address), 443));
      expect(verdict.allowed).toBe(false);
      expect(verdict.egress.allowedBy).toEqual([]);
      expect(verdict.egress.isolatedBy).toEqual(['NetworkPolicy app/ipblock-egress']);
    }
  });

  test('an ingress ipBlock matches external clients', () => {
    const analyzer = PolicyAnalyzer.fromManifests([netpol('app', 'from-office', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '192.0.2.0/24', except: ['192.0.2.0/28'] } }] }],
    })]);
    expect(analyzer.check(flow(ext('192.0.2.100'), client, 443)).ingress.allowedBy).toEqual(['NetworkPolicy app/from-office ingress[0]']);
    expect(analyzer.isAllowed(flow(ext('192.0.2.15'), client, 443))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 4. endPort ranges and protocol defaults
// ---------------------------------------------------------------------------

describe('port ranges (endPort) and protocol defaults', () => {
  const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ports
  namespace: app
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - ports:
        - port: 8000
          endPort: 8080
    - ports:
        - port: 53
          protocol: UDP
`);
  const client = pod('app', { app: 'client' });

  test.each([
    [7999, false],
    [8000, true],
    [8040, true],
    [8080, true],
    [8081, false],
  ])('TCP %s: allowed %s', (port, allowed) => {
    const verdict = analyzer.check(flow(client, PUBLIC, port));
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.egress.allowedBy).toEqual(allowed ? ['NetworkPolicy app/ports egress[0]'] : []);
  });

  test('a NetworkPolicy port without protocol is TCP: UDP and SCTP in the range are denied', () => {
    expect(analyzer.isAllowed(flow(client, PUBLIC, 8040, Protocol.UDP))).toBe(false);
    expect(analyzer.isAllowed(flow(client, PUBLIC, 8040, Protocol.SCTP))).toBe(false);
  });

  test('a UDP port is not a TCP port', () => {
    expect(analyzer.check(flow(client, PUBLIC, 53, Protocol.UDP)).egress.allowedBy).toEqual(['NetworkPolicy app/ports egress[1]']);
    const tcp = analyzer.check(flow(client, PUBLIC, 53, Protocol.TCP));
    expect(tcp.allowed).toBe(false);
    expect(tcp.reason).toContain('TCP/53');
  });

  test('a flow without protocol is TCP', () => {
    expect(analyzer.check(flow(client, PUBLIC, 8000)).reason).toContain('on TCP/8000');
    expect(analyzer.isAllowed(flow(client, PUBLIC, 53))).toBe(false);
  });

  test('a Cilium port without protocol is ANY; with one, only that protocol', () => {
    const ciliumAnalyzer = PolicyAnalyzer.fromManifests([cilium('app', 'ports', {
      endpointSelector: {},
      egress: [
        { toEntities: ['world'], toPorts: [{ ports: [{ port: '8000', endPort: 8080 }] }] },
        { toEntities: ['world'], toPorts: [{ ports: [{ port: '9000', protocol: 'TCP' }] }] },
      ],
    })], CILIUM);
    expect(ciliumAnalyzer.isAllowed(flow(client, PUBLIC, 8080, Protocol.TCP))).toBe(true);
    expect(ciliumAnalyzer.check(flow(client, PUBLIC, 8000, Protocol.UDP)).egress.allowedBy).toEqual(['CiliumNetworkPolicy app/ports egress[0]']);
    expect(ciliumAnalyzer.isAllowed(flow(client, PUBLIC, 8081, Protocol.UDP))).toBe(false);
    expect(ciliumAnalyzer.isAllowed(flow(client, PUBLIC, 9000, Protocol.TCP))).toBe(true);
    expect(ciliumAnalyzer.isAllowed(flow(client, PUBLIC, 9000, Protocol.UDP))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 5. named ports
// ---------------------------------------------------------------------------

describe('named ports are unknown to the analyzer and never match', () => {
  const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: named
  namespace: app
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress, Egress]
  ingress:
    - ports:
        - port: http
  egress:
    - ports:
        - port: https
          protocol: TCP
`);
  const web = pod('app', { app: 'web' });

  test.each([80, 443, 8080])('egress on TCP %s is denied: the isolated pod has no rule that matches', port => {
    const verdict = analyzer.check(flow(web, PUBLIC, port));
    expect(verdict.allowed).toBe(false);
    expect(verdict.egress.allowedBy).toEqual([]);
    expect(verdict.egress.isolatedBy).toEqual(['NetworkPolicy app/named']);
    expect(verdict.reason).toContain('NetworkPolicy app/named');
  });

  test.each([80, 8080])('ingress on TCP %s is denied too', port => {
    const verdict = analyzer.check(flow(pod('app', { app: 'client' }), web, port));
    expect(verdict.allowed).toBe(false);
    expect(verdict.egress.allowed).toBe(true);
    expect(verdict.ingress.allowedBy).toEqual([]);
    expect(verdict.ingress.isolatedBy).toEqual(['NetworkPolicy app/named']);
  });
});

// ---------------------------------------------------------------------------
// 6. empty peers and ports
// ---------------------------------------------------------------------------

describe('an empty or absent from/to means every peer; empty or absent ports mean every port', () => {
  const analyzer = PolicyAnalyzer.fromManifests([netpol('app', 'open', {
    podSelector: { matchLabels: { app: 'server' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{}],
    egress: [
      { to: [], ports: [{ port: 443 }] },
      { to: [{ podSelector: {} }], ports: [] },
    ],
  })]);
  const server = pod('app', { app: 'server' });

  test('ingress: [{}] allows every peer on every port and protocol', () => {
    for (const client of [PUBLIC, pod('elsewhere', {}), pod('app', { app: 'x' })]) {
      for (const [port, protocol] of [[22, Protocol.TCP], [12345, Protocol.UDP]] as const) {
        const verdict = analyzer.check(flow(client, server, port, protocol));
        expect(verdict.allowed).toBe(true);
        expect(verdict.ingress.isolated).toBe(true);
        expect(verdict.ingress.allowedBy).toEqual(['NetworkPolicy app/open ingress[0]']);
      }
    }
  });

  test('to: [] with a port allows every destination on that port only', () => {
    for (const target of [PUBLIC, ext('10.0.0.1'), pod('elsewhere', {})]) {
      expect(analyzer.check(flow(server, target, 443)).egress.allowedBy).toEqual(['NetworkPolicy app/open egress[0]']);
      expect(analyzer.isAllowed(flow(server, target, 80))).toBe(false);
    }
  });

  test('ports: [] allows every port and protocol to the listed peers only', () => {
    expect(analyzer.check(flow(server, pod('app', { app: 'x' }), 9999, Protocol.UDP)).egress.allowedBy)
      .toEqual(['NetworkPolicy app/open egress[1]']);
    expect(analyzer.isAllowed(flow(server, pod('elsewhere', {}), 9999))).toBe(false);
    expect(analyzer.isAllowed(flow(server, PUBLIC, 9999))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 7. Cilium endpoint selectors and namespaces
// ---------------------------------------------------------------------------

describe('Cilium selectors and namespaces', () => {
  const web = pod('shop', { app: 'web' });

  test('a CiliumNetworkPolicy toEndpoints {app: db} matches db pods in the policy\'s namespace only', () => {
    const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: web-egress
  namespace: shop
spec:
  endpointSelector:
    matchLabels:
      app: web
  egress:
    - toEndpoints:
        - matchLabels:
            app: db
`, CILIUM);
    expect(analyzer.check(flow(web, pod('shop', { app: 'db' }), 5432)).egress.allowedBy).toEqual(['CiliumNetworkPolicy shop/web-egress egress[0]']);
    const elsewhere = analyzer.check(flow(web, pod('other', { app: 'db' }), 5432));
    expect(elsewhere.allowed).toBe(false);
    expect(elsewhere.egress.isolatedBy).toEqual(['CiliumNetworkPolicy shop/web-egress']);
    expect(elsewhere.reason).toContain('isolated for egress by CiliumNetworkPolicy shop/web-egress');
    // the endpointSelector is scoped too: web pods elsewhere are not selected
    expect(analyzer.policiesSelecting(pod('other', { app: 'web' }))).toEqual([]);
    expect(analyzer.check(flow(pod('other', { app: 'web' }), PUBLIC, 443)).egress.isolated).toBe(false);
  });

  test('a selector that names k8s:io.kubernetes.pod.namespace reaches that namespace', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('shop', 'web-egress', {
      endpointSelector: { matchLabels: { app: 'web' } },
      egress: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'other', 'k8s:app': 'db' } }] }],
    })], CILIUM);
    expect(analyzer.check(flow(web, pod('other', { app: 'db' }), 5432)).egress.allowedBy).toEqual(['CiliumNetworkPolicy shop/web-egress egress[0]']);
    expect(analyzer.isAllowed(flow(web, pod('shop', { app: 'db' }), 5432))).toBe(false);
    expect(analyzer.isAllowed(flow(web, pod('other', { app: 'cache' }), 5432))).toBe(false);
  });

  test('CiliumClusterwideNetworkPolicy selectors are not scoped to a namespace', () => {
    const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: db-clients
spec:
  endpointSelector:
    matchLabels:
      app: web
  egress:
    - toEndpoints:
        - matchLabels:
            app: db
`, CILIUM);
    expect(analyzer.policiesSelecting(pod('x', { app: 'web' }))).toEqual(['CiliumClusterwideNetworkPolicy db-clients']);
    expect(analyzer.policiesSelecting(pod('y', { app: 'web' }))).toEqual(['CiliumClusterwideNetworkPolicy db-clients']);
    expect(analyzer.check(flow(pod('x', { app: 'web' }), pod('y', { app: 'db' }), 5432)).egress.allowedBy)
      .toEqual(['CiliumClusterwideNetworkPolicy db-clients egress[0]']);
    const denied = analyzer.check(flow(pod('x', { app: 'web' }), pod('y', { app: 'cache' }), 5432));
    expect(denied.allowed).toBe(false);
    expect(denied.egress.isolatedBy).toEqual(['CiliumClusterwideNetworkPolicy db-clients']);
  });

  test('a CCNP endpointSelector on k8s:io.cilium.k8s.namespace.labels.team selects pods in namespaces with that label', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium(undefined, 'team-a', {
      endpointSelector: { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'a' } },
      egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
    })], { ...CILIUM, namespaces: [{ name: 'alpha', labels: { team: 'a' } }, { name: 'beta', labels: { team: 'b' } }] });
    const alpha = pod('alpha', { app: 'x' });
    expect(analyzer.policiesSelecting(alpha)).toEqual(['CiliumClusterwideNetworkPolicy team-a']);
    expect(analyzer.policiesSelecting(pod('beta', { app: 'x' }))).toEqual([]);
    expect(analyzer.policiesSelecting(pod('gamma', { app: 'x' }))).toEqual([]);

    expect(analyzer.check(flow(alpha, PUBLIC, 443)).egress.allowedBy).toEqual(['CiliumClusterwideNetworkPolicy team-a egress[0]']);
    const port80 = analyzer.check(flow(alpha, PUBLIC, 80));
    expect(port80.allowed).toBe(false);
    expect(port80.egress.isolatedBy).toEqual(['CiliumClusterwideNetworkPolicy team-a']);
    expect(analyzer.check(flow(pod('beta', { app: 'x' }), PUBLIC, 80)).egress.isolated).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 8. toFQDNs needs the DNS proxy (rules.dns)
// ---------------------------------------------------------------------------

describe('toFQDNs matches only names the pod resolves through the DNS proxy', () => {
  const bot = pod('bots', { app: 'bot' });
  const api = ext('203.0.113.10', 'api.example.com');
  const fqdnRule = { toFQDNs: [{ matchName: 'api.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };
  const analyzerWith = (...extraRules: any[]) => PolicyAnalyzer.fromManifests([cilium('bots', 'fqdn', {
    endpointSelector: { matchLabels: { app: 'bot' } },
    egress: [fqdnRule, ...extraRules],
  })], CILIUM);

  test('without any rules.dns the name never matches, and the reason says so', () => {
    const verdict = analyzerWith().check(flow(bot, api, 443));
    expect(verdict.allowed).toBe(false);
    expect(verdict.egress.isolatedBy).toEqual(['CiliumNetworkPolicy bots/fqdn']);
    expect(verdict.egress.allowedBy).toEqual([]);
    expect(verdict.reason).toContain('DNS-proxy rule (rules.dns)');
    expect(verdict.reason).toContain('api.example.com');
  });

  test('a DNS rule without rules.dns (plain port 53) does not help', () => {
    const plainDns = { ...dnsRule([]), toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] };
    const analyzer = analyzerWith(plainDns);
    expect(analyzer.isAllowed(flow(bot, FlowEndpoint.clusterDns(), 53, Protocol.UDP))).toBe(true);
    expect(analyzer.isAllowed(flow(bot, api, 443))).toBe(false);
  });

  test('with rules.dns matchPattern "*" the name matches', () => {
    const analyzer = analyzerWith(dnsRule([{ matchPattern: '*' }]));
    const verdict = analyzer.check(flow(bot, api, 443));
    expect(verdict.allowed).toBe(true);
    expect(verdict.egress.allowedBy).toEqual(['CiliumNetworkPolicy bots/fqdn egress[0]']);
    expect(analyzer.check(flow(bot, FlowEndpoint.clusterDns(), 53, Protocol.UDP)).egress.allowedBy).toEqual(['CiliumNetworkPolicy bots/fqdn egress[1]']);
    expect(analyzer.isAllowed(flow(bot, api, 80))).toBe(false);
    expect(analyzer.isAllowed(flow(bot, ext('203.0.113.10', 'evil.example.com'), 443))).toBe(false);
  });

  test('with rules.dns matchName other.example.com the name does not match', () => {
    const verdict = analyzerWith(dnsRule([{ matchName: 'other.example.com' }])).check(flow(bot, api, 443));
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('rules.dns');
  });

  test('with rules.dns matchName api.example.com the name matches', () => {
    expect(analyzerWith(dnsRule([{ matchName: 'api.example.com' }])).isAllowed(flow(bot, api, 443))).toBe(true);
  });

  test('a flow to a plain IP (no DNS name) never matches toFQDNs', () => {
    const verdict = analyzerWith(dnsRule([{ matchPattern: '*' }])).check(flow(bot, ext('203.0.113.10'), 443));
    expect(verdict.allowed).toBe(false);
    expect(verdict.egress.allowedBy).toEqual([]);
  });

  test('the DNS rule may sit in another policy, as long as it selects the same pod', () => {
    const fqdnOnly = cilium('bots', 'fqdn', { endpointSelector: { matchLabels: { app: 'bot' } }, egress: [fqdnRule] });
    const sameBot = PolicyAnalyzer.fromManifests([fqdnOnly,
      cilium('bots', 'dns', { endpointSelector: { matchLabels: { app: 'bot' } }, egress: [dnsRule([{ matchPattern: '*' }])] })], CILIUM);
    expect(sameBot.check(flow(bot, api, 443)).egress.allowedBy).toEqual(['CiliumNetworkPolicy bots/fqdn egress[0]']);
    const otherPods = PolicyAnalyzer.fromManifests([fqdnOnly,
      cilium('bots', 'dns', { endpointSelector: { matchLabels: { app: 'other' } }, egress: [dnsRule([{ matchPattern: '*' }])] })], CILIUM);
    expect(otherPods.isAllowed(flow(bot, api, 443))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 9. wildcard depth
// ---------------------------------------------------------------------------

describe('matchPattern wildcards', () => {
  const bot = pod('bots', { app: 'bot' });
  const manifests = (pattern: string) => [cilium('bots', 'wild', {
    endpointSelector: { matchLabels: { app: 'bot' } },
    egress: [
      { toFQDNs: [{ matchPattern: pattern }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      dnsRule([{ matchPattern: '*' }]),
    ],
  })];
  const allows = (analyzer: PolicyAnalyzer, name: string) => analyzer.isAllowed(flow(bot, ext('203.0.113.20', name), 443));

  test('"*.example.com" matches one label only (Cilium 1.17)', () => {
    const analyzer = PolicyAnalyzer.fromManifests(manifests('*.example.com'), CILIUM);
    expect(analyzer.check(flow(bot, ext('203.0.113.20', 'a.example.com'), 443)).egress.allowedBy).toEqual(['CiliumNetworkPolicy bots/wild egress[0]']);
    expect(allows(analyzer, 'A.Example.COM')).toBe(true);
    expect(allows(analyzer, 'a.b.example.com')).toBe(false);
    expect(allows(analyzer, 'example.com')).toBe(false);
    expect(allows(analyzer, 'aexample.com')).toBe(false);
    expect(allows(analyzer, 'a.example.com.evil.io')).toBe(false);
  });

  test('"**.example.com" matches several labels with Cilium 1.19', () => {
    const analyzer = PolicyAnalyzer.fromManifests(manifests('**.example.com'), { ...CILIUM, ciliumVersion: CiliumVersion.V1_19 });
    expect(allows(analyzer, 'a.b.example.com')).toBe(true);
    expect(allows(analyzer, 'x.y.z.example.com')).toBe(true);
    expect(allows(analyzer, 'a.example.com')).toBe(true);
    expect(allows(analyzer, 'example.com')).toBe(false);
  });

  test('"**.example.com" stays within one label before Cilium 1.19', () => {
    for (const options of [CILIUM, { ...CILIUM, ciliumVersion: CiliumVersion.V1_17 }, { ...CILIUM, ciliumVersion: CiliumVersion.V1_18 }]) {
      const analyzer = PolicyAnalyzer.fromManifests(manifests('**.example.com'), options);
      expect(allows(analyzer, 'a.b.example.com')).toBe(false);
      expect(allows(analyzer, 'example.com')).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------
// 10. allows add up under Cilium
// ---------------------------------------------------------------------------

describe('NetworkPolicy and CiliumNetworkPolicy allows add up under Cilium', () => {
  const yaml = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: public-443
  namespace: bots
spec:
  podSelector:
    matchLabels:
      app: bot
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
      ports:
        - port: 443
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: fqdn
  namespace: bots
spec:
  endpointSelector:
    matchLabels:
      app: bot
  egress:
    - toFQDNs:
        - matchName: api.example.com
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP
    - toEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: kube-system
            k8s:k8s-app: kube-dns
      toPorts:
        - ports:
            - port: "53"
              protocol: ANY
          rules:
            dns:
              - matchPattern: "*"
`;
  const bot = pod('bots', { app: 'bot' });

  test('CILIUM: the FQDN allow-list restricts nothing, any public IP on 443 is allowed by the NetworkPolicy', () => {
    const analyzer = PolicyAnalyzer.fromYaml(yaml, CILIUM);
    expect(analyzer.policyCount).toBe(2);
    const anyHost = analyzer.check(flow(bot, ext('198.51.100.99', 'unlisted.example.org'), 443));
    expect(anyHost.allowed).toBe(true);
    expect(anyHost.egress.allowedBy).toEqual(['NetworkPolicy bots/public-443 egress[0]']);
    expect(anyHost.egress.isolatedBy).toEqual(['NetworkPolicy bots/public-443', 'CiliumNetworkPolicy bots/fqdn']);
    const listed = analyzer.check(flow(bot, ext('203.0.113.10', 'api.example.com'), 443));
    expect(listed.egress.allowedBy).toEqual(['NetworkPolicy bots/public-443 egress[0]', 'CiliumNetworkPolicy bots/fqdn egress[0]']);
    // the CNP's DNS rule counts too
    expect(analyzer.check(flow(bot, FlowEndpoint.clusterDns(), 53, Protocol.UDP)).egress.allowedBy).toEqual(['CiliumNetworkPolicy bots/fqdn egress[1]']);
  });

  test('GENERIC: the CiliumNetworkPolicy is ignored', () => {
    const analyzer = PolicyAnalyzer.fromYaml(yaml, GENERIC);
    expect(analyzer.policyCount).toBe(1);
    expect(analyzer.policiesSelecting(bot)).toEqual(['NetworkPolicy bots/public-443']);
    const anyHost = analyzer.check(flow(bot, ext('198.51.100.99', 'unlisted.example.org'), 443));
    expect(anyHost.allowed).toBe(true);
    expect(anyHost.egress.isolatedBy).toEqual(['NetworkPolicy bots/public-443']);
    const listed = analyzer.check(flow(bot, ext('203.0.113.10', 'api.example.com'), 443));
    expect(listed.egress.allowedBy).toEqual(['NetworkPolicy bots/public-443 egress[0]']);
    const dns = analyzer.check(flow(bot, FlowEndpoint.clusterDns(), 53, Protocol.UDP));
    expect(dns.allowed).toBe(false);
    expect(dns.reason).not.toContain('CiliumNetworkPolicy');
  });
});

// ---------------------------------------------------------------------------
// 11. enableDefaultDeny
// ---------------------------------------------------------------------------

describe('enableDefaultDeny', () => {
  const observe = cilium('app', 'observe', {
    endpointSelector: { matchLabels: { app: 'web' } },
    enableDefaultDeny: { egress: false },
    egress: [{ toEndpoints: [{ matchLabels: { app: 'db' } }], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] }],
  });
  const web = pod('app', { app: 'web' });
  const db = pod('app', { app: 'db' });

  test('egress: false with egress rules does not isolate: unlisted flows are allowed', () => {
    const analyzer = PolicyAnalyzer.fromManifests([observe], CILIUM);
    const unlisted = analyzer.check(flow(web, PUBLIC, 443));
    expect(unlisted.allowed).toBe(true);
    expect(unlisted.egress.isolated).toBe(false);
    expect(unlisted.egress.isolatedBy).toEqual([]);
    expect(unlisted.egress.reason).toContain('(CiliumNetworkPolicy app/observe) do not turn on default deny');
    expect(analyzer.check(flow(web, db, 5432)).egress.allowedBy).toEqual(['CiliumNetworkPolicy app/observe egress[0]']);
  });

  test('only the direction turned off is affected: ingress rules still isolate', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('app', 'half', {
      endpointSelector: { matchLabels: { app: 'web' } },
      enableDefaultDeny: { egress: false },
      egress: [{ toEndpoints: [{ matchLabels: { app: 'db' } }] }],
      ingress: [{ fromEndpoints: [{ matchLabels: { app: 'lb' } }] }],
    })], CILIUM);
    expect(analyzer.check(flow(web, PUBLIC, 443)).egress.isolated).toBe(false);
    const inbound = analyzer.check(flow(pod('app', { app: 'other' }), web, 80));
    expect(inbound.allowed).toBe(false);
    expect(inbound.ingress.isolatedBy).toEqual(['CiliumNetworkPolicy app/half']);
    expect(analyzer.isAllowed(flow(pod('app', { app: 'lb' }), web, 80))).toBe(true);
  });

  test('with another policy that isolates, isolation wins and the non-isolating policy\'s allows still count', () => {
    const analyzer = PolicyAnalyzer.fromManifests([observe,
      netpol('app', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] })], CILIUM);
    const unlisted = analyzer.check(flow(web, PUBLIC, 443));
    expect(unlisted.allowed).toBe(false);
    expect(unlisted.egress.isolatedBy).toEqual(['NetworkPolicy app/deny-egress']);
    expect(unlisted.reason).toContain('isolated for egress by NetworkPolicy app/deny-egress');
    const listed = analyzer.check(flow(web, db, 5432));
    expect(listed.allowed).toBe(true);
    expect(listed.egress.allowedBy).toEqual(['CiliumNetworkPolicy app/observe egress[0]']);
  });
});

// ---------------------------------------------------------------------------
// 12. deny rules win
// ---------------------------------------------------------------------------

describe('Cilium deny rules win over any allow', () => {
  const client = pod('app', { app: 'client' });

  test('egressDeny toCIDR beats an allow in the same policy and in a NetworkPolicy', () => {
    const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: no-test-net
  namespace: app
spec:
  endpointSelector: {}
  egress:
    - toEntities: [world]
  egressDeny:
    - toCIDR: [203.0.113.0/24]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
  namespace: app
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - {}
`, CILIUM);
    const denied = analyzer.check(flow(client, ext('203.0.113.9'), 443));
    expect(denied.allowed).toBe(false);
    expect(denied.egress.deniedBy).toEqual(['CiliumNetworkPolicy app/no-test-net egressDeny[0]']);
    expect(denied.egress.allowedBy).toEqual(['CiliumNetworkPolicy app/no-test-net egress[0]', 'NetworkPolicy app/allow-all-egress egress[0]']);
    expect(denied.reason).toContain('denied by CiliumNetworkPolicy app/no-test-net egressDeny[0] (deny rules win)');

    const allowed = analyzer.check(flow(client, ext('198.51.100.9'), 443));
    expect(allowed.allowed).toBe(true);
    expect(allowed.egress.deniedBy).toEqual([]);
  });

  test('ingressDeny fromEndpoints beats fromEndpoints [{}]', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('app', 'db-ingress', {
      endpointSelector: { matchLabels: { app: 'db' } },
      ingress: [{ fromEndpoints: [{}] }],
      ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'attacker' } }] }],
    })], CILIUM);
    const db = pod('app', { app: 'db' });
    const attacker = analyzer.check(flow(pod('app', { app: 'attacker' }), db, 5432));
    expect(attacker.allowed).toBe(false);
    expect(attacker.ingress.deniedBy).toEqual(['CiliumNetworkPolicy app/db-ingress ingressDeny[0]']);
    expect(attacker.ingress.allowedBy).toEqual(['CiliumNetworkPolicy app/db-ingress ingress[0]']);
    expect(attacker.reason).toContain('deny rules win');
    expect(analyzer.check(flow(pod('app', { app: 'web' }), db, 5432)).ingress.allowedBy).toEqual(['CiliumNetworkPolicy app/db-ingress ingress[0]']);
    // fromEndpoints [{}] is the policy's namespace only
    expect(analyzer.isAllowed(flow(pod('other', { app: 'web' }), db, 5432))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// 13. entities, CIDR sets, port-only rules, empty rules
// ---------------------------------------------------------------------------

describe('Cilium entities, CIDR sets, port-only and empty rules', () => {
  const client = pod('app', { app: 'client' });

  test('toEntities world matches external addresses, cluster matches pods, all matches both', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('app', 'entities', {
      endpointSelector: {},
      egress: [
        { toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        { toEntities: ['cluster'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] },
        { toEntities: ['all'], toPorts: [{ ports: [{ port: '9090', protocol: 'TCP' }] }] },
      ],
    })], CILIUM);
    const remotePod = pod('elsewhere', { app: 'x' });
    expect(analyzer.check(flow(client, PUBLIC, 443)).egress.allowedBy).toEqual(['CiliumNetworkPolicy app/entities egress[0]']);
    expect(analyzer.check(flow(client, ext('2001:db8::1'), 443)).egress.allowedBy).toEqual(['CiliumNetworkPolicy app/entities egress[0]']);
    expect(analyzer.isAllowed(flow(client, remotePod, 443))).toBe(false);
    expect(analyzer.check(flow(client, remotePod, 8080)).egress.allowedBy).toEqual(['CiliumNetworkPolicy app/entities egress[1]']);
    expect(analyzer.isAllowed(flow(client, PUBLIC, 8080))).toBe(false);
    expect(analyzer.isAllowed(flow(client, remotePod, 9090))).toBe(true);
    expect(analyzer.isAllowed(flow(client, PUBLIC, 9090))).toBe(true);
  });

  test('toCIDRSet with except', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('app', 'cidrset', {
      endpointSelector: {},
      egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] }] }],
    })], CILIUM);
    expect(analyzer.check(flow(client, ext('10.1.2.3'), 443)).egress.allowedBy).toEqual(['CiliumNetworkPolicy app/cidrset egress[0]']);
    expect(analyzer.isAllowed(flow(client, ext('10.112.0.1'), 443))).toBe(true);
    for (const address of ['10.96.0.1', '10.111.255.255', '11.0.0.1']) {
      const verdict = analyzer.check(flow(client, ext(address), 443));
      expect(verdict.allowed).toBe(false);
      expect(verdict.egress.isolatedBy).toEqual(['CiliumNetworkPolicy app/cidrset']);
    }
    // CIDR rules never match pods under Cilium
    expect(analyzer.isAllowed(flow(client, pod('elsewhere', {}, '10.1.2.3'), 443))).toBe(false);
  });

  test('a rule with only toPorts allows any peer on those ports', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('app', 'ports-only', {
      endpointSelector: {},
      egress: [{ toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
    })], CILIUM);
    for (const target of [PUBLIC, ext('10.0.0.1'), pod('elsewhere', {}), ext('203.0.113.1', 'anything.example.com')]) {
      expect(analyzer.check(flow(client, target, 443)).egress.allowedBy).toEqual(['CiliumNetworkPolicy app/ports-only egress[0]']);
      expect(analyzer.isAllowed(flow(client, target, 80))).toBe(false);
    }
  });

  test('an empty rule {} allows nothing but isolates', () => {
    const analyzer = PolicyAnalyzer.fromYaml(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: lockdown
  namespace: app
spec:
  endpointSelector: {}
  egress:
    - {}
  ingress:
    - {}
`, CILIUM);
    const out = analyzer.check(flow(client, PUBLIC, 443));
    expect(out.allowed).toBe(false);
    expect(out.egress.isolatedBy).toEqual(['CiliumNetworkPolicy app/lockdown']);
    expect(out.egress.allowedBy).toEqual([]);
    const inbound = analyzer.check(flow(pod('app', { app: 'peer' }), client, 80));
    expect(inbound.allowed).toBe(false);
    expect(inbound.egress.allowed).toBe(false);
    expect(inbound.ingress.isolatedBy).toEqual(['CiliumNetworkPolicy app/lockdown']);
  });
});

// ---------------------------------------------------------------------------
// 14. objects without a namespace
// ---------------------------------------------------------------------------

describe('a policy without a namespace lands in the default namespace', () => {
  const manifests = [netpol(undefined, 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] })];

  test('"default" unless told otherwise', () => {
    const analyzer = PolicyAnalyzer.fromManifests(manifests);
    const verdict = analyzer.check(flow(pod('default', { app: 'x' }), PUBLIC, 443));
    expect(verdict.allowed).toBe(false);
    expect(verdict.egress.isolatedBy).toEqual(['NetworkPolicy default/deny-egress']);
    expect(verdict.reason).toContain('isolated for egress by NetworkPolicy default/deny-egress');
    expect(analyzer.isAllowed(flow(pod('team', { app: 'x' }), PUBLIC, 443))).toBe(true);
  });

  test('options.defaultNamespace moves it', () => {
    const analyzer = PolicyAnalyzer.fromManifests(manifests, { defaultNamespace: 'team' });
    expect(analyzer.check(flow(pod('team', { app: 'x' }), PUBLIC, 443)).egress.isolatedBy).toEqual(['NetworkPolicy team/deny-egress']);
    expect(analyzer.isAllowed(flow(pod('default', { app: 'x' }), PUBLIC, 443))).toBe(true);
  });

  test('a CiliumNetworkPolicy without a namespace too', () => {
    const cnp = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'cnp' }, spec: { endpointSelector: {}, egress: [{}] } };
    expect(PolicyAnalyzer.fromManifests([cnp], CILIUM).policiesSelecting(pod('default', {}))).toEqual(['CiliumNetworkPolicy default/cnp']);
    const analyzer = PolicyAnalyzer.fromManifests([cnp], { ...CILIUM, defaultNamespace: 'team' });
    expect(analyzer.policiesSelecting(pod('team', {}))).toEqual(['CiliumNetworkPolicy team/cnp']);
    expect(analyzer.policiesSelecting(pod('default', {}))).toEqual([]);
  });
});

describe('YAML is read with the core schema of YAML 1.2, plus merge keys', () => {
  // Label values must stay strings: js-yaml's default schema would turn a date into a Date object, and the
  // selector would then match no pod (sigs.k8s.io/yaml, which kubectl uses, keeps it a string too).
  const yaml = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: team }
spec:
  podSelector: { matchLabels: { release: 2024-01-01 } }
  policyTypes: [Egress]
`;

  test('an unquoted date in matchLabels selects pods with that string label', () => {
    const analyzer = PolicyAnalyzer.fromYaml(yaml);
    expect(analyzer.policiesSelecting(pod('team', { release: '2024-01-01' }))).toEqual(['NetworkPolicy team/deny']);
    expect(analyzer.isAllowed(flow(pod('team', { release: '2024-01-01' }), PUBLIC, 443))).toBe(false);
    expect(analyzer.isAllowed(flow(pod('team', { release: '2024-01-02' }), PUBLIC, 443))).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// 15. bad input
// ---------------------------------------------------------------------------

describe('bad input is refused with the name of the bad field', () => {
  const analyzer = PolicyAnalyzer.fromManifests([]);

  test('a pod namespace that is not a DNS label', () => {
    expect(() => FlowEndpoint.pod('Bad_NS', {})).toThrow(/namespace/);
  });

  test('an external address that is not an IP', () => {
    expect(() => FlowEndpoint.external('not-an-ip')).toThrow(/Invalid ip/);
    expect(() => FlowEndpoint.external('10.0.0.0/8')).toThrow(/Invalid ip/);
    expect(() => FlowEndpoint.pod('app', {}, 'nope')).toThrow(/Invalid ip/);
  });

  test.each([0, -1, 65536, 1.5])('port %s', port => {
    expect(() => analyzer.check(flow(pod('app', {}), PUBLIC, port))).toThrow(`Invalid flow.port: ${port}.`);
  });

  test('invalid YAML', () => {
    expect(() => PolicyAnalyzer.fromYaml('kind: [NetworkPolicy\n')).toThrow(/Invalid yaml/);
  });

  test('a bad namespace in the options', () => {
    expect(() => PolicyAnalyzer.fromManifests([], { defaultNamespace: 'Not Valid' })).toThrow(/defaultNamespace/);
    expect(() => PolicyAnalyzer.fromManifests([], { namespaces: [{ name: 'UPPER', labels: {} }] })).toThrow(/namespaces name/);
  });
});

// ---------------------------------------------------------------------------
// 16. lists and other kinds
// ---------------------------------------------------------------------------

describe('YAML input: lists are flattened, other kinds ignored', () => {
  const yaml = `
apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: deny-egress
      namespace: app
    spec:
      podSelector: {}
      policyTypes: [Egress]
  - apiVersion: v1
    kind: Service
    metadata:
      name: web
      namespace: app
    spec:
      ports:
        - port: 80
---
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: deny-ingress
      namespace: app
    spec:
      podSelector: {}
      policyTypes: [Ingress]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: app
spec: {}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: two-specs
  namespace: app
specs:
  - endpointSelector:
      matchLabels:
        app: a
    egress:
      - {}
  - endpointSelector:
      matchLabels:
        app: b
    egress:
      - {}
`;

  test('GENERIC reads the two NetworkPolicies from the lists, and nothing else', () => {
    const analyzer = PolicyAnalyzer.fromYaml(yaml);
    expect(analyzer.model).toBe(EnforcementModel.GENERIC);
    expect(analyzer.policyCount).toBe(2);
    expect(analyzer.policiesSelecting(pod('app', { app: 'a' }))).toEqual(['NetworkPolicy app/deny-egress', 'NetworkPolicy app/deny-ingress']);
    const verdict = analyzer.check(flow(pod('app', { app: 'a' }), pod('app', { app: 'b' }), 80));
    expect(verdict.egress.isolatedBy).toEqual(['NetworkPolicy app/deny-egress']);
    expect(verdict.ingress.isolatedBy).toEqual(['NetworkPolicy app/deny-ingress']);
  });

  test('CILIUM also reads each spec of a Cilium policy', () => {
    const analyzer = PolicyAnalyzer.fromYaml(yaml, CILIUM);
    expect(analyzer.policyCount).toBe(4);
    expect(analyzer.policiesSelecting(pod('app', { app: 'b' })))
      .toEqual(['NetworkPolicy app/deny-egress', 'NetworkPolicy app/deny-ingress', 'CiliumNetworkPolicy app/two-specs specs[1]']);
  });

  test('fromManifests ignores kinds other than policies, and nested arrays are flattened', () => {
    const analyzer = PolicyAnalyzer.fromManifests([
      [netpol('app', 'a', { podSelector: {}, policyTypes: ['Ingress'] })],
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'app' } },
      { apiVersion: 'networking.k8s.io/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'old', namespace: 'app' }, spec: {} },
      null,
      cilium('app', 'ignored-under-generic', { endpointSelector: {}, egress: [{}] }),
    ]);
    expect(analyzer.policyCount).toBe(1);
  });

  test('an empty YAML text has no policies and allows everything', () => {
    const analyzer = PolicyAnalyzer.fromYaml('');
    expect(analyzer.policyCount).toBe(0);
    const verdict = analyzer.check(flow(pod('app', {}), PUBLIC, 443));
    expect(verdict.allowed).toBe(true);
    expect(verdict.egress.reason).toContain('no policy selects it');
  });
});

// ---------------------------------------------------------------------------
// Reachability tables
// ---------------------------------------------------------------------------

describe('review regressions', () => {
  test('policyTypes: [] is defaulted like a missing policyTypes (always Ingress)', () => {
    const analyzer = PolicyAnalyzer.fromManifests([netpol('ns', 'p', {
      podSelector: {}, policyTypes: [], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'x' } } }] }],
    })], GENERIC);
    const verdict = analyzer.check(flow(pod('ns', { app: 'a' }), pod('ns', { app: 'b' }), 80));
    expect(verdict.ingress.isolated).toBe(true);
    expect(verdict.allowed).toBe(false);
  });

  test('fromManifests expands List objects as fromYaml does', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [netpol('ns', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })] };
    expect(PolicyAnalyzer.fromManifests([list], GENERIC).policyCount).toBe(1);
    expect(PolicyAnalyzer.fromYaml(JSON.stringify(list), GENERIC).policyCount).toBe(1);
  });

  test.each(['apiVersion: v1\nkind: List\n', 'apiVersion: v1\nkind: List\nitems: null\n'])(
    'a List without items is empty, not a crash: %j', yaml => {
      expect(PolicyAnalyzer.fromYaml(yaml, GENERIC).policyCount).toBe(0);
    });
});

describe('Reachability', () => {
  const analyzer = PolicyAnalyzer.fromManifests([
    netpol('app', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    netpol('app', 'web-egress', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] }],
    }),
  ]);
  const web = pod('app', { app: 'web' });
  const toPublic = flow(web, PUBLIC, 443);
  const toPrivate = flow(web, ext('10.0.0.1'), 443);

  test('a table that holds has no differences, and its matrix shows . and X without !', () => {
    const table = new Reachability(analyzer);
    table.expectAllowed(toPublic);
    table.expectDenied(toPrivate);
    table.expect(flow(web, PUBLIC, 80), false);
    expect(table.differences()).toEqual([]);
    const matrix = table.matrix();
    expect(matrix).toContain('app/{app=web}');
    expect(matrix).toMatch(/ \.(\s|$)/);
    expect(matrix).toMatch(/ X(\s|$)/);
    expect(matrix).not.toContain('!');
    expect(matrix).toContain('198.51.100.7:TCP/443');
    expect(matrix).toContain('10.0.0.1:TCP/443');
  });

  test('a wrong expectation shows up in differences() with the verdict and in the matrix as X! or .!', () => {
    const table = new Reachability(analyzer);
    table.expectDenied(toPublic); // wrong: it is allowed
    table.expectAllowed(toPrivate); // wrong: it is denied
    table.expectDenied(flow(web, PUBLIC, 80)); // right
    const differences = table.differences();
    expect(differences.map(d => [d.flow, d.expectedAllowed, d.verdict.allowed])).toEqual([
      [toPublic, false, true],
      [toPrivate, true, false],
    ]);
    expect(differences[1].verdict.egress.isolatedBy).toEqual(['NetworkPolicy app/deny-all', 'NetworkPolicy app/web-egress']);
    const matrix = table.matrix();
    expect(matrix).toContain('.!');
    expect(matrix).toContain('X!');
    expect(matrix).toContain(`! expected allowed: ${analyzer.check(toPrivate).reason}`);
    expect(matrix).toContain(`! expected denied: ${analyzer.check(toPublic).reason}`);
    expect(matrix).toContain('isolated for egress by NetworkPolicy app/deny-all, NetworkPolicy app/web-egress');
  });
});

describe('review regressions (Cilium identities and the DNS proxy)', () => {
  const openclaw = pod('openclaw', { app: 'openclaw' });

  test('a CNP selector on namespace labels is not limited to the policy namespace', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('openclaw', 'p', {
      endpointSelector: { matchLabels: { app: 'openclaw' } },
      egress: [{ toEntities: ['all'] }],
      egressDeny: [{ toEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.env': 'prod' } }] }],
    })], { ...CILIUM, namespaces: [{ name: 'payments', labels: { env: 'prod' } }] });
    const verdict = analyzer.check(flow(openclaw, pod('payments', { app: 'db' }), 5432));
    expect(verdict.allowed).toBe(false);
    expect(verdict.egress.deniedBy).toEqual(['CiliumNetworkPolicy openclaw/p egressDeny[0]']);
  });

  test('toFQDNs matches only if the DNS rule really carries the pod\'s queries', () => {
    const fqdn = { toFQDNs: [{ matchName: 'api.anthropic.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };
    // The DNS rule selects kube-dns pods in the policy's own namespace (no namespace label): no DNS server there.
    const wrongNamespace = PolicyAnalyzer.fromManifests([cilium('openclaw', 'p', {
      endpointSelector: { matchLabels: { app: 'openclaw' } },
      egress: [{ toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] }, fqdn],
    })], CILIUM);
    expect(wrongNamespace.isAllowed(flow(openclaw, ext('160.79.104.10', 'api.anthropic.com'), 443))).toBe(false);
    // A deny rule on the DNS flow makes the proxy see nothing either.
    const denied = PolicyAnalyzer.fromManifests([cilium('openclaw', 'p', {
      endpointSelector: { matchLabels: { app: 'openclaw' } },
      egress: [dnsRule([{ matchPattern: '*' }]), fqdn],
      egressDeny: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }] }],
    })], CILIUM);
    expect(denied.isAllowed(flow(openclaw, ext('160.79.104.10', 'api.anthropic.com'), 443))).toBe(false);
    const working = PolicyAnalyzer.fromManifests([cilium('openclaw', 'p', {
      endpointSelector: { matchLabels: { app: 'openclaw' } }, egress: [dnsRule([{ matchPattern: '*' }]), fqdn],
    })], CILIUM);
    expect(working.isAllowed(flow(openclaw, ext('160.79.104.10', 'api.anthropic.com'), 443))).toBe(true);
  });

  test('reserved:world selects outside addresses; a NodeLocal DNSCache has the host identity under Cilium', () => {
    const analyzer = PolicyAnalyzer.fromManifests([
      cilium('openclaw', 'p', {
        endpointSelector: { matchLabels: { app: 'openclaw' } },
        egress: [{ toEntities: ['all'] }],
        egressDeny: [{ toEndpoints: [{ matchLabels: { 'reserved:world': '' } }] }],
      }),
    ], CILIUM);
    expect(analyzer.isAllowed(flow(openclaw, PUBLIC, 443))).toBe(false);
    const nodeLocal = [netpol('openclaw', 'dns', {
      podSelector: { matchLabels: { app: 'openclaw' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '169.254.20.10/32' } }], ports: [{ port: 53, protocol: 'UDP' }] }],
    })];
    expect(PolicyAnalyzer.fromManifests(nodeLocal, GENERIC).isAllowed(flow(openclaw, ext('169.254.20.10'), 53, Protocol.UDP))).toBe(true);
    expect(PolicyAnalyzer.fromManifests(nodeLocal, CILIUM).isAllowed(flow(openclaw, ext('169.254.20.10'), 53, Protocol.UDP))).toBe(false);
    const hostEntity = [cilium('openclaw', 'p', {
      endpointSelector: { matchLabels: { app: 'openclaw' } }, egress: [{ toEntities: ['host'], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }],
    })];
    expect(PolicyAnalyzer.fromManifests(hostEntity, CILIUM).isAllowed(flow(openclaw, ext('169.254.20.10'), 53, Protocol.UDP))).toBe(true);
  });

  test('an ICMP-only rule allows no TCP or UDP flow', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('openclaw', 'p', {
      endpointSelector: { matchLabels: { app: 'openclaw' } },
      egress: [{ toEndpoints: [{ matchLabels: { app: 'db' } }], icmps: [{ fields: [{ type: 8, family: 'IPv4' }] }] }],
    })], CILIUM);
    expect(analyzer.isAllowed(flow(openclaw, pod('openclaw', { app: 'db' }), 5432))).toBe(false);
  });

  test('a CNP endpointSelector that names another namespace still applies to its own namespace (Cilium overwrites it)', () => {
    const analyzer = PolicyAnalyzer.fromManifests([cilium('openclaw', 'p', {
      endpointSelector: { matchLabels: { 'app': 'openclaw', 'k8s:io.kubernetes.pod.namespace': 'elsewhere' } },
      egress: [{}],
    })], CILIUM);
    expect(analyzer.check(flow(openclaw, PUBLIC, 443)).egress.isolatedBy).toEqual(['CiliumNetworkPolicy openclaw/p']);
  });
});
