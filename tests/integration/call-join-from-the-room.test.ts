/**
 * Joining a meeting's online call, end to end: a booking with a link on an allowed domain (a
 * loopback "provider" page), Join through the API, Debian's Chromium headless with a fake
 * camera and microphone opens the page and gets both; a killed browser fails the call and
 * tells facilities; the meeting's end closes the browser.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RoomEventEnvelope } from '../../appliance/model/room-events.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import mqtt from 'mqtt';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { HEADLESS_CALL_BROWSER, startProviderPage, type ProviderPage } from '../helpers/provider-page.js';
import { until } from '../helpers/until.js';
import { processAlive } from '../helpers/process-alive.js';

let room: ClockedRoom;
let provider: ProviderPage;
let broker: RunningMosquitto;
let fleet: mqtt.MqttClient;
const heardOnMqtt: { topic: string; body: Record<string, unknown> }[] = [];
const events: RoomEventEnvelope[] = [];

beforeAll(async () => {
  provider = await startProviderPage();
  broker = await startMosquitto();
  // What the fleet hears: the room's events over MQTT (stored in the room's outbox first).
  fleet = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
  fleet.on('message', (topic, payload) => heardOnMqtt.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
  await fleet.subscribeAsync(['roomctl/hq/aurora/events', 'roomctl/hq/aurora/state'], { qos: 1 });
  room = await startClockedRoom({
    start: '2026-12-08T09:00:00Z',
    configure: (config) => {
      config.room.site = 'hq';
      config.calls = { launcher: 'browser', browser: HEADLESS_CALL_BROWSER, allowDomains: ['127.0.0.1'] };
      config.mqtt = { url: `mqtt://${broker.host}:${broker.port}` };
    },
  });
  room.appliance.events.on('event', (e: RoomEventEnvelope) => events.push(e));
});

afterAll(async () => {
  await room?.close();
  await fleet?.endAsync();
  await broker?.close();
  await provider?.close();
});

const callState = async () =>
  (await room.call('GET', '/api/v1/call')).body as { state: string; provider: string | null; meetingId: string | null; detail: string | null };
const browserPid = () => (room.appliance.core.calls as unknown as { deps: { call: { pid?: number } } }).deps.call.pid;
it('joins with camera and microphone, fails out loud when the browser is killed, and closes it when the meeting ends', async () => {
  const booked = await room.call('POST', '/api/v1/bookings', { minutes: 30, title: 'Budget review', online: { url: `${provider.base}/j/4242` } });
  expect(booked.status).toBe(201);
  const id = booked.body.id as string;
  expect(booked.body.online).toEqual({ provider: 'web', name: '127.0.0.1', url: `${provider.base}/j/4242` });
  expect((await room.call('GET', `/api/v1/meetings/${id}`)).body.online).toMatchObject({ provider: 'web' });
  expect((await room.call('GET', '/api/v1/room/now')).body.current.online).toMatchObject({ provider: 'web' });

  const join = await room.call('POST', `/api/v1/meetings/${id}/join`);
  expect(join.status).toBe(202);
  expect(join.body).toMatchObject({ state: 'joining', provider: 'web', meetingId: id });
  await until(async () => (await callState()).state === 'in-call', 20_000, 'in-call');
  const report = await until(() => provider.reports.find((r) => r.path === '/j/4242'), 20_000, 'the provider page reporting');
  expect(report).toMatchObject({ origin: provider.base, audio: 1, video: 1 });
  expect((await room.call('GET', '/api/v1/status')).body.call).toMatchObject({ state: 'in-call', meetingId: id });

  // The browser dies mid-call: the call says so and facilities hear it.
  const pid = browserPid()!;
  process.kill(pid, 'SIGKILL');
  const failed = await until(async () => ((await callState()).state === 'failed' ? callState() : undefined), 10_000, 'failed');
  expect(failed.detail).toMatch(/SIGKILL/);
  expect(
    events
      .map((e) => e.event)
      .filter((e) => e.type === 'call.changed')
      .map((e) => (e as { state: string }).state),
  ).toEqual(['joining', 'in-call', 'failed']);
  const heard = await until(
    () => heardOnMqtt.find((m) => m.topic.endsWith('/events') && m.body.type === 'call.changed' && m.body.state === 'failed'),
    10_000,
    'the failure on MQTT',
  );
  expect(heard.body).toMatchObject({ provider: 'web', meetingId: id, detail: expect.stringContaining('SIGKILL') });
  // The room's retained state carries the call too, and the meeting's online link.
  const state = await until(
    () => heardOnMqtt.find((m) => m.topic.endsWith('/state') && (m.body.call as { state?: string } | undefined)?.state === 'failed'),
    10_000,
    'the state with the failed call',
  );
  expect(state.body.meeting).toEqual({ id, online: expect.objectContaining({ provider: 'web', url: `${provider.base}/j/4242` }) });

  // Joined again, then the meeting ends: the call is left and no browser is left running.
  await room.call('POST', `/api/v1/meetings/${id}/join`);
  await until(async () => (await callState()).state === 'in-call', 20_000, 'in-call again');
  const second = browserPid()!;
  expect((await room.call('POST', `/api/v1/meetings/${id}/start`)).status).toBe(200);
  expect((await room.call('POST', `/api/v1/meetings/${id}/end`)).status).toBe(200);
  await until(async () => (await callState()).state === 'ended', 10_000, 'ended');
  await until(() => !processAlive(second), 10_000, 'the browser gone');
  expect((await callState()).detail).toBe('the meeting ended');
});

it('leave closes the browser; a meeting without a link the room may open is refused with a reason', async () => {
  await room.clock.advance(3_600_000);
  const booked = await room.call('POST', '/api/v1/bookings', { minutes: 15, online: { url: `${provider.base}/j/7` } });
  const id = booked.body.id as string;
  await room.call('POST', `/api/v1/meetings/${id}/join`);
  await until(async () => (await callState()).state === 'in-call', 20_000, 'in-call');
  const pid = browserPid()!;
  const left = await room.call('POST', '/api/v1/call/leave');
  expect(left.body).toMatchObject({ state: 'ended', detail: 'left from the panel' });
  expect(processAlive(pid)).toBe(false);

  const plain = await room.call('POST', '/api/v1/bookings', { minutes: 15, start: new Date(room.clock.now().getTime() + 15 * 60_000).toISOString() });
  expect((await room.call('POST', `/api/v1/meetings/${plain.body.id}/join`)).body).toMatchObject({
    code: 'ROOMCTL_E_MEETING_STATE',
    message: expect.stringContaining('from 10 min before its start'),
  });
  await room.clock.advance(10 * 60_000);
  expect((await room.call('POST', `/api/v1/meetings/${plain.body.id}/join`)).body).toMatchObject({
    code: 'ROOMCTL_E_MEETING_STATE',
    message: expect.stringContaining('no online meeting'),
  });
});
