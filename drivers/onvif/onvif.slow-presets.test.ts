import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { onvifError } from './onvif-faults.js';

const start = useCamera();

it('SetPreset and GotoPreset answering after 1.5 s: the driver waits for them, the link stays up, each is sent once', async () => {
  // Questions may take 1 s here, so a preset command outlasting that is what this test is about.
  const { sim, driver, ctx } = await start({ events: false, quirks: ['slow-presets'] }, { timeoutMs: 1000 });
  await driver.connect();

  await driver.execute('position.absolute', { pan: 0.3, tilt: 0 });
  await driver.execute('preset.save', { preset: 2 });
  await driver.execute('home', {});
  await driver.execute('preset.recall', { preset: 2 });

  expect(ctx.lost).toEqual([]);
  const sent = (op: string) => sim.requests.filter((r) => r.operation === op).map((r) => r.status);
  expect(sent('SetPreset')).toEqual([200]);
  expect(sent('GotoPreset')).toEqual([200]);
  expect(sim.ptz.presets.size).toBe(1);
});

it('a command that got no answer in time is "sent, outcome unknown", and does not by itself count as a lost link', () => {
  const { error, linkBroken } = onvifError(new Error('Network timeout'), undefined, 'SetPreset', 10_000);
  expect(linkBroken).toBe(false);
  expect(error).toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', details: { operation: 'SetPreset', outcome: 'unknown', timeoutMs: 10_000 } });
  expect(error.message).toMatch(/sent but the camera did not answer within 10000 ms/);
});
