import { OpenClawService } from '../catalog/openclaw-service';
import { CiliumVersion } from '../net/cilium-version';
import { Fqdn } from '../net/fqdn';
import { DnsQueryFilter } from '../policies/dns-query-filter';
import { arrayOf, closedStruct, instanceOf, isString, oneOf } from '../validation/types';

/**
 * "This is a Cilium cluster", said once on `OpenClawNetworkIsolation`: it
 * then also emits the Cilium FQDN allow-list (an `OpenClawCiliumEgress`
 * child) for the same pods, namespace, providers, channels and DNS targets,
 * and the NetworkPolicies leave internet egress and DNS to it. Only what is
 * Cilium's own is given here.
 */
export interface OpenClawCiliumOptions {
  /**
   * OpenClaw's own services to allow (update check, model catalog, ClawHub).
   * @default []
   */
  readonly services?: OpenClawService[];

  /**
   * More hosts to allow on TCP 443.
   * @default []
   */
  readonly fqdns?: Fqdn[];

  /**
   * Which names the pods may look up through the DNS proxy.
   * @default DnsQueryFilter.ANY_NAME
   */
  readonly dnsQueryFilter?: DnsQueryFilter;

  /**
   * The cluster domain, for the search suffixes of `DnsQueryFilter.ALLOW_LISTED_NAMES`.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Extra search domains of the pods' resolv.conf, for `DnsQueryFilter.ALLOW_LISTED_NAMES`.
   * @default []
   */
  readonly dnsSearchDomains?: string[];

  /**
   * The Cilium version the cluster runs. Patterns with a `**` label need 1.19.
   * @default CiliumVersion.V1_17
   */
  readonly ciliumVersion?: CiliumVersion;
}

/**
 * The type checks of `OpenClawCiliumOptions` (the strings' values are
 * checked by their value rules). Other keys are refused: the pods, the
 * namespace and the catalog choices come from the construct's own props, and
 * a stray `namespaceSelector` (a field of `OpenClawCiliumEgress`) would turn
 * the policy cluster-wide.
 */
export const isCiliumOptions = closedStruct({
  services: arrayOf(instanceOf(OpenClawService)),
  fqdns: arrayOf(instanceOf(Fqdn)),
  dnsQueryFilter: oneOf(DnsQueryFilter, 'DnsQueryFilter'),
  clusterDomain: isString,
  dnsSearchDomains: arrayOf(isString),
  ciliumVersion: instanceOf(CiliumVersion),
});
