import type * as kplus from 'cdk8s-plus-28';
import { invalid } from '../validation/rules';

/** The container port names that mark the gateway, in order of preference. */
const GATEWAY_PORT_NAMES = ['gateway', 'http'];

/**
 * The gateway port a cdk8s-plus workload declares, when `gatewayPort` is not
 * given. Among the TCP ports of its containers (init containers not
 * counted): the port named `gateway`, else the one named `http`, else the
 * only port. Undefined when no container declares a port (or `pods` is a
 * plain `kplus.Pods.select(...)`, which has no containers); an error when
 * there are several and none is named, since any guess could open the wrong
 * port.
 */
export function declaredGatewayPort(pods: kplus.IPodSelector): number | undefined {
  // Loaded here, not with the library: the caller has loaded cdk8s-plus-28 already to make `pods`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AbstractPod, Protocol } = require('cdk8s-plus-28') as typeof kplus;
  if (!(pods instanceof AbstractPod)) return undefined;
  const ports = pods.containers.flatMap(container => container.ports)
    .filter(port => port.protocol === undefined || port.protocol === Protocol.TCP);
  const numbers = [...new Set(ports.map(port => port.number))];
  for (const name of GATEWAY_PORT_NAMES) {
    const named = ports.find(port => port.name === name);
    if (named !== undefined) return named.number;
  }
  if (numbers.length <= 1) return numbers[0];
  throw invalid('pods', `${pods.node.path} with TCP ports ${numbers.sort((a, b) => a - b).join(', ')}`,
    `Name the gateway's container port "${GATEWAY_PORT_NAMES[0]}" (ports: [{ number, name: '${GATEWAY_PORT_NAMES[0]}' }]) or set gatewayPort.`);
}
