/**
 * The fleet dashboard's stream under a burst of events (an instance's backlog after a restart,
 * a room that was offline for a day): every event goes out, in messages of at most 200, up to
 * the bound of 5,000 pending between two pushes; beyond it the newest 5,000 are kept.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FleetStreamMessage } from '../../fleet/fleet-api-types.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';

let broker: RunningMosquitto;
let fleet: Awaited<ReturnType<typeof startTestFleet>>;

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'burst-fleet' } });
});

afterAll(async () => {
  await fleet?.close();
  await broker?.close();
});

async function burst(count: number): Promise<{ ids: string[]; messages: Array<{ events: string[] }> }> {
  const messages: Array<{ events: string[] }> = [];
  const socket = new WebSocket(`${fleet.url.replace('http', 'ws')}/api/fleet/stream?token=${FLEET_TOKEN}`);
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as FleetStreamMessage;
    if (m.type === 'events') messages.push({ events: m.events.map((e) => e.id) });
  });
  await new Promise((r) => socket.once('open', r));
  const ids: string[] = [];
  // One ingest batch: every event lands between two pushes.
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    fleet.ingest.push(
      'roomctl/hq/burst/events',
      Buffer.from(JSON.stringify({ id, at: new Date().toISOString(), type: 'feedback', meetingId: 'm-1', rating: 4 })),
    );
  }
  await fleet.ingest.flush();
  const expected = Math.min(count, 5_000);
  await until(() => messages.reduce((n, m) => n + m.events.length, 0) >= expected, 15_000, `${expected} events on the stream`, 50);
  await new Promise((r) => setTimeout(r, 300));
  socket.close();
  return { ids, messages };
}

it('sends a burst of 1,200 events whole, in messages of at most 200', async () => {
  const { ids, messages } = await burst(1_200);
  expect(messages.flatMap((m) => m.events)).toEqual(ids);
  expect(messages.every((m) => m.events.length <= 200)).toBe(true);
});

it('keeps the newest of a burst of 5,300: at least 5,000, nothing missing in between', async () => {
  // The ingest commits 5,000 and then 300: they meet in one push window, or the 300 come in the next.
  const { ids, messages } = await burst(5_300);
  const received = messages.flatMap((m) => m.events);
  expect(received.length).toBeGreaterThanOrEqual(5_000);
  expect(received).toEqual(ids.slice(-received.length));
  expect(messages.every((m) => m.events.length <= 200)).toBe(true);
});
