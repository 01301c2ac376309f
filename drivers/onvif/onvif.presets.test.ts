import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import type { RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { waitFor } from '../testing/test-context.js';

const start = useCamera();

const settled = (sim: RunningOnvifSimulator) => waitFor(() => !sim.ptz.moving.panTilt && !sim.ptz.moving.zoom, 3000, 'the camera to stop moving');

it('saves and recalls numbered presets, lists, sets, goes to and removes them by token', async () => {
  const { sim, driver } = await start({ events: false, ptz: { maxPresets: 8 } });
  await driver.connect();

  await driver.execute('position.absolute', { pan: -0.5, tilt: 0.25 });
  await settled(sim);
  await driver.execute('preset.save', { preset: 3 });
  await driver.execute('home', {});
  await settled(sim);
  await driver.execute('preset.recall', { preset: 3 });
  await settled(sim);
  expect(sim.ptz.position).toMatchObject({ pan: -0.5, tilt: 0.25 });

  const { token } = (await driver.execute('preset.set', { name: 'Lectern' })) as { token: string };
  // "Lectern" has no number in its name: its token (2) numbers it; the saved one is named for 3.
  expect(await driver.execute('preset.list', {})).toEqual([
    { number: 2, token, name: 'Lectern', position: { pan: -0.5, tilt: 0.25, zoom: 0 } },
    { number: 3, token: '1', name: 'Preset_3', position: { pan: -0.5, tilt: 0.25, zoom: 0 } },
  ]);
  await driver.execute('preset.goto', { token });
  await driver.execute('preset.remove', { token });
  expect(sim.ptz.presets.has(token)).toBe(false);
});

it('a preset number past what the camera stores is refused with the allowed range before anything is sent', async () => {
  const { sim, driver } = await start({ events: false, ptz: { maxPresets: 8 } });
  await driver.connect();
  const before = sim.requests.length;

  await expect(driver.execute('preset.save', { preset: 9 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS', details: { allowed: '1..8' } });
  await expect(driver.execute('preset.recall', { preset: 0 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS', details: { allowed: '1..8' } });
  expect(sim.requests.length).toBe(before);
});

it('recalling a preset number the camera does not hold says so', async () => {
  const { driver } = await start({ events: false });
  await driver.connect();
  await expect(driver.execute('preset.recall', { preset: 5 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS', details: { preset: 5 } });
});

it('home: set it where the camera is, wander off, go home', async () => {
  const { sim, driver } = await start({ events: false });
  await driver.connect();

  await driver.execute('position.absolute', { pan: 0.6, tilt: -0.3 });
  await settled(sim);
  await driver.execute('home.set', {});
  await driver.execute('position.absolute', { pan: 0, tilt: 0 });
  await settled(sim);
  await driver.execute('home', {});
  await settled(sim);
  expect(sim.ptz.position).toMatchObject({ pan: 0.6, tilt: -0.3 });
});
