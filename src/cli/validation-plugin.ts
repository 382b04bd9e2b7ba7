import { intentFor, parseArgs, ParsedArgs } from './check-command';
import { EnforcementModel } from '../analysis/enforcement-model';
import { OpenClawIntent } from '../analysis/intent';
import { namespaceLabelsOf } from '../analysis/manifests';
import { checkOpenClaw, Violation } from '../analysis/openclaw-check';
import { MergedIntents, mergeRecordedIntents, RecordedIntent, recordedIntents } from '../analysis/recorded-intent';
import { describePods } from '../policies/annotations';

/** `NetworkPolicy openclaw/allow-dns egress[0]`: a policy reference in a message, with the rule it names. */
const OBJECT_REF = /\b((?:NetworkPolicy|CiliumNetworkPolicy|CiliumClusterwideNetworkPolicy) [a-z0-9][-a-z0-9./]*[a-z0-9])( (?:specs\[\d+\] )?(?:egress|ingress|egressDeny|ingressDeny)\[\d+\])?/g;

/** The violation of an intent whose pods the manifests have none of: a failure always says why. */
function noPodsViolation(intent: OpenClawIntent): Violation {
  const pods = describePods(intent.selector, intent.selectorRequirements ?? []);
  const where = intent.namespaces ? ` in ${intent.namespaces.join(', ')}` : '';
  return {
    rule: 'no-openclaw-pods',
    message: `No OpenClaw pods found: no workload or policy in the manifests selects ${pods}${where}, so nothing was judged.`
      + ' Fix: give the selector of the OpenClaw pods (the selector property), or add their workload or policies.',
  };
}

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
 * recorded in the manifests (the `cdk8s-openclaw.io/intent` annotation of
 * `OpenClawNetworkIsolation`'s default deny and of `OpenClawCiliumEgress`'s
 * Cilium policy: the whole of their props; trusted only there, for the pods
 * those policies select, see `recordedIntents`) is used, each group of OpenClaw
 * pods judged against its own constructs' intent; with no such annotation,
 * the constructs' defaults.
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
    const recorded = recordedIntents(manifests);
    const merged = this.intents(options, manifests, recorded.records);
    const intents = merged.intents;
    const checks = intents.map(intent => checkOpenClaw(manifests, intent, { model: options.model }));
    // The checks share the manifests: a finding about them (a rejected policy, a guard) comes once from each.
    const violations = [...new Map([
      ...recorded.violations,
      ...merged.violations,
      ...checks.flatMap((check, i) => (check.pods.length === 0 ? [noPodsViolation(intents[i])] : [])),
      ...checks.flatMap(c => c.violations),
    ].map(v => [`${v.rule} ${v.message}`, v])).values()];
    const where = (ref: string) => {
      const [kind, namespaced] = ref.split(' ');
      const [namespace, name] = namespaced.includes('/') ? namespaced.split('/') : [undefined, namespaced];
      return perFile.find(f => f.manifests.some(m => m?.kind === kind && m?.metadata?.name === name
        && (namespace === undefined || (m?.metadata?.namespace ?? 'default') === namespace)))?.manifestPath;
    };
    for (const violation of violations) {
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
    context.report.submit(violations.length > 0 ? 'failure' : 'success');
  }

  /**
   * One intent per group of OpenClaw pods: what the constructs recorded
   * (`records`, merged by `mergeRecordedIntents`, with what contradicts
   * itself in them), with the given properties over it; the properties and
   * the constructs' defaults when nothing was recorded.
   */
  private intents(options: ParsedArgs, manifests: any[], records: RecordedIntent[]): MergedIntents {
    const fromFlags = intentFor(options, manifests);
    if (records.length === 0) return { intents: [fromFlags], violations: [] };
    const given = (...keys: string[]) => keys.some(key => key in this.properties);
    const merged = mergeRecordedIntents(records, fromFlags, namespaceLabelsOf(manifests));
    return {
      ...merged,
      intents: merged.intents.map(recorded => ({
        ...recorded,
        ...given('selector') && { selector: fromFlags.selector, selectorRequirements: undefined, namespaces: undefined },
        ...given('gatewayPort') && { gatewayPort: fromFlags.gatewayPort, ingressPorts: fromFlags.ingressPorts },
        ...given('ingressPorts') && { ingressPorts: fromFlags.ingressPorts },
        ...given('ingressFrom', 'ingressNamespaces') && { ingressFrom: fromFlags.ingressFrom },
        ...given('webhookFrom') && { webhookFrom: fromFlags.webhookFrom },
        ...given('egressPorts') && { publicEgressPorts: fromFlags.publicEgressPorts },
        ...given('providers', 'channels', 'fqdn', 'requiredHosts') && { names: fromFlags.names, webhookPorts: fromFlags.webhookPorts },
        ...given('dns') && { dns: fromFlags.dns },
        ...given('inCluster') && { inCluster: fromFlags.inCluster },
      })),
    };
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
