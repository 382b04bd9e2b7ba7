/**
 * Review of perf3 (issue 14): src/policies/rendered-from.ts says a rendering
 * returned from a `Lazy` "is never handed to the app itself", because cdk8s
 * resolves it into fresh objects. But cdk8s hands every value to the app's
 * own resolvers (`new App({ resolvers })`, cdk8s `resolve()` in
 * node_modules/cdk8s/lib/resolve.js) before it copies it, so a resolver sees
 * the cached Cilium egress rules themselves. A resolver that edits the value
 * in place (here: one that adds a company proxy to every `toFQDNs` list) then
 * edits the cache, and every rendering (the guard's, each chart's, each
 * synthesis) adds to what the last one left: the first `synthYaml()` already
 * lists the proxy twice, and the second differs from the first. On main the rules were rendered afresh each time and both
 * syntheses are the same. Passes on main.
 */
import { App, Chart, IResolver, ResolutionContext } from 'cdk8s';
import { OpenClawCiliumEgress } from '../src';

/** Adds the proxy to every `toFQDNs` list, in place. */
class AddProxyHost implements IResolver {
  public resolve(context: ResolutionContext): void {
    if (context.key[context.key.length - 1] === 'toFQDNs' && Array.isArray(context.value)) {
      context.value.push({ matchName: 'proxy.corp.example.com' });
    }
  }
}

test('an app resolver that edits values in place: every synthesis emits the same YAML, the proxy once per toFQDNs list', () => {
  const app = new App({ resolvers: [new AddProxyHost()] });
  const chart = new Chart(app, 'openclaw', { namespace: 'openclaw' });
  new OpenClawCiliumEgress(chart, 'Egress');
  const first = app.synthYaml();
  const toFqdnsLists = (first.match(/toFQDNs:/g) ?? []).length;
  expect(toFqdnsLists).toBeGreaterThan(0);
  // perf3: twice already, since the app's guard rendered the policy once before the chart did.
  expect((first.match(/proxy\.corp\.example\.com/g) ?? []).length).toBe(toFqdnsLists);
  expect(app.synthYaml()).toEqual(first);
});
