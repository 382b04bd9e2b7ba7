import { ApiObject, ApiObjectMetadata, Chart, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CiliumPolicySpecJson } from '../net/cilium-json';

/** The kinds of Cilium policy the library emits. */
export type CiliumPolicyKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';

/**
 * The Cilium policy (`cilium.io/v2`) a Cilium building block emits: one
 * plain `ApiObject`, whose spec `renderSpec` renders at synth in the CRD's
 * JSON field names. cdk8s writes every object's keys in alphabetical order,
 * which is the order the generated classes' `toJson_*` functions write
 * them in too, so the manifest is the one the generated classes rendered,
 * byte for byte, without loading their 2.5 MB module. The renderers write
 * their keys in that order as well, for apps that turn cdk8s's sorting off
 * (`CDK8S_DISABLE_SORT`).
 *
 * The object sits at `<scope>/Resource`, where the generated class sat, so
 * that a name cdk8s generates from the construct path stays the same. A
 * cluster-wide policy drops the namespace cdk8s gives every object of a
 * chart with one: a cluster-scoped object must have none.
 */
export function newCiliumPolicy(
  scope: Construct, kind: CiliumPolicyKind, metadata: ApiObjectMetadata, renderSpec: () => CiliumPolicySpecJson,
): ApiObject {
  const policy = new ApiObject(scope, 'Resource', { apiVersion: 'cilium.io/v2', kind, metadata, spec: Lazy.any({ produce: renderSpec }) });
  if (kind === 'CiliumClusterwideNetworkPolicy' && Chart.of(scope).namespace !== undefined) {
    policy.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return policy;
}
