import { EndpointSet, EndpointSetProps } from './endpoint-set';
import { Fqdn } from '../net/fqdn';
import { Port } from '../net/port';

/**
 * OpenClaw's own online services. OpenClaw works without them, so they are
 * opt-in: allow the ones you keep switched on in OpenClaw's config.
 * Source: `openclaw` 2026.9.6.
 */
export class OpenClawService extends EndpointSet {
  /**
   * The update check at gateway start (`telemetry.openclaw.ai`, at most once
   * a day). Switch it off with `update.checkOnStart: false`.
   */
  public static readonly UPDATE_CHECK = OpenClawService.hosted('openclaw-update-check', 'OpenClaw update check', 'telemetry.openclaw.ai');

  /**
   * The hosted model catalog (`catalog.openclaw.ai`, refreshed every 6 hours).
   * Switch it off with `models.catalogRefresh.enabled: false`.
   */
  public static readonly MODEL_CATALOG = OpenClawService.hosted('openclaw-model-catalog', 'OpenClaw model catalog', 'catalog.openclaw.ai');

  /**
   * ClawHub (`clawhub.ai`): installing and searching skills and plugins, and
   * plugin version checks.
   */
  public static readonly CLAWHUB = OpenClawService.hosted('clawhub', 'ClawHub skills and plugins', 'clawhub.ai');

  /**
   * Skill and plugin installs: the npm registry (`registry.npmjs.org`, for
   * `npx -y clawhub install` and npm-hosted plugins) and ClawHub
   * (`clawhub.ai`). The community Helm chart's init containers install skills
   * this way, and share the pod's egress policy. Source: `openclaw` 2026.9.6
   * (`registry.npmjs.org` in its installer, `clawhub.ai` in its ClawHub client).
   */
  public static readonly SKILL_INSTALLS = OpenClawService.hosted('openclaw-skill-installs', 'npm registry and ClawHub for skill and plugin installs',
    'registry.npmjs.org', 'clawhub.ai');

  /**
   * Homebrew, for skills whose install step runs `brew install`: GitHub
   * (`github.com`, `brew update`), the bottle registry (`ghcr.io`,
   * `pkg-containers.githubusercontent.com`) and the formula API
   * (`formulae.brew.sh`). These are Homebrew's hosts, not OpenClaw's;
   * OpenClaw's installer only calls `brew` (`openclaw` 2026.9.6: "Homebrew is
   * not installed. Install it from https://brew.sh").
   */
  public static readonly HOMEBREW = OpenClawService.hosted('homebrew', 'Homebrew for skill installs (GitHub, bottles, formula API)',
    'github.com', 'ghcr.io', 'pkg-containers.githubusercontent.com', 'formulae.brew.sh');

  /** OpenClaw's own services at run time (update check, model catalog, ClawHub); install-time entries are separate. */
  public static readonly ALL: OpenClawService[] = Object.freeze([
    OpenClawService.UPDATE_CHECK, OpenClawService.MODEL_CATALOG, OpenClawService.CLAWHUB,
  ]) as OpenClawService[];

  private static hosted(name: string, description: string, ...hosts: string[]): OpenClawService {
    return new OpenClawService({ name, description, fqdns: hosts.map(host => Fqdn.exact(host)), ports: [Port.tcp(443)] });
  }

  private constructor(props: EndpointSetProps) {
    super(props);
  }
}
