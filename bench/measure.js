'use strict';
/*
 * One benchmark measurement per process; bench/run.ts spawns this file and reads the
 * single JSON line it prints on stdout. Plain CommonJS against the compiled library
 * (lib/), so that no TypeScript compiler runs inside a measurement.
 *
 *   node bench/measure.js synth <library|raw|kplus|k8s> <tenants> [--out <file>]
 *   node bench/measure.js analyze <tenants> [--min-checks <n>]
 *   node bench/measure.js tenants <generic|cilium> <tenants>
 *   node bench/measure.js check <yaml-file>
 *   node bench/measure.js import <library|kplus|none>
 *
 * Nothing is required at the top of this file: each mode loads what it needs, so that
 * module loading is timed separately from construction and synthesis.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const LIB = path.resolve(__dirname, '..', 'lib');

// ---------------------------------------------------------------------------------------
// The tenant every variant emits: namespace tenant-<i>, pods {app: openclaw},
// OpenClawNetworkIsolation (internetEgress: false, channel Slack, providers Anthropic and
// OpenAI) and OpenClawCiliumEgress (providers Anthropic and OpenAI, channels Slack and
// Telegram). The raw and kplus baselines spell out exactly what the library emits.
// ---------------------------------------------------------------------------------------

const OPENCLAW = { app: 'openclaw' };
const PURPOSE = 'cdk8s-openclaw.io/purpose';
const ALLOWS = 'cdk8s-openclaw.io/allows';

const TEXT = {
  denyPurpose: 'Default deny of ingress and egress for every pod in this namespace: only what other policies allow gets through.',
  dnsAllows: 'to pods {k8s-app=kube-dns} in namespaces kube-system on TCP/53, UDP/53',
  dnsPurpose: 'DNS for pods {app=openclaw}: queries only to DNS pods {k8s-app=kube-dns} in namespace kube-system, on UDP and TCP.',
  egressPurpose: 'Egress allow-list for pods {app=openclaw}: only the peers and ports in cdk8s-openclaw.io/allows; everything else stays denied.',
  ingressAllows: 'from pods in namespaces ingress-nginx, monitoring on TCP/18789',
  ingressPurpose: 'Ingress allow-list for pods {app=openclaw}: only the peers and ports in cdk8s-openclaw.io/allows; everything else stays denied.',
  ciliumAnnotations: {
    'cdk8s-openclaw.io/dns': 'Any name may be looked up; connections are limited to the allow-list.',
    'cdk8s-openclaw.io/enforcement': 'Enforced: everything not allowed here or by another policy is dropped.',
    'cdk8s-openclaw.io/purpose': "Egress allow-list for pods {app=openclaw}: DNS to DNS pods {k8s-app=kube-dns} in namespace kube-system through Cilium's DNS proxy, and only the endpoint sets in the egress.cdk8s-openclaw.io/* annotations.",
    'egress.cdk8s-openclaw.io/anthropic': 'api.anthropic.com on TCP/443: Anthropic API (Claude models)',
    'egress.cdk8s-openclaw.io/openai': 'api.openai.com on TCP/443: OpenAI API (GPT models, realtime)',
    'egress.cdk8s-openclaw.io/slack': 'slack.com, *.slack-edge.com, *.slack-files.com, *.slack.com on TCP/443: Slack Web API, Socket Mode and files',
    'egress.cdk8s-openclaw.io/telegram': 'api.telegram.org on TCP/443: Telegram Bot API',
  },
};

const nsLabels = name => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

// The intent each construct records (cdk8s-openclaw.io/intent): compact JSON, keys and lists sorted.
const INTENT = 'cdk8s-openclaw.io/intent';
const DNS_INTENT = [{ labels: { 'k8s-app': 'kube-dns' }, namespace: 'kube-system' }];
const isolationIntent = namespace => JSON.stringify({
  dns: DNS_INTENT,
  gatewayPort: 18789,
  ingressFrom: [{ namespace: 'ingress-nginx' }, { namespace: 'monitoring' }],
  ingressPorts: ['TCP:18789'],
  namespace,
  selector: OPENCLAW,
});
const ciliumIntent = namespace => JSON.stringify({
  dns: DNS_INTENT,
  names: {
    'TCP:443': {
      anthropic: ['api.anthropic.com'],
      openai: ['api.openai.com'],
      slack: ['*.slack-edge.com', '*.slack-files.com', '*.slack.com', 'slack.com'],
      telegram: ['api.telegram.org'],
    },
  },
  namespace,
  selector: OPENCLAW,
});

/** The CiliumNetworkPolicy of one tenant, as a fresh plain object (shared by the raw and kplus baselines). */
function ciliumPolicy(namespace) {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: 'openclaw-fqdn-egress', namespace, annotations: { ...TEXT.ciliumAnnotations, [INTENT]: ciliumIntent(namespace) } },
    spec: {
      endpointSelector: { matchLabels: { ...OPENCLAW } },
      egress: [
        {
          toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
          toPorts: [{
            ports: [{ port: '53', protocol: 'TCP' }, { port: '53', protocol: 'UDP' }],
            rules: { dns: [{ matchPattern: '*' }] },
          }],
        },
        {
          toFQDNs: [
            { matchName: 'api.anthropic.com' },
            { matchName: 'api.openai.com' },
            { matchName: 'api.telegram.org' },
            { matchName: 'slack.com' },
            { matchPattern: '*.slack-edge.com' },
            { matchPattern: '*.slack-files.com' },
            { matchPattern: '*.slack.com' },
          ],
          toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
        },
      ],
    },
  };
}

/** The four NetworkPolicies of one tenant, as fresh plain objects (raw baseline). */
function rawNetworkPolicies(namespace) {
  const meta = (name, annotations) => ({ name, namespace, annotations });
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('openclaw-default-deny', { [INTENT]: isolationIntent(namespace), [PURPOSE]: TEXT.denyPurpose }),
      spec: { podSelector: {}, policyTypes: ['Egress', 'Ingress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('openclaw-dns-egress', { [ALLOWS]: TEXT.dnsAllows, [PURPOSE]: TEXT.dnsPurpose }),
      spec: {
        podSelector: { matchLabels: { ...OPENCLAW } },
        policyTypes: ['Egress'],
        egress: [{
          to: [{ namespaceSelector: nsLabels('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
        }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('openclaw-egress', { [PURPOSE]: TEXT.egressPurpose }),
      spec: { podSelector: { matchLabels: { ...OPENCLAW } }, policyTypes: ['Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('openclaw-ingress', { [ALLOWS]: TEXT.ingressAllows, [PURPOSE]: TEXT.ingressPurpose }),
      spec: {
        podSelector: { matchLabels: { ...OPENCLAW } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [
            { namespaceSelector: nsLabels('ingress-nginx'), podSelector: {} },
            { namespaceSelector: nsLabels('monitoring'), podSelector: {} },
          ],
          ports: [{ port: 18789, protocol: 'TCP' }],
        }],
      },
    },
  ];
}

/** Returns { load(), build(chart, tenants) } for a variant; load() does the requires. */
function variant(name) {
  let cdk8s; let lib; let kplus; let Construct;
  const load = () => {
    cdk8s = require('cdk8s');
    ({ Construct } = require('constructs'));
    if (name === 'library') lib = require(LIB);
    if (name === 'kplus' || name === 'k8s') kplus = require('cdk8s-plus-28');
    return cdk8s;
  };

  const builders = {
    library(chart, tenants) {
      const providers = [lib.AiProvider.ANTHROPIC, lib.AiProvider.OPENAI];
      const isolationChannels = [lib.MessagingChannel.SLACK];
      const ciliumChannels = [lib.MessagingChannel.SLACK, lib.MessagingChannel.TELEGRAM];
      for (let i = 0; i < tenants; i++) {
        const namespace = `tenant-${i}`;
        new lib.OpenClawNetworkIsolation(chart, `iso-${i}`, { namespace, internetEgress: false, channels: isolationChannels, providers });
        new lib.OpenClawCiliumEgress(chart, `cil-${i}`, { namespace, providers, channels: ciliumChannels });
      }
    },

    raw(chart, tenants) {
      for (let i = 0; i < tenants; i++) {
        const namespace = `tenant-${i}`;
        const scope = new Construct(chart, `t-${i}`);
        rawNetworkPolicies(namespace).forEach((body, j) => new cdk8s.ApiObject(scope, `np${j}`, body));
        new cdk8s.ApiObject(scope, 'cnp', ciliumPolicy(namespace));
      }
    },

    kplus(chart, tenants) {
      const deny = { default: kplus.NetworkPolicyTrafficDefault.DENY };
      const openclawPods = scope => kplus.Pods.select(scope, 'Selector', { labels: { ...OPENCLAW } });
      for (let i = 0; i < tenants; i++) {
        const namespace = `tenant-${i}`;
        const scope = new Construct(chart, `t-${i}`);
        const meta = (policyName, annotations) => ({ name: policyName, namespace, annotations });

        const denyScope = new Construct(scope, 'deny');
        new kplus.NetworkPolicy(denyScope, 'Resource', {
          metadata: meta('openclaw-default-deny', { [INTENT]: isolationIntent(namespace), [PURPOSE]: TEXT.denyPurpose }),
          selector: kplus.Pods.all(denyScope, 'Selector'),
          ingress: deny,
          egress: deny,
        });

        const dnsScope = new Construct(scope, 'dns');
        const dns = new kplus.NetworkPolicy(dnsScope, 'Resource', {
          metadata: meta('openclaw-dns-egress', { [ALLOWS]: TEXT.dnsAllows, [PURPOSE]: TEXT.dnsPurpose }),
          selector: openclawPods(dnsScope),
          egress: deny,
        });
        dns.addEgressRule(
          kplus.Pods.select(dnsScope, 'KubeDns', {
            labels: { 'k8s-app': 'kube-dns' },
            namespaces: kplus.Namespaces.select(dnsScope, 'KubeSystem', { names: ['kube-system'] }),
          }),
          [kplus.NetworkPolicyPort.tcp(53), kplus.NetworkPolicyPort.udp(53)]);

        const egressScope = new Construct(scope, 'egress');
        new kplus.NetworkPolicy(egressScope, 'Resource', {
          metadata: meta('openclaw-egress', { [PURPOSE]: TEXT.egressPurpose }),
          selector: openclawPods(egressScope),
          egress: deny,
        });

        const ingressScope = new Construct(scope, 'ingress');
        const ingress = new kplus.NetworkPolicy(ingressScope, 'Resource', {
          metadata: meta('openclaw-ingress', { [ALLOWS]: TEXT.ingressAllows, [PURPOSE]: TEXT.ingressPurpose }),
          selector: openclawPods(ingressScope),
          ingress: deny,
        });
        ingress.addIngressRule(
          kplus.Pods.select(ingressScope, 'IngressSources', {
            labels: {},
            namespaces: kplus.Namespaces.select(ingressScope, 'IngressNamespaces', { names: ['ingress-nginx', 'monitoring'] }),
          }),
          [kplus.NetworkPolicyPort.tcp(18789)]);

        new cdk8s.ApiObject(scope, 'cnp', ciliumPolicy(namespace));
      }
    },

    // cdk8s-plus-28's own generated `k8s.KubeNetworkPolicy` with typed props (no cdk8s-plus constructs),
    // one construct per policy as the library and the kplus baseline have; the CiliumNetworkPolicy as in kplus.
    k8s(chart, tenants) {
      const { k8s } = kplus;
      const typed = body => ({
        metadata: body.metadata,
        spec: {
          ...body.spec,
          egress: body.spec.egress?.map(rule => ({ ...rule, ports: typedPorts(rule.ports) })),
          ingress: body.spec.ingress?.map(rule => ({ ...rule, ports: typedPorts(rule.ports) })),
        },
      });
      const typedPorts = ports => ports.map(p => ({ port: k8s.IntOrString.fromNumber(p.port), protocol: p.protocol }));
      const scopes = ['deny', 'dns', 'egress', 'ingress'];
      for (let i = 0; i < tenants; i++) {
        const namespace = `tenant-${i}`;
        const scope = new Construct(chart, `t-${i}`);
        rawNetworkPolicies(namespace).forEach((body, j) => new k8s.KubeNetworkPolicy(new Construct(scope, scopes[j]), 'Resource', typed(body)));
        new cdk8s.ApiObject(scope, 'cnp', ciliumPolicy(namespace));
      }
    },
  };
  if (!builders[name]) throw new Error(`unknown variant "${name}" (library, raw, kplus, k8s)`);
  return { load, build: builders[name] };
}

const ms = (from, to) => Number(to - from) / 1e6;
const now = () => process.hrtime.bigint();
const peakRssKb = () => process.resourceUsage().maxRSS;

function argValue(args, flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Construct and synthesize (validation plus YAML) N tenants with one variant. */
function synth(args) {
  const [variantName, tenantsText] = args;
  const tenants = Number(tenantsText);
  const out = argValue(args, '--out');
  const v = variant(variantName);

  const t0 = now();
  const cdk8s = v.load();
  const t1 = now();
  const c1 = process.cpuUsage();
  const app = new cdk8s.App();
  const chart = new cdk8s.Chart(app, 'bench');
  v.build(chart, tenants);
  const t2 = now();
  // App.synthYaml(): dependency resolution, validation (the library's synth-time checks) and YAML.
  const yaml = app.synthYaml();
  const t3 = now();
  const cpu = process.cpuUsage(c1);

  const result = {
    mode: 'synth',
    variant: variantName,
    tenants,
    loadMs: ms(t0, t1),
    constructMs: ms(t1, t2),
    synthMs: ms(t2, t3),
    totalMs: ms(t1, t3),
    totalCpuMs: (cpu.user + cpu.system) / 1000,
    peakRssKb: peakRssKb(),
    yamlBytes: Buffer.byteLength(yaml),
    documents: yaml.split(/^---$/m).length,
    sha256: crypto.createHash('sha256').update(yaml).digest('hex'),
  };
  if (out) fs.writeFileSync(out, yaml);
  return result;
}

/** Flow-check throughput of PolicyAnalyzer on the library's N-tenant output, under both enforcement models. */
function analyze(args) {
  const tenants = Number(args[0]);
  const minChecks = Number(argValue(args, '--min-checks') ?? 100000);
  const minMs = Number(argValue(args, '--min-ms') ?? 1000);
  const v = variant('library');
  const cdk8s = v.load();
  const lib = require(LIB);
  const app = new cdk8s.App();
  const chart = new cdk8s.Chart(app, 'bench');
  v.build(chart, tenants);
  const manifests = chart.toJson();

  // One fixed set of flows per tenant, with its own FlowEndpoint objects, made once.
  const { FlowEndpoint, Protocol, EnforcementModel, PolicyAnalyzer } = lib;
  const flowNames = ['dns', 'anthropic', 'unlisted-host', 'ingress-nginx->gateway', 'cross-tenant->gateway'];
  const flows = [];
  for (let i = 0; i < tenants; i++) {
    const pod = FlowEndpoint.pod(`tenant-${i}`, { ...OPENCLAW });
    flows.push(
      { from: pod, to: FlowEndpoint.clusterDns(), port: 53, protocol: Protocol.UDP },
      { from: pod, to: FlowEndpoint.external('203.0.113.10', 'api.anthropic.com'), port: 443 },
      { from: pod, to: FlowEndpoint.external('203.0.113.20', 'exfil.example.net'), port: 443 },
      { from: FlowEndpoint.pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }), to: pod, port: 18789 },
      { from: FlowEndpoint.pod(`tenant-${(i + 1) % tenants}`, { ...OPENCLAW }), to: pod, port: 18789 },
    );
  }
  // What each flow should get: the generic model ignores the Cilium policy (no public egress at all).
  const expected = {
    GENERIC: [true, false, false, true, false],
    CILIUM: [true, true, false, true, false],
  };

  const models = {};
  for (const model of [EnforcementModel.GENERIC, EnforcementModel.CILIUM]) {
    const a0 = now();
    const analyzer = PolicyAnalyzer.fromManifests(manifests, { model });
    const a1 = now();
    // First pass: cold (compiles each endpoint); also checks the verdicts.
    let wrong = 0;
    const wrongExamples = [];
    flows.forEach((flow, k) => {
      const allowed = analyzer.check(flow).allowed;
      const want = expected[model][k % flowNames.length];
      if (allowed !== want) {
        wrong++;
        if (wrongExamples.length < 3) wrongExamples.push(`${flowNames[k % flowNames.length]} tenant ${Math.floor(k / flowNames.length)}: ${allowed}, expected ${want}`);
      }
    });
    const a2 = now();
    // Then warm passes until both minimums are reached.
    let checks = 0;
    let allowedCount = 0;
    let passes = 0;
    const w0 = now();
    while (checks < minChecks || ms(w0, now()) < minMs) {
      for (const flow of flows) if (analyzer.check(flow).allowed) allowedCount++;
      checks += flows.length;
      passes++;
    }
    const w1 = now();
    models[model] = {
      policies: analyzer.policyCount,
      buildMs: ms(a0, a1),
      coldChecks: flows.length,
      coldMs: ms(a1, a2),
      coldChecksPerSec: flows.length / (ms(a1, a2) / 1000),
      warmChecks: checks,
      warmPasses: passes,
      warmMs: ms(w0, w1),
      warmChecksPerSec: checks / (ms(w0, w1) / 1000),
      allowedPerPass: allowedCount / passes,
      wrongVerdicts: wrong,
      wrongExamples,
    };
  }
  return { mode: 'analyze', tenants, manifests: manifests.length, flowsPerTenant: flowNames.length, flowNames, models, peakRssKb: peakRssKb() };
}

/**
 * OpenClawTenants: N tenant namespaces in one statement (providers Anthropic and OpenAI, channel
 * Slack, the Namespace objects too), on any CNI (`generic`: 4 NetworkPolicies per tenant) or on
 * Cilium (`cilium`: the same plus one CiliumClusterwideNetworkPolicy for all of them).
 */
function tenants(args) {
  const [cni, tenantsText] = args;
  if (cni !== 'generic' && cni !== 'cilium') throw new Error(`unknown CNI "${cni}" (generic, cilium)`);
  const count = Number(tenantsText);
  const t0 = now();
  const cdk8s = require('cdk8s');
  const lib = require(LIB);
  const t1 = now();
  const app = new cdk8s.App();
  const chart = new cdk8s.Chart(app, 'bench');
  new lib.OpenClawTenants(chart, 'Tenants', {
    tenants: Array.from({ length: count }, (_, i) => `tenant-${i}`),
    createNamespaces: true,
    providers: [lib.AiProvider.ANTHROPIC, lib.AiProvider.OPENAI],
    channels: [lib.MessagingChannel.SLACK],
    cilium: cni === 'cilium' ? {} : undefined,
  });
  const t2 = now();
  const yaml = app.synthYaml();
  const t3 = now();
  return {
    mode: 'tenants', cni, tenants: count, loadMs: ms(t0, t1), constructMs: ms(t1, t2), synthMs: ms(t2, t3), totalMs: ms(t1, t3),
    peakRssKb: peakRssKb(), yamlBytes: Buffer.byteLength(yaml), documents: yaml.split(/^---$/m).length,
  };
}

/**
 * The exhaustive check of a synthesized YAML file, as `cdk8s-openclaw check <file> --providers
 * anthropic,openai --channels slack,telegram --json` runs it (read and parse the YAML, the
 * partition, the connectivity of every OpenClaw pod in both directions, the judgement against
 * the tenants' own intent, the agent rules and the guards, the JSON report). Module loading is
 * not timed.
 */
function check(args) {
  const [file] = args;
  if (!file) throw new Error('usage: check <yaml-file>');
  const { runCheck } = require(path.join(LIB, 'cli', 'check-command'));
  const c0 = process.cpuUsage();
  const t0 = now();
  const result = runCheck([file, '--providers', 'anthropic,openai', '--channels', 'slack,telegram', '--json']);
  const t1 = now();
  const cpu = process.cpuUsage(c0);
  if (result.exitCode > 1) throw new Error(`check failed (exit ${result.exitCode}): ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return {
    mode: 'check',
    exitCode: result.exitCode,
    namespaces: report.namespaces.length,
    violations: report.violations.length,
    coverage: report.coverage,
    checkMs: ms(t0, t1),
    checkCpuMs: (cpu.user + cpu.system) / 1000,
    peakRssKb: peakRssKb(),
  };
}

/** Time to require the library or cdk8s-plus-28 in a fresh process. */
function importTime(args) {
  const target = args[0];
  const c0 = process.cpuUsage();
  const t0 = now();
  if (target === 'library') require(LIB);
  else if (target === 'kplus') require('cdk8s-plus-28');
  else if (target !== 'none') throw new Error(`unknown import target "${target}" (library, kplus, none)`);
  const t1 = now();
  const cpu = process.cpuUsage(c0);
  return { mode: 'import', target, requireMs: ms(t0, t1), requireCpuMs: (cpu.user + cpu.system) / 1000, peakRssKb: peakRssKb() };
}

function main() {
  const [mode, ...args] = process.argv.slice(2);
  const modes = { synth, analyze, tenants, check, import: importTime };
  if (!modes[mode]) {
    process.stderr.write('usage: node bench/measure.js synth <library|raw|kplus|k8s> <tenants> [--out file] | analyze <tenants> | tenants <generic|cilium> <tenants> | check <yaml-file> | import <library|kplus|none>\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(modes[mode](args)) + '\n');
}

main();
