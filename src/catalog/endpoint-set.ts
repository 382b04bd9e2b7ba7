import { Fqdn, uniqueFqdns } from '../net/fqdn';
import { Port, Protocol, uniquePorts } from '../net/port';
import { invalid, validateNotEmpty } from '../validation/rules';

/**
 * A named group of external hosts and the ports a service uses on them, such
 * as an AI provider's API or a messaging channel's servers.
 */
export class EndpointSet {
  /**
   * A custom endpoint set.
   *
   * @param name a short name for messages and annotations, such as `internal-llm`
   * @param fqdns the hosts (at least one)
   * @param ports the ports on every host (at least one; numbered, TCP or UDP)
   */
  public static of(name: string, fqdns: Fqdn[], ports: Port[]): EndpointSet {
    return new EndpointSet(name, fqdns, ports);
  }

  /** Short name, such as `anthropic`. */
  public readonly name: string;
  /** The hosts, sorted. */
  public readonly fqdns: Fqdn[];
  /** The ports on every host, sorted. */
  public readonly ports: Port[];

  protected constructor(name: string, fqdns: Fqdn[], ports: Port[]) {
    if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
      throw invalid('endpoint set name', name, 'A name is lowercase letters, digits and "-", such as "internal-llm".');
    }
    validateNotEmpty(`${name} fqdns`, fqdns, 'Give at least one host.');
    validateNotEmpty(`${name} ports`, ports, 'Give at least one port, such as Port.tcp(443).');
    ports.forEach(port => {
      if (port.protocol === Protocol.SCTP) {
        throw invalid(`${name} ports`, port.toString(), 'FQDN rules take TCP or UDP ports.');
      }
      if (port.isAllPorts) {
        throw invalid(`${name} ports`, port.toString(), 'FQDN rules need port numbers or ranges; "all ports" would let a compromised pod reach these hosts on any service.');
      }
    });
    this.name = name;
    this.fqdns = uniqueFqdns(fqdns);
    this.ports = uniquePorts(ports);
  }
}
