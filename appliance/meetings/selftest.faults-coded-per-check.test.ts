/**
 * Each check the self-test fails raises its own fault, coded by the kind of check (the fleet
 * words the code in its operator's language): a display that cannot be reached, a microphone
 * that hears nothing. A fault stays open, not raised again, while its check keeps failing, and
 * the first self-test in which the check passes clears it.
 */
import { afterEach, expect, it } from 'vitest';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startShureMxaSimulator, type RunningShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import { waitFor } from '../../tests/helpers/test-room.js';
import { storedSetting } from '../store/stored-setting.js';
import { selfTestJob } from './selftest-job.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture | undefined;
let mic: RunningShureMxaSimulator | undefined;
let display: RunningPjlinkSimulator | undefined;
afterEach(async () => {
  await fx?.close();
  await mic?.close();
  await display?.close().catch(() => undefined);
});

it('a display out of reach and a silent microphone: two coded faults, kept while they fail, the microphone cleared once it hears again', async () => {
  mic = await startShureMxaSimulator({ port: 0 });
  display = await startPjlinkSimulator({ host: '127.0.0.1', port: 0, warmupMs: 50 });
  fx = roomFixture({
    start: '2026-04-01T08:00:00.000Z',
    devices: [
      { id: 'ceiling-mic', driver: 'shure-mxa', host: mic.endpoint.host, port: mic.endpoint.port },
      { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port },
    ],
  });
  await waitFor(() => fx!.devices.list().every((d) => d.status === 'ok'), 8000, 'devices connected');
  // Dead capsules: every lobe's meter stays at its floor until they are mended.
  let dead = true;
  for (const channel of mic.array.channels) {
    let level = channel.level;
    Object.defineProperty(channel, 'level', { get: () => (dead ? 0 : level), set: (v: number) => void (level = v), configurable: true });
  }
  await display.close();
  await waitFor(() => fx!.devices.get('display').status === 'offline', 8000, 'display offline');

  await selfTestJob(fx.room.ctx, null, 5000);
  // Devices are tested side by side, listed in the room's order: the microphone, then the display.
  expect(fx.eventsOf('fault.raised')).toEqual([
    expect.objectContaining({ deviceId: 'ceiling-mic', code: 'ROOMCTL_E_SELFTEST_MIC_SILENT', detail: expect.stringContaining('ceiling-mic mic-level') }),
    expect.objectContaining({ deviceId: 'display', code: 'ROOMCTL_E_SELFTEST_UNREACHABLE', detail: expect.stringContaining('display reachable') }),
  ]);
  // Why, for the fleet to word in its operator's language: what the microphone heard, the display's status and its own words.
  expect(fx.eventsOf('fault.raised').map((e) => e.selfTest)).toEqual([
    { heard: { aboveDb: -57, withinMs: expect.any(Number), peakDb: expect.any(Number) } },
    { status: 'offline', said: expect.stringMatching(/ECONNREFUSED/) },
  ]);
  const [micFault, displayFault] = fx.eventsOf('fault.raised').map((e) => e.faultId);
  expect(displayFault).not.toBe(micFault);
  // The self-test's report says the same, check by check.
  expect(
    fx
      .eventsOf('selftest.result')[0]!
      .results.filter((r) => r.ok === false)
      .map((r) => r.faultCode),
  ).toEqual(['ROOMCTL_E_SELFTEST_MIC_SILENT', 'ROOMCTL_E_SELFTEST_UNREACHABLE']);

  // Still failing: nothing new is raised, nothing cleared.
  await selfTestJob(fx.room.ctx, null, 5000);
  expect(fx.eventsOf('fault.raised')).toHaveLength(2);
  expect(fx.eventsOf('fault.cleared')).toEqual([]);

  // The microphone hears again; the display is still away.
  dead = false;
  await selfTestJob(fx.room.ctx, null, 5000);
  expect(fx.eventsOf('fault.raised')).toHaveLength(2);
  expect(fx.eventsOf('fault.cleared')).toEqual([{ type: 'fault.cleared', faultId: micFault, deviceId: 'ceiling-mic', detail: 'self-test passed' }]);
});

it("a room upgraded with an earlier release's open self-test fault clears it at its next passing self-test", async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  // An earlier release kept one fault id for the whole report.
  storedSetting(fx.room.ctx.db, 'meetings.selftest.open_fault').set('selftest-from-before');
  await selfTestJob(fx.room.ctx, null, 5000);
  expect(fx.eventsOf('fault.cleared')).toEqual([{ type: 'fault.cleared', faultId: 'selftest-from-before', detail: 'self-test passed' }]);
  await selfTestJob(fx.room.ctx, null, 5000);
  expect(fx.eventsOf('fault.cleared')).toHaveLength(1);
});
