import type { SerialProtocolProbe } from './serial-protocol.js';

/** LG: `ka <set id> ff` asks the power state; set id 01 is the factory setting. */
/** `a <set id> OK|NG<data>x`, the set id and data in hex. */
const REPLY = /a ([0-9a-f]{2}) (OK|NG)([0-9a-f]{2})x/i;

export const lgProbe: SerialProtocolProbe = {
  protocol: 'LG serial',
  driver: 'lg-serial',
  attempts: [
    {
      baudRate: 9600,
      label: 'LG power query (ka 01 ff) at 9600 baud',
      // The leading CR ends whatever the earlier probes left in the display's line buffer.
      request: Buffer.from('\rka 01 ff\r', 'latin1'),
      complete: (bytes) => bytes.includes(0x78 /* x */) || bytes.length > 64,
      interpret(bytes) {
        const m = REPLY.exec(bytes.toString('latin1'));
        if (!m) return { ok: false, why: 'not an LG reply (a <id> OK<data>x)' };
        const setId = parseInt(m[1]!, 16);
        return { ok: true, settings: { baudRate: 9600, setId }, detail: `LG: display set id ${setId}${m[2]!.toUpperCase() === 'NG' ? ' (it refused the power query)' : ''}` };
      },
    },
  ],
};
