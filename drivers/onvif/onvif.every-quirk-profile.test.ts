import { describe, expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';
import { ONVIF_QUIRK_NAMES, type OnvifQuirk } from './onvif-sim-quirks.js';

/**
 * The driver against every quirk profile of its simulator, one conversation each: connect,
 * joystick, absolute position read back, a preset saved and recalled by number, the list.
 * By default each profile alone; ROOMCTL_FULL=1 adds every pair and all of them at once.
 */
const FULL = process.env.ROOMCTL_FULL === '1';
const pairs = ONVIF_QUIRK_NAMES.flatMap((a, i) => ONVIF_QUIRK_NAMES.slice(i + 1).map((b) => [a, b]));
const combinations: OnvifQuirk[][] = [[], ...ONVIF_QUIRK_NAMES.map((q) => [q]), ...(FULL ? [...pairs, ONVIF_QUIRK_NAMES] : [])];

const start = useCamera();

const credentials = { username: 'operator', password: 'pan-tilt-zoom' };

describe.each(combinations.map((quirks) => ({ quirks, label: quirks.join('+') || 'friendly default' })))('ONVIF driver against $label', ({ quirks }) => {
  it('connects, drives, positions, saves and recalls a preset by number', async () => {
    const { sim, driver, ctx } = await start(
      { quirks, auth: { ...credentials, mode: 'any' }, eventWaitMs: 200, ptz: { unitsPerSecond: 8 } },
      { ...credentials },
      { motionPollMs: 30 },
    );
    const settled = () => waitFor(() => !sim.ptz.moving.panTilt && !sim.ptz.moving.zoom, 3000, 'the camera to stop moving');

    await driver.connect();
    expect(ctx.state.events).toBe(quirks.includes('events-refused') ? 'refused' : 'subscribed');

    await driver.execute('move', { pan: 0.5, tilt: 0.2 });
    await driver.execute('stop', {});
    await driver.execute('position.absolute', { pan: -0.5, tilt: 0.25, zoom: 0.5 });
    await settled();
    const { position } = (await driver.execute('status', {})) as { position: { pan: number; tilt: number; zoom: number } };
    expect(position.pan).toBeCloseTo(-0.5, 5);
    expect(position.tilt).toBeCloseTo(0.25, 5);

    await driver.execute('preset.save', { preset: 5 });
    await driver.execute('home', {});
    await settled();
    await driver.execute('preset.recall', { preset: 5 });
    await settled();
    expect(sim.ptz.position.pan).toBeCloseTo(-0.5, 5);
    const listed = (await driver.execute('preset.list', {})) as { number: number; position: { pan: number } }[];
    expect(listed.map((p) => p.number)).toEqual([5]);
    expect(listed[0]!.position.pan).toBeCloseTo(-0.5, 5);

    expect(ctx.lost).toEqual([]);
    expect(sim.auth.failedLogins).toBe(0);
  });
});
