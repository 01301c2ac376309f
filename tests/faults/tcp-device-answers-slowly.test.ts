import { describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { LINK_FAILURE, startProxiedDevice, TCP_DEVICES } from './tcp-devices.js';

/**
 * A network device that answers late. A little late (300 ms): commands still succeed, just
 * slower, and the device is not declared offline. Much later than the driver and the watchdog
 * wait (6 s against their 3–4 s): the command ends with a coded error before its answer comes,
 * the late answer does not land on a later command, and once the device is prompt again
 * everything works.
 */

/** Well past the driver's deadline and the watchdog's (3–4 s), so a loaded machine cannot blur the two. */
const TOO_LATE_MS = 6000;

describe.concurrent('a network device that answers slowly', () => {
  for (const kind of TCP_DEVICES) {
    it(`${kind.name}: slow answers are waited for, too-slow ones end in a coded error, then it recovers`, async () => {
      const device = await startProxiedDevice(kind);
      try {
        device.proxy.delayReplies(300);
        const historyBefore = device.history.length;
        for (let i = 0; i < 3; i++) {
          const outcome = await device.command();
          expect(outcome, `${kind.name}: slow command ${i}: ${outcome.code}`).toMatchObject({ ok: true });
          expect(outcome.ms).toBeGreaterThanOrEqual(290);
        }
        expect(device.history.slice(historyBefore), 'a slow device is not an offline one').not.toContain('offline');

        device.proxy.delayReplies(TOO_LATE_MS);
        const late = await device.command();
        expect(late.ok).toBe(false);
        expect(late.code).toMatch(LINK_FAILURE);
        // Ended by the driver's own deadline: its answer was still held back when it gave up.
        expect(device.proxy.heldReplies, `${kind.name}: the answer was still on its way`).toBeGreaterThan(0);

        device.proxy.delayReplies(0);
        await until(() => device.supervisor.status.status === 'ok', 8000, `${kind.name}: ok once prompt again`);
        await until(() => device.proxy.heldReplies === 0, TOO_LATE_MS + 2000, `${kind.name}: the late answers have come`);
        // Late answers still in the pipe must not be taken for these ones.
        for (let i = 0; i < 3; i++) expect(await device.command(), `${kind.name}: prompt command ${i}`).toMatchObject({ ok: true });
      } finally {
        await device.close();
      }
    }, 60_000);
  }
});
