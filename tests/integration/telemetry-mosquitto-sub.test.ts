import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { mosquittoSub, startMosquitto, watchWithMosquittoSub, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

const ROOM_USER = { username: 'room-hq-aurora', password: 'room-secret' };
const WATCHER = { username: 'facilities', password: 'watch-secret' };
const BASE = 'roomctl/hq/aurora';

/** What a facilities person sees with a plain `mosquitto_sub` while a display dies and comes back. */
describe('telemetry as mosquitto_sub sees it (MQTT 5, username/password)', () => {
  let broker: RunningMosquitto;
  let room: TelemetryRoom;

  beforeAll(async () => {
    broker = await startMosquitto({ users: [ROOM_USER, WATCHER] });
    room = await startTelemetryRoom({ mqtt: { url: broker.url, ...ROOM_USER, protocolVersion: 5 } });
  });
  afterAll(async () => {
    await room?.close();
    await broker?.close();
  });

  it('keeps a retained online status and a retained health per device', async () => {
    const retained = await until(
      async () => {
        const lines = await mosquittoSub(broker, { topic: `${BASE}/#`, retainedOnly: true, timeoutS: 1, user: WATCHER });
        const ok = lines.some((l) => l.startsWith(`${BASE}/devices/display/health `) && l.includes('"status":"ok"'));
        return ok && lines.some((l) => l.startsWith(`${BASE}/state `)) ? lines : undefined;
      },
      8000,
      'the retained ok health of the display',
    );
    expect(retained).toContain(`${BASE}/status online`);
    const health = JSON.parse(
      retained
        .find((l) => l.startsWith(`${BASE}/devices/display/health `))!
        .split(' ')
        .slice(1)
        .join(' '),
    );
    expect(health).toMatchObject({ status: 'ok', detail: null, metrics: expect.any(Object) });
    expect(Date.parse(health.since)).not.toBeNaN();
    const state = retained.find((l) => l.startsWith(`${BASE}/state `));
    expect(state, 'retained room state').toBeDefined();
    expect(JSON.parse(state!.slice(`${BASE}/state `.length))).toMatchObject({ room: { id: 'aurora', site: 'hq' } });
  });

  it('refuses a subscriber without credentials', async () => {
    await expect(mosquittoSub(broker, { topic: `${BASE}/#`, retainedOnly: true, timeoutS: 1 })).rejects.toThrow(/not authori[sz]ed|Connection Refused/i);
  });

  it('raises a fault when the display socket closes and clears it with the same id when it is back', async () => {
    const watch = watchWithMosquittoSub(broker, { topic: [`${BASE}/events`, `${BASE}/devices/display/health`], user: WATCHER });
    try {
      await watch.ready;
      const port = room.display.endpoint.port;
      await room.display.close();
      const raised = await until(() => watch.lines.map(parse).find((m) => m.topic.endsWith('/events') && m.body.type === 'fault.raised'), 8000, 'fault.raised');
      expect(raised.body).toMatchObject({ deviceId: 'display', faultId: expect.any(String), id: expect.any(String), at: expect.any(String) });
      await until(() => watch.lines.map(parse).some((m) => m.topic.endsWith('/health') && m.body.status === 'offline'), 5000, 'offline health');

      const again = await startPjlinkSimulator({ host: '127.0.0.1', port, warmupMs: 50 });
      try {
        const cleared = await until(() => watch.lines.map(parse).find((m) => m.body.type === 'fault.cleared'), 8000, 'fault.cleared');
        expect(cleared.body.faultId).toBe(raised.body.faultId);
        expect(cleared.body.id).not.toBe(raised.body.id);
      } finally {
        await again.close();
      }
    } finally {
      await watch.stop();
    }
  });
});

function parse(line: string): { topic: string; body: Record<string, unknown> } {
  const space = line.indexOf(' ');
  const topic = line.slice(0, space);
  try {
    return { topic, body: JSON.parse(line.slice(space + 1)) as Record<string, unknown> };
  } catch {
    return { topic, body: {} };
  }
}
