import { ciliumCrds } from './cilium-crds';
import { Port, uniquePorts } from './port';
import type { CiliumNetworkPolicySpecEgressToPortsPorts } from '../imports/cilium.io';

/** Cilium `toPorts[].ports` for numbered ports: sorted, merged, the port as a string. */
export function ciliumPorts(ports: Port[]): CiliumNetworkPolicySpecEgressToPortsPorts[] {
  const { CiliumNetworkPolicySpecEgressToPortsPortsProtocol } = ciliumCrds();
  return uniquePorts(ports).map(p => ({
    port: String(p.portNumber),
    endPort: p.endPort,
    protocol: CiliumNetworkPolicySpecEgressToPortsPortsProtocol[p.protocol],
  }));
}
