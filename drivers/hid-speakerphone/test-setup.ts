import { afterEach } from 'vitest';
import { FakeHidDevice } from '../hid/testing/fake-hid.js';
import { useFakeHidBus } from '../hid/testing/fake-hid-setup.js';
import type { HidRecording } from '../hid/recorded/hid-recording.js';
import { ManualClock } from '../testing/manual-clock.js';
import { createTestContext, type TestContext } from '../testing/test-context.js';
import { SpeakerphoneDriver, resetHookIntents } from './speakerphone-driver.js';

/** A fake HID bus with one recorded speakerphone plugged in, and a driver for it. */
export function useSpeakerphone() {
  const newBus = useFakeHidBus();
  const drivers: SpeakerphoneDriver[] = [];
  afterEach(async () => {
    for (const d of drivers.splice(0)) await d.disconnect();
    resetHookIntents();
  });
  return async (recording: HidRecording) => {
    const bus = await newBus();
    const device = new FakeHidDevice(recording);
    await bus.plug(device);
    const clock = new ManualClock();
    const ctx: TestContext = createTestContext('speakerphone');
    const driver = new SpeakerphoneDriver(
      {
        match: { vendorId: recording.vendorId, productId: recording.productId, serialNumber: recording.serialNumber },
        backend: bus.backend,
        clock,
        presencePollMs: 500,
      },
      ctx,
    );
    drivers.push(driver);
    return { bus, device, clock, ctx, driver };
  };
}
