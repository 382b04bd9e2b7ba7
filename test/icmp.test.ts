import { EnforcementModel, FlowEndpoint } from '../src';
import { analyze } from '../src/analysis/analyzer-factory';
import { computeConnectivity, Connection, formatPorts } from '../src/analysis/connectivity';
import { icmpFieldOf } from '../src/analysis/icmp';
import { defaultIntent } from '../src/analysis/intent';
import { checkOpenClaw } from '../src/analysis/openclaw-check';
import { podClassOf } from '../src/analysis/partition';

/**
 * ICMP in the exhaustive connectivity: Cilium `icmps` allow the listed types
 * (numbers or the names of cilium/cilium `pkg/policy/api/icmp.go`) of their
 * family to the rule's peers; an L3-only rule allows every type; `toPorts`
 * and NetworkPolicy `ports` allow none. OpenClaw's intent has no ICMP, so any
 * allowed ICMP is a violation.
 */
const OPENCLAW = { namespace: 'openclaw', labels: { app: 'openclaw' } };

const cnp = (spec: any) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'icmp', namespace: 'openclaw' },
  spec: { endpointSelector: { matchLabels: { app: 'openclaw' } }, ...spec },
});
const netpol = (egress: any[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np', namespace: 'openclaw' },
  spec: { podSelector: { matchLabels: { app: 'openclaw' } }, policyTypes: ['Egress'], egress },
});

/** The OpenClaw pod's ICMP connectivity in one direction, as `peer: ports` lines. */
function icmpOf(manifests: any[], direction: 'egress' | 'ingress', model = EnforcementModel.CILIUM): string[] {
  const { analyzer, partition } = analyze(manifests, { model });
  const [pod] = computeConnectivity(analyzer, partition, [podClassOf(partition, OPENCLAW.namespace, OPENCLAW.labels)!]);
  const peerText = (c: Connection) => (c.peer.kind === 'pod' ? `${c.peer.pod.namespace}/${JSON.stringify(c.peer.pod.labels)}`
    : `${c.peer.address.rangeName} ${c.peer.address.family.includes('6') ? 'IPv6' : 'IPv4'}`);
  return [...new Set(pod[direction].filter(c => c.protocol.startsWith('ICMP')).map(c => `${peerText(c)}: ${formatPorts(c.protocol, c.ports)}`))];
}

describe('Cilium icmps', () => {
  test('type 8 (IPv4, the default family) to the world: ICMP/8 to IPv4 addresses outside the cluster, no ICMPv6, no TCP', () => {
    const manifests = [cnp({ egress: [{ toEntities: ['world'], icmps: [{ fields: [{ type: 8 }] }] }] })];
    const lines = icmpOf(manifests, 'egress');
    expect(lines).toContain('public IPv4: ICMP/8');
    expect(lines.every(line => line.endsWith('IPv4: ICMP/8'))).toBe(true);
    const { analyzer } = analyze(manifests, {});
    // check(flow) takes TCP, UDP and SCTP: the ICMP rule allows none of them.
    expect(analyzer.isAllowed({ from: FlowEndpoint.pod(OPENCLAW.namespace, OPENCLAW.labels), to: FlowEndpoint.external('203.0.113.10'), port: 8 })).toBe(false);
  });

  test('names are looked up in the family\'s table: EchoRequest is 8 for IPv4 and 128 for IPv6', () => {
    expect(icmpFieldOf({ type: 'EchoRequest' })).toEqual({ protocol: 'ICMP', type: 8 });
    expect(icmpFieldOf({ type: 'EchoRequest', family: 'IPv6' })).toEqual({ protocol: 'ICMPv6', type: 128 });
    expect(icmpFieldOf({ type: 'PacketTooBig', family: 'IPv6' })).toEqual({ protocol: 'ICMPv6', type: 2 });
    // PacketTooBig exists only for IPv6: the agent's ICMPField.UnmarshalJSON fails ("ICMP type PacketTooBig not found in IPv4").
    expect(icmpFieldOf({ type: 'PacketTooBig' })).toBeUndefined();
    expect(icmpFieldOf({ type: '300' })).toBeUndefined();
    const manifests = [cnp({ egress: [{ toCIDR: ['::/0'], icmps: [{ fields: [{ type: 'EchoRequest', family: 'IPv6' }, { type: 'EchoReply', family: 'IPv6' }] }] }] })];
    expect(icmpOf(manifests, 'egress')).toEqual(expect.arrayContaining(['public IPv6: ICMPv6/128-129']));
    expect(icmpOf(manifests, 'egress').some(line => line.includes('IPv4'))).toBe(false);
  });

  test('an L3-only rule (no toPorts, no icmps) allows every ICMP type; a rule with toPorts (even ANY) allows none', () => {
    const dnsPods = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } };
    const lines = icmpOf([cnp({ egress: [{ toEndpoints: [dnsPods] }] })], 'egress');
    expect(lines).toEqual(expect.arrayContaining(['kube-system/{"k8s-app":"kube-dns"}: ICMP/all', 'kube-system/{"k8s-app":"kube-dns"}: ICMPv6/all']));
    expect(lines.every(line => line.startsWith('kube-system/') && line.includes('"k8s-app":"kube-dns"'))).toBe(true);
    expect(icmpOf([cnp({ egress: [{ toEndpoints: [dnsPods], toPorts: [{ ports: [{ port: '0', protocol: 'ANY' }] }] }] })], 'egress')).toEqual([]);
  });

  test('type 256 (an int32 the API server and the agent accept, pkg/policy/api/icmp.go) is a "port" no ICMP message has: the rule allows nothing', () => {
    const manifests = [cnp({ egress: [{ toEntities: ['world'], icmps: [{ fields: [{ type: 256 }, { type: 256, family: 'IPv6' }] }] }] })];
    expect(icmpOf(manifests, 'egress')).toEqual([]);
    const { analyzer } = analyze(manifests, { model: EnforcementModel.CILIUM });
    expect(analyzer.invalidPolicies).toEqual([]);
    expect(analyzer.isAllowed({ from: FlowEndpoint.pod(OPENCLAW.namespace, OPENCLAW.labels), to: FlowEndpoint.external('1.1.1.1'), port: 443 })).toBe(false);
  });

  test('a null type is refused (CRD required: [type]; ICMPField.UnmarshalJSON): the policy counts as none, so it isolates nothing', () => {
    const manifests = [cnp({ egress: [{ toEntities: ['world'], icmps: [{ fields: [{ type: null }] }] }] })];
    const { analyzer } = analyze(manifests, { model: EnforcementModel.CILIUM });
    expect(analyzer.invalidPolicies.map(p => `${p.path}: ${p.message}`)).toEqual(['spec.egress[0].icmps[0].fields[0]: type: Required value']);
    expect(analyzer.isAllowed({ from: FlowEndpoint.pod(OPENCLAW.namespace, OPENCLAW.labels), to: FlowEndpoint.external('1.1.1.1'), port: 443 })).toBe(true);
  });

  test('ingress icmps from the world reach the pod', () => {
    const lines = icmpOf([cnp({ ingress: [{ fromEntities: ['world'], icmps: [{ fields: [{ type: 'EchoRequest' }] }] }] })], 'ingress');
    expect(lines).toContain('public IPv4: ICMP/8');
    expect(lines.every(line => line.endsWith('IPv4: ICMP/8'))).toBe(true);
  });
});

describe('NetworkPolicy', () => {
  test('a rule with ports allows no ICMP; a rule without ports allows every type (as Cilium and Calico do), under both models', () => {
    const withPorts = [netpol([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }])];
    const withoutPorts = [netpol([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }])];
    for (const model of [EnforcementModel.GENERIC, EnforcementModel.CILIUM]) {
      expect(icmpOf(withPorts, 'egress', model)).toEqual([]);
      expect(icmpOf(withoutPorts, 'egress', model)).toContain('public IPv4: ICMP/all');
    }
  });
});

describe('the judge', () => {
  test('allowed ICMP is a violation naming the policy and rule, with the fix', () => {
    const check = checkOpenClaw([cnp({ egress: [{ toEntities: ['world'], icmps: [{ fields: [{ type: 8 }] }] }] })], defaultIntent(false));
    const icmp = check.violations.filter(v => v.rule === 'no-icmp');
    expect(icmp).toHaveLength(1);
    expect(icmp[0].message).toContain('on ICMP/8');
    expect(icmp[0].message).toContain('CiliumNetworkPolicy openclaw/icmp egress[0]');
    expect(icmp[0].message).toContain('Fix: remove the icmps');
    expect(check.coverage).toMatch(/\+ 3 type intervals × ICMP, ICMPv6\)/);
  });

  test('ICMP that a rule without ports lets through is reported in that rule\'s finding, not twice', () => {
    const check = checkOpenClaw([netpol([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }])], defaultIntent(true), { model: EnforcementModel.GENERIC });
    const findings = check.judgement.differences.filter(d => d.policies.includes('NetworkPolicy openclaw/np egress[0]'));
    expect(findings.map(d => d.rule)).toEqual(['no-in-cluster-egress']);
    expect(findings[0].ports).toBe('TCP/all, UDP/all, SCTP/all, ICMP/all');
  });
});
