/**
 * Review of perf3 (issue 14): the Cilium egress rules and the intent
 * annotation are reused "until a rule, an endpoint set or a list given in the
 * props changes" (src/policies/rendered-from.ts), keyed on which EndpointSet
 * objects are allowed, by identity. But an EndpointSet is not immutable: its
 * `fqdns`, `ports` and `podLabels` are plain arrays and a plain map, which
 * TypeScript lets a caller change (`readonly fqdns: Fqdn[]` makes the field
 * readonly, not the array). Changed after a first synthesis, the second one
 * still emits the old `toFQDNs`/`toPorts` and the old recorded intent, while
 * the `egress.cdk8s-openclaw.io/<set>` annotation (rendered afresh) already
 * names the new hosts and ports. main renders them all again and emits what
 * a fresh construction emits. Each test below passes on main.
 */
import {
  CiliumFqdnEgress, EndpointSet, Fqdn, OpenClawCiliumEgress, PolicyAnnotations, Port,
} from '../src';
import { endpointAllowed, fqdnAllowed } from './support/cilium-eval';
import { newChart, synth } from './support/synth';
import { recordedIntents } from '../src/analysis/recorded-intent';

const OPENCLAW = { app: 'openclaw' };
const cnpOf = (objects: any[]) => objects.find(object => object.kind === 'CiliumNetworkPolicy');

/** The CiliumNetworkPolicy a CiliumFqdnEgress emits for these endpoint sets, synthesized once. */
function freshCnp(endpoints: EndpointSet[]): any {
  const chart = newChart();
  new CiliumFqdnEgress(chart, 'Egress', { selector: OPENCLAW, name: 'partner-egress', endpoints });
  return cnpOf(synth(chart));
}

describe('an EndpointSet changed after a first synthesis', () => {
  test('a host replaced in its fqdns: the toFQDNs rule allows the new host and no longer the old one, as its egress annotation says', () => {
    const chart = newChart();
    const partner = EndpointSet.of('partner', [Fqdn.exact('old.example.com')], [Port.tcp(443)], 'partner API');
    new CiliumFqdnEgress(chart, 'Egress', { selector: OPENCLAW, name: 'partner-egress', endpoints: [partner] });
    expect(fqdnAllowed(cnpOf(synth(chart)), 'old.example.com', 443)).toBe(true);

    partner.fqdns.splice(0, 1, Fqdn.exact('new.example.com'));
    const after = cnpOf(synth(chart));
    expect(after.metadata.annotations[`${PolicyAnnotations.EGRESS_PREFIX}partner`]).toBe('new.example.com on TCP/443: partner API');
    expect(fqdnAllowed(after, 'new.example.com', 443)).toBe(true);
    // perf3 still allows the host the set no longer lists: an allow nobody asked for any more.
    expect(fqdnAllowed(after, 'old.example.com', 443)).toBe(false);
    expect(after.spec).toEqual(freshCnp([EndpointSet.of('partner', [Fqdn.exact('new.example.com')], [Port.tcp(443)], 'partner API')]).spec);
  });

  test('a port replaced in its ports: the rule opens the new port only', () => {
    const chart = newChart();
    const partner = EndpointSet.of('partner', [Fqdn.exact('api.example.com')], [Port.tcp(443)], 'partner API');
    new CiliumFqdnEgress(chart, 'Egress', { selector: OPENCLAW, name: 'partner-egress', endpoints: [partner] });
    synth(chart);

    partner.ports.splice(0, 1, Port.tcp(8443));
    const after = cnpOf(synth(chart));
    expect(after.metadata.annotations[`${PolicyAnnotations.EGRESS_PREFIX}partner`]).toBe('api.example.com on TCP/8443: partner API');
    expect(fqdnAllowed(after, 'api.example.com', 8443)).toBe(true);
    expect(fqdnAllowed(after, 'api.example.com', 443)).toBe(false);
  });

  test('the pod labels of an in-cluster set changed: the toEndpoints rule selects the new pods only', () => {
    const chart = newChart();
    const models = EndpointSet.inClusterPods('models', 'llm', { app: 'ollama' }, [Port.tcp(11434)]);
    new CiliumFqdnEgress(chart, 'Egress', { selector: OPENCLAW, name: 'partner-egress', endpoints: [models] });
    synth(chart);

    models.podLabels!.app = 'vllm';
    const after = cnpOf(synth(chart));
    expect(after.metadata.annotations[`${PolicyAnnotations.EGRESS_PREFIX}models`]).toBe('pods {app=vllm} in namespace llm on TCP/11434: in-cluster endpoints');
    expect(endpointAllowed(after, 'llm', { app: 'vllm' }, 11434)).toBe(true);
    expect(endpointAllowed(after, 'llm', { app: 'ollama' }, 11434)).toBe(false);
  });

  test('OpenClawCiliumEgress: the recorded intent names the set\'s hosts as they are now', () => {
    const chart = newChart();
    const egress = new OpenClawCiliumEgress(chart, 'Egress', { providers: [], channels: [], fqdns: [Fqdn.exact('hooks.example.com')] });
    const partner = EndpointSet.of('partner', [Fqdn.exact('old.example.com')], [Port.tcp(443)], 'partner API');
    egress.allowEndpoints([partner]);
    const names = (objects: any[]) => recordedIntents(objects).records.flatMap(record => record.names ?? []).map(name => name.text).sort();
    expect(names(synth(chart))).toEqual(['hooks.example.com', 'old.example.com']);

    partner.fqdns.splice(0, 1, Fqdn.exact('new.example.com'));
    expect(names(synth(chart))).toEqual(['hooks.example.com', 'new.example.com']);
  });
});
