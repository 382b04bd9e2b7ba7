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
    let failed = false;
    for (const manifestPath of context.manifests as string[]) {
      const manifests: any[] = context.parseManifest(manifestPath);
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
        failed = true;
        context.report.addViolation({
          ruleName: `openclaw/${violation.rule}`,
          recommendation: violation.message,
          fix: 'See the cdk8s-openclaw README: use OpenClawNetworkIsolation and OpenClawCiliumEgress, or fix the named policy.',
          violatingResources: [{ resourceName: result.namespaces.join(', '), locations: [], manifestPath }],
        });
      }
    }
    context.report.submit(failed ? 'failure' : 'success');
  }
}
