/**
 * VISCA over IP (Sony, UDP 52381): every datagram is an 8-byte big-endian header and one
 * VISCA message. Pure functions, so the decoder can be fuzzed on its own.
 *
 *   bytes 0-1 payload type · bytes 2-3 payload length · bytes 4-7 sequence number
 *
 * The sequence number is how a reply finds its message over a link that can lose, repeat
 * or reorder datagrams; the RESET control command sets both ends back to the start.
 */
export const VISCA_IP_PORT = 52381;
export const VISCA_IP_HEADER_LENGTH = 8;
/** A VISCA message is at most 16 bytes; so is any payload a camera sends or accepts. */
export const VISCA_IP_MAX_PAYLOAD = 16;

export const VISCA_IP_TYPES = {
  command: 0x0100,
  inquiry: 0x0110,
  reply: 0x0111,
  deviceSetting: 0x0120,
  control: 0x0200,
  controlReply: 0x0201,
} as const;
export type ViscaIpType = keyof typeof VISCA_IP_TYPES;

const TYPE_BY_CODE = new Map<number, ViscaIpType>(Object.entries(VISCA_IP_TYPES).map(([name, code]) => [code, name as ViscaIpType]));

/** Control payloads: RESET (and its acknowledgement, the same byte) and the two control errors. */
export const VISCA_IP_CONTROL = {
  reset: Uint8Array.of(0x01),
  /** The sequence number was not what the camera expected (e.g. it went backwards). */
  sequenceError: Uint8Array.of(0x0f, 0x01),
  /** The message itself was abnormal (unknown type, bad length). */
  messageError: Uint8Array.of(0x0f, 0x02),
} as const;

export interface ViscaIpPacket {
  kind: 'packet';
  type: ViscaIpType;
  sequence: number;
  payload: Uint8Array;
}
export type ViscaIpDecoded = ViscaIpPacket | { kind: 'invalid'; reason: string };

export function encodeViscaIp(type: ViscaIpType, sequence: number, payload: Uint8Array): Uint8Array {
  if (payload.length < 1 || payload.length > VISCA_IP_MAX_PAYLOAD) {
    throw new RangeError(`VISCA-over-IP payload must be 1..${VISCA_IP_MAX_PAYLOAD} bytes, got ${payload.length}`);
  }
  const out = new Uint8Array(VISCA_IP_HEADER_LENGTH + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, VISCA_IP_TYPES[type]);
  view.setUint16(2, payload.length);
  view.setUint32(4, sequence >>> 0);
  out.set(payload, VISCA_IP_HEADER_LENGTH);
  return out;
}

/**
 * One datagram → one packet. Never throws, whatever arrives: the payload is copied (at most
 * 16 bytes), so nothing holds on to a large or hostile datagram.
 */
export function decodeViscaIp(datagram: Uint8Array): ViscaIpDecoded {
  if (datagram.length < VISCA_IP_HEADER_LENGTH + 1)
    return { kind: 'invalid', reason: `datagram of ${datagram.length} bytes is shorter than a header and one byte` };
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const code = view.getUint16(0);
  const type = TYPE_BY_CODE.get(code);
  if (!type) return { kind: 'invalid', reason: `unknown payload type 0x${code.toString(16).padStart(4, '0')}` };
  const length = view.getUint16(2);
  if (length < 1 || length > VISCA_IP_MAX_PAYLOAD) return { kind: 'invalid', reason: `payload length ${length} outside 1..${VISCA_IP_MAX_PAYLOAD}` };
  if (length !== datagram.length - VISCA_IP_HEADER_LENGTH) {
    return { kind: 'invalid', reason: `header says ${length} payload bytes, datagram carries ${datagram.length - VISCA_IP_HEADER_LENGTH}` };
  }
  return { kind: 'packet', type, sequence: view.getUint32(4), payload: datagram.slice(VISCA_IP_HEADER_LENGTH) };
}

/** The next sequence number: 32 bits, wrapping past 0xFFFFFFFF to 0. */
export const nextSequence = (sequence: number): number => (sequence + 1) >>> 0;

/** Which header type carries a VISCA message: `8x 09 …` is an inquiry, anything else a command. */
export function viscaIpTypeOf(message: Uint8Array): 'command' | 'inquiry' {
  return message[1] === 0x09 ? 'inquiry' : 'command';
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
