import { hex } from '../../testing/hex.js';
import { decodeViscaIp } from '../visca-ip-header.js';

/** Datagrams as `type #sequence: payload`, so a test reads like the conversation on the wire. */
export const conversation = (datagrams: readonly Uint8Array[]): string[] =>
  datagrams.map((d) => {
    const p = decodeViscaIp(d);
    return p.kind === 'packet' ? `${p.type} #${p.sequence}: ${hex(p.payload)}` : `invalid: ${hex(d)}`;
  });
