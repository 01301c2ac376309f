/**
 * A projector the room could not reach comes back: its lamp hours reach a facilities
 * subscriber with the first watchdog probe of the new link, not with the room's periodic
 * flush of changed metrics (ten minutes here, so only the prompt path can bring them).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startMosquitto, watchWithMosquittoSub, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

const HEALTH = 'roomctl/hq/aurora/devices/display/health';
let broker: RunningMosquitto;
let room: TelemetryRoom;
let projector: RunningPjlinkSimulator | undefined;

beforeAll(async () => {
  broker = await startMosquitto();
  room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 }, displayOff: true, metricsIntervalMs: 10 * 60_000 });
});

afterAll(async () => {
  await projector?.close();
  await room?.close();
  await broker?.close();
});

it('the lamp hours of a projector that comes back reach the subscriber with its first probe, without waiting for the metrics flush', async () => {
  const watch = watchWithMosquittoSub(broker, { topic: HEALTH });
  try {
    await watch.ready;
    const healths = () => watch.lines.map((line) => JSON.parse(line.slice(HEALTH.length + 1)) as { status: string; metrics: Record<string, number> });
    await until(() => healths().some((h) => h.status === 'offline'), 10_000, 'the projector offline at the subscriber');

    projector = await startPjlinkSimulator({ host: '127.0.0.1', port: room.display.endpoint.port, lampHours: 4321, warmupMs: 50 });
    const withLamp = await until(() => healths().find((h) => h.metrics.lampHours !== undefined), 10_000, 'the lamp hours at the subscriber');

    expect(withLamp).toMatchObject({ status: 'ok', metrics: { lampHours: 4321 } });
    // The connect asks the class, the power and the error status; the link's first probe, the
    // lamp (the room mute's own command to the projector aside).
    const questions = projector.display.received.filter((line) => line.endsWith(' ?'));
    expect(questions.slice(0, 4), projector.display.received.join(' | ')).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?', '%1LAMP ?']);
  } finally {
    await watch.stop();
  }
});
