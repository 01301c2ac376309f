import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import type { RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { waitFor } from '../testing/test-context.js';

const start = useCamera();

const settled = (sim: RunningOnvifSimulator) => waitFor(() => !sim.ptz.moving.panTilt && !sim.ptz.moving.zoom, 3000, 'the camera to stop moving');

it("a camera whose generic space is 0..360 × 0..180: the room's -1..1 is scaled onto it both ways, and fed back unchanged", async () => {
  const { sim, driver, ctx } = await start({ events: false, quirks: ['degree-ranges'] });
  await driver.connect();
  expect(ctx.state.ptzRanges).toEqual({ pan: '0..360', tilt: '0..180', zoom: '0..1', source: 'GetNodes' });

  // "Half right, a quarter down": 270° and 67.5° on this camera.
  await driver.execute('position.absolute', { pan: 0.5, tilt: -0.25 });
  await settled(sim);
  expect(sim.ptz.position.pan).toBeCloseTo(0.5, 6);
  expect(sim.ptz.position.tilt).toBeCloseTo(-0.25, 6);
  const { position } = (await driver.execute('status', {})) as { position: { pan: number; tilt: number; zoom: number } };
  expect(position).toEqual({ pan: 0.5, tilt: -0.25, zoom: 0 });

  // -0.5 is a place on this camera too (90°), not a refusal.
  await driver.execute('position.absolute', { pan: -0.5, tilt: 0 });
  await settled(sim);
  expect(sim.ptz.position.pan).toBeCloseTo(-0.5, 6);

  // A relative move of 0.25 is a quarter of the room's range (45°) from there.
  await driver.execute('position.relative', { pan: 0.25, tilt: 0 });
  await settled(sim);
  expect(sim.ptz.position.pan).toBeCloseTo(-0.25, 6);

  // What the camera reports for a preset is in the room's range, and can be sent back as is.
  await driver.execute('preset.save', { preset: 1 });
  const [saved] = (await driver.execute('preset.list', {})) as { position: { pan: number; tilt: number } }[];
  expect(saved!.position).toMatchObject({ pan: -0.25, tilt: 0 });
  await driver.execute('position.absolute', { pan: 1, tilt: 1 });
  await settled(sim);
  await driver.execute('position.absolute', { pan: saved!.position.pan, tilt: saved!.position.tilt });
  await settled(sim);
  expect(sim.ptz.position.pan).toBeCloseTo(-0.25, 6);
});

it("a position the camera refuses is answered with the camera's range", async () => {
  // A ceiling mount: the head cannot tilt above level.
  const { driver } = await start({ events: false, quirks: ['degree-ranges'], ptz: { limits: { tilt: { min: -1, max: 0 } } } });
  await driver.connect();

  const refusal = driver.execute('position.absolute', { pan: 0, tilt: 0.5 });
  await expect(refusal).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', details: { cameraRange: { pan: '0..360', tilt: '0..180' } } });
  await expect(refusal).rejects.toThrow(/pan 0\.\.360, tilt 0\.\.180/);
});
