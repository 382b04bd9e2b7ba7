import { OpenClawDefaults } from './defaults';
import { Port } from '../net/port';
import { invalid, sortedLabels, validateLabelValue } from '../validation/rules';

/**
 * The pod labels and ports of OpenClaw as the community Helm chart and the
 * OpenClaw operator deploy it, read from their sources, so that nobody has
 * to look them up:
 *
 * ```ts
 * const openclaw = OpenClawDeployment.helmChart('openclaw');
 * new OpenClawNetworkIsolation(chart, 'Isolation', { selector: openclaw.selector, gatewayPort: openclaw.gatewayPort });
 * ```
 */
export class OpenClawDeployment {
  /**
   * The community Helm chart `serhanekicii/openclaw-helm` (built on bjw-s
   * app-template 4.6.2), as rendered in its `tests/snapshots/default.yaml`:
   * the Deployment's pods carry `app.kubernetes.io/name: openclaw`,
   * `app.kubernetes.io/instance: <release>` and
   * `app.kubernetes.io/controller: main` (its `spec.selector`), and the `main`
   * container runs `gateway --bind lan --port 18789`. Kubelet's tcpSocket
   * probes on 18789 come from the node, which NetworkPolicy does not filter
   * on most CNIs.
   *
   * The chart's init containers share the pod, so they share its egress
   * policy: `init-skills` runs `npx -y clawhub install <skill>` (the npm
   * registry and clawhub.ai), and `init-homebrew`, when enabled,
   * `git clone https://github.com/Homebrew/brew` and `brew install`
   * (GitHub). Without those hosts on the allow-list they retry for minutes
   * and then give up silently: allow them with
   * `services: [OpenClawService.SKILL_INSTALLS]` (and
   * `OpenClawService.HOMEBREW` when Homebrew is on) while skills are
   * installed, or set `skills: []` in the chart's values.
   *
   * @param release the Helm release name (`app.kubernetes.io/instance`)
   */
  public static helmChart(release: string): OpenClawDeployment {
    validateLabelValue('release', release);
    if (release === '') throw invalid('release', release, 'Give the Helm release name, such as "openclaw".');
    return new OpenClawDeployment('Helm chart serhanekicii/openclaw-helm', {
      'app.kubernetes.io/name': 'openclaw',
      'app.kubernetes.io/instance': release,
      'app.kubernetes.io/controller': 'main',
    }, []);
  }

  /**
   * An `OpenClawInstance` of the OpenClaw operator `openclaw-rocks/openclaw-operator`:
   * `internal/resources/common.go` (`SelectorLabels`) selects its pods by
   * `app.kubernetes.io/name: openclaw` and `app.kubernetes.io/instance: <instance>`,
   * and the gateway listens on `GatewayPort` 18789, the canvas HTTP server on
   * `CanvasPort` 18793 (its own NetworkPolicy, `internal/resources/networkpolicy.go`,
   * opens both). The canvas port is in `additionalIngressPorts`.
   *
   * Turn the operator's own NetworkPolicy off: set
   * `spec.security.networkPolicy.enabled: false` on the `OpenClawInstance`
   * (`api/v1alpha1/openclawinstance_types.go`, `NetworkPolicySpec.Enabled`,
   * `+kubebuilder:default=true`). It is on by default, and its
   * `buildEgressRules` allows 443 and 53 to every destination; NetworkPolicy
   * allows add up, so beside ours it would reopen in-cluster services and
   * the metadata endpoint, and void a Cilium FQDN allow-list.
   *
   * @param instance the `OpenClawInstance` name (`app.kubernetes.io/instance`)
   */
  public static operator(instance: string): OpenClawDeployment {
    validateLabelValue('instance', instance);
    if (instance === '') throw invalid('instance', instance, 'Give the OpenClawInstance name, such as "openclaw".');
    return new OpenClawDeployment('OpenClaw operator openclaw-rocks/openclaw-operator', {
      'app.kubernetes.io/name': 'openclaw',
      'app.kubernetes.io/instance': instance,
    }, [Port.tcp(18793)]);
  }

  /** Where the labels and ports come from. */
  public readonly description: string;
  /** The labels of the OpenClaw pods: give them as `selector`. */
  public readonly selector: { [key: string]: string };
  /** The gateway's TCP port: give it as `gatewayPort`. */
  public readonly gatewayPort: number;
  /** More ports the deployment serves beside the gateway: give them as `additionalIngressPorts`. */
  public readonly additionalIngressPorts: Port[];

  private constructor(description: string, selector: { [key: string]: string }, additionalIngressPorts: Port[]) {
    this.description = description;
    this.selector = Object.freeze(sortedLabels(selector)) as { [key: string]: string };
    this.gatewayPort = OpenClawDefaults.GATEWAY_PORT;
    this.additionalIngressPorts = Object.freeze([...additionalIngressPorts]) as Port[];
  }
}
