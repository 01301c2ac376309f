import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../helpers/test-room.js';
import { hostedDisplay } from '../helpers/hosted-devices.js';

/**
 * A command is on the wire when the link is recycled (a restart, a lost session). Before,
 * it was answered `503 ROOMCTL_E_DEVICE_OFFLINE` ("check its cable") although the display
 * carried it out. Now it says what is known: sent, outcome unknown; and it is not re-sent.
 */
let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

it('a command in flight when the link is recycled: sent once, answered "sent, outcome unknown"', async () => {
  const room = await hostedDisplay({ quirks: ['slow-replies'], replyDelayMs: 300 });
  stop = room.stop;
  const inFlight = room.host.execute('display', 'input', { input: '32' }).catch((err: unknown) => err);
  await waitFor(() => room.sim.display.received.includes('%1INPT 32'), 3000, 'the command on the wire');

  await room.host.restart('display');

  expect(await inFlight).toMatchObject({
    code: 'ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN',
    httpStatus: 502,
    message: expect.stringContaining('sent, outcome unknown'),
  });
  await waitFor(() => room.host.get('display').status === 'ok', 10_000, 'the display to reconnect');
  expect(room.sim.display.received.filter((l) => l === '%1INPT 32')).toHaveLength(1);
  expect(room.sim.display.input).toBe('32');
});
