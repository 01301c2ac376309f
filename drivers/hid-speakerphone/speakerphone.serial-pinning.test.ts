import { expect, it } from 'vitest';
import { FakeHidDevice } from '../hid/testing/fake-hid.js';
import { jabraSpeak510 } from '../hid/recorded/jabra-speak-510.js';
import { createTestContext } from '../testing/test-context.js';
import { SpeakerphoneDriver } from './speakerphone-driver.js';
import { useSpeakerphone } from './test-setup.js';

const start = useSpeakerphone();

it('two of the same model: the serial number picks the right one', async () => {
  const { bus, device } = await start(jabraSpeak510);
  const other = new FakeHidDevice(jabraSpeak510, 'OTHER-SERIAL');
  await bus.plug(other);
  const driver = new SpeakerphoneDriver(
    { match: { vendorId: 0x0b0e, productId: 0x0422, serialNumber: 'OTHER-SERIAL' }, backend: bus.backend },
    createTestContext(),
  );
  await driver.connect();

  await driver.execute('hook', { offHook: true });

  expect(other.written).toEqual([
    [0x03, 0x00, 0x00],
    [0x03, 0x01, 0x00],
  ]);
  expect(device.written).toEqual([]);
  await driver.disconnect();
});
