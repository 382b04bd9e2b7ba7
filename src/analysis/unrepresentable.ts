import { isCidrGroupEntry } from './cilium-agent-rules';
import { NamedPort } from './manifests';

/**
 * What the analyzer's model cannot represent, found in the policies it
 * reads: each becomes a warning in the report, never a silent "never
 * matches" (the analyzer counts such a peer or port as matching nothing).
 *
 * @module
 */

/** Cilium peer kinds the model does not follow: Services, cloud groups, nodes, and label requirements. */
const UNMODELLED_PEER_KINDS = ['Services', 'Groups', 'Nodes', 'Requires'];

/** The warnings for one policy manifest (NetworkPolicy or Cilium policy). */
export function unrepresentableIn(manifest: any, namedPorts: Map<string, NamedPort[]>): string[] {
  const ref = `${manifest?.kind} ${manifest?.metadata?.namespace ? `${manifest.metadata.namespace}/` : ''}${manifest?.metadata?.name}`;
  const warnings: string[] = [];
  const namedPort = (path: string, port: any, protocol: any) => {
    if (port === undefined || port === null || /^\d+$/.test(String(port))) return;
    const wanted = String(protocol ?? 'TCP').toUpperCase();
    const declared = (namedPorts.get(String(port)) ?? []).filter(p => wanted === 'ANY' || p.protocol === wanted);
    if (declared.length === 0) {
      warnings.push(`${ref} ${path}: the named port "${port}" is declared by no container of the workloads in the input, so it is counted as matching nothing; add the workload to the input or use a number.`);
    }
  };
  if (manifest?.kind === 'NetworkPolicy') {
    for (const direction of ['ingress', 'egress']) {
      (manifest.spec?.[direction] ?? []).forEach((rule: any, i: number) => (rule?.ports ?? [])
        .forEach((p: any, j: number) => namedPort(`${direction}[${i}].ports[${j}]`, p?.port, p?.protocol)));
    }
    return warnings;
  }
  const specs: any[] = [...(manifest?.spec ? [manifest.spec] : []), ...(Array.isArray(manifest?.specs) ? manifest.specs : [])];
  specs.forEach((spec, s) => {
    const prefix = specs.length > 1 || manifest?.specs ? `specs[${s}].` : '';
    for (const field of ['ingress', 'ingressDeny', 'egress', 'egressDeny']) {
      const side = field.startsWith('egress') ? 'to' : 'from';
      (spec?.[field] ?? []).forEach((rule: any, i: number) => {
        const path = `${prefix}${field}[${i}]`;
        for (const kind of UNMODELLED_PEER_KINDS.filter(k => rule?.[`${side}${k}`] !== undefined)) {
          warnings.push(`${ref} ${path}: ${side}${kind} is not modelled by the analyzer, so this rule is counted as matching nothing; check what it allows by hand.`);
        }
        (rule?.[`${side}CIDRSet`] ?? []).forEach((set: any, j: number) => {
          if (isCidrGroupEntry(set)) {
            warnings.push(`${ref} ${path}.${side}CIDRSet[${j}]: a CiliumCIDRGroup (cidrGroupRef or cidrGroupSelector) is resolved by the agent at run time, so the connectivity counts it as matching nothing and the guards as reaching public addresses; check its CIDRs by hand.`);
          }
        });
        (rule?.toPorts ?? []).forEach((pr: any, j: number) => (pr?.ports ?? [])
          .forEach((p: any, k: number) => namedPort(`${path}.toPorts[${j}].ports[${k}]`, p?.port, p?.protocol ?? 'ANY')));
      });
    }
  });
  return warnings;
}
