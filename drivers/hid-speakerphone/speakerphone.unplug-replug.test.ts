import { expect, it } from 'vitest';
import { jabraSpeak510 } from '../hid/recorded/jabra-speak-510.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { SpeakerphoneDriver } from './speakerphone-driver.js';
import { useSpeakerphone } from './test-setup.js';

const start = useSpeakerphone();

it('unplugged mid-meeting: link lost; replugged on a new hidraw path: found again by serial, back off-hook', async () => {
  const { bus, device, ctx, driver, clock } = await start(jabraSpeak510);
  await driver.connect();
  await driver.execute('hook', { offHook: true });
  const firstPath = device.path;

  await bus.unplug(device);
  await waitFor(() => ctx.lost.length === 1, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  // While it is away, connecting says so.
  const again = new SpeakerphoneDriver(
    { match: { vendorId: 0x0b0e, productId: 0x0422, serialNumber: device.serialNumber }, backend: bus.backend, clock },
    createTestContext('speakerphone'),
  );
  await expect(again.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE', message: expect.stringContaining('0b0e:0422') });

  await bus.plug(device);
  expect(device.path).not.toBe(firstPath);
  device.firmware.leds.offHook = false;
  await again.connect();
  // The room had this speakerphone off-hook: the new driver restores it without being asked.
  expect(device.firmware.leds.offHook).toBe(true);
  await again.disconnect();
});
