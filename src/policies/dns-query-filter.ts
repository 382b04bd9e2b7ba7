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
   * domains), and service names in the namespaces of in-cluster endpoints
   * (`ollama.llm`, `ollama.llm.svc`, `ollama.llm.svc.cluster.local`, with the
   * same suffixes).
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
 * The DNS rule entries of `ALLOW_LISTED_NAMES`: each allowed entry, and for
 * each namespace N with in-cluster endpoints the service names `*.N`,
 * `*.N.svc` and `*.N.svc.<cluster domain>`, each as is and with each search
 * suffix appended (resolvers try `<name>.<suffix>` first when the name has
 * fewer than five dots, and some give up on the first refusal).
 */
export function allowListedDnsNames(fqdns: Fqdn[], inClusterNamespaces: string[], suffixes: SearchSuffixes): Fqdn[] {
  const searchList = [
    `${suffixes.namespace ?? '*'}.svc.${suffixes.clusterDomain}`,
    `svc.${suffixes.clusterDomain}`,
    suffixes.clusterDomain,
    ...suffixes.searchDomains,
  ];
  const bases = [
    ...fqdns.map(String),
    ...inClusterNamespaces.flatMap(ns => [`*.${ns}`, `*.${ns}.svc`, `*.${ns}.svc.${suffixes.clusterDomain}`]),
  ];
  // A form longer than a DNS name may be (253 characters) is never sent; a bare `*.<namespace>` is never
  // sent without a suffix (and would be a wildcard over a top-level domain): both are left out.
  const names = bases.flatMap(base => [base, ...searchList.map(suffix => `${base}.${suffix}`)])
    .filter(name => name.length <= MAX_DNS_NAME_LENGTH && !(name.includes('*') && name.split('.').length < 3));
  return names.map(name => (name.includes('*') ? Fqdn.pattern(name) : Fqdn.exact(name)));
}
