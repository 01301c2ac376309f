import { encode, template, toNibbles } from './visca-command-template.js';

/**
 * VISCA commands and replies, as pure functions. The command table below is the protocol
 * table (Sony EVI/SRG/BRC manuals) written as byte templates; keep it that
 * way so a reviewer can hold it next to a manual.
 */
export { encode, match, template, type SlotValues, type SlotsOf } from './visca-command-template.js';

export const VISCA_TERMINATOR = 0xff;
/** Broadcast address byte: every camera in the daisy chain reads it. */
export const VISCA_BROADCAST = 0x88;
/** The camera buffers two commands (sockets 1 and 2); socket 0 answers inquiries. */
export const VISCA_SOCKETS = [1, 2] as const;
/** Longest frame the protocol defines (address + 14 bytes + terminator). */
export const VISCA_MAX_FRAME_LENGTH = 16;

export const VISCA_COMMANDS = {
  addressSet: template('88 30 01 FF'),
  ifClear: template('88 01 00 01 FF'),
  cancel: template('8x 2{socket} FF'),

  powerOn: template('8x 01 04 00 02 FF'),
  powerStandby: template('8x 01 04 00 03 FF'),

  zoomStop: template('8x 01 04 07 00 FF'),
  zoomTele: template('8x 01 04 07 02 FF'),
  zoomWide: template('8x 01 04 07 03 FF'),
  /** speed 0 (slow) .. 7 (fast) */
  zoomTeleVariable: template('8x 01 04 07 2{speed} FF'),
  zoomWideVariable: template('8x 01 04 07 3{speed} FF'),
  zoomDirect: template('8x 01 04 47 {position:u16} FF'),

  focusAuto: template('8x 01 04 38 02 FF'),
  focusManual: template('8x 01 04 38 03 FF'),
  focusOnePush: template('8x 01 04 18 01 FF'),
  focusStop: template('8x 01 04 08 00 FF'),
  focusFarVariable: template('8x 01 04 08 2{speed} FF'),
  focusNearVariable: template('8x 01 04 08 3{speed} FF'),
  focusDirect: template('8x 01 04 48 {position:u16} FF'),

  /** panDirection/tiltDirection: see PAN_TILT_DIRECTIONS; speeds 1..profile max. */
  panTiltDrive: template('8x 01 06 01 {panSpeed} {tiltSpeed} {panDirection} {tiltDirection} FF'),
  panTiltAbsolute: template('8x 01 06 02 {panSpeed} {tiltSpeed} {pan:s16} {tilt:s16} FF'),
  panTiltRelative: template('8x 01 06 03 {panSpeed} {tiltSpeed} {pan:s16} {tilt:s16} FF'),
  panTiltHome: template('8x 01 06 04 FF'),
  panTiltReset: template('8x 01 06 05 FF'),

  presetReset: template('8x 01 04 3F 00 {preset} FF'),
  presetSet: template('8x 01 04 3F 01 {preset} FF'),
  presetRecall: template('8x 01 04 3F 02 {preset} FF'),

  powerInquiry: template('8x 09 04 00 FF'),
  zoomPositionInquiry: template('8x 09 04 47 FF'),
  focusPositionInquiry: template('8x 09 04 48 FF'),
  panTiltPositionInquiry: template('8x 09 06 12 FF'),
} as const;

export type ViscaCommandName = keyof typeof VISCA_COMMANDS;

/** XX YY bytes of the pan-tilt drive: pan 01 left / 02 right / 03 stop, tilt 01 up / 02 down / 03 stop. */
export const PAN_TILT_DIRECTIONS = {
  up: [0x03, 0x01],
  down: [0x03, 0x02],
  left: [0x01, 0x03],
  right: [0x02, 0x03],
  upLeft: [0x01, 0x01],
  upRight: [0x02, 0x01],
  downLeft: [0x01, 0x02],
  downRight: [0x02, 0x02],
  stop: [0x03, 0x03],
} as const satisfies Record<string, readonly [number, number]>;
export type PanTiltDirection = keyof typeof PAN_TILT_DIRECTIONS;

export function panTiltDrive(address: number, direction: PanTiltDirection, panSpeed: number, tiltSpeed: number): Uint8Array {
  const [panDirection, tiltDirection] = PAN_TILT_DIRECTIONS[direction];
  return encode(VISCA_COMMANDS.panTiltDrive, { address, panSpeed, tiltSpeed, panDirection, tiltDirection });
}

const DIRECTION_BY_SIGNS: Record<string, PanTiltDirection> = {
  '0,1': 'up',
  '0,-1': 'down',
  '-1,0': 'left',
  '1,0': 'right',
  '-1,1': 'upLeft',
  '1,1': 'upRight',
  '-1,-1': 'downLeft',
  '1,-1': 'downRight',
  '0,0': 'stop',
};

/** Direction from signed axis speeds: pan > 0 right, tilt > 0 up, 0 stops that axis. */
export function directionOf(pan: number, tilt: number): PanTiltDirection {
  // `|| 0` turns a NaN speed into stop instead of an unknown key.
  return DIRECTION_BY_SIGNS[`${Math.sign(pan) || 0},${Math.sign(tilt) || 0}`] ?? 'stop';
}

// ---------------------------------------------------------------------------------------
// Replies

export const VISCA_ERRORS = {
  0x01: 'length',
  0x02: 'syntax',
  0x03: 'buffer_full',
  0x04: 'cancelled',
  0x05: 'no_socket',
  0x41: 'not_executable',
} as const;
export type ViscaErrorName = (typeof VISCA_ERRORS)[keyof typeof VISCA_ERRORS];

export type ViscaReply =
  | { kind: 'ack'; address: number; socket: number }
  | { kind: 'completion'; address: number; socket: number; payload: Uint8Array }
  | { kind: 'error'; address: number; socket: number; error: ViscaErrorName; code: number }
  /** Answer to address set: how many cameras the daisy chain holds. */
  | { kind: 'address_set'; cameras: number }
  | { kind: 'if_clear' }
  /** `y0 38 FF`: a camera was added to or removed from the chain (sent by the camera unasked). */
  | { kind: 'network_change'; address: number }
  | { kind: 'invalid'; reason: string };

const hex = (frame: Uint8Array) => [...frame].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const invalid = (reason: string, frame: Uint8Array): ViscaReply => ({ kind: 'invalid', reason: `${reason}: ${hex(frame)}` });

/** Format bytes as `81 01 04 00 02 ff` for logs and error details. */
export const toHex = hex;

/**
 * Decode one complete frame (terminator included) from a camera. Never throws: a device can
 * send anything, and the driver decides what an `invalid` means for the link.
 */
export function decodeReply(frame: Uint8Array): ViscaReply {
  const n = frame.length;
  if (n < 3) return invalid('too short', frame);
  if (n > VISCA_MAX_FRAME_LENGTH) return invalid('too long', frame);
  if (frame[n - 1] !== VISCA_TERMINATOR) return invalid('no terminator', frame);
  if (frame.subarray(0, n - 1).includes(VISCA_TERMINATOR)) return invalid('terminator inside frame', frame);
  const header = frame[0]!;

  if (header === VISCA_BROADCAST) {
    if (n === 4 && frame[1] === 0x30) {
      const w = frame[2]!;
      return w >= 2 && w <= 8 ? { kind: 'address_set', cameras: w - 1 } : invalid('address set reply out of range', frame);
    }
    if (n === 5 && frame[1] === 0x01 && frame[2] === 0x00 && frame[3] === 0x01) return { kind: 'if_clear' };
    return invalid('unknown broadcast', frame);
  }

  // Replies come from y0, y = camera address + 8: camera 1 → 0x90 … camera 7 → 0xF0.
  if ((header & 0x0f) !== 0 || header < 0x90) return invalid('bad reply header', frame);
  const address = (header >> 4) - 8;
  const type = frame[1]! >> 4;
  const socket = frame[1]! & 0x0f;

  if (frame[1] === 0x38 && n === 3) return { kind: 'network_change', address };
  switch (type) {
    case 0x4:
      return n === 3 ? { kind: 'ack', address, socket } : invalid('ack with extra bytes', frame);
    case 0x5:
      return { kind: 'completion', address, socket, payload: frame.slice(2, n - 1) };
    case 0x6: {
      if (n !== 4) return invalid('error reply of wrong length', frame);
      const code = frame[2]!;
      const error = VISCA_ERRORS[code as keyof typeof VISCA_ERRORS];
      return error ? { kind: 'error', address, socket, error, code } : invalid('unknown error code', frame);
    }
    default:
      return invalid('unknown reply type', frame);
  }
}

// ---------------------------------------------------------------------------------------
// Inquiry payloads (the bytes between `y0 50` and `FF`). Each returns undefined when the
// payload is not what the inquiry promises, so the caller can treat it as incoherence.

export type PowerState = 'on' | 'standby';

export function decodePowerPayload(payload: Uint8Array): PowerState | undefined {
  if (payload.length !== 1) return undefined;
  // 02 on, 03 standby; some models report 04 for a power fault, which we do not model.
  return payload[0] === 0x02 ? 'on' : payload[0] === 0x03 ? 'standby' : undefined;
}

/** Four nibble bytes `0p 0q 0r 0s` starting at `offset` → 0..65535, or undefined. */
export function decodeNibbles16(payload: Uint8Array, offset = 0): number | undefined {
  if (payload.length < offset + 4) return undefined;
  let value = 0;
  for (let i = offset; i < offset + 4; i++) {
    const b = payload[i]!;
    if (b > 0x0f) return undefined;
    value = (value << 4) | b;
  }
  return value;
}

export const toSigned16 = (value: number) => (value >= 0x8000 ? value - 0x10000 : value);

export function decodeZoomPayload(payload: Uint8Array): number | undefined {
  return payload.length === 4 ? decodeNibbles16(payload) : undefined;
}

export function decodeFocusPayload(payload: Uint8Array): number | undefined {
  return payload.length === 4 ? decodeNibbles16(payload) : undefined;
}

export function decodePanTiltPayload(payload: Uint8Array): { pan: number; tilt: number } | undefined {
  if (payload.length !== 8) return undefined;
  const pan = decodeNibbles16(payload, 0);
  const tilt = decodeNibbles16(payload, 4);
  return pan === undefined || tilt === undefined ? undefined : { pan: toSigned16(pan), tilt: toSigned16(tilt) };
}

// ---------------------------------------------------------------------------------------
// Reply builders, for simulators and tests (the camera side of the conversation).

/** y0 with y = address + 8: camera 1 answers from 0x90. */
const replyHeader = (address: number) => (address + 8) << 4;

export const viscaReply = {
  ack: (address: number, socket: number) => Uint8Array.of(replyHeader(address), 0x40 | socket, VISCA_TERMINATOR),
  completion: (address: number, socket: number, payload: ArrayLike<number> = []) =>
    Uint8Array.of(replyHeader(address), 0x50 | socket, ...Array.from(payload), VISCA_TERMINATOR),
  error: (address: number, socket: number, error: ViscaErrorName) => {
    const code = Number(Object.entries(VISCA_ERRORS).find(([, name]) => name === error)![0]);
    return Uint8Array.of(replyHeader(address), 0x60 | socket, code, VISCA_TERMINATOR);
  },
  addressSet: (cameras: number) => Uint8Array.of(VISCA_BROADCAST, 0x30, cameras + 1, VISCA_TERMINATOR),
  ifClear: () => Uint8Array.of(VISCA_BROADCAST, 0x01, 0x00, 0x01, VISCA_TERMINATOR),
  power: (address: number, state: PowerState) => viscaReply.completion(address, 0, [state === 'on' ? 0x02 : 0x03]),
  position16: (address: number, ...values: number[]) => viscaReply.completion(address, 0, values.flatMap(toNibbles)),
};
