/**
 * A self-test fails on a display out of reach: the fault the room raises carries the self-test's
 * code for that kind of check, through the room's outbox, a real Mosquitto and the fleet's
 * ingest, and the dashboard words it from the code and the check's reason (the display's
 * status then) in its operator's language — not "has a fault", nor the room's English — with
 * what the display itself said labelled as its own.
 */
import { afterAll, expect, it } from 'vitest';
import type { FleetEvent, FleetRoomDetail } from '../../fleet/fleet-api-types.js';
import { selfTestJob } from '../../appliance/meetings/selftest-job.js';
import { roomEventWords } from '../../panel-ui/src/fleet/fleet-event-words.js';
import { setFleetLocale } from '../../panel-ui/src/fleet/fleet-words.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

let broker: RunningMosquitto | undefined;
let room: TelemetryRoom | undefined;
let fleet: Awaited<ReturnType<typeof startTestFleet>> | undefined;
afterAll(async () => {
  setFleetLocale('en');
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
