/** How the cluster enforces network policy, for the analyzer. */
export enum EnforcementModel {
  /**
   * Any CNI: only `networking.k8s.io/v1` NetworkPolicies count. ipBlocks
   * match pod IPs too (as Calico does), when a flow gives a pod an IP.
   */
  GENERIC = 'GENERIC',
  /**
   * Cilium: NetworkPolicies, CiliumNetworkPolicies and
   * CiliumClusterwideNetworkPolicies together. Allows add up, deny rules
   * win, `enableDefaultDeny` is honoured, ipBlocks and CIDR rules never
   * match pods, and `toFQDNs` matches a name only when a DNS-proxy rule lets
   * the pod resolve it (Cilium 1.17 wildcard semantics).
   */
  CILIUM = 'CILIUM',
}
