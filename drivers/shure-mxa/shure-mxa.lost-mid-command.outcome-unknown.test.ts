import { expect, it } from 'vitest';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

/**
 * The array carries out `SET DEVICE_AUDIO_MUTE ON` and drops the session before its REP.
 * Before, the action failed as `ROOMCTL_E_DEVICE_OFFLINE` ("check its cable") although the
 * array had muted. Now it says what is known: sent, outcome unknown, and nothing re-sends it.
 */
it('a session lost after the command was sent: "sent, outcome unknown", sent once', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();
  const handle = sim.array.handle.bind(sim.array);
  sim.array.handle = (command: string) => {
    if (!command.startsWith('SET DEVICE_AUDIO_MUTE')) return handle(command);
    sim.dropConnections(); // the link dies before the answer…
    handle(command); // …of a command the array carries out
    return [];
  };

  const outcome = await driver.execute('mute', { on: true }).catch((err: unknown) => err);

  expect(outcome).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN', message: expect.stringContaining('sent, outcome unknown') });
  expect(sim.array.deviceMute).toBe(true);
  expect(sim.array.received.filter((c) => c.startsWith('SET DEVICE_AUDIO_MUTE'))).toHaveLength(1);
  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_DEVICE_OFFLINE']);
});
