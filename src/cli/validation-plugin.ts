import { auditOpenClaw, defaultModel } from '../analysis/audit';
import { EnforcementModel } from '../analysis/enforcement-model';

/**
 * A cdk8s-cli validation plugin (`validations:` in cdk8s.yaml) that runs the
 * OpenClaw least-privilege audit on the synthesized manifests of any cdk8s
 * app. Load it from a local path, such as
 * `./node_modules/cdk8s-openclaw/lib/cli/validation-plugin.js`, with class
 * `OpenClawValidation`. Properties: `cni` (`generic` or `cilium`),
 * `selector` (labels), `gatewayPort`, `ingressNamespaces`, `requiredHosts`.
 *
 * The context is typed loosely on purpose: the plugin needs nothing from
 * cdk8s-cli at run time.
 */
export class OpenClawValidation {
  constructor(private readonly properties: { [key: string]: any } = {}) {}

  public async validate(context: any): Promise<void> {
    // One audit over all charts' manifests: a deployment and its policies may sit in different charts.
    const paths = context.manifests as string[];
    const manifests: any[] = paths.flatMap(manifestPath => context.parseManifest(manifestPath));
    const cni = this.properties.cni;
    const model = cni === 'cilium' ? EnforcementModel.CILIUM : cni === 'generic' ? EnforcementModel.GENERIC : defaultModel(manifests);
    const result = auditOpenClaw(manifests, {
      model,
      selector: this.properties.selector ?? { app: 'openclaw' },
      gatewayPort: this.properties.gatewayPort ?? 18789,
      ingressNamespaces: this.properties.ingressNamespaces ?? ['ingress-nginx', 'monitoring'],
      requiredHosts: this.properties.requiredHosts ?? ['api.anthropic.com'],
    });
    for (const violation of result.violations) {
      context.report.addViolation({
        ruleName: `openclaw/${violation.rule}`,
        recommendation: violation.message,
        fix: 'See the cdk8s-openclaw README: use OpenClawNetworkIsolation and OpenClawCiliumEgress, or fix the named policy.',
        violatingResources: paths.map(manifestPath => ({ resourceName: result.namespaces.join(', '), locations: [], manifestPath })),
      });
    }
    const failed = result.violations.length > 0;
    context.report.submit(failed ? 'failure' : 'success');
  }
}
