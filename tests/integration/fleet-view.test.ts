import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FleetIssue, FleetRoomDetail, FleetStreamMessage, RoomHistory } from '../../fleet/fleet-api-types.js';
import { roomEventWords } from '../../panel-ui/src/fleet/fleet-event-words.js';
import { setFleetLocale } from '../../panel-ui/src/fleet/fleet-words.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { callRoom, startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

/** Facilities' side: the fleet API, its live stream, acknowledging a help call, and a room's events worded. */
describe('the fleet view', () => {
  let broker: RunningMosquitto;
  let room: TelemetryRoom;
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;
  beforeAll(async () => {
    broker = await startMosquitto();
    fleet = await startTestFleet({ broker: { url: broker.url } });
    room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 } });
    await until(async () => (await fleet.store.room('hq', 'aurora'))?.devices.some((d) => d.status === 'ok'), 8000, 'the room in the fleet');
  });
  afterAll(async () => {
    await room?.close();
    await fleet?.close();
    await broker?.close();
  });

  it('lists rooms with their worst device, filtered by site and status', async () => {
    // The room's name comes with its retained `state`, which is coalesced and may trail its health.
    const rooms = await until(
      async () => {
        const list = (await (await fetch(`${fleet.url}/api/fleet/rooms?site=hq`)).json()) as { name: string | null }[];
        return list[0]?.name ? list : undefined;
      },
      5000,
      'the room with its name',
    );
    expect(rooms).toEqual([
      expect.objectContaining({
        site: 'hq',
        room: 'aurora',
        name: 'Aurora',
        online: 'online',
        worst: 'ok',
        counts: { ok: 1, degraded: 0, offline: 0, 'auth-failed': 0, unknown: 0 },
      }),
    ]);
    expect(await (await fetch(`${fleet.url}/api/fleet/rooms?status=offline`)).json()).toEqual([]);
    expect((await fetch(`${fleet.url}/api/fleet/rooms?status=purple`)).status).toBe(400);
  });

  it('pushes a help call live, and lets staff with the token acknowledge and resolve it', async () => {
    const socket = new WebSocket(`${fleet.url.replace('http', 'ws')}/api/fleet/stream?token=${FLEET_TOKEN}`);
    const messages: FleetStreamMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as FleetStreamMessage));
    try {
      await until(() => messages.find((m) => m.type === 'snapshot'), 5000, 'the snapshot');
      room.appliance.events.publish({ type: 'help.requested', requestId: 'help-1', message: 'The screen is black' });
      const pushed = await until(
        () => messages.find((m) => m.type === 'issues' && m.issues.some((i) => i.id === 'help-1')),
        8000,
        'the help call on the stream',
      );
      expect(pushed.type === 'issues' && pushed.issues[0]).toMatchObject({ kind: 'help', room: 'aurora', summary: 'The screen is black', state: 'open' });

      const ack = (headers: Record<string, string>) =>
        fetch(`${fleet.url}/api/fleet/issues/help-1/acknowledge`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ by: 'sam' }),
        });
      expect((await ack({})).status).toBe(401);
      // The name on the record is the token's holder ("facilities" for the start-up token), never the body's.
      expect(await (await ack({ authorization: `Bearer ${FLEET_TOKEN}` })).json()).toMatchObject({
        id: 'help-1',
        state: 'acknowledged',
        acknowledgedBy: 'facilities',
      });
      await until(
        () => messages.find((m) => m.type === 'issues' && m.issues.some((i) => i.id === 'help-1' && i.state === 'acknowledged')),
        5000,
        'the acknowledgement on the stream',
      );
      const resolved = await fetch(`${fleet.url}/api/fleet/issues/help-1/resolve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FLEET_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await resolved.json()).toMatchObject({ state: 'resolved', resolvedBy: 'facilities' });
      expect(
        (
          await fetch(`${fleet.url}/api/fleet/issues/nope/resolve`, {
            method: 'POST',
            headers: { authorization: `Bearer ${FLEET_TOKEN}`, 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(404);
    } finally {
      socket.close();
    }
  });

  it("shows a room's devices and history", async () => {
    room.appliance.events.publish({ type: 'meeting.started', meetingId: 'm-1', title: 'Weekly' });
    const detail = await until(
      async () => {
        const d = (await (await fetch(`${fleet.url}/api/fleet/rooms/hq/aurora`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } })).json()) as {
          events: Array<{ type: string }>;
          devices: Array<{ deviceId: string }>;
        };
        return d.events.some((e) => e.type === 'meeting.started') ? d : undefined;
      },
      8000,
      'the meeting in the history',
    );
    expect(detail.devices.map((d) => d.deviceId)).toEqual(['display']);
    expect((await fetch(`${fleet.url}/api/fleet/rooms/hq/nowhere`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } })).status).toBe(404);
  });

  it("hears a booking released, and words it in the viewer's language: freed by hand, or cancelled ahead of time, with a room token", async () => {
    const book = async (start: Date, title: string) => {
      const booked = await callRoom(room, 'POST', '/api/v1/bookings', { start: start.toISOString(), minutes: 30, title });
      expect(booked.status).toBe(201);
      return booked.body.id as string;
    };
    // One in its check-in window (it starts now), one hours ahead.
    const now = await book(new Date(), 'Budget');
    const later = await book(new Date(Date.now() + 3 * 3_600_000), 'Offsite');
    for (const id of [now, later]) expect((await callRoom(room, 'POST', `/api/v1/meetings/${id}/release`)).status).toBe(200);
    const released = await until(
      async () => {
        const d = (await (
          await fetch(`${fleet.url}/api/fleet/rooms/hq/aurora`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } })
        ).json()) as FleetRoomDetail;
        const events = d.events.filter((e) => e.type === 'meeting.released');
        return events.length === 2 ? events : undefined;
      },
      8000,
      'both releases at the fleet',
    );
    const of = (id: string) => released.find((e) => e.body.meetingId === id)!;
    expect(of(now).body).toMatchObject({ title: 'Budget', releasedBy: 'by-hand', via: 'token' });
    expect(of(later).body).toMatchObject({ title: 'Offsite', releasedBy: 'ahead-of-time', via: 'token' });
    try {
      setFleetLocale('zh-CN');
      expect(roomEventWords(of(now), {})).toEqual({ text: '预订已手动释放：Budget', detail: '通过会议室令牌（API）' });
      expect(roomEventWords(of(later), {}).text).toBe('预订已提前取消：Offsite');
      setFleetLocale('en');
      expect(roomEventWords(of(now), {})).toEqual({ text: 'Budget freed by hand', detail: "with one of the room's tokens (its API)" });
      expect(roomEventWords(of(later), {}).text).toBe('Offsite cancelled ahead of time');
    } finally {
      setFleetLocale('en');
    }
  });

  it('serves Prometheus metrics on the appliance: health, reply times, outbox, event loop, memory', async () => {
    const text = await until(
      async () => {
        const t = await (await fetch(`${room.appliance.url}/metrics`)).text();
        return /roomctl_device_reply_seconds_count\{[^}]*device="display",kind="probe",outcome="ok"\} [1-9]/.test(t) ? t : undefined;
      },
      8000,
      'a probe reply time',
    );
    expect(text).toMatch(/roomctl_device_health\{device="display",status="ok",site="hq",room="aurora"\} 1/);
    expect(text).toMatch(/roomctl_outbox_depth\{site="hq",room="aurora"\} \d+/);
    expect(text).toMatch(/roomctl_mqtt_connected\{site="hq",room="aurora"\} 1/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds\{/);
    expect(text).toMatch(/process_resident_memory_bytes\{/);
    const fleetText = await (await fetch(`${fleet.url}/metrics`)).text();
    expect(fleetText).toMatch(/roomctl_fleet_ingest_lag_seconds_count \d+/);
  });

  // Last: the display stays out of reach.
  it("ends a device's fault when staff resolve its issue, and opens a fresh one when the room next reports it still down", async () => {
    const get = async <T>(path: string) => (await (await fetch(`${fleet.url}${path}`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } })).json()) as T;
    const openIssue = () =>
      get<FleetIssue[]>('/api/fleet/issues?state=unresolved').then((list) => list.find((i) => i.kind === 'device' && i.deviceId === 'display'));
    await room.display.close();
    const first = await until(openIssue, 10_000, "the display's issue");
    const resolved = await fetch(`${fleet.url}/api/fleet/issues/${first.id}/resolve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FLEET_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await resolved.json()).toMatchObject({ state: 'resolved', resolvedBy: 'facilities', clearedAt: null });
    // The fault ended when it was resolved, by hand: its length stops there, in the history and in the export.
    const [fault] = (await get<RoomHistory>('/api/fleet/rooms/hq/aurora/history')).faults;
    const resolvedAt = Date.parse((await get<{ issue: FleetIssue }>(`/api/fleet/issues/${first.id}`)).issue.resolvedAt!);
    expect(fault).toMatchObject({ issueId: first.id, deviceId: 'display', endedAt: resolvedAt, endedBy: 'facilities' });
    expect(fault!.durationMs).toBe(resolvedAt - fault!.startedAt);
    const csv = await (await fetch(`${fleet.url}/api/fleet/export/faults.csv`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } })).text();
    const [head, row] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(head!.split(',').at(-1)).toBe('ended_by');
    // The times come before the device's words (which may hold a comma), the operator last.
    const cells = row!.split(',');
    expect([cells[5], cells.at(-1), row!.includes(first.id)]).toEqual([new Date(resolvedAt).toISOString(), 'facilities', true]);
    expect(await openIssue()).toBeUndefined();

    // The room starts again and reports its devices: the display is still out of reach, and that is a new issue.
    await room.restartAppliance();
    const fresh = await until(openIssue, 10_000, "the display's fresh issue");
    expect(fresh.id).not.toBe(first.id);
    expect(fresh).toMatchObject({ state: 'open', resolvedBy: null });
  });
});
