import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { BraviaDriver } from './bravia-driver.js';
import { BRAVIA_QUIRKS, braviaQuirkOptions, startBraviaSimulator, type RunningBraviaSimulator } from './bravia-simulator.js';

let sim: RunningBraviaSimulator | undefined;
let driver: BraviaDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

/** The same conversation against every display the simulator can play. */
describe.each(BRAVIA_QUIRKS.map((q) => [q.name]))('sony-bravia against a display with %s', (quirk) => {
  it('connects, reads its status, and every command is either done or refused with a reason', async () => {
    sim = await startBraviaSimulator({ port: 0, ...braviaQuirkOptions([quirk]) });
    const ctx = createTestContext('display');
    driver = new BraviaDriver(sim.endpoint, ctx);
    await driver.connect();
    expect(ctx.state.power).toBe('standby');

    const on = driver.execute('power', { on: true });
    if (quirk === 'no-remote-start') {
      await expect(on).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', message: expect.stringContaining('Remote start') });
      sim.pressRemote({ power: true });
    } else {
      await expect(on).resolves.toEqual({ power: 'on' });
    }
    await expect(driver.execute('volume', { level: 40 })).resolves.toEqual({ volume: 40 });
    await expect(driver.execute('status', {})).resolves.toMatchObject({ power: 'on', volume: 40 });
    expect(ctx.lost).toEqual([]);
  });
});
