import { Chart, Testing } from 'cdk8s';
import {
  Cidr, DefaultDeny, DnsEgress, DnsTarget, EgressAllow, IngressAllow, IpFamily, IpRanges, Peer, Port,
} from '../src';
import { allows, ip, pod } from './support/netpol-eval';
import { newApp, newChart, synth } from './support/synth';

describe('DefaultDeny', () => {
  test('isolates every pod in the namespace in both directions by default', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'Deny');
    const objects = synth(chart);
    expect(objects[0].spec).toEqual({ podSelector: {}, policyTypes: ['Egress', 'Ingress'] });
    expect(allows(objects, { from: pod('openclaw', { any: 'pod' }), to: ip('1.1.1.1'), port: 443 })).toBe(false);
    expect(allows(objects, { from: pod('other', {}), to: pod('openclaw', {}), port: 80 })).toBe(false);
    expect(allows(objects, { from: pod('other', {}), to: pod('other', {}), port: 80 })).toBe(true);
  });

  test('can deny one direction only, for selected pods', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'Deny', { ingress: false, selector: { app: 'x' } });
    const objects = synth(chart);
    expect(objects[0].spec).toEqual({ podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Egress'] });
  });

  test('without a name prop, cdk8s generates a unique name (regression: the name was missing)', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'Deny');
    new DefaultDeny(chart, 'Deny2', { selector: { app: 'x' } });
    const names = synth(chart).map(o => o.metadata.name);
    expect(names.every(n => typeof n === 'string' && n.length > 0)).toBe(true);
    expect(new Set(names).size).toBe(2);
  });

  test('without a chart namespace and prop, the policy has no namespace (applied where kubectl puts it)', () => {
    const chart = new Chart(newApp(), 'c');
    new DefaultDeny(chart, 'Deny', { name: 'deny-all' });
    const metadata = Testing.synth(chart)[0].metadata;
    expect(metadata.name).toBe('deny-all');
    expect(metadata).not.toHaveProperty('namespace');
  });
});

describe('DnsEgress', () => {
  test('allows DNS to each target on UDP and TCP only', () => {
    const chart = newChart();
    new DnsEgress(chart, 'Dns', { selector: { app: 'x' }, targets: [DnsTarget.kubeDns(), DnsTarget.nodeLocalDns('169.254.25.10')] });
    const objects = synth(chart);
    const x = pod('openclaw', { app: 'x' });
    expect(allows(objects, { from: x, to: pod('kube-system', { 'k8s-app': 'kube-dns' }), port: 53, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: x, to: ip('169.254.25.10'), port: 53, protocol: 'TCP' })).toBe(true);
    expect(allows(objects, { from: x, to: ip('169.254.20.10'), port: 53, protocol: 'UDP' })).toBe(false);
    expect(allows(objects, { from: x, to: pod('kube-system', { 'k8s-app': 'kube-dns' }), port: 443 })).toBe(false);
  });

  test('DnsTarget.pods uses a custom namespace, labels and port', () => {
    const target = DnsTarget.pods('dns', { app: 'unbound' }, 5353);
    expect(target.ports.map(String)).toEqual(['UDP/5353', 'TCP/5353']);
    expect(target.peer.description).toBe('pods {app=unbound} in namespaces dns');
  });
});

describe('EgressAllow and IngressAllow', () => {
  test('EgressAllow allows exactly its peers and ports', () => {
    const chart = newChart();
    const egress = new EgressAllow(chart, 'Egress', { selector: { app: 'x' } });
    egress.allowTo(Peer.publicInternet(), [Port.tcp(443)]);
    egress.allowTo([Peer.namespaces(['db'])], [Port.tcpRange(5432, 5433), Port.allUdp()]);
    const objects = synth(chart);
    const x = pod('openclaw', { app: 'x' });
    expect(allows(objects, { from: x, to: ip('8.8.8.8'), port: 443 })).toBe(true);
    expect(allows(objects, { from: x, to: pod('db', { any: 'pod' }), port: 5433 })).toBe(true);
    expect(allows(objects, { from: x, to: pod('db', { any: 'pod' }), port: 9999, protocol: 'UDP' })).toBe(true);
    expect(allows(objects, { from: x, to: pod('db', { any: 'pod' }), port: 5434 })).toBe(false);
    expect(egress.rules).toHaveLength(2);
  });

  test('Port.allTcp() emits no port number (never port 0)', () => {
    const chart = newChart();
    new EgressAllow(chart, 'Egress', { selector: {}, rules: [{ peers: [Peer.pods({ app: 'y' })], ports: [Port.allTcp()] }] });
    expect(synth(chart)[0].spec.egress[0].ports).toEqual([{ protocol: 'TCP' }]);
  });

  test('a ranged port emits endPort', () => {
    const chart = newChart();
    new EgressAllow(chart, 'Egress', { selector: {}, rules: [{ peers: [Peer.pods({ app: 'y' })], ports: [Port.udpRange(10000, 10100)] }] });
    expect(synth(chart)[0].spec.egress[0].ports).toEqual([{ port: 10000, endPort: 10100, protocol: 'UDP' }]);
  });

  test('Peer.podsInNamespaces is one peer element per namespace, each namespace AND pod labels', () => {
    const chart = newChart();
    new IngressAllow(chart, 'Ingress', {
      selector: { app: 'x' },
      rules: [{ peers: [Peer.podsInNamespaces(['b', 'a'], { app: 'client' })], ports: [Port.tcp(80)] }],
    });
    const objects = synth(chart);
    expect(objects[0].spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } }, podSelector: { matchLabels: { app: 'client' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, podSelector: { matchLabels: { app: 'client' } } },
    ]);
    const x = pod('openclaw', { app: 'x' });
    expect(allows(objects, { from: pod('a', { app: 'client' }), to: x, port: 80 })).toBe(true);
    expect(allows(objects, { from: pod('a', { app: 'other' }), to: x, port: 80 })).toBe(false);
    expect(allows(objects, { from: pod('c', { app: 'client' }), to: x, port: 80 })).toBe(false);
  });

  test('Peer.pods stays in the policy namespace', () => {
    const chart = newChart();
    new IngressAllow(chart, 'Ingress', { selector: { app: 'x' }, rules: [{ peers: [Peer.pods({ app: 'c' })], ports: [Port.tcp(80)] }] });
    const objects = synth(chart);
    expect(allows(objects, { from: pod('openclaw', { app: 'c' }), to: pod('openclaw', { app: 'x' }), port: 80 })).toBe(true);
    expect(allows(objects, { from: pod('other', { app: 'c' }), to: pod('openclaw', { app: 'x' }), port: 80 })).toBe(false);
  });
});

describe('value objects', () => {
  test('Cidr parses IPv4 and IPv6 and prints canonical text', () => {
    expect(Cidr.parse('10.0.0.0/8').toString()).toBe('10.0.0.0/8');
    expect(Cidr.parse('FD00:0:0::/8').toString()).toBe('fd00::/8');
    expect(Cidr.parse('2001:db8:0:0:1:0:0:0/128').toString()).toBe('2001:db8:0:0:1::/128');
    expect(Cidr.parse('::/0').family).toBe(IpFamily.IPV6);
    expect(Cidr.parse('10.0.0.0/8').contains(Cidr.parse('10.1.0.0/16'))).toBe(true);
    expect(Cidr.parse('10.0.0.0/8').contains(Cidr.parse('11.0.0.0/16'))).toBe(false);
  });

  test('the non-public ranges cover metadata, NodeLocal DNS and the private ranges, and nothing public', () => {
    const v4 = IpRanges.NON_PUBLIC_IPV4.map(c => Cidr.parse(c));
    const inside = (text: string) => v4.some(r => r.contains(Cidr.parse(text)));
    expect(inside(IpRanges.CLOUD_METADATA_IPV4)).toBe(true);
    expect(inside(`${IpRanges.NODE_LOCAL_DNS_IPV4}/32`)).toBe(true);
    expect(inside('100.127.255.255/32')).toBe(true);
    expect(inside('8.8.8.8/32')).toBe(false);
    expect(inside('100.128.0.0/32')).toBe(false);
    expect(inside('172.32.0.0/32')).toBe(false);
  });

  test('Peer.publicInternet is IPv4 and IPv6 minus the non-public ranges', () => {
    expect(Peer.publicInternet().map(p => p.description)).toEqual([
      `0.0.0.0/0 except ${[...IpRanges.NON_PUBLIC_IPV4].sort().join(', ')}`,
      `::/0 except ${[...IpRanges.NON_PUBLIC_IPV6].sort().join(', ')}`,
    ]);
    expect(Peer.publicInternet().every(p => p.reachesPublicAddresses)).toBe(true);
    expect(Peer.ipBlock('10.0.0.0/16').reachesPublicAddresses).toBe(false);
    expect(Peer.pods({ app: 'x' }).reachesPublicAddresses).toBe(false);
  });

  test('Port text forms', () => {
    expect([Port.tcp(443), Port.udp(53), Port.sctp(9), Port.tcpRange(1, 2), Port.allTcp()].map(String))
      .toEqual(['TCP/443', 'UDP/53', 'SCTP/9', 'TCP/1-2', 'TCP/all']);
    expect(Port.tcpRange(5, 5).endPort).toBeUndefined();
  });
});
