import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StatusView, StreamMessage } from '../../appliance/api/api-types.js';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import { createLogger } from '../../appliance/logger.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { until } from '../helpers/until.js';
import { fill, smallDisk } from '../helpers/small-disk.js';

const TOKEN = 'disk-full-test-token-0123456789';
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

const small = await smallDisk();
if (small) cleanups.push(() => small.close());
const disk = small?.dir;

/**
 * The data folder fills up in the middle of a meeting. The room keeps running it: the
 * meeting stays on, the camera moves, a camera unplugged and replugged comes back. What
 * cannot be saved is refused with ROOMCTL_E_STORAGE (507), never a 500, and /status and the
 * panels' stream say storage is full. Once space is freed, saving works again by itself.
 */
it.skipIf(!disk)(
  'a full disk mid-meeting: the meeting goes on, writes are refused with ROOMCTL_E_STORAGE and the status says so',
  async () => {
    const pty = await createPtyPair();
    cleanups.push(() => pty.close());
    const camera = await startViscaSerialSimulator({ path: pty.simulatorPath });
    cleanups.push(() => camera.close());
    const display = await startPjlinkSimulator({ port: 0, warmupMs: 10 });
    cleanups.push(() => display.close());
    const appliance: Appliance = await startAppliance(
      {
        room: { id: 'attic', name: 'Attic', site: 'hq', timezone: 'UTC' },
        api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
        storage: { dir: join(disk!, 'data') },
        log: { level: 'silent' },
        devices: [
          { id: 'cam', driver: 'visca-serial', port: pty.devicePath, baudRate: 9600 },
          { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port },
        ],
      },
      { log: createLogger({ level: 'silent', pretty: false }), probeIntervalMs: 500 },
    );
    cleanups.push(() => appliance.close());
    const statuses: number[] = [];
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${appliance.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      statuses.push(res.status);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const stream: StreamMessage[] = [];
    const socket = new WebSocket(`${appliance.url.replace('http', 'ws')}/api/v1/stream?token=${TOKEN}`);
    socket.on('message', (data) => stream.push(JSON.parse(String(data)) as StreamMessage));
    cleanups.push(async () => socket.close());
    await until(
      async () => (await call('GET', '/api/v1/devices')).status === 200 && appliance.core.devices.list().every((d) => d.status === 'ok'),
      8000,
      'both devices ok',
    );

    const booked = await call('POST', '/api/v1/bookings', { minutes: 60, title: 'Budget' });
    const id = String(booked.body.id);
    expect((await call('POST', `/api/v1/meetings/${id}/checkins`, { name: 'Ann', walkIn: true })).status).toBe(200);
    expect((await call('POST', `/api/v1/meetings/${id}/start`)).status).toBe(200);

    fill(disk!);
    // SQLite still has room in its write-ahead log for a while; write until the disk says no.
    let refused: { status: number; body: Record<string, unknown> } | undefined;
    for (let i = 0; i < 800 && !refused; i++) {
      const note = await call('POST', `/api/v1/meetings/${id}/notes`, { text: `${i} ${'minutes '.repeat(500)}` });
      if (note.status >= 300) refused = note;
    }
    expect(refused?.status).toBe(507);
    expect(refused?.body.code).toBe('ROOMCTL_E_STORAGE');
    expect(String(refused?.body.message)).toMatch(/full/);

    // It says what it cannot do: /status and every panel's stream.
    const status = (await call('GET', '/api/v1/status')).body as unknown as StatusView;
    expect(status.storage?.state).toBe('full');
    expect(status.roomState).toBe('in_meeting');
    await until(() => stream.some((m) => m.type === 'status' && m.status.storage?.state === 'full'), 3000, 'the panels to hear storage is full');

    // And keeps running the meeting: the room, the camera, a replugged camera, a refused check-in with a code.
    const now = (await call('GET', '/api/v1/room/now')).body as { state?: string };
    expect(now.state).toBe('in_meeting');
    const framesBefore = camera.received.length;
    expect((await call('POST', '/api/v1/devices/cam/actions/preset.recall', { preset: 2 })).status).toBe(200);
    expect(camera.received.length).toBeGreaterThan(framesBefore);
    await pty.unplug();
    await until(() => appliance.core.devices.get('cam')?.status === 'offline', 3000, 'the camera offline');
    await pty.replug();
    await until(() => appliance.core.devices.get('cam')?.status === 'ok', 5000, 'the camera back although its status history cannot be saved');
    const checkIn = await call('POST', `/api/v1/meetings/${id}/checkins`, { name: 'Bo', walkIn: true });
    expect([200, 507]).toContain(checkIn.status);
    if (checkIn.status === 507) expect(checkIn.body.code).toBe('ROOMCTL_E_STORAGE');

    // Space freed: the room notices on its own and saves again.
    await rm(join(disk!, 'filler'), { recursive: true, force: true });
    await until(async () => ((await call('GET', '/api/v1/status')).body as unknown as StatusView).storage?.state !== 'full', 12_000, 'storage no longer full');
    expect((await call('POST', `/api/v1/meetings/${id}/notes`, { text: 'after the clean-up' })).status).toBe(201);
    expect(statuses).not.toContain(500);
    expect(await readdir(join(disk!, 'data'))).toContain('roomctl.sqlite');
  },
  60_000,
);
