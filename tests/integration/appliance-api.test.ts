import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DeviceView, StatusView, StreamMessage } from '../../appliance/api/api-types.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('appliance API against the demo room on real PTYs and sockets', () => {
  let room: TestRoom;
  const post = (path: string, body: unknown, token: string | null = room.token) =>
    fetch(`${room.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    room = await startTestRoom();
    await waitFor(
      async () => {
        const devices = (await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as DeviceView[];
        return devices.every((d) => d.status === 'ok');
      },
      20_000,
      'every device ok',
    );
  });
  afterAll(() => room?.close());

  it('reports the room, its state and a device summary', async () => {
    const status = (await (await fetch(`${room.baseUrl}/api/v1/status`)).json()) as StatusView;
    expect(status.room).toMatchObject({ id: 'demo', site: 'lab' });
    expect(status.roomState).toBe('idle');
    // The demo room grows as drivers arrive (cameras, AV): every device it has is ok.
    expect(status.devices).toMatchObject({ ok: status.devices.total, offline: 0 });
    expect(status.devices.total).toBeGreaterThanOrEqual(2);
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists each device with its driver, kind, status and action schemas', async () => {
    const devices = (await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as DeviceView[];
    const camera = devices.find((d) => d.id === 'cam-front')!;
    expect(camera).toMatchObject({ driver: 'visca-serial', kind: 'camera', status: 'ok' });
    const recall = camera.actions.find((a) => a.name === 'preset.recall')!;
    expect(recall.params).toMatchObject({ type: 'object', properties: { preset: { type: 'integer', minimum: 0 } } });
    expect(devices.find((d) => d.id === 'display')).toMatchObject({ driver: 'pjlink', kind: 'display' });
  });

  it('runs a preset recall: the camera receives 81 01 04 3F 02 pp FF', async () => {
    const before = room.camera.received.length;
    const res = await post('/api/v1/devices/cam-front/actions/preset.recall', { preset: 3 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(room.camera.received.slice(before).map(hex)).toContain('8101043f0203ff');
  });

  it('refuses a mutation without a token, or with a wrong one, with a coded error', async () => {
    const none = await post('/api/v1/devices/cam-front/actions/home', {}, null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'ROOMCTL_E_UNAUTHORIZED' });
    const wrong = await post('/api/v1/devices/cam-front/actions/home', {}, 'not-the-token-at-all');
    expect(wrong.status).toBe(401);
  });

  it('refuses a body that fails the action schema, saying what is allowed', async () => {
    const res = await post('/api/v1/devices/cam-front/actions/preset.recall', { preset: 999 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: { issues: { path: string; allowed?: string }[] } };
    expect(body.code).toBe('ROOMCTL_E_ACTION_PARAMS');
    expect(body.details.issues[0]).toMatchObject({ path: 'body.preset' });
    // The demo camera names no model: the generic VISCA preset range, 0..127 (not every camera stores 255).
    expect(body.details.issues[0]!.allowed).toMatch(/0\.\.127/);
    const extra = await post('/api/v1/devices/cam-front/actions/home', { speed: 3 });
    expect(extra.status).toBe(400);
  });

  it('answers unknown devices, actions and routes with coded 404s', async () => {
    expect(await (await post('/api/v1/devices/nope/actions/home', {})).json()).toMatchObject({ code: 'ROOMCTL_E_DEVICE_NOT_FOUND' });
    const action = await post('/api/v1/devices/cam-front/actions/fly', {});
    expect(action.status).toBe(404);
    expect(await action.json()).toMatchObject({ code: 'ROOMCTL_E_ACTION_NOT_FOUND' });
    const route = await fetch(`${room.baseUrl}/api/v1/nothing-here`);
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ code: 'ROOMCTL_E_NOT_FOUND' });
  });

  it('refuses malformed JSON with a coded 400', async () => {
    const res = await fetch(`${room.baseUrl}/api/v1/devices/cam-front/actions/home`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
      body: '{"preset":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'ROOMCTL_E_BAD_REQUEST' });
  });

  it('publishes OpenAPI with every route, and browsable docs', async () => {
    const doc = (await (await fetch(`${room.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/status', '/api/v1/devices', '/api/v1/devices/{id}/actions/{action}', '/api/v1/stream']),
    );
    expect(doc.paths['/api/v1/devices/{id}/actions/{action}']!.post!.security).toEqual([{ bearer: [] }]);
    const docs = await fetch(`${room.baseUrl}/docs`);
    expect(docs.status).toBe(200);
  });

  it('streams a snapshot on connect and each device change after', async () => {
    const socket = new WebSocket(`${room.baseUrl.replace('http', 'ws')}/api/v1/stream?token=${room.token}`);
    const messages: StreamMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as StreamMessage));
    await waitFor(() => messages.some((m) => m.type === 'snapshot'), 3000, 'snapshot');
    const snapshot = messages.find((m) => m.type === 'snapshot')!;
    expect(snapshot.type === 'snapshot' && snapshot.devices.map((d) => d.id).sort()).toEqual(expect.arrayContaining(['cam-front', 'display']));
    await post('/api/v1/devices/cam-front/actions/preset.recall', { preset: 7 });
    await waitFor(
      () => messages.some((m) => m.type === 'device' && m.device.id === 'cam-front' && m.device.state.lastPreset === 7),
      3000,
      'a device message with lastPreset 7',
    );
    socket.close();
  });

  it('streams a help call and its acknowledgement as they happen', async () => {
    const socket = new WebSocket(`${room.baseUrl.replace('http', 'ws')}/api/v1/stream?token=${room.token}`);
    const messages: StreamMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as StreamMessage));
    await waitFor(() => messages.some((m) => m.type === 'snapshot'), 3000, 'snapshot');
    const call = (await (await post('/api/v1/help', { message: 'Display' })).json()) as { id: string };
    await waitFor(
      () => messages.some((m) => m.type === 'help' && m.request.id === call.id && m.request.acknowledgedAt === null),
      3000,
      'the call on the stream',
    );
    await room.demo.appliance.commands.run('ack-help', { requestId: call.id, by: 'facilities' }, { keyId: 'test' });
    const seen = await waitFor(
      () => messages.find((m) => m.type === 'help' && m.request.acknowledgedBy === 'facilities'),
      3000,
      'the acknowledgement on the stream',
    );
    expect(seen.type === 'help' && seen.request).toMatchObject({ id: call.id, message: 'Display' });
    socket.close();
  });
});
