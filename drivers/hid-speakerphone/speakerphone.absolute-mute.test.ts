import { expect, it } from 'vitest';
import { specAbsoluteMuteSpeakerphone } from '../hid/recorded/spec-absolute-mute-speakerphone.js';
import { waitFor } from '../testing/test-context.js';
import { useSpeakerphone } from './test-setup.js';

const start = useSpeakerphone();

it('an absolute Phone Mute is read as the state itself, not as a toggle', async () => {
  const { device, ctx, driver } = await start(specAbsoluteMuteSpeakerphone);
  await driver.connect();
  expect(ctx.state.muteButton).toBe('absolute');
  await driver.execute('hook', { offHook: true });

  device.press('mute'); // the device now reports mute = 1
  await waitFor(() => ctx.state.mute === true, 2000, 'mute on');
  device.send([Uint8Array.of(0x01, 0x03)]); // the same state again: no news
  device.press('mute'); // mute = 0
  await waitFor(() => ctx.state.mute === false, 2000, 'mute off');

  expect(ctx.patches.filter((p) => 'mute' in p).map((p) => p.mute)).toEqual([false, true, false]); // connect, press, press
});
