import type { DeviceIdentity, DriverProbe, DriverProvisioning, ProposedEntry, SerialProbeAttempt } from '../core/device-discovery.js';
import { decodeReply, encode, VISCA_BROADCAST, VISCA_COMMANDS, VISCA_TERMINATOR } from './visca-codec.js';

/** `88 30 01 FF`: every camera in the chain takes the next address; the last answers `88 30 0w FF` (w = cameras + 1). */
function addressSetAt(baudRate: number): SerialProbeAttempt {
  return {
    baudRate,
    label: `VISCA address set at ${baudRate} baud`,
    request: encode(VISCA_COMMANDS.addressSet),
    complete: (bytes) => bytes.includes(VISCA_TERMINATOR) || bytes.length > 32,
    interpret(bytes) {
      // Line noise may come before the reply: look for the reply's 4 bytes anywhere.
      for (let i = bytes.indexOf(VISCA_BROADCAST); i >= 0 && i + 3 < bytes.length; i = bytes.indexOf(VISCA_BROADCAST, i + 1)) {
        const reply = decodeReply(bytes.subarray(i, i + 4));
        if (reply.kind === 'address_set') {
          const cameras = reply.cameras;
          return { ok: true, settings: { baudRate, cameras }, detail: `VISCA: ${cameras} camera${cameras > 1 ? 's' : ''} in the chain at ${baudRate} baud` };
        }
      }
      return { ok: false, why: 'not a VISCA address-set reply (88 30 0w FF)' };
    },
  };
}

/** Sony VISCA cameras (and clones) answer the broadcast address set; 9600 baud is the default, 38400 the other common setting. */
const viscaSerialProbe: DriverProbe = { protocol: 'VISCA', serial: [addressSetAt(9600), addressSetAt(38400)] };

/** One entry per camera of the chain, each at its address. */
function proposeViscaSerial(identity: DeviceIdentity): ProposedEntry[] {
  if (!('serialPort' in identity.at)) return [];
  const port = identity.at.serialPort;
  const baudRate = identity.settings.baudRate;
  const cameras = Number(identity.settings.cameras ?? 1);
  if (cameras === 1) return [{ fields: { port, baudRate }, detail: identity.detail }];
  return Array.from({ length: cameras }, (_, i) => ({
    fields: { port, baudRate, address: i + 1 },
    detail: `${identity.detail}, camera ${i + 1}`,
    unit: `#${i + 1}`,
  }));
}

/** What provisioning asks of a serial port for VISCA, and the entries of the chain it found. */
export const viscaSerialProvisioning: DriverProvisioning = { probe: viscaSerialProbe, proposeConfig: proposeViscaSerial };
