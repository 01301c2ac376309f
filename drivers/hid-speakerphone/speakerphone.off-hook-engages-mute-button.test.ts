import { expect, it } from 'vitest';
import { jabraSpeak510 } from '../hid/recorded/jabra-speak-510.js';
import { waitFor } from '../testing/test-context.js';
import { useSpeakerphone } from './test-setup.js';

const start = useSpeakerphone();

it('Jabra SPEAK 510: the mute button is silent until the host goes off-hook (03 01 00)', async () => {
  const { device, ctx, driver } = await start(jabraSpeak510);
  await driver.connect();
  expect(ctx.state).toMatchObject({ muteButton: 'relative', offHook: false, mute: false, product: 'Jabra SPEAK 510 USB' });
  const patchesBefore = ctx.patches.length;

  device.press('mute');
  await new Promise((r) => setTimeout(r, 20));
  expect(ctx.patches.length).toBe(patchesBefore); // nothing reached the room

  await expect(driver.execute('hook', { offHook: true })).resolves.toEqual({ offHook: true });
  expect(device.written.at(-1)).toEqual([0x03, 0x01, 0x00]);
  expect(device.firmware.leds.offHook).toBe(true);

  device.press('mute'); // the recorded 03 13 00, 03 03 00
  await waitFor(() => ctx.state.mute === true, 2000, 'the press to reach the room');
  // The LED is echoed at once: Off-Hook and Mute together, as JABRA.md's 03 05 00.
  expect(device.written.at(-1)).toEqual([0x03, 0x05, 0x00]);
  expect(device.firmware.leds.mute).toBe(true);
});
