import { expect, it } from 'vitest';
import { typedReports } from '../hid/recorded/rfid-badge-reader.js';
import { waitFor } from '../testing/test-context.js';
import type { BadgeEvent } from './badge-reader-driver.js';
import { useBadgeReader } from './test-setup.js';

const start = useBadgeReader();

it('a card typed as key reports ending in Enter becomes one badge id for check-in', async () => {
  const { device, ctx, driver } = await start();
  const badges: BadgeEvent[] = [];
  driver.on('badge', (b: BadgeEvent) => badges.push(b));
  await driver.connect();

  device.send(typedReports('0013110988\n'));

  await waitFor(() => badges.length === 1, 2000, 'the badge');
  expect(badges[0]!.id).toBe('0013110988');
  expect(ctx.state.lastBadge).toEqual(badges[0]);
  await expect(driver.execute('status', {})).resolves.toEqual({ badges: 1, discarded: 0 });
});
