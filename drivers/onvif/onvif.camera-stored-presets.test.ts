import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

const start = useCamera();

it("recalls by number the presets someone stored from the camera's own page, whatever their tokens and names", async () => {
  const { sim, driver } = await start({ events: false });
  const stored = [
    { token: 'PresetToken_1', name: 'Door', position: { pan: -0.8, tilt: 0, zoom: 0 } },
    { token: '2_preset', name: 'Window', position: { pan: 0.7, tilt: 0.1, zoom: 0 } },
    { token: 'Preset003', name: 'Preset003', position: { pan: 0.2, tilt: -0.4, zoom: 0.5 } },
    { token: 'c0ffee', name: 'Lectern', position: { pan: -0.3, tilt: 0.3, zoom: 0 } },
  ];
  for (const p of stored) sim.ptz.presets.set(p.token, p);
  await driver.connect();

  const listed = (await driver.execute('preset.list', {})) as { number: number; token: string }[];
  expect(listed.map(({ number, token }) => ({ number, token }))).toEqual([
    { number: 1, token: 'PresetToken_1' },
    { number: 2, token: '2_preset' },
    { number: 3, token: 'Preset003' },
    // No number in its token or name: the lowest number nobody has.
    { number: 4, token: 'c0ffee' },
  ]);

  await driver.execute('preset.recall', { preset: 2 });
  await waitFor(() => !sim.ptz.moving.panTilt, 3000, 'travel to end');
  expect(sim.ptz.position).toMatchObject({ pan: 0.7, tilt: 0.1 });
  await driver.execute('preset.recall', { preset: 4 });
  await waitFor(() => !sim.ptz.moving.panTilt, 3000, 'travel to end');
  expect(sim.ptz.position).toMatchObject({ pan: -0.3, tilt: 0.3 });

  // Saving number 3 overwrites the camera's own preset 3, under its token and name.
  await driver.execute('preset.save', { preset: 3 });
  expect(sim.ptz.presets.get('Preset003')).toMatchObject({ name: 'Preset003', position: { pan: -0.3, tilt: 0.3 } });
  expect(sim.ptz.presets.size).toBe(4);
});
