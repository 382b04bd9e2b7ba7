/**
 * ICMP in Cilium policies: `icmps: [{fields: [{type, family}]}]` allows ICMP
 * (family `IPv4`, the default) or ICMPv6 (`IPv6`) messages of the listed
 * types to the rule's peers. A type is 0–255 or its CamelCase name, looked up
 * in the family's table (cilium/cilium `pkg/policy/api/icmp.go`:
 * `icmpIpv4TypeNameToCode`, `icmpIpv6TypeNameToCode`, `ICMPField.PortProtocol`;
 * a name the family's table lacks fails `ICMPField.UnmarshalJSON` with "ICMP
 * type %s not found in %s", and the agent drops the policy).
 *
 * What the model assumes beyond that:
 * - A Cilium rule without `toPorts` and without `icmps` allows every protocol,
 *   ICMP and ICMPv6 included (an L3-only rule); a rule with `toPorts` allows
 *   only its TCP, UDP and SCTP ports (protocol `ANY` stands for those three).
 * - A NetworkPolicy can name only TCP, UDP and SCTP ports, so a rule with
 *   `ports` allows no ICMP. Kubernetes leaves open whether a rule without
 *   `ports` ("all ports") allows ICMP; Cilium and Calico allow it, and so does
 *   the model, under both enforcement models, so that such a rule is reported
 *   with everything it may let through.
 *
 * @module
 */

/** The connectivity's ICMP protocols: ICMP for IPv4, ICMPv6 for IPv6. Their "ports" are the message types. */
export const ICMP_PROTOCOLS = ['ICMP', 'ICMPv6'];

/** The highest ICMP type. */
export const MAX_ICMP_TYPE = 255;

/** `pkg/policy/api/icmp.go` `icmpIpv4TypeNameToCode`. */
const IPV4_TYPES: { [name: string]: number } = {
  EchoReply: 0,
  DestinationUnreachable: 3,
  Redirect: 5,
  Echo: 8,
  EchoRequest: 8,
  RouterAdvertisement: 9,
  RouterSelection: 10,
  TimeExceeded: 11,
  ParameterProblem: 12,
  Timestamp: 13,
  TimestampReply: 14,
  Photuris: 40,
  ExtendedEchoRequest: 42,
  ExtendedEchoReply: 43,
};

/** `pkg/policy/api/icmp.go` `icmpIpv6TypeNameToCode`. */
const IPV6_TYPES: { [name: string]: number } = {
  DestinationUnreachable: 1,
  PacketTooBig: 2,
  TimeExceeded: 3,
  ParameterProblem: 4,
  EchoRequest: 128,
  EchoReply: 129,
  MulticastListenerQuery: 130,
  MulticastListenerReport: 131,
  MulticastListenerDone: 132,
  RouterSolicitation: 133,
  RouterAdvertisement: 134,
  NeighborSolicitation: 135,
  NeighborAdvertisement: 136,
  RedirectMessage: 137,
  RouterRenumbering: 138,
  ICMPNodeInformationQuery: 139,
  ICMPNodeInformationResponse: 140,
  InverseNeighborDiscoverySolicitation: 141,
  InverseNeighborDiscoveryAdvertisement: 142,
  HomeAgentAddressDiscoveryRequest: 144,
  HomeAgentAddressDiscoveryReply: 145,
  MobilePrefixSolicitation: 146,
  MobilePrefixAdvertisement: 147,
  DuplicateAddressRequestCodeSuffix: 157,
  DuplicateAddressConfirmationCodeSuffix: 158,
  ExtendedEchoRequest: 160,
  ExtendedEchoReply: 161,
};

/** True for ICMP and ICMPv6. */
export function isIcmp(protocol: string): boolean {
  return ICMP_PROTOCOLS.includes(protocol);
}

/**
 * The code of an ICMP type name in the table of a field's family (`IPv6`, or
 * IPv4 for any other family, as `ICMPField.UnmarshalJSON` picks it); undefined
 * for a name the table lacks.
 */
export function icmpTypeCode(name: string, family: unknown): number | undefined {
  const table = family === 'IPv6' ? IPV6_TYPES : IPV4_TYPES;
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** One `icmps` field as a protocol and type; undefined for a type the agent does not accept. */
export function icmpFieldOf(field: any): { protocol: string; type: number } | undefined {
  const raw = field?.type;
  const text = String(raw);
  const type = /^\d+$/.test(text) ? Number(text) : icmpTypeCode(text, field?.family);
  if (type === undefined || type > MAX_ICMP_TYPE || raw === undefined || raw === null) return undefined;
  return { protocol: field?.family === 'IPv6' ? 'ICMPv6' : 'ICMP', type };
}

/** The fields of a rule's `icmps`. */
export function icmpFieldsOf(rule: any): any[] {
  return (Array.isArray(rule?.icmps) ? rule.icmps : []).flatMap((icmp: any) => (Array.isArray(icmp?.fields) ? icmp.fields : []));
}
