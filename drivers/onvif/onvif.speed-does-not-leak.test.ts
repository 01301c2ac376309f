import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';

const start = useCamera();

it('pan 0.5, then home, then a tilt-only move: the camera tilts and does not pan', async () => {
  const { sim, driver, ctx } = await start({ events: false });
  await driver.connect();

  await driver.execute('move', { pan: 0.5 });
  await driver.execute('home', {});
  await driver.execute('move', { tilt: 0.3 });

  expect(sim.ptz.currentVelocity).toEqual({ pan: 0, tilt: 0.3, zoom: 0 });
  expect(ctx.state.motion).toEqual({ pan: 0, tilt: 0.3, zoom: 0 });
  await driver.execute('stop', {});
});

it("the same after a preset recall or an absolute move: each ends the joystick's drive", async () => {
  const { sim, driver } = await start({ events: false });
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
