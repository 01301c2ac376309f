import { expect, it } from 'vitest';
import { plantronicsBlackwire3220 } from '../hid/recorded/plantronics-blackwire-3220.js';
import { waitFor } from '../testing/test-context.js';
import { useSpeakerphone } from './test-setup.js';

const start = useSpeakerphone();

it('Blackwire 3220: a relative mute is a toggle per press (release ignored); LEDs go to their own reports', async () => {
  const { device, ctx, driver } = await start(plantronicsBlackwire3220);
  const presses: boolean[] = [];
  driver.on('mute', (on: boolean) => presses.push(on));
  await driver.connect();
  await driver.execute('hook', { offHook: true });
  expect(device.written).toContainEqual([0x17, 0x01]);
  await waitFor(() => ctx.state.deviceOffHook === true, 2000, 'the headset reporting its hook switch');

  device.press('mute');
  await waitFor(() => presses.length === 1, 2000, 'first press');
  device.press('mute');
  await waitFor(() => presses.length === 2, 2000, 'second press');

  expect(presses).toEqual([true, false]);
  expect(ctx.state.mute).toBe(false);
  expect(device.written.filter((r) => r[0] === 0x09)).toEqual([
    [0x09, 0x00],
    [0x09, 0x01],
    [0x09, 0x00],
  ]); // connect, press, press
});
