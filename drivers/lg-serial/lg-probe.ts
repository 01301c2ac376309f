import type { DeviceIdentity, DriverProbe, DriverProvisioning, ProposedEntry } from '../core/device-discovery.js';
import { encodeLg, LG_COMMANDS, LG_READ, parseLgReply } from './lg-codec.js';

/** Set id 1 is the factory setting. */
const FACTORY_SET_ID = 1;

/** LG answers `ka <set id> ff` (read the power state) with `a <set id> OK|NG<data>x`: the command's second letter. */
const lgProbe: DriverProbe = {
  protocol: 'LG serial',
  serial: [
    {
      baudRate: 9600,
      label: 'LG power query (ka 01 ff) at 9600 baud',
      // The leading CR ends whatever the earlier probes left in the display's line buffer.
      request: Buffer.from(`\r${encodeLg(LG_COMMANDS.power, FACTORY_SET_ID, LG_READ)}`, 'latin1'),
      complete: (bytes) => bytes.includes(0x78 /* x */) || bytes.length > 64,
      interpret(bytes) {
        // Each reply ends with `x`; noise may come before it on the same line.
        for (const part of bytes.toString('latin1').split('x')) {
          const m = /[a-z] [0-9a-fA-F]{2} (?:OK|NG)[0-9a-fA-F]{2}$/.exec(part);
          const reply = m ? parseLgReply(m[0]) : undefined;
          if (reply && reply.kind !== 'invalid' && reply.command === LG_COMMANDS.power[1]) {
            return {
              ok: true,
              settings: { baudRate: 9600, setId: reply.setId },
              detail: `LG: display set id ${reply.setId}${reply.kind === 'ng' ? ' (it refused the power query)' : ''}`,
            };
          }
        }
        return { ok: false, why: 'not an LG reply (a <id> OK<data>x)' };
      },
    },
  ],
};

function proposeLg(identity: DeviceIdentity): ProposedEntry[] {
  if (!('serialPort' in identity.at)) return [];
  return [{ fields: { port: identity.at.serialPort, baudRate: identity.settings.baudRate, setId: identity.settings.setId }, detail: identity.detail }];
}

/** What provisioning asks of a serial port for an LG display, and its entry. */
export const lgProvisioning: DriverProvisioning = { probe: lgProbe, proposeConfig: proposeLg };
