import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
// A user's app imports from 'cdk8s-openclaw'; the example builds against the source.
import {
  AiProvider,
  Fqdn,
  MessagingChannel,
  OpenClawCiliumEgress,
  OpenClawNetworkIsolation,
  Peer,
  Port,
} from '../src';

/** Any CNI: NetworkPolicies only. */
class OpenClawAnyCni extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps) {
    super(scope, id, props);
    const isolation = new OpenClawNetworkIsolation(this, 'Isolation');
    // An in-cluster Ollama server, reachable on its API port only.
    isolation.allowEgressTo([Peer.podsInNamespaces(['llm'], { app: 'ollama' })], [Port.tcp(11434)]);
  }
}

/** Cilium: the NetworkPolicies keep default deny, DNS and ingress; the CiliumNetworkPolicy owns internet egress. */
class OpenClawOnCilium extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps) {
    super(scope, id, props);
    new OpenClawNetworkIsolation(this, 'Isolation', { internetEgress: false });
    new OpenClawCiliumEgress(this, 'Egress', {
      providers: [AiProvider.ANTHROPIC, AiProvider.OPENAI],
      channels: [MessagingChannel.DISCORD, MessagingChannel.TELEGRAM],
      fqdns: [Fqdn.exact('hooks.example.com')],
    });
  }
}

const app = new App();
new OpenClawAnyCni(app, 'openclaw-any-cni', { namespace: 'openclaw' });
new OpenClawOnCilium(app, 'openclaw-cilium', { namespace: 'openclaw-cilium' });
app.synth();
