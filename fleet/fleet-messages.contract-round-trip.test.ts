import { describe, expect, it } from 'vitest';
import { canonicalJson, signCommand } from '../contract/command-signing.js';
import { ACK_HELP, type CommandResponse } from '../contract/commands.js';
import type { RoomEventMessage } from '../contract/events.js';
import { readers } from '../contract/readers.js';
import { roomMessages } from '../contract/room-messages.js';
import { parseFleetMessage } from './fleet-messages.js';

/** What the room sends, built with the room's builders, read back with the fleet's parser: nothing lost on the way. */
const room = roomMessages('hq', 'aurora');
const AT = '2026-03-02T09:00:00.000Z';
const read = (m: { topic: string; payload: string }) => parseFleetMessage(m.topic, Buffer.from(m.payload));

describe("the contract, from the room's builders to the fleet's parser", () => {
  it('status: online, and offline (the last will)', () => {
    expect(read(room.online('online'))).toEqual({ kind: 'status', site: 'hq', room: 'aurora', online: 'online' });
    expect(read(room.online('offline'))).toEqual({ kind: 'status', site: 'hq', room: 'aurora', online: 'offline' });
  });

  it("state: the room's status view, with the time it was published", () => {
    const state = { room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' }, roomState: 'idle', devices: { ok: 1, total: 1 }, version: '0.1.0' };
    expect(read(room.state(state, AT))).toEqual({ kind: 'state', site: 'hq', room: 'aurora', state: { ...state, at: AT } });
  });

  it('device health: a coded error arrives as {code, message}, with the code also alone for fleets of the last release', () => {
    const sent = room.health(
      'display',
      {
        status: 'auth-failed',
        since: AT,
        detail: 'Wrong password — fix it in secrets.yaml',
        error: { code: 'ROOMCTL_E_DEVICE_AUTH', message: 'Wrong password' },
        metrics: { replyMs: 12.5 },
      },
      AT,
    );
    expect(sent.topic).toBe('roomctl/hq/aurora/devices/display/health');
    expect(JSON.parse(sent.payload)).toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH' });
    expect(read(sent)).toEqual({
      kind: 'health',
      site: 'hq',
      room: 'aurora',
      deviceId: 'display',
      health: {
        status: 'auth-failed',
        since: AT,
        detail: 'Wrong password — fix it in secrets.yaml',
        code: 'ROOMCTL_E_DEVICE_AUTH',
        error: { code: 'ROOMCTL_E_DEVICE_AUTH', message: 'Wrong password' },
        metrics: { replyMs: 12.5 },
        signal: null,
        at: Date.parse(AT),
      },
    });
  });

  it("device health carries the device's signal, and a room that sends none reads as none", () => {
    const signal = { value: 24.8, unit: 'fps' };
    expect(read(room.health('media-video', { status: 'ok', since: AT, detail: null, metrics: { analysedFps: 24.8 }, signal }, AT))).toMatchObject({
      health: { status: 'ok', metrics: { analysedFps: 24.8 }, signal },
    });
    expect(read(room.health('display', { status: 'ok', since: AT, detail: null, metrics: {} }, AT))).toMatchObject({ health: { signal: null } });
    // A signal that is not one (no number, no unit) is refused with the contract's code, not stored half.
    const bad = { topic: 'roomctl/hq/aurora/devices/media-video/health', payload: JSON.stringify({ status: 'ok', signal: { value: 'x', unit: '' } }) };
    expect(read(bad)).toMatchObject({ code: 'ROOMCTL_E_MQTT_PAYLOAD' });
  });

  it('device health that is ok carries no error', () => {
    expect(read(room.health('display', { status: 'ok', since: AT, detail: null, metrics: {} }, AT))).toMatchObject({
      health: { status: 'ok', code: null, error: null },
    });
  });

  it('device health from a room of the previous release (code and detail, no error) is still read, for one release', () => {
    const old = {
      status: 'offline',
      since: AT,
      detail: 'connect ECONNREFUSED — check its address and network',
      code: 'ROOMCTL_E_CONNECT_FAILED',
      metrics: {},
      at: AT,
    };
    expect(parseFleetMessage('roomctl/hq/aurora/devices/display/health', Buffer.from(JSON.stringify(old)))).toMatchObject({
      health: { status: 'offline', code: 'ROOMCTL_E_CONNECT_FAILED', error: { code: 'ROOMCTL_E_CONNECT_FAILED', message: old.detail } },
    });
  });

  it('events: every kind the room sends comes through flat, with its id, time and device', () => {
    const events: RoomEventMessage[] = [
      { id: 'e1', at: AT, type: 'fault.raised', faultId: 'f1', deviceId: 'display', detail: 'offline' },
      { id: 'e2', at: AT, type: 'fault.cleared', faultId: 'f1', deviceId: 'display' },
      { id: 'e3', at: AT, type: 'help.requested', requestId: 'h1', message: 'no picture' },
      { id: 'e4', at: AT, type: 'help.acknowledged', requestId: 'h1', by: 'sam' },
      { id: 'e5', at: AT, type: 'problem.reported', reportId: 'p1', categories: ['display'], deviceHealth: {} },
      // e6 from a room of an earlier release, which does not say where a rating came from; e14, e15 say it.
      { id: 'e6', at: AT, type: 'feedback', meetingId: 'm1', rating: 4 },
      { id: 'e14', at: AT, type: 'feedback', meetingId: 'm1', rating: 2, via: 'phone' },
      { id: 'e15', at: AT, type: 'problem.reported', reportId: 'p2', categories: ['audio'], rating: 2, meetingId: 'm1', deviceHealth: {}, via: 'panel' },
      { id: 'e7', at: AT, type: 'selftest.result', reportId: 's1', passed: true, results: [] },
      { id: 'e8', at: AT, type: 'meeting.started', meetingId: 'm1', confidential: true },
      { id: 'e9', at: AT, type: 'meeting.ended', meetingId: 'm1' },
      { id: 'e10', at: AT, type: 'room.figures', day: '2026-03-01', figures: { meetings: 3 } },
      { id: 'e11', at: AT, type: 'call.changed', state: 'in-call', provider: 'jitsi', meetingId: 'm1', detail: null },
      { id: 'e12', at: AT, type: 'link.refused', invitationId: 'i1', from: 'sz/lotus', code: 'ROOMCTL_E_LINK_REFUSED', reason: 'not in acceptFrom' },
      // A failed self-test check's fault with why it failed (e1 is the same fault from a room of an earlier release, without it).
      {
        id: 'e13',
        at: AT,
        type: 'fault.raised',
        faultId: 'selftest-r1-display-reachable',
        deviceId: 'display',
        detail: 'Self-test failed: display reachable (offline: refused)',
        code: 'ROOMCTL_E_SELFTEST_UNREACHABLE',
        selfTest: { status: 'offline', said: 'refused', waitedMs: 5000, heard: { aboveDb: -57, withinMs: 2000, peakDb: null } },
      },
    ];
    for (const e of events) {
      const { id, at, type, ...rest } = e;
      expect(read(room.event(e))).toEqual({
        kind: 'event',
        site: 'hq',
        room: 'aurora',
        event: { id, at, type, deviceId: 'deviceId' in rest ? rest.deviceId : null, body: e },
      });
    }
  });

  it('commands: a signed command and both kinds of answer read back as they were sent; ack-help carries its result', () => {
    const command = signCommand(
      room.topics.command(ACK_HELP),
      { id: 'central', secret: 's' },
      { ts: 1, nonce: 'n', params: { requestId: 'h1', by: 'sam' }, replyTo: room.topics.reply('fleet-1'), correlationId: 'h1' },
    );
    expect(readers.command.read(JSON.stringify(command))).toEqual({ ok: true, value: command });
    expect(canonicalJson(command.params)).toBe('{"by":"sam","requestId":"h1"}');
    const answers: CommandResponse[] = [
      { ok: true, command: ACK_HELP, correlationId: 'h1', result: { acknowledgedAt: AT } },
      { ok: false, command: ACK_HELP, correlationId: 'h1', error: { code: 'ROOMCTL_E_NOT_FOUND', message: 'no such call', hint: 'h' } },
    ];
    for (const answer of answers) expect(readers.commandResponse.read(JSON.stringify(answer))).toEqual({ ok: true, value: answer });
    expect(readers.ackHelpResult.check({ acknowledgedAt: AT })).toEqual({ ok: true, value: { acknowledgedAt: AT } });
    expect(parseFleetMessage(room.topics.command(ACK_HELP), Buffer.from(JSON.stringify(command)))).toBeNull();
  });
});
