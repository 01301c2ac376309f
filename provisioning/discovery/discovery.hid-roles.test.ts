import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FakeHidBus, FakeHidDevice } from '../../drivers/hid/testing/fake-hid.js';
import { readHidrawDescriptor } from '../../drivers/hid/hid-backend.js';
import { jabraSpeak510 } from '../../drivers/hid/recorded/jabra-speak-510.js';
import { plantronicsBlackwire3220 } from '../../drivers/hid/recorded/plantronics-blackwire-3220.js';
import { rfidBadgeReader } from '../../drivers/hid/recorded/rfid-badge-reader.js';
import { discoverHidDevices } from './hid-devices.js';

let sysfs: string | undefined;
afterEach(() => (sysfs ? rm(sysfs, { recursive: true, force: true }) : undefined));

it('keeps speakerphones (telephony in the descriptor) and badge readers, and leaves keyboards alone', async () => {
  sysfs = await mkdtemp(join(tmpdir(), 'roomctl-sysfs-'));
  const bus = new FakeHidBus(sysfs);
  // The Jabra lists a Consumer (0x0C) top-level usage: only its report descriptor shows the telephony controls.
  for (const recording of [jabraSpeak510, plantronicsBlackwire3220, rfidBadgeReader]) await bus.plug(new FakeHidDevice(recording));
  const keyboard = {
    vendorId: 0x046d,
    productId: 0xc31c,
    path: '/dev/hidraw9',
    manufacturer: 'Logitech',
    product: 'USB Keyboard',
    release: 0,
    interface: 0,
    usagePage: 0x01,
    usage: 0x06,
  };

  const found = await discoverHidDevices(
    async () => [...(await bus.backend.enumerate()), keyboard],
    (path) => readHidrawDescriptor(path, sysfs),
  );

  expect(found.map((f) => [f.path, f.role, f.driver, `${f.vendorId}:${f.productId}`])).toEqual([
    ['/dev/hidraw0', 'speakerphone', 'hid-speakerphone', '0b0e:0422'],
    [
      '/dev/hidraw1',
      'speakerphone',
      'hid-speakerphone',
      `${plantronicsBlackwire3220.vendorId.toString(16).padStart(4, '0')}:${plantronicsBlackwire3220.productId.toString(16).padStart(4, '0')}`,
    ],
    ['/dev/hidraw2', 'badge-reader', 'hid-badge-reader', '16c0:27db'],
  ]);
  expect(found[0]!.serialNumber).toBe(jabraSpeak510.serialNumber);
});
