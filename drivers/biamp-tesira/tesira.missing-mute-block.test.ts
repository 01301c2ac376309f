import { expect, it } from 'vitest';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('a mute block that does not exist leaves the device degraded with words, not offline', async () => {
  const { driver, ctx } = await start({ muteBlock: { instanceTag: 'RoomMute', channel: 1 } });

  await driver.connect();

  expect(ctx.conditions.at(-1)).toMatchObject({ degraded: true, detail: expect.stringContaining('RoomMute') });
});
