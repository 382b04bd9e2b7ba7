import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { OpenClawFlows } from './checks';
import { GuardResult, runGuards } from './guards';

/**
 * Makes synthesis fail on what the guards find (`runGuards`), over every
 * API object of the whole app, whatever made it and in whichever chart.
 *
 * The guard is one validation on the app's root, added once by the first
 * library construct. cdk8s validates the app more than once per synthesis
 * (`App.synthYaml`, then once per chart), so each run keeps its result
 * beside what it was computed from: the rendered objects' kinds, names,
 * namespaces, labels and specs (annotations are left out, since the
 * enforcement annotation is itself rendered from the result).
 *
 * @module
 */

/** The node-metadata type under which OpenClaw constructs record the flows they expect. */
const FLOWS_METADATA = 'cdk8s-openclaw:flows';

/** The app roots the guard is added to. */
const guardedApps = new WeakSet<IConstruct>();

/** The last run per app root. */
const lastRuns = new WeakMap<IConstruct, { key: string; result: GuardResult; enforcedBy: Map<ApiObject, string[]> }>();

/** Adds the guard to `scope`'s app, unless it is there already. */
export function registerAppGuard(scope: IConstruct): void {
  const root = scope.node.root;
  if (guardedApps.has(root)) return;
  guardedApps.add(root);
  root.node.addValidation({ validate: () => guardApp(root).findings.map(finding => finding.message) });
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

function guardApp(root: IConstruct): GuardResult {
  const constructs = root.node.findAll();
  const apiObjects = constructs.filter(ApiObject.isApiObject);
  // Rendered without chart.toJson(), which would validate the app again from inside this validation.
  const manifests = apiObjects.map(apiObject => apiObject.toJson());
  const flows: OpenClawFlows[] = constructs.flatMap(c => c.node.metadata.filter(entry => entry.type === FLOWS_METADATA).map(entry => entry.data));
  const key = JSON.stringify([
    // ApiObject.toJson() always renders metadata.
    manifests.map(m => [m.apiVersion, m.kind, m.metadata.name, m.metadata.namespace, m.metadata.labels, m.spec, m.specs]),
    flows, // plain data: FlowEndpoints render all their fields
  ]);
  const last = lastRuns.get(root);
  if (last && last.key === key) return last.result;
  const objectOf = new Map<any, ApiObject>(manifests.map((manifest, i) => [manifest, apiObjects[i]]));
  const result = runGuards(manifests, {
    flows,
    constructPathOf: manifest => objectOf.get(manifest)?.node.path.replace(/(\/Resource)+$/, ''),
  });
  const enforcedBy = new Map<ApiObject, string[]>();
  for (const [manifest, refs] of result.observeEnforcedBy) enforcedBy.set(objectOf.get(manifest)!, refs);
  lastRuns.set(root, { key, result, enforcedBy });
  return result;
}
