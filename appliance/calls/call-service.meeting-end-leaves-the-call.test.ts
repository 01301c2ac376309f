import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RoomEventBus, type RoomEventEnvelope } from '../model/room-events.js';
import { BrowserCall } from './browser-call.js';
import { CallService } from './call-service.js';
import { onlineMeetingOf } from './online-meeting-link.js';

let server: Server;
let base: string;
let profiles: string;
let service: CallService;
let call: BrowserCall;
let events: RoomEventEnvelope[];
let bus: RoomEventBus;

beforeEach(async () => {
  server = createServer((_req, res) => res.end('<!doctype html><title>Call</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profiles = await mkdtemp(join(tmpdir(), 'roomctl-call-service-'));
  bus = new RoomEventBus();
  events = [];
  bus.on('event', (e: RoomEventEnvelope) => events.push(e));
  call = new BrowserCall({
    executable: '/usr/bin/chromium',
    extraArgs: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    profileParent: profiles,
  });
  // The meetings as the calendar would give them: one on an allowed company server, one SIP only, one with no link.
  const invites: Record<string, string> = { board: `Join: ${base}/room/board`, codec: 'Video: sip:8001@vc.acme.cn', lunch: 'Bring food' };
  service = new CallService({
    bus,
    call,
    onlineOf: (id) => (id in invites ? onlineMeetingOf({ description: invites[id] }, { allowDomains: ['127.0.0.1'] }) : undefined),
  });
  service.start();
});

afterEach(async () => {
  await service.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(profiles, { recursive: true, force: true });
});

it("joins the meeting's call, and the meeting's end leaves it: the browser is gone, facilities saw every step", async () => {
  await expect(service.join('board')).resolves.toMatchObject({ state: 'in-call', provider: 'web', meetingId: 'board' });
  const pid = call.pid!;
  bus.publish({ type: 'meeting.ended', meetingId: 'board' });
  await expect.poll(() => service.view().state, { timeout: 10_000 }).toBe('ended');
  await expect.poll(() => call.running, { timeout: 10_000 }).toBe(false);
  expect(() => process.kill(pid, 0)).toThrow();
  const calls = events.filter((e) => e.event.type === 'call.changed').map((e) => e.event as { state: string; meetingId: string | null; detail: string | null });
  expect(calls.map((c) => c.state)).toEqual(['joining', 'in-call', 'ended']);
  expect(calls.at(-1)).toMatchObject({ meetingId: 'board', detail: 'the meeting ended' });
});

it('refuses, with a reason, a meeting without an online link, one that is a SIP call, and one that does not exist', async () => {
  await expect(service.join('lunch')).rejects.toMatchObject({ code: 'ROOMCTL_E_MEETING_STATE' });
  await expect(service.join('codec')).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED', message: expect.stringContaining('sip:8001@vc.acme.cn') });
  await expect(service.join('nope')).rejects.toMatchObject({ code: 'ROOMCTL_E_MEETING_NOT_FOUND' });
  expect(call.running).toBe(false);
});

it('a meeting released or cancelled while its call runs takes the call with it', async () => {
  const live = new Set(['board']);
  const guarded = new CallService({
    bus,
    call,
    onlineOf: (id) => onlineMeetingOf({ description: `Join: ${base}/room/${id}` }, { allowDomains: ['127.0.0.1'] }),
    meetingLive: (id) => live.has(id),
  });
  guarded.start();
  try {
    await expect(guarded.join('board')).resolves.toMatchObject({ state: 'in-call' });
    guarded.meetingsChanged();
    expect(call.running).toBe(true);
    live.delete('board');
    guarded.meetingsChanged();
    await expect.poll(() => call.running, { timeout: 10_000 }).toBe(false);
    expect(guarded.view()).toMatchObject({ state: 'ended', detail: 'the meeting is over' });
  } finally {
    await guarded.stop();
  }
});

it('autoJoin: the call opens as its meeting starts; a meeting without a link just starts', async () => {
  const auto = new CallService({
    bus,
    call,
    onlineOf: (id) => (id === 'board' ? onlineMeetingOf({ description: `Join: ${base}/room/board` }, { allowDomains: ['127.0.0.1'] }) : null),
    autoJoin: true,
  });
  auto.start();
  try {
    bus.publish({ type: 'meeting.started', meetingId: 'lunch' });
    expect(call.running).toBe(false);
    bus.publish({ type: 'meeting.started', meetingId: 'board' });
    await expect.poll(() => auto.view().state, { timeout: 15_000 }).toBe('in-call');
    expect(auto.view().meetingId).toBe('board');
  } finally {
    await auto.stop();
  }
});
