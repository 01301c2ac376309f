import type { SerialProtocolProbe, ProbeAttempt } from './serial-protocol.js';

/** `88 30 01 FF`: every camera in the chain takes the next address; the last answers `88 30 0w FF` (w = cameras + 1). */
export const VISCA_ADDRESS_SET = Uint8Array.of(0x88, 0x30, 0x01, 0xff);

function attempt(baudRate: number): ProbeAttempt {
  return {
    baudRate,
    label: `VISCA address set at ${baudRate} baud`,
    request: VISCA_ADDRESS_SET,
    complete: (bytes) => bytes.includes(0xff) || bytes.length > 32,
    interpret(bytes) {
      for (let i = 0; i + 3 < bytes.length; i++) {
        if (bytes[i] === 0x88 && bytes[i + 1] === 0x30 && bytes[i + 3] === 0xff) {
          const next = bytes[i + 2]!;
          if (next >= 2 && next <= 8) {
            const cameras = next - 1;
            return { ok: true, settings: { baudRate, cameras }, detail: `VISCA: ${cameras} camera${cameras > 1 ? 's' : ''} in the chain at ${baudRate} baud` };
          }
        }
      }
      return { ok: false, why: 'not a VISCA address-set reply (88 30 0w FF)' };
    },
  };
}

/** Sony VISCA cameras (and clones) answer the broadcast address set; 9600 baud is the default, 38400 the other common setting. */
export const viscaProbe: SerialProtocolProbe = {
  protocol: 'VISCA',
  driver: 'visca-serial',
  attempts: [attempt(9600), attempt(38400)],
};
