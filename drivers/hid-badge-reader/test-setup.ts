import { afterEach } from 'vitest';
import { FakeHidDevice } from '../hid/testing/fake-hid.js';
import { useFakeHidBus } from '../hid/testing/fake-hid-setup.js';
import { rfidBadgeReader } from '../hid/recorded/rfid-badge-reader.js';
import { ManualClock } from '../testing/manual-clock.js';
import { createTestContext } from '../testing/test-context.js';
import { BadgeReaderDriver, type BadgeReaderOptions } from './badge-reader-driver.js';

export function useBadgeReader() {
  const newBus = useFakeHidBus();
  const drivers: BadgeReaderDriver[] = [];
  afterEach(async () => {
    for (const d of drivers.splice(0)) await d.disconnect();
  });
  return async (options: Partial<BadgeReaderOptions> = {}) => {
    const bus = await newBus();
    const device = new FakeHidDevice(rfidBadgeReader);
    await bus.plug(device);
    const clock = new ManualClock();
    const ctx = createTestContext('door-reader');
    const driver = new BadgeReaderDriver({ match: { vendorId: 0x16c0, productId: 0x27db }, backend: bus.backend, clock, ...options }, ctx);
    drivers.push(driver);
    return { bus, device, clock, ctx, driver };
  };
}
