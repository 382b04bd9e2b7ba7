import { intentFor, parseArgs } from './check-command';
import { EnforcementModel } from '../analysis/enforcement-model';
import { recordedIntent } from '../analysis/intent';
import { checkOpenClaw } from '../analysis/openclaw-check';

/** `NetworkPolicy openclaw/allow-dns egress[0]`: a policy reference in a message, with the rule it names. */
const OBJECT_REF = /\b((?:NetworkPolicy|CiliumNetworkPolicy|CiliumClusterwideNetworkPolicy) [a-z0-9][-a-z0-9./]*[a-z0-9])( (?:specs\[\d+\] )?(?:egress|ingress|egressDeny|ingressDeny)\[\d+\])?/g;

/**
 * A cdk8s-cli validation plugin (`validations:` in cdk8s.yaml) that runs the
 * OpenClaw check (`cdk8s-openclaw check`) on the synthesized manifests of any
 * cdk8s app. Load it from a local path, such as
 * `./node_modules/cdk8s-openclaw/lib/cli/validation-plugin.js`, with class
 * `OpenClawValidation`. Properties: `cni` (`generic` or `cilium`) and the
 * intent flags of `check` without their dashes, in camelCase (`selector`,
 * `gatewayPort`, `ingressFrom`, `ingressNamespaces`, `ingressPorts`,
 * `egressPorts`, `providers`, `channels`, `fqdn`, `dns`; `requiredHosts` is `--require-host`), as strings or lists
 * of strings. Where they are not given, the intent the library's constructs
 * recorded in the manifests (`recordedIntent`: the FQDN allow-list's endpoint
 * sets, the gateway's ingress namespaces and port) is used, and otherwise the
 * constructs' defaults.
 *
 * Each violation is reported once, with the objects its message names (and the
 * manifest file each is in) and its fix.
 *
 * The context is typed loosely on purpose: the plugin needs nothing from
 * cdk8s-cli at run time.
 */
export class OpenClawValidation {
  constructor(private readonly properties: { [key: string]: any } = {}) {}

  public async validate(context: any): Promise<void> {
    // One check over all charts' manifests: a deployment and its policies may sit in different charts.
    const paths = context.manifests as string[];
    const perFile = paths.map(manifestPath => ({ manifestPath, manifests: context.parseManifest(manifestPath) as any[] }));
    const manifests = perFile.flatMap(f => f.manifests);
    const options = parseArgs(this.flags());
    // What the library's constructs recorded in their manifests stands in for properties not given.
    const recorded = recordedIntent(manifests);
    const given = (...keys: string[]) => keys.some(key => key in this.properties);
    if (recorded.names.length && !given('providers', 'channels', 'fqdn', 'requiredHosts')) {
      Object.assign(options.intent, { providers: [], channels: [], fqdns: recorded.names });
    }
    if (recorded.ingressFrom.length && !given('ingressFrom', 'ingressNamespaces')) options.intent.ingressFrom = recorded.ingressFrom;
    if (recorded.gatewayPort !== undefined && !given('gatewayPort')) options.intent.gatewayPort = recorded.gatewayPort;
    if (!given('ingressPorts')) options.intent.ingressPorts.push(...recorded.ingressPorts);
    const intent = intentFor(options, manifests);
    const check = checkOpenClaw(manifests, intent, { model: options.model });
    const where = (ref: string) => {
      const [kind, namespaced] = ref.split(' ');
      const [namespace, name] = namespaced.includes('/') ? namespaced.split('/') : [undefined, namespaced];
      return perFile.find(f => f.manifests.some(m => m?.kind === kind && m?.metadata?.name === name
        && (namespace === undefined || (m?.metadata?.namespace ?? 'default') === namespace)))?.manifestPath;
    };
    for (const violation of check.violations) {
      // The objects the message names, each with the rule it names (`spec.egress[0]`) as its location.
      const mentions = [...violation.message.matchAll(OBJECT_REF)].map(m => ({ ref: m[1], location: m[2] ? `spec.${m[2].trim()}` : 'spec' }));
      const byRef = new Map<string, Set<string>>();
      for (const { ref, location } of mentions) byRef.set(ref, (byRef.get(ref) ?? new Set()).add(location));
      const fix = /Fix: (.*)$/.exec(violation.message)?.[1];
      context.report.addViolation({
        ruleName: `openclaw/${violation.rule}`,
        recommendation: fix ? violation.message.slice(0, violation.message.indexOf(' Fix: ')) : violation.message,
        fix: fix ?? 'Fix the named policy; see the cdk8s-openclaw README.',
        violatingResources: [...byRef].map(([ref, locations]) => ({ resourceName: ref, locations: [...locations], manifestPath: where(ref) ?? '' })),
      });
    }
    context.report.submit(check.violations.length > 0 || check.pods.length === 0 ? 'failure' : 'success');
  }

  /** The properties as `check` arguments. */
  private flags(): string[] {
    const flags: string[] = [];
    for (const [key, value] of Object.entries(this.properties)) {
      const flag = key === 'requiredHosts' ? '--require-host' : `--${key.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
      if (key === 'selector' && typeof value === 'object' && !Array.isArray(value)) {
        flags.push(flag, Object.entries(value).map(([k, v]) => `${k}=${v}`).join(','));
      } else if (key === 'cni' && typeof value === 'string') {
        flags.push('--cni', value === 'cilium' ? EnforcementModel.CILIUM.toLowerCase() : value);
      } else {
        for (const item of Array.isArray(value) ? value : [value]) flags.push(flag, String(item));
      }
    }
    return flags;
  }
}
