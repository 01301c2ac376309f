import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import { createLogger } from '../../appliance/logger.js';
import { ManualClock } from '../../appliance/model/manual-clock.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { until } from '../helpers/until.js';
import { FULL, openFds } from './fault-scale.js';

const TOKEN = 'soak-test-token-0123456789abcdef';
const HOUR = 3_600_000;
/** Requests per simulated hour besides the meeting itself (reads, camera moves, panel reconnects). */
const TRAFFIC = FULL ? 60 : 12;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * A day of a busy room compressed into seconds: the meetings run on a ManualClock (bookings,
 * check-ins, minutes, auto-release of no-shows, warnings, the daily jobs), while the API,
 * the panels' stream and the devices are used the whole time. From hour 2 (warmed up) to
 * hour 24 the heap after a full GC, the open descriptors and the active handles stay flat.
 */
it('a compressed 24-hour day: memory and handle counts stay flat', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-soak-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const pty = await createPtyPair();
  cleanups.push(() => pty.close());
  const camera = await startViscaSerialSimulator({ path: pty.simulatorPath, camera: { panTiltUnitsPerSecond: 1e6, lensUnitsPerSecond: 1e6 } });
  cleanups.push(() => camera.close());
  // Devices that do not make the day wait: real-time warm-up and motion cannot be compressed.
  const display = await startPjlinkSimulator({ port: 0, warmupMs: 10, cooldownMs: 10 });
  cleanups.push(() => display.close());
  const clock = new ManualClock('2026-03-02T00:00:00Z');
  const appliance: Appliance = await startAppliance(
    {
      room: { id: 'soak', name: 'Soak', site: 'lab', timezone: 'UTC' },
      api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
      storage: { dir: join(dir, 'data') },
      log: { level: 'silent' },
      devices: [
        { id: 'cam', driver: 'visca-serial', port: pty.devicePath, baudRate: 9600 },
        { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port },
      ],
    },
    { log: createLogger({ level: 'silent', pretty: false }), clock },
  );
  cleanups.push(() => appliance.close());
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${appliance.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const advance = async (ms: number) => {
    for (let done = 0; done < ms; done += 5 * 60_000) await clock.advance(Math.min(5 * 60_000, ms - done));
  };
  const panel = (messages: { n: number }) => {
    const ws = new WebSocket(`${appliance.url.replace('http', 'ws')}/api/v1/stream?token=${TOKEN}`);
    ws.on('message', () => messages.n++);
    return ws;
  };
  const steady = { n: 0 };
  const steadyPanel = panel(steady);
  cleanups.push(async () => steadyPanel.close());
  await until(() => appliance.core.devices.list().every((d) => d.status === 'ok'), 8000, 'devices ok');
  await call('POST', '/api/v1/devices/cam/actions/power', { on: true });

  const samples: { hour: number; heap: number; fds: number; handles: number; timers: number }[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const busy = hour >= 8 && hour < 18;
    // Office hours: a meeting each hour, run properly; every third one is a no-show the room releases.
    if (busy) {
      const m = await call('POST', '/api/v1/bookings', { minutes: 45, title: `Meeting ${hour}` });
      const id = String(m.id);
      if (hour % 3 !== 0) {
        await call('POST', `/api/v1/meetings/${id}/checkins`, { name: `Ann ${hour}`, walkIn: true });
        await call('POST', `/api/v1/meetings/${id}/start`);
        await call('PUT', `/api/v1/meetings/${id}/agenda`, {
          items: [
            { title: 'Status', minutes: 10 },
            { title: 'Risks', minutes: 20 },
          ],
        });
        await call('POST', `/api/v1/meetings/${id}/notes`, { text: `notes of hour ${hour}` });
        await call('POST', `/api/v1/meetings/${id}/action-items`, { text: `follow up ${hour}`, owner: 'Bo' });
      }
    }
    // Traffic all day: panels reading, a panel reconnecting, the camera moving.
    for (let i = 0; i < TRAFFIC; i++) {
      await call('GET', '/api/v1/room/now');
      // The room's end-of-meeting scene may put the camera in standby at any moment, and a
      // loaded machine may miss a watchdog probe: coded refusals (409, 503, 504) are fine answers here.
      if (i % 4 === 0) {
        const deviceAnswer = (err: Error) => {
          if (!/answered (409|503|504): .*ROOMCTL_E_(DEVICE_REJECTED|DEVICE_OFFLINE|DEVICE_TIMEOUT)/.test(err.message)) throw err;
        };
        await call('POST', '/api/v1/devices/cam/actions/power', { on: true }).catch(deviceAnswer);
        await call('POST', '/api/v1/devices/cam/actions/preset.recall', { preset: 1 + (i % 8) }).catch(deviceAnswer);
      }
      if (i % 6 === 0) {
        const churn = { n: 0 };
        const ws = panel(churn);
        await until(() => churn.n > 0, 3000, 'a reconnecting panel to get its snapshot');
        ws.close();
      }
    }
    // Scenes and self-tests talk to the devices in real time; they run on while the clock moves.
    await advance(HOUR);
    if (hour >= 2 && hour % 2 === 0) {
      await new Promise((r) => setTimeout(r, 50)); // closed sockets finish closing
      samples.push({ hour, heap: settledHeap(), fds: openFds(), handles: process.getActiveResourcesInfo().length, timers: clock.pending });
    }
  }
  await appliance.core.meetings!.settle();
  await new Promise((r) => setTimeout(r, 50));
  samples.push({ hour: 24, heap: settledHeap(), fds: openFds(), handles: process.getActiveResourcesInfo().length, timers: clock.pending });

  const first = samples[0]!;
  const last = samples.at(-1)!;
  const report = samples.map((s) => `h${s.hour}: ${(s.heap / 2 ** 20).toFixed(1)} MiB, ${s.fds} fds, ${s.handles} handles, ${s.timers} room timers`).join('\n');
  // The day really happened: meetings ended on their own, no-shows were released, panels heard it all.
  const meetings = (await call('GET', `/api/v1/meetings?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z`)) as unknown as Array<{ status: string }>;
  expect(meetings.filter((m) => m.status === 'ended').length, report).toBeGreaterThanOrEqual(6);
  expect(meetings.filter((m) => m.status === 'released').length).toBeGreaterThanOrEqual(3);
  expect(steady.n).toBeGreaterThan(24);
  // Flat: under 4 MiB of heap growth over 22 hours (one meeting's worth of garbage is far less), no handle drift.
  expect(last.heap - first.heap, report).toBeLessThan(4 * 2 ** 20);
  expect(last.fds - first.fds, report).toBeLessThanOrEqual(2);
  expect(last.handles - first.handles, report).toBeLessThanOrEqual(2);
  // The meetings' own timers (reminders, windows, warnings) are cleared when their meeting is done.
  expect(last.timers - first.timers, report).toBeLessThanOrEqual(2);
}, 120_000);
