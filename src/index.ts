// OpenClaw constructs
export { OpenClawNetworkIsolation } from './openclaw/network-isolation';
export type { OpenClawNetworkIsolationProps } from './openclaw/network-isolation';
export { OpenClawCiliumEgress } from './openclaw/cilium-egress';
export type { OpenClawCiliumEgressProps } from './openclaw/cilium-egress';
export { OpenClawDefaults } from './openclaw/defaults';
export type { OpenClawCiliumOptions } from './openclaw/cilium-options';
export { OpenClawDeployment } from './openclaw/openclaw-deployment';
export { OpenClawTenants, PodSecurityLevel } from './openclaw/tenants';
export type { OpenClawTenantsProps } from './openclaw/tenants';

// Catalog
export { EndpointSet } from './catalog/endpoint-set';
export type { EndpointSetProps } from './catalog/endpoint-set';
export { AiProvider } from './catalog/ai-provider';
export { MessagingChannel } from './catalog/messaging-channel';
export { OpenClawService } from './catalog/openclaw-service';

// Policy building blocks
export type { PolicyProps, SelectedPodsPolicyProps, PolicyTarget } from './policies/policy-props';
export type { PolicyRule } from './policies/rule-list';
export { PolicyDirection } from './policies/rule-list';
export { AllowPolicy } from './policies/allow-policy';
export { DefaultDeny } from './policies/default-deny';
export type { DefaultDenyProps } from './policies/default-deny';
export { DnsEgress } from './policies/dns-egress';
export type { DnsEgressProps } from './policies/dns-egress';
export { EgressAllow } from './policies/egress-allow';
export type { EgressAllowProps } from './policies/egress-allow';
export { IngressAllow } from './policies/ingress-allow';
export type { IngressAllowProps } from './policies/ingress-allow';
export { CiliumFqdnEgress } from './policies/cilium-fqdn-egress';
export type { CiliumEgressOptions, CiliumFqdnEgressProps } from './policies/cilium-fqdn-egress';
export { DnsQueryFilter } from './policies/dns-query-filter';
export { Enforcement } from './policies/enforcement';
export { PolicyAnnotations } from './policies/annotations';

// Value objects
export { Port, Protocol } from './net/port';
export { Cidr, IpFamily } from './net/cidr';
export { IpRanges } from './net/ip-ranges';
export { Peer } from './net/peer';
export { LabelOperator } from './net/label-requirement';
export type { LabelRequirement } from './net/label-requirement';
export { Fqdn } from './net/fqdn';
export { DnsTarget } from './net/dns-target';
export { CiliumVersion } from './net/cilium-version';

// Analysis: what a set of policies allows, for tests, synth-time checks and the `check` CLI
export { EnforcementModel } from './analysis/enforcement-model';
export { FlowEndpoint } from './analysis/flow-endpoint';
export type { Flow, Verdict, DirectionVerdict } from './analysis/verdict';
export { PolicyAnalyzer } from './analysis/analyzer';
export type { PolicyAnalyzerOptions, NamespaceLabels } from './analysis/analyzer';
export type { InvalidPolicy } from './analysis/invalid-policy';
export { Reachability } from './analysis/reachability';
export type { ReachabilityDifference } from './analysis/reachability';

// Generated Cilium CRD types (cilium.io/v2, Cilium v1.17.5)
export * as cilium from './imports/cilium.io';
