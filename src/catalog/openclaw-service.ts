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

  /** All of OpenClaw's own services. */
  public static readonly ALL: OpenClawService[] = Object.freeze([
    OpenClawService.UPDATE_CHECK, OpenClawService.MODEL_CATALOG, OpenClawService.CLAWHUB,
  ]) as OpenClawService[];

  private static hosted(name: string, description: string, host: string): OpenClawService {
    return new OpenClawService({ name, description, fqdns: [Fqdn.exact(host)], ports: [Port.tcp(443)] });
  }

  private constructor(props: EndpointSetProps) {
    super(props);
  }
}
