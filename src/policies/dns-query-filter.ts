import { Fqdn } from '../net/fqdn';

/** The longest DNS name in text form (RFC 1035: 255 octets on the wire). */
const MAX_DNS_NAME_LENGTH = 253;

/** Which names a Cilium policy's DNS rule lets the pods look up. */
export enum DnsQueryFilter {
  /**
   * Any name (`rules.dns: [{matchPattern: '*'}]`). Resolvers that walk the
   * search list, and in-cluster names, keep working; only connections are
   * limited to the allow-list.
   */
  ANY_NAME = 'ANY_NAME',
  /**
   * Only the allow-listed names, the same names with each of the cluster's
   * search suffixes appended (`<name>.<namespace>.svc.cluster.local`,
   * `<name>.svc.cluster.local`, `<name>.cluster.local` and any extra search
   * domains), and service names in the namespaces of in-cluster endpoints.
   * A compromised pod can then not smuggle secrets out inside DNS queries
   * for names of its choosing. Other lookups are refused by Cilium's DNS
   * proxy, which some resolvers (musl) treat as final: list every search
   * domain of the pods' resolv.conf.
   */
  ALLOW_LISTED_NAMES = 'ALLOW_LISTED_NAMES',
}

/** What the strict DNS rule needs to know besides the allow-list. */
export interface SearchSuffixes {
  /** The namespace the pods run in; undefined means any (`*`). */
  readonly namespace?: string;
  /** The cluster domain, such as `cluster.local`. */
  readonly clusterDomain: string;
  /** Extra search domains from the node's resolv.conf. */
  readonly searchDomains: string[];
}

/**
 * The DNS rule entries of `ALLOW_LISTED_NAMES`: each allowed entry as is and
 * with each search suffix appended, plus `*.<namespace>.svc.<cluster domain>`
 * for each namespace with in-cluster endpoints.
 */
export function allowListedDnsNames(fqdns: Fqdn[], inClusterNamespaces: string[], suffixes: SearchSuffixes): Fqdn[] {
  const searchList = [
    `${suffixes.namespace ?? '*'}.svc.${suffixes.clusterDomain}`,
    `svc.${suffixes.clusterDomain}`,
    suffixes.clusterDomain,
    ...suffixes.searchDomains,
  ];
  // A search-suffix form longer than a DNS name may be (253 characters) is never sent, so it is left out.
  const names = fqdns.flatMap(fqdn => [fqdn.toString(), ...searchList.map(suffix => `${fqdn}.${suffix}`)])
    .filter(name => name.length <= MAX_DNS_NAME_LENGTH);
  names.push(...inClusterNamespaces.map(ns => `*.${ns}.svc.${suffixes.clusterDomain}`));
  return names.map(name => (name.includes('*') ? Fqdn.pattern(name) : Fqdn.exact(name)));
}
