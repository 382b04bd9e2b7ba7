import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { OpenClawCiliumEgress } from './cilium-egress';
import { isCiliumOptions, OpenClawCiliumOptions } from './cilium-options';
import { OpenClawNetworkIsolation } from './network-isolation';
import { AiProvider } from '../catalog/ai-provider';
import { MessagingChannel } from '../catalog/messaging-channel';
import { DnsTarget } from '../net/dns-target';
import { Peer } from '../net/peer';
import { arePeers } from '../policies/rule-list';
import { invalid, validateNamespaces, validateSelectorLabels } from '../validation/rules';
import { arrayOf, checkProps, instanceOf, isBoolean, isString, oneOf } from '../validation/types';

/** The Pod Security Standards level the tenant namespaces enforce (`pod-security.kubernetes.io/enforce`). */
export enum PodSecurityLevel {
  /** Heavily restricted: non-root, no privilege escalation, all capabilities dropped (the OpenClaw images run so). */
  RESTRICTED = 'restricted',
  /** Prevents known privilege escalations. */
  BASELINE = 'baseline',
  /** Unrestricted. */
  PRIVILEGED = 'privileged',
}

/** The namespaces every cluster has, which `createNamespaces` must not emit. */
const CLUSTER_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Props of `OpenClawTenants`. */
export interface OpenClawTenantsProps {
  /**
   * The tenant namespaces, one OpenClaw each (at least one). With
   * `createNamespaces`, not the cluster's own (`default`, `kube-system`,
   * `kube-public`, `kube-node-lease`).
   */
  readonly tenants: string[];

  /**
   * Labels of the OpenClaw pods in every tenant namespace (at least one).
   * @default { app: 'openclaw' }
   */
  readonly selector?: { [key: string]: string };

  /**
   * The label every tenant namespace carries, which the cluster-wide Cilium
   * policy selects its namespaces by.
   * @default { 'openclaw.io/tenant': 'true' }
   */
  readonly namespaceLabels?: { [key: string]: string };

  /**
   * Also emit the tenant Namespace objects, with `namespaceLabels` and the
   * Pod Security labels, so that the namespaces and the selector cannot
   * drift apart.
   * @default false
   */
  readonly createNamespaces?: boolean;

  /**
   * The Pod Security level of the emitted namespaces (`enforce`, `audit`
   * and `warn`). Only with `createNamespaces`.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;

  /**
   * The AI providers every tenant uses.
   * @default - as OpenClawNetworkIsolation (and OpenClawCiliumEgress with `cilium`)
   */
  readonly providers?: AiProvider[];

  /**
   * The messaging channels every tenant uses.
   * @default - as OpenClawNetworkIsolation (and OpenClawCiliumEgress with `cilium`)
   */
  readonly channels?: MessagingChannel[];

  /**
   * The gateway's TCP port.
   * @default 18789
   */
  readonly gatewayPort?: number;

  /**
   * Who may reach each tenant's gateway.
   * @default [Peer.namespaces(['ingress-nginx', 'monitoring'])]
   */
  readonly gatewaySources?: Peer[];

  /**
   * Who may reach the channels' own webhook ports.
   * @default [Peer.namespaces(['ingress-nginx'])]
   */
  readonly webhookSources?: Peer[];

  /**
   * Accept connections at all.
   * @default true
   */
  readonly allowIngress?: boolean;

  /**
   * Where the cluster's DNS servers are.
   * @default [DnsTarget.kubeDns()]
   */
  readonly dnsTargets?: DnsTarget[];

  /**
   * This is a Cilium cluster: one CiliumClusterwideNetworkPolicy
   * (`<name>-fqdn-egress`) owns internet egress and DNS (through its DNS
   * proxy, whatever `dnsQueryFilter`) for the OpenClaw pods of every
   * namespace with `namespaceLabels`, and the tenants' NetworkPolicies keep
   * default deny and ingress only: no public-IP and no port-53 rule, as with
   * `OpenClawNetworkIsolation`'s `cilium`.
   * @default - any CNI: each tenant's NetworkPolicies allow public-IP egress
   */
  readonly cilium?: OpenClawCiliumOptions;

  /**
   * Prefix of the policy names (the same in every tenant namespace).
   * @default 'openclaw'
   */
  readonly name?: string;
}

/**
 * One OpenClaw per tenant namespace, said once: an `OpenClawNetworkIsolation`
 * in each namespace (any CNI), and with `cilium` one cluster-wide Cilium
 * FQDN allow-list for all of them, selecting the namespaces by
 * `namespaceLabels`. With `createNamespaces` it also emits the Namespace
 * objects carrying that label and the Pod Security labels.
 */
export class OpenClawTenants extends Construct {
  /** The isolation of each tenant namespace, in the order given. */
  public readonly isolations: OpenClawNetworkIsolation[];
  /** The cluster-wide Cilium policy, with `cilium`. */
  public readonly ciliumEgress?: OpenClawCiliumEgress;
  /** The Namespace objects, with `createNamespaces`. */
  public readonly namespaces: ApiObject[];

  constructor(scope: Construct, id: string, props: OpenClawTenantsProps) {
    checkProps('props', props, {
      tenants: arrayOf(isString),
      namespaceLabels: (prop, value) => validateSelectorLabels(prop, value as { [key: string]: string }, true),
      createNamespaces: isBoolean,
      podSecurity: oneOf(PodSecurityLevel, 'PodSecurityLevel'),
      providers: arrayOf(instanceOf(AiProvider)),
      channels: arrayOf(instanceOf(MessagingChannel)),
      gatewaySources: arePeers,
      webhookSources: arePeers,
      allowIngress: isBoolean,
      dnsTargets: arrayOf(instanceOf(DnsTarget)),
      cilium: isCiliumOptions,
    }, ['tenants']);
    super(scope, id);
    validateNamespaces('tenants', props.tenants);
    const clusterOwn = props.createNamespaces ? props.tenants.find(tenant => CLUSTER_NAMESPACES.includes(tenant)) : undefined;
    if (clusterOwn !== undefined) {
      throw invalid('tenants', clusterOwn, 'createNamespaces would relabel the cluster\'s own namespace (Pod Security included); '
        + `give tenant namespaces other than ${CLUSTER_NAMESPACES.join(', ')}.`);
    }
    const namespaceLabels = props.namespaceLabels ?? { 'openclaw.io/tenant': 'true' };
    if (props.podSecurity !== undefined && !props.createNamespaces) {
      throw invalid('podSecurity', props.podSecurity, 'It labels the Namespace objects, which only createNamespaces: true emits.');
    }
    const { tenants, cilium, createNamespaces, podSecurity, namespaceLabels: _labels, ...isolationProps } = props;
    this.namespaces = createNamespaces ? tenants.map(namespace => this.namespaceObject(namespace, namespaceLabels, podSecurity)) : [];
    this.isolations = tenants.map(namespace => new OpenClawNetworkIsolation(this, namespace, {
      ...isolationProps,
      namespace,
      // On Cilium the cluster-wide policy owns internet egress and DNS (the rule of OpenClawNetworkIsolation's cilium).
      ...cilium !== undefined ? { internetEgress: false, dnsEgress: false, dnsTargets: undefined } : {},
    }));
    if (cilium !== undefined) {
      this.ciliumEgress = new OpenClawCiliumEgress(this, 'Cilium', {
        ...cilium,
        name: props.name,
        selector: props.selector,
        namespaceSelector: namespaceLabels,
        providers: props.providers,
        channels: props.channels,
        dnsTargets: props.dnsTargets,
      });
    }
  }

  private namespaceObject(name: string, labels: { [key: string]: string }, level = PodSecurityLevel.RESTRICTED): ApiObject {
    const namespace = new ApiObject(this, `Namespace-${name}`, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/warn': level,
        },
      },
    });
    // cdk8s gives every object the chart's namespace; a Namespace is cluster-scoped.
    if (Chart.of(this).namespace !== undefined) namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    return namespace;
  }
}
