import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { OnvifDriver } from './onvif-driver.js';

let sim: RunningOnvifSimulator | undefined;
let driver: OnvifDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('pan 0.5, then home, then a tilt-only move: the camera tilts and does not pan', async () => {
  sim = await startOnvifSimulator({ events: false });
  const ctx = createTestContext();
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);
  await driver.connect();

  await driver.execute('move', { pan: 0.5 });
  await driver.execute('home', {});
  await driver.execute('move', { tilt: 0.3 });

  expect(sim.ptz.currentVelocity).toEqual({ pan: 0, tilt: 0.3, zoom: 0 });
  expect(ctx.state.motion).toEqual({ pan: 0, tilt: 0.3, zoom: 0 });
  await driver.execute('stop', {});
});

it("the same after a preset recall or an absolute move: each ends the joystick's drive", async () => {
  sim = await startOnvifSimulator({ events: false });
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  await driver.connect();
  await driver.execute('preset.save', { preset: 1 });

  await driver.execute('move', { pan: -0.4, zoom: 0.2 });
  await driver.execute('preset.recall', { preset: 1 });
  await driver.execute('move', { tilt: -0.2 });
  expect(sim.ptz.currentVelocity).toEqual({ pan: 0, tilt: -0.2, zoom: 0 });

  await driver.execute('move', { pan: 0.6 });
  await driver.execute('position.absolute', { pan: 0, tilt: 0 });
  await driver.execute('move', { zoom: 0.5 });
  expect(sim.ptz.currentVelocity).toEqual({ pan: 0, tilt: 0, zoom: 0.5 });
  await driver.execute('stop', {});
});
