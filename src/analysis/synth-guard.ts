import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { OpenClawFlows } from './checks';
import { GuardResult, runGuards } from './guards';

/**
 * Makes synthesis fail on what the guards find (`runGuards`), over every
 * API object of the whole app, whatever made it and in whichever chart.
 *
 * The guard is one validation on the app's root, added once by the first
 * library construct. cdk8s validates the whole app once at the start of
 * `App.synth()` and `App.synthYaml()`, and again inside each `Chart.toJson()`
 * they call (`App._synthChart`), that is 1 + charts times per synthesis
 * (node_modules/cdk8s/lib/app.js). So that the guard costs one rendering and
 * one analysis per synthesis however many charts there are:
 *
 * - each validation renders the objects, and runs the guards only if what
 *   they read changed since the last run: the API objects themselves (the
 *   same constructs, so the same construct paths in the messages), the
 *   rendered objects' kinds, names, namespaces, labels and specs, and the
 *   flows (annotations are left out, since the enforcement annotation is
 *   itself rendered from the result);
 * - the app's own `synth` and `synthYaml` are wrapped: while one runs, only
 *   cdk8s's code and the app's validations run between its validations
 *   (dependency resolution, rendering, writing YAML), so the first
 *   validation's run serves the others without rendering again, as long as
 *   the app has the same API objects (a validation that adds one makes the
 *   guard judge again; one that changes an object's spec in place is not
 *   seen until the next synthesis). (A jsii language's kernel calls the
 *   prototype's method, which bypasses the wrapper; there each validation
 *   renders.)
 *
 * @module
 */

/** The node-metadata type under which OpenClaw constructs record the flows they expect. */
const FLOWS_METADATA = 'cdk8s-openclaw:flows';

/** The app roots the guard is added to. */
const guardedApps = new WeakSet<IConstruct>();

/** One run of the guards over an app. */
interface GuardRun {
  /** What the run was computed from: the API objects, and the key of what the guards read from their renderings. */
  readonly apiObjects: ApiObject[];
  readonly key: string;
  readonly result: GuardResult;
  readonly enforcedBy: Map<ApiObject, string[]>;
}

/** The last run per app root. */
const lastRuns = new WeakMap<IConstruct, GuardRun>();

/** The app roots whose `synth` or `synthYaml` is running, with the guard's run in it once made. */
const synthesesInProgress = new WeakMap<IConstruct, { run?: GuardRun }>();

/** Adds the guard to `scope`'s app, unless it is there already. */
export function registerAppGuard(scope: IConstruct): void {
  const root = scope.node.root;
  if (guardedApps.has(root)) return;
  guardedApps.add(root);
  root.node.addValidation({ validate: () => guardApp(root).findings.map(finding => finding.message) });
  for (const method of ['synth', 'synthYaml']) runOncePerCall(root, method);
}

/** Records the OpenClaw flows `scope` expects (the DNS and gateway guards check them), and adds the guard. */
export function expectOpenClawFlows(scope: IConstruct, flows: OpenClawFlows): void {
  scope.node.addMetadata(FLOWS_METADATA, flows);
  registerAppGuard(scope);
}

/**
 * The policies that put the pods of an observe-mode Cilium policy in egress
 * default deny anyway, as the guard found them in the current synthesis;
 * undefined before the app is validated.
 */
export function observeEnforcedBy(policy: ApiObject): string[] | undefined {
  return lastRuns.get(policy.node.root)?.enforcedBy.get(policy);
}

/** Wraps the root's synthesis method `name` (if it has one) so that one guard run serves each call. */
function runOncePerCall(root: IConstruct, name: string): void {
  const synthesize = (root as any)[name];
  if (typeof synthesize !== 'function') return;
  Object.defineProperty(root, name, {
    configurable: true,
    writable: true,
    value: (...args: unknown[]) => {
      synthesesInProgress.set(root, {});
      try {
        return synthesize.apply(root, args);
      } finally {
        synthesesInProgress.delete(root);
      }
    },
  });
}

function guardApp(root: IConstruct): GuardResult {
  const synthesis = synthesesInProgress.get(root);
  const constructs = root.node.findAll();
  const apiObjects = constructs.filter(ApiObject.isApiObject);
  if (synthesis?.run && sameObjects(synthesis.run.apiObjects, apiObjects)) return synthesis.run.result;
  // Rendered without chart.toJson(), which would validate the app again from inside this validation.
  const manifests = apiObjects.map(apiObject => apiObject.toJson());
  const flows: OpenClawFlows[] = constructs.flatMap(c => c.node.metadata.filter(entry => entry.type === FLOWS_METADATA).map(entry => entry.data));
  const key = JSON.stringify([
    // ApiObject.toJson() always renders metadata.
    manifests.map(m => [m.apiVersion, m.kind, m.metadata.name, m.metadata.namespace, m.metadata.labels, m.spec, m.specs]),
    flows, // plain data: FlowEndpoints render all their fields
  ]);
  let run = lastRuns.get(root);
  if (run?.key !== key || !sameObjects(run.apiObjects, apiObjects)) run = judge(key, apiObjects, manifests, flows);
  lastRuns.set(root, run);
  if (synthesis) synthesis.run = run;
  return run.result;
}

function judge(key: string, apiObjects: ApiObject[], manifests: any[], flows: OpenClawFlows[]): GuardRun {
  const objectOf = new Map<any, ApiObject>(manifests.map((manifest, i) => [manifest, apiObjects[i]]));
  const result = runGuards(manifests, {
    flows,
    constructPathOf: manifest => objectOf.get(manifest)?.node.path.replace(/(\/Resource)+$/, ''),
  });
  const enforcedBy = new Map<ApiObject, string[]>();
  for (const [manifest, refs] of result.observeEnforcedBy) enforcedBy.set(objectOf.get(manifest)!, refs);
  return { apiObjects, key, result, enforcedBy };
}

/** True if both lists hold the same API objects (the constructs, not their renderings) in the same order. */
function sameObjects(a: ApiObject[], b: ApiObject[]): boolean {
  return a.length === b.length && a.every((apiObject, i) => apiObject === b[i]);
}
