/**
 * Review of perf3 (issue 14): `DnsTarget.kubeDns()` now returns one object for
 * the whole process, and its `peer` and the `Port`s of `ports` are made once
 * and shared. Only its `labels` are frozen: the target itself and its ports
 * are not, and a JavaScript caller can write their `readonly` fields (nothing
 * stops it at run time). On main each call made a new target with new ports,
 * so such a write changed that caller's own copy only. With perf3 it changes
 * the DNS policy of every construct that uses the default DNS target, in every
 * app of the process: here one tenant's write opens TCP 53-65535 on the
 * kube-dns pods for another tenant, or moves another tenant's DNS rule to
 * another namespace. Expected: the other construct's policy is unchanged
 * (a fresh target per call, or a target and ports frozen so the write throws).
 * Each test passes on main.
 */
import { CiliumFqdnEgress, DnsEgress, DnsTarget } from '../src';
import { allows, pod } from './support/netpol-eval';
import { newChart, synth } from './support/synth';

const OPENCLAW = { app: 'openclaw' };
const KUBE_DNS_POD = pod('kube-system', { 'k8s-app': 'kube-dns' });

/** Writes `value` into a readonly field the way a JavaScript caller can; a frozen object may refuse (strict mode throws). */
function writeReadonly(object: object, field: string, value: unknown): void {
  try {
    (object as any)[field] = value;
  } catch {
    // refused: the object is frozen, which is one acceptable outcome
  }
}

describe('DnsTarget.kubeDns() shared by every construct', () => {
  test('a write to the ports one caller got widens no other construct\'s DNS egress', () => {
    const tenantA = newChart('tenant-a');
    const tcp = DnsTarget.kubeDns().ports.find(port => port.protocol === 'TCP')!;
    writeReadonly(tcp, 'endPort', 65535); // tenant A's own copy on main
    try {
      const tenantB = newChart('tenant-b');
      new DnsEgress(tenantB, 'Dns', { selector: OPENCLAW });
      const objects = synth(tenantB);
      expect(allows(objects, { from: pod('tenant-b', OPENCLAW), to: KUBE_DNS_POD, port: 53, protocol: 'TCP' })).toBe(true);
      expect(allows(objects, { from: pod('tenant-b', OPENCLAW), to: KUBE_DNS_POD, port: 8080, protocol: 'TCP' })).toBe(false);
      void tenantA;
    } finally {
      writeReadonly(tcp, 'endPort', undefined);
    }
  });

  test('a write to the namespace of the target one caller got moves no other construct\'s DNS rules', () => {
    const mine = DnsTarget.kubeDns();
    writeReadonly(mine, 'namespace', 'tenant-a'); // on main: tenant A's own target
    try {
      const tenantB = newChart('tenant-b');
      new DnsEgress(tenantB, 'Dns', { selector: OPENCLAW });
      new CiliumFqdnEgress(tenantB, 'Cilium', { selector: OPENCLAW });
      const objects = synth(tenantB);
      expect(allows(objects, { from: pod('tenant-b', OPENCLAW), to: KUBE_DNS_POD, port: 53, protocol: 'UDP' })).toBe(true);
      expect(allows(objects, { from: pod('tenant-b', OPENCLAW), to: pod('tenant-a', { 'k8s-app': 'kube-dns' }), port: 53, protocol: 'UDP' })).toBe(false);
      const cnp = objects.find(object => object.kind === 'CiliumNetworkPolicy');
      expect(cnp.spec.egress[0].toEndpoints).toEqual([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }]);
    } finally {
      writeReadonly(mine, 'namespace', 'kube-system');
    }
  });
});
