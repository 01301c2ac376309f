import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

/**
 * `mute` is the sound mute, AVMT 21/20 (AVMT 31/30 mutes sound and picture together; 11/10
 * is `blank`). A display that only knows 31/30 refuses 21 with ERR2: the action says the
 * display cannot mute its sound alone, rather than a vague "out of parameter" or a blank.
 */
const start = useDisplay();

async function onDisplay(quirks: string[] = []) {
  const { sim, driver } = await start({ warmupMs: 20, quirks });
  await driver.connect();
  await driver.execute('power', { on: true });
  await waitFor(() => sim.display.power === 'on', 3000, 'warm-up');
  return { sim, driver };
}

it('mute sends AVMT 21 and 20: the sound goes, the picture stays', async () => {
  const { sim, driver } = await onDisplay();
  await driver.execute('mute', { on: true });
  expect(sim.display).toMatchObject({ audioMuted: true, videoMuted: false });
  await driver.execute('mute', { on: false });
  expect(sim.display.received.filter((l) => l.startsWith('%1AVMT'))).toEqual(['%1AVMT 21', '%1AVMT 20']);
});

it('a display with AVMT 31/30 only: mute is refused as not supported, and nothing is blanked', async () => {
  const { sim, driver } = await onDisplay(['avmt-31-only']);
  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({
    code: 'ROOMCTL_E_NOT_SUPPORTED',
    message: expect.stringContaining('AVMT 31/30'),
  });
  expect(sim.display).toMatchObject({ audioMuted: false, videoMuted: false });
});
