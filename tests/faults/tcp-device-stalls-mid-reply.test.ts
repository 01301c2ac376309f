import { describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { LINK_FAILURE, startProxiedDevice, TCP_DEVICES } from './tcp-devices.js';
import { repetitions } from './fault-scale.js';

const STALLS = repetitions(5, 2);
/**
 * A command settles within the two deadlines it can wait behind: a stalled exchange ahead of it
 * (the 3 s probe timeout) and its own reply deadline (at most 3 s for these drivers), with room
 * for a machine busy with the rest of the suite (timers slip: 5.1 s was seen). A stall nothing
 * noticed would hold it until the device's ready timeout (60 s) or for ever.
 */
const SETTLES_WITHIN_MS = 10_000;

/**
 * A network device stops half-way through a reply and then says nothing more, with the
 * connection left open (a hung firmware). The command waiting for that reply ends with a
 * coded error instead of hanging, the watchdog drops the dead connection, the next
 * connection works, and commands go through again.
 */
describe.concurrent('a network device that stalls half-way through a reply', () => {
  for (const kind of TCP_DEVICES) {
    it(`${kind.name}: ${STALLS} stalls, each command settles and the device comes back`, async () => {
      const device = await startProxiedDevice(kind);
      try {
        for (let stall = 0; stall < STALLS; stall++) {
          const connectionsBefore = device.proxy.connections;
          device.proxy.stallNextReply();
          // Whichever exchange the stall hits (this command or a watchdog probe), this command settles.
          const outcome = await device.command();
          expect(outcome.ms, `${kind.name}: the command settled in time`).toBeLessThan(SETTLES_WITHIN_MS);
          if (!outcome.ok) expect(outcome.code).toMatch(LINK_FAILURE);
          // The stalled connection is given up and a fresh one made.
          await until(() => device.proxy.connections > connectionsBefore, 6000, `${kind.name}: a new connection after stall ${stall}`);
          await until(() => device.supervisor.status.status === 'ok', 6000, `${kind.name}: ok again after stall ${stall}`);
          const after = await device.command();
          expect(after, `${kind.name}: a command after stall ${stall}`).toMatchObject({ ok: true });
        }
      } finally {
        await device.close();
      }
    }, 60_000);
  }
});
