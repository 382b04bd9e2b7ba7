import { compareText, validatePortNumber, validatePortRange } from '../validation/rules';
import { madeByItsClass } from '../validation/types';

/** Transport protocols that Kubernetes NetworkPolicy and Cilium policy both understand. */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * A port, a port range or all ports of one protocol, validated when it is made.
 *
 * Unlike cdk8s-plus's `NetworkPolicyPort.allTcp()`, `Port.allTcp()` emits no
 * port number at all (which means "every port") instead of port 0, which the
 * API server rejects.
 */
export class Port {
  /** One TCP port, 1-65535. */
  public static tcp(port: number): Port {
    validatePortNumber('port', port);
    return new Port(Protocol.TCP, port, undefined);
  }

  /** One UDP port, 1-65535. */
  public static udp(port: number): Port {
    validatePortNumber('port', port);
    return new Port(Protocol.UDP, port, undefined);
  }

  /** One SCTP port, 1-65535. */
  public static sctp(port: number): Port {
    validatePortNumber('port', port);
    return new Port(Protocol.SCTP, port, undefined);
  }

  /** A TCP port range from `startPort` to `endPort`, both included. */
  public static tcpRange(startPort: number, endPort: number): Port {
    validatePortRange('port range', startPort, endPort);
    return new Port(Protocol.TCP, startPort, startPort === endPort ? undefined : endPort);
  }

  /** A UDP port range from `startPort` to `endPort`, both included. */
  public static udpRange(startPort: number, endPort: number): Port {
    validatePortRange('port range', startPort, endPort);
    return new Port(Protocol.UDP, startPort, startPort === endPort ? undefined : endPort);
  }

  /** Every TCP port (no port number is emitted). */
  public static allTcp(): Port {
    return new Port(Protocol.TCP, undefined, undefined);
  }

  /** Every UDP port (no port number is emitted). */
  public static allUdp(): Port {
    return new Port(Protocol.UDP, undefined, undefined);
  }

  /** The protocol. */
  public readonly protocol: Protocol;
  /** The port number, or the first port of a range; undefined for all ports. */
  public readonly portNumber?: number;
  /** The last port of a range, if this is a range. */
  public readonly endPort?: number;

  private constructor(protocol: Protocol, port: number | undefined, endPort: number | undefined) {
    madeByItsClass(this);
    this.protocol = protocol;
    this.portNumber = port;
    this.endPort = endPort;
  }

  /** True when this covers every port of its protocol. */
  public get isAllPorts(): boolean {
    return this.portNumber === undefined;
  }

  /** A short, stable text form: `TCP/443`, `TCP/8000-8100`, `TCP/all`. */
  public toString(): string {
    if (this.portNumber === undefined) return `${this.protocol}/all`;
    return this.endPort === undefined ? `${this.protocol}/${this.portNumber}` : `${this.protocol}/${this.portNumber}-${this.endPort}`;
  }
}

/** Sorts ports and drops duplicates, so that output is stable whatever order the user gave. */
export function uniquePorts(ports: Port[]): Port[] {
  const byKey = new Map<string, Port>();
  for (const port of ports) byKey.set(port.toString(), port);
  return [...byKey.values()].sort(comparePorts);
}

/** True when two ports share at least one port number of the same protocol (a range or "all ports" counts whole). */
export function portsOverlap(a: Port, b: Port): boolean {
  if (a.protocol !== b.protocol) return false;
  if (a.isAllPorts || b.isAllPorts) return true;
  return a.portNumber! <= (b.endPort ?? b.portNumber!) && b.portNumber! <= (a.endPort ?? a.portNumber!);
}

function comparePorts(a: Port, b: Port): number {
  return compareText(a.protocol, b.protocol)
    || (a.portNumber ?? 0) - (b.portNumber ?? 0)
    || (a.endPort ?? 0) - (b.endPort ?? 0);
}
