import { FlowEndpoint } from './flow-endpoint';
import { Protocol } from '../net/port';
import { validatePortNumber } from '../validation/rules';
import { instanceOf, oneOf, struct } from '../validation/types';

/** A connection attempt: from one endpoint to another, on a port. */
export interface Flow {
  /** The client. */
  readonly from: FlowEndpoint;
  /** The server. */
  readonly to: FlowEndpoint;
  /** The destination port. */
  readonly port: number;
  /**
   * The protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** Checks a `Flow` argument, such as `flow` or `flow.port`. */
export const isFlow = struct({
  from: instanceOf(FlowEndpoint),
  to: instanceOf(FlowEndpoint),
  port: (prop, value) => validatePortNumber(prop, value as number),
  protocol: oneOf(Protocol, 'Protocol'),
}, ['from', 'to', 'port']);

/** What one side of a flow (the client's egress or the server's ingress) decides. */
export interface DirectionVerdict {
  /** True if this side lets the flow through. */
  readonly allowed: boolean;
  /** True if some policy isolates the endpoint in this direction (default deny). */
  readonly isolated: boolean;
  /** The policies that isolate the endpoint, as `Kind namespace/name`. */
  readonly isolatedBy: string[];
  /** The rules that allow the flow, as `Kind namespace/name egress[2]`. */
  readonly allowedBy: string[];
  /** The deny rules that match the flow (Cilium); they win over any allow. */
  readonly deniedBy: string[];
  /** One sentence explaining the decision. */
  readonly reason: string;
}

/** The analyzer's answer for one flow. */
export interface Verdict {
  /** True if both the client's egress and the server's ingress allow the flow. */
  readonly allowed: boolean;
  /** The client's side. */
  readonly egress: DirectionVerdict;
  /** The server's side. */
  readonly ingress: DirectionVerdict;
  /** A readable explanation naming the deciding policies. */
  readonly reason: string;
}
