import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';

/**
 * A fresh app. Unlike `Testing.app()`, it does not create a temporary
 * directory per call (tests synthesize in memory and never write files).
 */
export function newApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), 'cdk8s-openclaw-tests') });
}

/** A fresh app and a chart in namespace `openclaw` (or the one given). */
export function newChart(namespace: string | undefined = 'openclaw'): Chart {
  return new Chart(newApp(), 'test', { namespace });
}

/** The synthesized objects of a chart (validations run first). */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The synthesized YAML text of a chart. */
export function synthYaml(chart: Chart): string {
  return Yaml.stringify(...synth(chart));
}

/** The one object with this kind and name. */
export function objectNamed(objects: any[], kind: string, name: string): any {
  const found = objects.filter(o => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
}
