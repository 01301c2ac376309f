import { expect, it } from 'vitest';
import { jabraSpeak510 } from '../hid/recorded/jabra-speak-510.js';
import { useSpeakerphone } from './test-setup.js';

const start = useSpeakerphone();

it("mute {on} from the room lights the device's Mute LED, keeping Off-Hook in the same report", async () => {
  const { device, driver } = await start(jabraSpeak510);
  await driver.connect();
  await driver.execute('hook', { offHook: true });

  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });
  expect(device.written.at(-1)).toEqual([0x03, 0x05, 0x00]);
  await driver.execute('mute', { on: false });
  expect(device.written.at(-1)).toEqual([0x03, 0x01, 0x00]);
  expect(device.firmware.leds).toEqual({ offHook: true, mute: false });
});
