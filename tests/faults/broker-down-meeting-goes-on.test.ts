import { afterAll, expect, it } from 'vitest';
import { flapDevice } from '../helpers/flapping-device.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';
import { repetitions } from './fault-scale.js';

/** Health flaps during the outage on top of the meeting: what "minutes" of a busy room would pile up. */
const FLAPS = repetitions(5000, 1000);

let broker: RunningMosquitto | undefined;
let room: TelemetryRoom | undefined;
let fleet: Awaited<ReturnType<typeof startTestFleet>> | undefined;
afterAll(async () => {
  await room?.close();
  await fleet?.close();
  await broker?.close();
});

/**
 * The broker is away for the whole of a meeting (compressed: a few seconds, many events).
 * The room runs the meeting from booking to end without a single refused request, says on
 * /metrics that it is cut off and how much it holds, and once the broker is back facilities
 * receive the meeting's events in order — and the room says it is connected again.
 */
it('with the broker down, a whole meeting runs, /metrics says what is held back, and everything arrives after', async () => {
  broker = await startMosquitto();
  fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-meeting-outage' } });
  room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 } });
  const url = room.appliance.url;
  const token = room.config.api.tokens[0]!;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const metric = async (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(await (await fetch(`${url}/metrics`)).text())?.[1]);
  await until(async () => (await fleet!.store.roomSummary('hq', 'aurora'))?.online === 'online', 10_000, 'the fleet to see the room online');
  expect(await metric('roomctl_mqtt_connected')).toBe(1);

  await broker.stop();
  await until(() => !room!.appliance.telemetry.connected, 5000, 'the room to notice the broker is gone');

  // The meeting, start to end, while nobody central can hear it.
  const booked = await call('POST', '/api/v1/bookings', { minutes: 30, title: 'Offline review' });
  expect(booked.status).toBe(201);
  const id = String(booked.body.id);
  const steps = [
    await call('POST', `/api/v1/meetings/${id}/checkins`, { name: 'Ann', walkIn: true }),
    await call('POST', `/api/v1/meetings/${id}/start`),
    await call('POST', `/api/v1/meetings/${id}/notes`, { text: 'The broker is down and nobody noticed' }),
    await call('POST', '/api/v1/help', { message: 'projector smells hot' }),
    await call('POST', `/api/v1/meetings/${id}/end`),
    await call('POST', `/api/v1/meetings/${id}/feedback`, { rating: 4 }),
  ];
  for (const step of steps) expect(step.status, JSON.stringify(step.body)).toBeLessThan(300);
  flapDevice(room.appliance.health, { id: 'ceiling-mic', name: 'Ceiling mic' }, FLAPS);

  // It says what it cannot do: not connected, and this much waiting.
  await until(async () => (await metric('roomctl_mqtt_connected')) === 0, 3000, '/metrics to say the broker is unreachable');
  expect(await metric('roomctl_outbox_depth')).toBeGreaterThanOrEqual(FLAPS);
  expect((await call('GET', '/api/v1/status')).status).toBe(200);

  await broker.start();
  const events = () =>
    fleet!.store.sql.query<{ type: string; body: string }>(
      "SELECT type, body FROM fleet_events WHERE room = 'aurora' AND type IN ('meeting.started', 'help.requested', 'meeting.ended', 'feedback') ORDER BY seq",
    );
  await until(async () => (await events()).length >= 4, 30_000, "the meeting's events in the fleet", 100);
  expect((await events()).map((e) => e.type)).toEqual(['meeting.started', 'help.requested', 'meeting.ended', 'feedback']);
  expect(JSON.parse((await events())[1]!.body)).toMatchObject({ message: 'projector smells hot' });
  await until(() => room!.appliance.telemetry.stats().depth === 0, 30_000, 'the outbox to drain', 100);
  expect(await metric('roomctl_mqtt_connected')).toBe(1);
}, 90_000);
