import type { DeviceIdentity, DriverProbe, DriverProvisioning, ProposedEntry, SerialProbeAttempt } from '../core/device-discovery.js';
import { encodeMdc, MDC_BAUD_RATE, MDC_COMMANDS, MdcFrameParser, type MdcFrame } from './mdc-codec.js';

/** The first ACK or NAK in what a port sent (noise before it skipped), if whole. */
function firstReply(bytes: Buffer): Extract<MdcFrame, { kind: 'ack' | 'nak' }> | undefined {
  return new MdcFrameParser().push(bytes).find((f) => f.kind !== 'command') as Extract<MdcFrame, { kind: 'ack' | 'nak' }> | undefined;
}

function statusQueryTo(id: number): SerialProbeAttempt {
  return {
    baudRate: MDC_BAUD_RATE,
    label: `Samsung MDC status query to display id ${id} at ${MDC_BAUD_RATE} baud`,
    request: encodeMdc(MDC_COMMANDS.status, id),
    complete: (bytes) => firstReply(bytes) !== undefined || bytes.length > 64,
    interpret(bytes) {
      const reply = firstReply(bytes);
      if (!reply || reply.cmd !== MDC_COMMANDS.status) return { ok: false, why: 'not a Samsung MDC reply (AA FF id len A/N 00 … checksum)' };
      // A NAK still proves an MDC display is there; only the status it would have sent is missing.
      const power =
        reply.kind === 'ack' && reply.values.length > 0
          ? ` (power ${reply.values[0] === 1 ? 'on' : 'off'})`
          : reply.kind === 'ack'
            ? ''
            : ' (it refused the status query)';
      return { ok: true, settings: { baudRate: MDC_BAUD_RATE, displayId: reply.id }, detail: `Samsung MDC: display id ${reply.id}${power}` };
    },
  };
}

/** Samsung displays answer the MDC status query; the id is 0 or 1 out of the box depending on the model. */
const mdcProbe: DriverProbe = { protocol: 'Samsung MDC', serial: [statusQueryTo(1), statusQueryTo(0)] };

function proposeMdc(identity: DeviceIdentity): ProposedEntry[] {
  if (!('serialPort' in identity.at)) return [];
  return [
    { fields: { serialPort: identity.at.serialPort, baudRate: identity.settings.baudRate, displayId: identity.settings.displayId }, detail: identity.detail },
  ];
}

/** What provisioning asks of a serial port for Samsung MDC, and the display's entry. */
export const mdcProvisioning: DriverProvisioning = { probe: mdcProbe, proposeConfig: proposeMdc };
