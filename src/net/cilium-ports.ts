import { Port, uniquePorts } from './port';
import { CiliumNetworkPolicySpecEgressToPortsPorts, CiliumNetworkPolicySpecEgressToPortsPortsProtocol } from '../imports/cilium.io';

/** Cilium `toPorts[].ports` for numbered ports: sorted, merged, the port as a string. */
export function ciliumPorts(ports: Port[]): CiliumNetworkPolicySpecEgressToPortsPorts[] {
  return uniquePorts(ports).map(p => ({
    port: String(p.portNumber),
    endPort: p.endPort,
    protocol: CiliumNetworkPolicySpecEgressToPortsPortsProtocol[p.protocol],
  }));
}
