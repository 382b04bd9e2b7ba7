import { parseManifests } from '../src/analysis/manifests';

/**
 * Review 4: js-yaml's CORE_SCHEMA knows only the core tags, so a manifest
 * with a standard YAML 1.1 tag anywhere (here `!!binary` in a Secret, which
 * go-yaml v2, and so kubectl, decodes: sigs.k8s.io/yaml `goyaml.v2/resolve.go`,
 * `yaml_BINARY_TAG`) now makes `check` refuse the whole file ("unknown tag
 * !<tag:yaml.org,2002:binary>"). yaml 2 (before js-yaml) read it: it knows
 * `!!binary`, `!!set`, `!!omap`, `!!pairs` and `!!timestamp` in every schema.
 */
const manifests = `
apiVersion: v1
kind: Secret
metadata: {name: token, namespace: openclaw}
data:
  token: !!binary c2VjcmV0
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: openclaw}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

test('a Secret with a !!binary value does not stop the policies beside it from being read', () => {
  const objects = parseManifests(manifests);
  expect(objects.map(o => o.kind)).toEqual(['Secret', 'NetworkPolicy']);
});
