import { expect, it } from 'vitest';
import { jabraSpeak510 } from '../hid/recorded/jabra-speak-510.js';
import { waitFor } from '../testing/test-context.js';
import { useSpeakerphone } from './test-setup.js';

const start = useSpeakerphone();

it('a device that vanishes without a read error is noticed by the presence poll', async () => {
  const { bus, device, ctx, driver, clock } = await start(jabraSpeak510);
  await driver.connect();
  await bus.unplug(device, { readError: false });
  expect(ctx.lost).toEqual([]);

  clock.advance(500);
  await waitFor(() => ctx.lost.length === 1, 2000, 'the presence poll');
  expect(ctx.lost[0]!.message).toMatch(/unplugged/);
});
