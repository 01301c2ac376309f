import { expect, it } from 'vitest';
import { typedReports } from '../hid/recorded/rfid-badge-reader.js';
import { useBadgeReader } from './test-setup.js';

const start = useBadgeReader();

it('a reader that sends no Enter: the inter-character timeout ends the badge; a short burst is noise', async () => {
  const { device, clock, ctx, driver } = await start({ interCharTimeoutMs: 100, minLength: 4 });
  await driver.connect();

  device.send(typedReports('4711'));
  await new Promise((r) => setTimeout(r, 20));
  clock.advance(99);
  expect(ctx.state.lastBadge).toBeUndefined();
  clock.advance(1);
  expect(ctx.state.lastBadge).toMatchObject({ id: '4711' });

  device.send(typedReports('12'));
  await new Promise((r) => setTimeout(r, 20));
  clock.advance(100);
  await expect(driver.execute('status', {})).resolves.toEqual({ badges: 1, discarded: 1 });
});
