import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { BraviaDriver } from './bravia-driver.js';
import { startBraviaSimulator, type RunningBraviaSimulator } from './bravia-simulator.js';

let sim: RunningBraviaSimulator | undefined;
let driver: BraviaDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('someone turns the display off with its remote: *SNPOWR…0 arrives and the state says standby, unasked', async () => {
  sim = await startBraviaSimulator({ port: 0 });
  const ctx = createTestContext('display');
  driver = new BraviaDriver(sim.endpoint, ctx);
  await driver.connect();
  await driver.execute('power', { on: true });
  const asked = sim.display.received.length;

  sim.pressRemote({ power: false, volume: 12 });
  await expect.poll(() => ctx.state).toMatchObject({ power: 'standby', volume: 12 });
  expect(sim.display.received.length).toBe(asked);
});

it('a control from another controller is notified to this session too', async () => {
  sim = await startBraviaSimulator({ port: 0 });
  const ctx = createTestContext('display');
  driver = new BraviaDriver(sim.endpoint, ctx);
  await driver.connect();
  const other = new BraviaDriver(sim.endpoint, createTestContext('other'));
  try {
    await other.connect();
    await other.execute('power', { on: true });
    await expect.poll(() => ctx.state.power).toBe('on');
  } finally {
    await other.disconnect();
  }
});
