import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../helpers/test-room.js';
import { hostedDisplay } from '../helpers/hosted-devices.js';

/**
 * PJLink cannot read a class 2 display's volume, so the driver drives it to zero once and
 * counts steps from there. Before, each reconnect built a new driver that had forgotten the
 * count, and the next volume change drove the display to zero again (a loud-quiet-loud jump
 * in the middle of a meeting). The host now keeps what drivers learn across reconnects.
 */
let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

it('the volume learned before a reconnect is kept: no second drive to zero', async () => {
  const room = await hostedDisplay();
  stop = room.stop;
  const svol = () => room.sim.display.received.filter((l) => l.startsWith('%2SVOL'));
  await room.host.execute('display', 'volume', { level: 50 });
  expect(svol()).toEqual([...Array(10).fill('%2SVOL 0'), ...Array(5).fill('%2SVOL 1')]);

  await room.host.restart('display');
  await waitFor(() => room.host.get('display').status === 'ok', 10_000, 'the display to reconnect');
  expect(room.sim.connectionCount).toBe(2);
  await room.host.execute('display', 'volume', { level: 70 });

  expect(svol().slice(15)).toEqual(['%2SVOL 1', '%2SVOL 1']);
  expect(room.sim.display.volume).toBe(7);
});
