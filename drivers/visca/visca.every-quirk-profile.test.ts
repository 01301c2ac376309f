import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceDriver } from '../core/definition.js';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { createTestContext, waitFor, type TestContext } from '../testing/test-context.js';
import type { ViscaCameraSimulator } from './visca-camera-simulator.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { startViscaIpSimulator } from './visca-ip-simulator.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';
import { startViscaSerialSimulator } from './visca-serial-simulator.js';
import { VISCA_QUIRK_NAMES, type ViscaQuirk } from './visca-sim-quirks.js';

/**
 * Both VISCA drivers against every quirk profile of their simulators, one conversation
 * each. By default each profile alone; ROOMCTL_FULL=1 adds every pair and all at once.
 */
const FULL = process.env.ROOMCTL_FULL === '1';
const pairs = VISCA_QUIRK_NAMES.flatMap((a, i) => VISCA_QUIRK_NAMES.slice(i + 1).map((b) => [a, b]));
const combinations: ViscaQuirk[][] = [[], ...VISCA_QUIRK_NAMES.map((q) => [q]), ...(FULL ? [...pairs, VISCA_QUIRK_NAMES] : [])];

interface Rig {
  driver: DeviceDriver;
  camera: ViscaCameraSimulator;
  ctx: TestContext;
  close(): Promise<void>;
}

const rigs: Record<'serial' | 'ip', (quirks: ViscaQuirk[]) => Promise<Rig>> = {
  async serial(quirks) {
    const pair: PtyPair = await createPtyPair();
    const sim = await startViscaSerialSimulator({ path: pair.simulatorPath, camera: { quirks } });
    const ctx = createTestContext();
    const driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
    return { driver, camera: sim.camera, ctx, close: async () => (await driver.disconnect(), await sim.close(), await pair.close()) };
  },
  async ip(quirks) {
    const sim = await startViscaIpSimulator({ camera: { quirks } });
    const ctx = createTestContext();
    const driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);
    return { driver, camera: sim.camera, ctx, close: async () => (await driver.disconnect(), await sim.close()) };
  },
};

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const cases = (['serial', 'ip'] as const).flatMap((link) =>
  combinations.map((quirks) => ({ link, quirks, label: `${link}, ${quirks.join('+') || 'friendly default'}` })),
);

describe.each(cases)('VISCA $label', ({ link, quirks }) => {
  it('connects, drives, positions, saves and recalls the top preset of the generic range, inquires', async () => {
    rig = await rigs[link](quirks);
    const { driver, camera, ctx } = rig;
    await driver.connect();

    await driver.execute('move', { pan: 0.5, tilt: -0.5 });
    await driver.execute('stop', {});
    await driver.execute('position.absolute', { pan: 400, tilt: 100 });
    await driver.execute('preset.save', { preset: 127 });
    await driver.execute('home', {});
    await driver.execute('preset.recall', { preset: 127 });
    await waitFor(() => !camera.moving, 3000, 'travel to end');
    expect(camera.reported).toMatchObject({ pan: 400, tilt: 100 });

    await driver.execute('position.relative', { pan: -100, tilt: 0 });
    expect(camera.reported).toMatchObject({ pan: 300, tilt: 100 });
    const read = (await driver.execute('inquire', {})) as { power: string; unsupported: string[]; pan?: number };
    expect(read.power).toBe('on');
    const positionless = quirks.includes('no-position-inquiry') || quirks.includes('silent-position-inquiry');
    expect(read.unsupported).toEqual(positionless ? ['PanTiltPosInq'] : []);
    if (!positionless) expect(read.pan).toBe(300);
    expect(ctx.lost).toEqual([]);
  });
});
