import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
// A user's app imports from 'cdk8s-openclaw'; the example builds against the source.
import {
  AiProvider,
  DnsQueryFilter,
  Enforcement,
  Fqdn,
  MessagingChannel,
  OpenClawCiliumEgress,
  OpenClawNetworkIsolation,
  OpenClawService,
} from '../src';

/** Any CNI: NetworkPolicies only. */
class OpenClawAnyCni extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps) {
    super(scope, id, props);
    new OpenClawNetworkIsolation(this, 'Isolation', {
      // An in-cluster Ollama server, reachable on its API port only.
      providers: [AiProvider.ollama('llm')],
      // MS Teams webhooks arrive on TCP 3978, from the ingress namespaces only.
      channels: [MessagingChannel.MS_TEAMS],
    });
  }
}

/** Cilium: the NetworkPolicies keep default deny, DNS and ingress; the CiliumNetworkPolicy owns internet egress. */
class OpenClawOnCilium extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps) {
    super(scope, id, props);
    // The Cilium policy owns internet egress and DNS (its DNS rule lets the pods resolve only allow-listed names).
    new OpenClawNetworkIsolation(this, 'Isolation', { internetEgress: false, dnsEgress: false });
    new OpenClawCiliumEgress(this, 'Egress', {
      dnsQueryFilter: DnsQueryFilter.ALLOW_LISTED_NAMES,
      providers: [AiProvider.ANTHROPIC, AiProvider.OPENAI],
      channels: [MessagingChannel.DISCORD, MessagingChannel.TELEGRAM],
      services: [OpenClawService.UPDATE_CHECK],
      fqdns: [Fqdn.exact('hooks.example.com')],
    });
  }
}

/**
 * A platform team's fleet: one cluster-wide Cilium policy for the tenants'
 * OpenClaw pods (`app: openclaw-tenant`) in every namespace labelled
 * `openclaw.io/tenant=true`, in rollout (observe) mode. (The pods get a label of their own: a cluster-wide
 * policy may select pods in any namespace, so synthesis would refuse it next
 * to the any-CNI chart's public-IP egress for `app: openclaw`.)
 */
class OpenClawFleet extends Chart {
  constructor(scope: Construct, id: string, props?: ChartProps) {
    super(scope, id, props);
    new OpenClawCiliumEgress(this, 'Fleet', {
      name: 'openclaw-fleet',
      selector: { app: 'openclaw-tenant' },
      namespaceSelector: { 'openclaw.io/tenant': 'true' },
      providers: [AiProvider.ANTHROPIC, AiProvider.bedrock('eu-central-1')],
      channels: [MessagingChannel.SLACK, MessagingChannel.WHATSAPP],
      enforcement: Enforcement.OBSERVE,
    });
  }
}

const app = new App();
new OpenClawAnyCni(app, 'openclaw-any-cni', { namespace: 'openclaw' });
new OpenClawOnCilium(app, 'openclaw-cilium', { namespace: 'openclaw-cilium' });
new OpenClawFleet(app, 'openclaw-fleet');
app.synth();
