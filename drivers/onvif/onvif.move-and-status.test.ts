import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

const start = useCamera();

it('a continuous move turns the camera; polled status follows it; stop holds it where it is', async () => {
  const { sim, driver, ctx } = await start({ events: false }, {}, { motionPollMs: 30 });
  await driver.connect();
  expect(ctx.state.events).toBe('polling');

  await driver.execute('move', { pan: 0.5, tilt: -0.25 });
  await waitFor(() => ((ctx.state.position as { pan: number } | undefined)?.pan ?? 0) > 0.2, 3000, 'the published pan to follow the camera');
  expect(ctx.state).toMatchObject({ moving: true, motion: { pan: 0.5, tilt: -0.25, zoom: 0 } });

  await driver.execute('stop', {});
  const held = { ...sim.ptz.position };
  expect(sim.ptz.moving).toEqual({ panTilt: false, zoom: false });
  await waitFor(() => ctx.state.moving === false, 3000, 'the published status to say idle');
  expect(ctx.state.position).toEqual(held);
  expect(held.tilt).toBeLessThan(0);
});

it('absolute and relative moves travel to the point asked for', async () => {
  const { sim, driver } = await start({ events: false }, {}, { motionPollMs: 30 });
  await driver.connect();

  await driver.execute('position.absolute', { pan: 0.4, tilt: 0.2, zoom: 0.5 });
  await waitFor(() => !sim.ptz.moving.panTilt && !sim.ptz.moving.zoom, 3000, 'travel to end');
  await driver.execute('position.relative', { pan: -0.1, tilt: 0.1 });
  await waitFor(() => !sim.ptz.moving.panTilt, 3000, 'travel to end');

  expect(sim.ptz.position.pan).toBeCloseTo(0.3, 5);
  expect(sim.ptz.position.tilt).toBeCloseTo(0.3, 5);
  expect(sim.ptz.position.zoom).toBeCloseTo(0.5, 5);
  await expect(driver.execute('status', {})).resolves.toMatchObject({ moving: false, position: { zoom: 0.5 } });
});

it('a burst of joystick moves never puts two requests on the wire; the last one wins', async () => {
  const { sim, driver } = await start({ events: false });
  await driver.connect();

  const burst = Array.from({ length: 20 }, (_, i) => driver.execute('move', { pan: (i + 1) / 20, tilt: 0 }));
  await Promise.all(burst);

  expect(driver.moveQueue.maxInFlight).toBe(1);
  expect(driver.moveQueue.superseded).toBeGreaterThan(0);
  const moves = sim.requests.filter((r) => r.operation === 'ContinuousMove');
  expect(moves.length).toBe(20 - driver.moveQueue.superseded);
  await driver.execute('stop', {});
});
