import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { OpenClawCiliumEgress, OpenClawNetworkIsolation } from '../src';
import { newApp } from './support/synth';
import * as guards from '../src/analysis/guards';

/**
 * How often the app's guard (src/analysis/synth-guard.ts) renders and judges:
 * cdk8s validates the app 1 + charts times per `synthYaml()`/`synth()`
 * (node_modules/cdk8s/lib/app.js: `validate` in synthYaml/synth, and again in
 * `_synthChart` for each `Chart.toJson()`); the guard renders and judges once
 * per synthesis, and never answers from a run that a later change made stale.
 */

const OPENCLAW = { app: 'openclaw' };

/** The documented Cilium pairing in its own chart. */
function documentedPair(app: Construct, id: string): Chart {
  const chart = new Chart(app, id, { namespace: 'openclaw' });
  new OpenClawNetworkIsolation(chart, 'I', { internetEgress: false });
  new OpenClawCiliumEgress(chart, 'C');
  return chart;
}

/** A raw NetworkPolicy for the OpenClaw pods; `spec` stays the caller's object, as cdk8s keeps it. */
function rawPolicy(chart: Chart, name: string, spec: any): ApiObject {
  return new ApiObject(chart, name, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
}

function synthError(synthesize: () => unknown): string {
  try {
    synthesize();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail, but it succeeded');
}

const BROAD = 'NetworkPolicy openclaw/partner (construct three/partner) lets pods openclaw/{app=openclaw} reach public addresses';

describe('one guard run per synthesis, however many charts', () => {
  let runs: jest.SpyInstance;
  beforeEach(() => {
    runs = jest.spyOn(guards, 'runGuards');
  });
  afterEach(() => runs.mockRestore());

  test('synthYaml() with three charts renders each object twice (guard, output) and judges once, not once per validation', () => {
    const app = newApp();
    documentedPair(app, 'one');
    new Chart(app, 'two');
    const partner = rawPolicy(new Chart(app, 'three', { namespace: 'openclaw' }), 'partner', { podSelector: {}, policyTypes: ['Egress'] });
    const renders = jest.spyOn(partner, 'toJson');
    app.synthYaml();
    expect(renders).toHaveBeenCalledTimes(2);
    expect(runs).toHaveBeenCalledTimes(1);
  });

  test('synth() to files does the same', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-guard-runs-'));
    try {
      const app = new App({ outdir });
      documentedPair(app, 'one');
      const partner = rawPolicy(new Chart(app, 'three', { namespace: 'openclaw' }), 'partner', { podSelector: {}, policyTypes: ['Egress'] });
      const renders = jest.spyOn(partner, 'toJson');
      app.synth();
      expect(renders).toHaveBeenCalledTimes(2);
      expect(runs).toHaveBeenCalledTimes(1);
      expect(fs.readdirSync(outdir).sort()).toEqual(['one.k8s.yaml', 'three.k8s.yaml']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the app\'s synth and synthYaml stay replaceable after the guard wraps them (a spy, another library\'s wrapper)', () => {
    const app = newApp();
    documentedPair(app, 'one');
    const synthYaml = jest.spyOn(app, 'synthYaml');
    app.synthYaml();
    expect(synthYaml).toHaveBeenCalledTimes(1);
    expect(runs).toHaveBeenCalledTimes(1);
    synthYaml.mockRestore();
    app.synth = () => undefined;
    app.synth();
    expect(runs).toHaveBeenCalledTimes(1);
    // Another wrapper defined as the guard defines its own (a second copy of this library does the same).
    const guarded = app.synthYaml;
    const wrapped = jest.fn((...args: unknown[]) => guarded.apply(app, args as []));
    Object.defineProperty(app, 'synthYaml', { configurable: true, writable: true, value: wrapped });
    app.synthYaml();
    expect(wrapped).toHaveBeenCalledTimes(1);
  });

  test('a root that is not a cdk8s App (a chart under a plain Construct) gets no synth methods grafted on', () => {
    const root = new Construct(undefined as any, '');
    documentedPair(root, 'one');
    expect((root as any).synth).toBeUndefined();
    expect((root as any).synthYaml).toBeUndefined();
  });

  test('Chart.toJson() called by itself validates once and judges once', () => {
    const app = newApp();
    const chart = documentedPair(app, 'one');
    expect(chart.toJson().length).toBeGreaterThan(0);
    expect(runs).toHaveBeenCalledTimes(1);
  });
});

describe('never a stale answer', () => {
  test('a raw spec mutated after a synthesis that passed (the object cdk8s keeps by reference) is judged again', () => {
    const app = newApp();
    documentedPair(app, 'one');
    const spec: any = { podSelector: { matchLabels: OPENCLAW }, policyTypes: ['Egress'], egress: [] };
    rawPolicy(new Chart(app, 'three', { namespace: 'openclaw' }), 'partner', spec);
    expect(() => app.synthYaml()).not.toThrow();
    spec.egress.push({ ports: [{ port: 443 }] });
    expect(synthError(() => app.synthYaml())).toContain(`${BROAD} (egress[0]: to every peer on TCP/443)`);
  });

  test('after synthYaml(), a Chart.toJson() of its own judges afresh: the call\'s run ends with the call', () => {
    const app = newApp();
    documentedPair(app, 'one');
    const spec: any = { podSelector: { matchLabels: OPENCLAW }, policyTypes: ['Egress'], egress: [] };
    const chart = new Chart(app, 'three', { namespace: 'openclaw' });
    rawPolicy(chart, 'partner', spec);
    expect(() => app.synthYaml()).not.toThrow();
    spec.egress.push({ ports: [{ port: 443 }] });
    expect(synthError(() => chart.toJson())).toContain(BROAD);
  });

  test('a synthesis that failed leaves nothing behind: once the spec is narrowed, the next one passes', () => {
    const app = newApp();
    documentedPair(app, 'one');
    const spec: any = { podSelector: { matchLabels: OPENCLAW }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 443 }] }] };
    rawPolicy(new Chart(app, 'three', { namespace: 'openclaw' }), 'partner', spec);
    expect(synthError(() => app.synthYaml())).toContain(BROAD);
    spec.egress[0].to = [{ ipBlock: { cidr: '10.20.0.0/16' } }];
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('the prototype\'s synthYaml (as a jsii language\'s kernel calls it, past the wrapper) judges each change, and reruns nothing unchanged', () => {
    const runs = jest.spyOn(guards, 'runGuards');
    try {
      const app = newApp();
      documentedPair(app, 'one');
      const spec: any = { podSelector: { matchLabels: OPENCLAW }, policyTypes: ['Egress'], egress: [] };
      rawPolicy(new Chart(app, 'three', { namespace: 'openclaw' }), 'partner', spec);
      const viaPrototype = () => App.prototype.synthYaml.call(app);
      viaPrototype();
      viaPrototype();
      expect(runs).toHaveBeenCalledTimes(1);
      spec.egress.push({ ports: [{ port: 443 }] });
      expect(synthError(viaPrototype)).toContain(BROAD);
      expect(runs).toHaveBeenCalledTimes(2);
    } finally {
      runs.mockRestore();
    }
  });
});

describe('a run is reused only for the same API objects (review 3, findings 4 and 5)', () => {
  const broad = { podSelector: { matchLabels: OPENCLAW }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] };

  test('an object a validation adds during synthesis is judged in the same synthesis', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'guard-runs-')) });
    const chart = documentedPair(app, 'one');
    let added = false;
    chart.node.addValidation({
      validate: () => {
        if (!added) {
          added = true;
          new ApiObject(chart, 'late', {
            apiVersion: 'cilium.io/v2',
            kind: 'CiliumNetworkPolicy',
            metadata: { name: 'late' },
            spec: { endpointSelector: { matchLabels: OPENCLAW }, egress: [{ toCIDR: ['0.0.0.0/0'] }] },
          });
        }
        return [];
      },
    });
    expect(synthError(() => app.synthYaml())).toMatch(/CiliumNetworkPolicy openclaw\/late \(construct one\/late\) lets pods/);
  });

  test('a finding names the construct that holds the object now, not one removed since', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'guard-runs-')) });
    documentedPair(app, 'one');
    rawPolicy(new Chart(app, 'three', { namespace: 'openclaw' }), 'partner', broad);
    expect(synthError(() => app.synthYaml())).toContain('(construct three/partner)');
    app.node.tryRemoveChild('three');
    new ApiObject(new Chart(app, 'renamed', { namespace: 'openclaw' }), 'x', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'partner' }, spec: broad,
    });
    const message = synthError(() => app.synthYaml());
    expect(message).toContain('(construct renamed/x)');
    expect(message).not.toContain('three/partner');
  });
});
