import { catalogEntry, catalogNames, defaultIntent, DnsServerSpec, dnsServerOf, endpointSetIntent, NamesSpec, OpenClawIntent, PodsSpec, PortSpec, portSpecOf } from '../analysis/intent';
import { EndpointSet } from '../catalog/endpoint-set';
import { DnsTarget } from '../net/dns-target';
import { OpenClawDefaults } from '../openclaw/defaults';

/**
 * The intent flags of `check` and `diff`, each defaulting to the constructs'
 * defaults (`OpenClawDefaults`): `--selector`, `--gateway-port`,
 * `--ingress-from NS[/k=v,…]` (repeatable; `--ingress-namespaces a,b` is the
 * namespace-only form), `--egress-ports`, `--providers`, `--channels`,
 * `--fqdn` (repeatable; `--require-host` is an alias), `--dns` (repeatable:
 * `kube-dns`, `openshift`, `node-local[=ADDR]`, `pods=NS/k=v[,k=v][:PORT]`),
 * `--in-cluster NS/k=v[,k=v]:PORT[,PORT]` (repeatable: in-cluster peers, as
 * an in-cluster provider's `EndpointSet.inCluster` gives them).
 *
 * @module
 */

/** The help text of the intent flags. */
export const INTENT_USAGE = `Intent (what OpenClaw should be allowed; defaults are the constructs' defaults):
  --selector k=v[,k=v]       labels of the OpenClaw pods (default: app=openclaw)
  --gateway-port N           the gateway port (default: 18789)
  --ingress-from NS[/k=v,…]|none  pods that may reach the gateway (repeatable; default: ingress-nginx,
                             monitoring; none: no ingress at all, as with allowIngress: false)
  --webhook-from NS[/k=v,…]|none  pods that may reach the channels' webhook ports (repeatable;
                             default: ingress-nginx)
  --ingress-namespaces a,b   the same, for whole namespaces
  --ingress-ports P[,P]       more ports the ingress sources may reach (additionalIngressPorts), such as 9090
  --egress-ports P[,P]|none  ports to any public address, such as 443,tcp/5222,udp/123
                             (default: 443,5222; none when a Cilium FQDN allow-list is present)
  --providers a,b|none       AI providers by catalog name (default: anthropic,openai, unless
                             --channels or --fqdn is given: then none, as in the constructs)
  --channels a,b|none        messaging channels by catalog name (default: discord,telegram, unless
                             --providers or --fqdn is given: then none)
  --fqdn NAME[,NAME]         more hosts or patterns (*.example.com) reached on TCP 443 (repeatable)
  --require-host NAME[,NAME] the same as --fqdn, but keeps the default providers and channels
  --dns TARGET               a DNS server (repeatable; default: kube-dns): kube-dns, openshift,
                             node-local[=ADDR] (default 169.254.20.10), pods=NS/k=v[,k=v][:PORT]
  --in-cluster NS/k=v[,k=v]:P[,P]  in-cluster pods OpenClaw reaches on those ports, such as a model
                             server: models/app=ollama:11434 (repeatable; default: none)`;

/** The intent flags given so far. */
export interface IntentFlags {
  selector?: { [key: string]: string };
  gatewayPort?: number;
  ingressFrom?: PodsSpec[];
  webhookFrom?: PodsSpec[];
  egressPorts?: PortSpec[];
  ingressPorts: PortSpec[];
  providers?: EndpointSet[];
  channels?: EndpointSet[];
  fqdns: NamesSpec[];
  dns?: DnsServerSpec[];
  inCluster?: OpenClawIntent['inCluster'];
}

/** Applies one intent flag; returns false if `flag` is not one. Throws a usage error on a bad value. */
export function applyIntentFlag(flags: IntentFlags, flag: string, value: () => string): boolean {
  const list = (text: string) => text.split(',').map(s => s.trim()).filter(s => s);
  switch (flag) {
    case '--selector': flags.selector = labelPairs('--selector', value()); return true;
    case '--gateway-port': {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--gateway-port: give a port from 1 to 65535.');
      flags.gatewayPort = port;
      return true;
    }
    case '--ingress-from': flags.ingressFrom = sourcesFlag(flags.ingressFrom, '--ingress-from', value()); return true;
    case '--webhook-from': flags.webhookFrom = sourcesFlag(flags.webhookFrom, '--webhook-from', value()); return true;
    case '--ingress-namespaces':
      flags.ingressFrom = [...flags.ingressFrom ?? [], ...list(value()).map(ns => podsSpec('--ingress-namespaces', ns))];
      return true;
    case '--ingress-ports': flags.ingressPorts.push(...list(value()).map(port => portSpec('--ingress-ports', port))); return true;
    case '--egress-ports': {
      const text = value();
      flags.egressPorts = text === 'none' ? [] : list(text).map(port => portSpec('--egress-ports', port));
      return true;
    }
    case '--providers': flags.providers = catalogList('provider', value()); return true;
    case '--channels': flags.channels = catalogList('channel', value()); return true;
    case '--fqdn': case '--require-host':
      for (const name of list(value())) {
        if (!/^(\*\.)?([-a-z0-9_*]+\.)*[-a-z0-9_]+\.?$/i.test(name)) throw new Error(`${flag} ${name}: give a host such as api.example.com or a pattern such as *.example.com.`);
        flags.fqdns.push({ text: name.toLowerCase(), pattern: name.includes('*'), ports: [{ protocol: 'TCP', from: 443, to: 443 }], source: flag.slice(2) });
      }
      return true;
    case '--dns': flags.dns = [...flags.dns ?? [], dnsTarget(value())]; return true;
    case '--in-cluster': flags.inCluster = [...flags.inCluster ?? [], inClusterPeer(value())]; return true;
    default: return false;
  }
}

/** The intent: the flags over the constructs' defaults. */
export function intentOf(flags: IntentFlags, fqdnAllowListPresent: boolean): OpenClawIntent {
  const base = defaultIntent(!fqdnAllowListPresent);
  const gatewayPort = flags.gatewayPort ?? base.gatewayPort;
  // As in OpenClawCiliumEgress: once any of providers, channels or hosts (--fqdn) is given, the others default to none.
  // (--require-host, the older flag, adds hosts that must be reachable to the defaults.)
  const anyGiven = flags.providers !== undefined || flags.channels !== undefined || flags.fqdns.some(f => f.source === 'fqdn');
  const sets = [
    ...flags.providers ?? (anyGiven ? [] : OpenClawDefaults.PROVIDERS),
    ...flags.channels ?? (anyGiven ? [] : OpenClawDefaults.CHANNELS),
  ];
  const catalog = endpointSetIntent(sets);
  return {
    ...base,
    selector: flags.selector ?? base.selector,
    gatewayPort,
    ingressPorts: [{ protocol: 'TCP', from: gatewayPort, to: gatewayPort }, ...flags.ingressPorts],
    ingressFrom: flags.ingressFrom ?? base.ingressFrom,
    webhookPorts: sets.flatMap(set => set.inboundPorts).map(portSpecOf),
    webhookFrom: flags.webhookFrom ?? base.webhookFrom,
    publicEgressPorts: flags.egressPorts ?? base.publicEgressPorts,
    names: [...catalog.names, ...flags.fqdns],
    inCluster: [...catalog.inCluster, ...flags.inCluster ?? []],
    dns: flags.dns ?? base.dns,
  };
}

/** A repeatable sources flag: `none` means no sources (an explicit empty list). */
function sourcesFlag(current: PodsSpec[] | undefined, flag: string, text: string): PodsSpec[] {
  return text === 'none' ? [] : [...current ?? [], podsSpec(flag, text)];
}

function labelPairs(flag: string, text: string): { [key: string]: string } {
  const labels: { [key: string]: string } = {};
  for (const pair of text.split(',').map(s => s.trim()).filter(s => s)) {
    const [key, val] = pair.split('=');
    if (!key || val === undefined || !/^[-A-Za-z0-9_./]+$/.test(key) || !/^[-A-Za-z0-9_.]*$/.test(val)) {
      throw new Error(`${flag} ${pair}: use key=value label pairs separated by commas.`);
    }
    labels[key] = val;
  }
  return labels;
}

/** `NS` or `NS/k=v,k=v`. */
function podsSpec(flag: string, text: string): PodsSpec {
  const slash = text.indexOf('/');
  const namespace = slash < 0 ? text : text.slice(0, slash);
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) throw new Error(`${flag} ${text}: start with a namespace name, such as ingress-nginx or ingress-nginx/app=controller.`);
  return { namespace, labels: slash < 0 ? {} : labelPairs(flag, text.slice(slash + 1)) };
}

/** `443`, `tcp/5222`, `udp/123`, `tcp/8000-8100`. */
function portSpec(flag: string, text: string): PortSpec {
  const match = /^(?:(tcp|udp|sctp)\/)?(\d{1,5})(?:-(\d{1,5}))?$/i.exec(text);
  const from = Number(match?.[2]);
  const to = match?.[3] !== undefined ? Number(match[3]) : from;
  if (!match || from < 1 || to > 65535 || to < from) throw new Error(`${flag} ${text}: give ports such as 443, tcp/5222, udp/123 or tcp/8000-8100 (1-65535), or none.`);
  return { protocol: (match[1] ?? 'TCP').toUpperCase(), from, to };
}

/** `NS/k=v[,k=v]:PORT[,PORT]`: pods in one namespace and the ports OpenClaw reaches them on. */
function inClusterPeer(text: string): OpenClawIntent['inCluster'][number] {
  const colon = text.lastIndexOf(':');
  if (colon < 0 || !text.slice(0, colon).includes('/')) {
    throw new Error(`--in-cluster ${text}: give pods and ports, such as models/app=ollama:11434 or models/app=vllm:tcp/8000.`);
  }
  const pods = podsSpec('--in-cluster', text.slice(0, colon));
  const ports = text.slice(colon + 1).split(',').map(port => portSpec('--in-cluster', port.trim()));
  return { pods, ports, source: '--in-cluster' };
}

function catalogList(kind: 'provider' | 'channel', text: string): EndpointSet[] {
  if (text === 'none') return [];
  return text.split(',').map(s => s.trim()).filter(s => s).map(name => {
    const entry = catalogEntry(kind, name);
    if (!entry) throw new Error(`--${kind}s ${name}: use ${catalogNames(kind).join(', ')}, or none.`);
    return entry;
  });
}

function dnsTarget(text: string): DnsServerSpec {
  if (text === 'kube-dns') return dnsServerOf(DnsTarget.kubeDns());
  if (text === 'openshift') return dnsServerOf(DnsTarget.openShiftDns());
  const nodeLocal = /^node-local(?:=(.+))?$/.exec(text);
  const pods = /^pods=([^:]+)(?::(\d{1,5}))?$/.exec(text);
  try {
    if (nodeLocal) return dnsServerOf(DnsTarget.nodeLocalDns(nodeLocal[1]));
    if (pods) {
      const spec = podsSpec('--dns', pods[1]);
      return dnsServerOf(DnsTarget.pods(spec.namespace, spec.labels, pods[2] !== undefined ? Number(pods[2]) : undefined));
    }
  } catch (e) {
    throw new Error(`--dns ${text}: ${(e as Error).message}`);
  }
  throw new Error(`--dns ${text}: use kube-dns, openshift, node-local[=ADDRESS] or pods=NAMESPACE/k=v[:PORT].`);
}
