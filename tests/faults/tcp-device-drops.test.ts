import { describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { LINK_FAILURE, startProxiedDevice, TCP_DEVICES } from './tcp-devices.js';
import { repetitions } from './fault-scale.js';

const DROPS = repetitions(10, 3);

/**
 * The connection to a network device is cut (the device reboots, a switch port flaps) while
 * commands are flowing: every command settles with an answer or a coded error, the device is
 * reconnected on its own within 3 s of each cut, and it takes commands again.
 */
describe.concurrent('a network device whose connection drops', () => {
  for (const kind of TCP_DEVICES) {
    it(`${kind.name}: ${DROPS} drops while commands flow, back within 3 s each time`, async () => {
      const device = await startProxiedDevice(kind);
      try {
        let flowing = true;
        const outcomes: { ok: boolean; code?: string; ms: number }[] = [];
        const flow = (async () => {
          while (flowing) {
            outcomes.push(await device.command());
            await new Promise((r) => setTimeout(r, 5));
          }
        })();
        for (let drop = 0; drop < DROPS; drop++) {
          const connectionsBefore = device.proxy.connections;
          device.proxy.dropAll();
          const cutAt = performance.now();
          await until(
            () => device.proxy.connections > connectionsBefore && device.supervisor.status.status === 'ok',
            3000,
            `${kind.name}: reconnected after drop ${drop}`,
          );
          const okBefore = outcomes.filter((o) => o.ok).length;
          await until(() => outcomes.filter((o) => o.ok).length > okBefore, 3000, `${kind.name}: a command through after drop ${drop}`);
          expect(performance.now() - cutAt).toBeLessThan(6000);
        }
        flowing = false;
        await flow;
        const failures = outcomes.filter((o) => !o.ok);
        for (const f of failures) expect(f.code).toMatch(LINK_FAILURE);
        // Nothing waited out a timeout: a dropped link fails the command in flight at once.
        for (const o of outcomes) expect(o.ms).toBeLessThan(2500);
        // Each drop was real: the driver had to open a new connection every time (PJLink opens one per exchange anyway).
        expect(device.proxy.connections).toBeGreaterThan(DROPS);
      } finally {
        await device.close();
      }
    }, 60_000);
  }
});
