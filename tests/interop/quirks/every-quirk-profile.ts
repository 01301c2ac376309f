import { afterEach, describe, expect, it } from 'vitest';
import { findSimulator } from '../../../drivers/sim/simulators.js';
import { toRoomctlError } from '../../../drivers/core/errors.js';
import { waitFor } from '../../helpers/test-room.js';
import { hostDevices } from '../../helpers/hosted-devices.js';
import { FULL, QUIRK_CASES, type Outcome, type RunningCase } from './quirk-cases.js';

/**
 * One driver against the friendly simulator and against every quirk profile its simulator
 * plays (a matrix), under the real DeviceHost: the device connects, is never offline while it
 * answers, and each usual action ends as the table says ('ok' or a coded refusal that says
 * what the device lacks). Default: documented delays scaled down; ROOMCTL_FULL=1: full delays.
 * Each driver's file awaits this at its top, so the drivers' matrices run side by side.
 */
export async function everyQuirkProfile(driver: string): Promise<void> {
  const quirkCase = QUIRK_CASES.find((c) => c.driver === driver);
  if (!quirkCase) throw new Error(`no quirk case for ${driver}`);
  let running: RunningCase | undefined;
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    await running?.close();
    stop = running = undefined;
  });

  const profiles = [undefined, ...((await findSimulator(quirkCase.driver))?.quirks ?? []).map((p) => p.name)];
  describe(`${quirkCase.driver} against its simulator's quirk profiles`, () => {
    it('every profile the table knows is one the simulator offers', () => {
      expect(Object.keys(quirkCase.differences).filter((p) => !profiles.includes(p))).toEqual([]);
    });

    for (const profile of profiles) {
      it(`${profile ?? 'friendly default'}: connects, never offline, every action ends as expected`, { timeout: FULL ? 240_000 : 60_000 }, async () => {
        running = await quirkCase.start(profile);
        const room = hostDevices([running.device], { probeIntervalMs: 1000 });
        stop = room.stop;
        const id = running.device.id;
        await waitFor(() => room.host.get(id).status !== 'connecting', 30_000, `${id} to connect`);
        expect(room.host.get(id).status, room.host.get(id).detail ?? '').toMatch(/^(ok|degraded)$/);

        const outcomes: Record<string, Outcome> = {};
        for (const { action, params } of quirkCase.conversation) {
          outcomes[action] = await room.host.execute(id, action, params).then(
            () => 'ok' as const,
            (err: unknown) => toRoomctlError(err).code,
          );
        }

        const expected = Object.fromEntries(quirkCase.conversation.map(({ action }) => [action, quirkCase.differences[profile ?? '']?.[action] ?? 'ok']));
        expect(outcomes).toEqual(expected);
        expect(room.history(id).map((h) => h.status)).not.toContain('offline');
      });
    }
  });
}
