import { Fqdn, uniqueFqdns } from '../net/fqdn';
import { describeLabels } from '../net/peer';
import { Port, Protocol, uniquePorts } from '../net/port';
import {
  invalid, sortedLabels, validateSelectorLabels, validateNamespace, validateNotEmpty,
} from '../validation/rules';
import { arrayOf, checkArgument, instanceOf, madeByItsClass } from '../validation/types';

/** The parts of an endpoint set (see `EndpointSet`). */
export interface EndpointSetProps {
  /** Short name for messages and annotations: lowercase letters, digits and "-", at most 63 characters. */
  readonly name: string;
  /** Why OpenClaw talks to these endpoints, for annotations and error messages. */
  readonly description: string;
  /**
   * The external hosts (for `toFQDNs`).
   * @default - none; then `namespace` and `podLabels` must be set
   */
  readonly fqdns?: Fqdn[];
  /**
   * The namespace of in-cluster endpoints (such as a model server).
   * @default - none; then `fqdns` must be set
   */
  readonly namespace?: string;
  /**
   * The labels of in-cluster endpoints, with `namespace`.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /** The ports OpenClaw connects to, on every endpoint of the set. */
  readonly ports: Port[];
  /**
   * Ports on which OpenClaw itself receives this service's webhooks, when
   * they are not the gateway port (MS Teams 3978, Nextcloud Talk 8788).
   * @default []
   */
  readonly inboundPorts?: Port[];
}

/**
 * A named group of endpoints OpenClaw connects to, and the ports it uses on
 * them: external hosts (an AI provider's API, a messaging channel's servers)
 * or, for in-cluster services such as a model server, pods selected by
 * namespace and labels.
 */
export class EndpointSet {
  /**
   * A custom set of external hosts.
   *
   * @param name a short name for messages and annotations, such as `internal-llm`
   * @param fqdns the hosts (at least one)
   * @param ports the ports on every host (at least one; numbered, TCP or UDP)
   * @param description why OpenClaw needs these hosts (default: "custom endpoints")
   */
  public static of(name: string, fqdns: Fqdn[], ports: Port[], description?: string): EndpointSet {
    return new EndpointSet({ name, description: description ?? 'custom endpoints', fqdns, ports });
  }

  /**
   * A custom set of pods in the cluster, reached by selector (`toEndpoints`
   * in Cilium, a pod peer in a NetworkPolicy), such as a self-hosted Matrix
   * server running next to OpenClaw.
   *
   * @param name a short name for messages and annotations
   * @param namespace the pods' namespace
   * @param podLabels the pods' labels (at least one)
   * @param ports the ports the pods listen on, after Service translation
   * @param description why OpenClaw needs these pods (default: "in-cluster endpoints")
   */
  public static inClusterPods(
    name: string, namespace: string, podLabels: { [key: string]: string }, ports: Port[], description?: string,
  ): EndpointSet {
    return new EndpointSet({ name, description: description ?? 'in-cluster endpoints', namespace, podLabels, ports });
  }

  /** Short name, such as `anthropic`. */
  public readonly name: string;
  /** Why OpenClaw talks to these endpoints. */
  public readonly description: string;
  /** The external hosts, sorted (empty for in-cluster endpoints). */
  public readonly fqdns: Fqdn[];
  /** The namespace of in-cluster endpoints. */
  public readonly namespace?: string;
  /** The labels of in-cluster endpoints. */
  public readonly podLabels?: { [key: string]: string };
  /** The ports on every endpoint, sorted. */
  public readonly ports: Port[];
  /** Ports on which OpenClaw receives this service's webhooks (other than the gateway port), sorted. */
  public readonly inboundPorts: Port[];

  protected constructor(props: EndpointSetProps) {
    madeByItsClass(this);
    const name = props.name;
    if (typeof name !== 'string' || name.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
      throw invalid('endpoint set name', name, 'A name is 1-63 lowercase letters, digits and "-", starting and ending with a letter or digit, such as "internal-llm".');
    }
    if (typeof props.description !== 'string' || props.description.trim() === '' || /[\r\n]/.test(props.description)) {
      throw invalid(`${name} description`, props.description, 'Give one line of text saying why OpenClaw needs these endpoints.');
    }
    if (props.fqdns !== undefined) checkArgument(`${name} fqdns`, props.fqdns, arrayOf(instanceOf(Fqdn)));
    checkArgument(`${name} ports`, props.ports, arrayOf(instanceOf(Port)));
    if (props.inboundPorts !== undefined) checkArgument(`${name} inboundPorts`, props.inboundPorts, arrayOf(instanceOf(Port)));
    const inCluster = props.namespace !== undefined || props.podLabels !== undefined;
    if (inCluster === (props.fqdns !== undefined)) {
      throw invalid(`${name} endpoints`, { fqdns: props.fqdns?.map(String), namespace: props.namespace },
        'Give either external hosts (fqdns) or in-cluster pods (namespace and podLabels), not both and not neither.');
    }
    if (inCluster) {
      validateNamespace(`${name} namespace`, props.namespace!);
      validateSelectorLabels(`${name} podLabels`, props.podLabels ?? {}, true);
    } else {
      validateNotEmpty(`${name} fqdns`, props.fqdns!, 'Give at least one host.');
    }
    validateNotEmpty(`${name} ports`, props.ports, 'Give at least one port, such as Port.tcp(443).');
    props.ports.forEach(port => validateNumberedPort(`${name} ports`, port, false));
    (props.inboundPorts ?? []).forEach(port => validateNumberedPort(`${name} inboundPorts`, port, true));

    this.name = name;
    this.description = props.description;
    this.fqdns = uniqueFqdns(props.fqdns ?? []);
    this.namespace = props.namespace;
    this.podLabels = props.podLabels && sortedLabels(props.podLabels);
    this.ports = uniquePorts(props.ports);
    this.inboundPorts = uniquePorts(props.inboundPorts ?? []);
  }

  /** True when the endpoints are pods in the cluster rather than external hosts. */
  public get isInCluster(): boolean {
    return this.namespace !== undefined;
  }

  /**
   * One line for annotations and messages, such as
   * `api.anthropic.com on TCP/443: Anthropic API (Claude models)`.
   */
  public describe(): string {
    const where = this.isInCluster
      ? `pods ${describeLabels(this.podLabels!)} in namespace ${this.namespace}`
      : this.fqdns.join(', ');
    return `${where} on ${this.ports.join(', ')}: ${this.description}`;
  }
}

function validateNumberedPort(prop: string, port: Port, tcpOnly: boolean): void {
  if (port.isAllPorts) {
    throw invalid(prop, port.toString(), 'Give port numbers or ranges; "all ports" would let a compromised pod reach these endpoints on any service.');
  }
  if (port.protocol === Protocol.SCTP || (tcpOnly && port.protocol !== Protocol.TCP)) {
    throw invalid(prop, port.toString(), tcpOnly ? 'Webhooks arrive over TCP.' : 'Endpoint sets take TCP or UDP ports.');
  }
}
