/**
 * A self-test fails on a display out of reach: the fault the room raises carries the self-test's
 * code for that kind of check, through the room's outbox, a real Mosquitto and the fleet's
 * ingest, and the dashboard words it from the code and the check's reason (the display's
 * status then) in its operator's language — not "has a fault", nor the room's English — with
 * what the display itself said labelled as its own. A self-test run while the display restarts
 * from the admin view carries the room's own note on it, labelled as the room's, never as the
 * display's.
 */
import { afterAll, expect, it } from 'vitest';
import type { FleetEvent, FleetRoomDetail } from '../../fleet/fleet-api-types.js';
import { selfTestJob } from '../../appliance/meetings/selftest-job.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { roomEventWords, selfTestSays } from '../../panel-ui/src/fleet/fleet-event-words.js';
import { setFleetLocale } from '../../panel-ui/src/fleet/fleet-words.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

let broker: RunningMosquitto | undefined;
let room: TelemetryRoom | undefined;
let fleet: Awaited<ReturnType<typeof startTestFleet>> | undefined;
let display: RunningPjlinkSimulator | undefined;
afterAll(async () => {
  setFleetLocale('en');
  await display?.close();
  await room?.close();
  await fleet?.close();
  await broker?.close();
});

it("the self-test's coded fault reaches the fleet, and the dashboard words it in Chinese by the display's name", async () => {
  broker = await startMosquitto();
  fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-selftest-test' } });
  room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 }, displayName: { en: 'Projector', 'zh-CN': '投影机' } });
  const detail = async (): Promise<FleetRoomDetail | undefined> => {
    const response = await fetch(`${fleet!.url}/api/fleet/rooms/hq/aurora`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
    return response.ok ? ((await response.json()) as FleetRoomDetail) : undefined;
  };
  await until(async () => (await detail())?.devices.find((d) => d.deviceId === 'display')?.status === 'ok', 8000, 'the fleet to see the display ok');
  await room.display.close();
  await until(() => room!.appliance.core.devices.get('display').status === 'offline' || undefined, 8000, 'the display offline in the room');

  await selfTestJob(room.appliance.core.meetings!.ctx, null, 2000);
  const selfTestFault = (d: FleetRoomDetail | undefined): FleetEvent | undefined =>
    d?.events.find((e) => e.type === 'fault.raised' && String(e.body.faultId).startsWith('selftest-'));
  const seen = await until(async () => selfTestFault(await detail()), 10_000, "the self-test's fault at the fleet");
  expect(seen).toMatchObject({ deviceId: 'display', body: { code: 'ROOMCTL_E_SELFTEST_UNREACHABLE' } });

  const d = (await detail())!;
  const names = Object.fromEntries(d.devices.map((dev) => [dev.deviceId, dev.names]));
  // Why it failed comes with it: the display's status then, and what the display itself said (not the room's English around it).
  expect(seen.body.selfTest).toEqual({ status: 'offline', said: expect.stringMatching(/ECONNREFUSED/) });
  const said = (seen.body.selfTest as { said: string }).said;
  setFleetLocale('zh-CN');
  expect(roomEventWords(seen, names)).toEqual({ text: '投影机：自检时无法连接——离线', detail: `设备原文：${said}` });
  setFleetLocale('en');
  expect(roomEventWords(seen, names)).toEqual({ text: 'Projector: Could not be reached in the self-test — Offline', detail: `The device says: ${said}` });
});

it("a self-test while the display restarts from the admin view gives the room's note as the room's, not as the display's", async () => {
  const r = room!;
  const detail = async (): Promise<FleetRoomDetail | undefined> => {
    const response = await fetch(`${fleet!.url}/api/fleet/rooms/hq/aurora`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
    return response.ok ? ((await response.json()) as FleetRoomDetail) : undefined;
  };
  // The display is back (its simulator again on its port), and a self-test passes: the check's fault of the test before is cleared.
  display = await startPjlinkSimulator({ host: '127.0.0.1', port: r.display.endpoint.port, warmupMs: 50 });
  await until(() => r.appliance.core.devices.get('display').status === 'ok' || undefined, 10_000, 'the display back in the room');
  const ctx = r.appliance.core.meetings!.ctx;
  expect((await selfTestJob(ctx, null, 2000)).passed).toBe(true);

  // Restarted from the admin view (what its button runs), the self-test starts while the display is still connecting.
  const restarted = r.appliance.core.devices.restart('display');
  const report = await selfTestJob(ctx, null, 2000);
  await restarted;
  const check = report.results.find((c) => c.deviceId === 'display' && c.check === 'reachable');
  expect(check).toMatchObject({ ok: false, status: 'connecting', said: null, roomSaid: 'restarted from the admin view' });
  // Facilities' message says whose words they are.
  expect(ctx.texts.facilities.selfTestFailed(null, report).text).toContain('Not answering yet (the room: restarted from the admin view)');
  // The display connects again to its simulator by itself.
  await until(() => r.appliance.core.devices.get('display').status === 'ok' || undefined, 10_000, 'the display connected again');

  const fault = await until(
    async () => (await detail())?.events.find((e) => e.type === 'fault.raised' && (e.body.selfTest as { roomSaid?: string } | undefined)?.roomSaid),
    10_000,
    "the restart's self-test fault at the fleet",
  );
  expect(fault.body.selfTest).toEqual({ status: 'connecting', said: null, roomSaid: 'restarted from the admin view' });
  // The display's one unresolved issue: the self-test's own, or the one its restart's health
  // report opened first (one issue per device) — which comes first is the broker's order. The
  // self-test reason it carries, when the self-test opened it, is the fault's (unit-tested).
  const selfTest = fault.body.selfTest as { said?: unknown; roomSaid?: unknown };
  const names = Object.fromEntries((await detail())!.devices.map((dev) => [dev.deviceId, dev.names]));
  setFleetLocale('zh-CN');
  expect(roomEventWords(fault, names).detail).toBe('会议室说明：已从管理界面重启');
  expect(selfTestSays(selfTest)).toBe('会议室说明：已从管理界面重启');
  setFleetLocale('en');
  expect(roomEventWords(fault, names)).toEqual({
    text: 'Projector: Could not be reached in the self-test — Not answering yet',
    detail: 'The room says: restarted from the admin view',
  });
  expect(selfTestSays(selfTest)).toBe('The room says: restarted from the admin view');
});
