import { CiliumPortJson } from './cilium-json';
import { Port, uniquePorts } from './port';

/** Cilium `toPorts[].ports` for numbered ports: sorted, merged, the port as a string. */
export function ciliumPorts(ports: Port[]): CiliumPortJson[] {
  return uniquePorts(ports).map(p => ({ endPort: p.endPort, port: String(p.portNumber), protocol: p.protocol }));
}
