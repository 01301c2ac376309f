import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';
import { startRoomProcess, type RoomProcess } from './crashable-room.js';
import { repetitions, timeoutFor } from './fault-scale.js';

const KILLS = repetitions(50, 5);
const TOKEN = 'kill-nine-test-token-0123456789';
const WRITERS = 4;

type Kind = 'checkin' | 'note' | 'action' | 'help';
const KINDS: Kind[] = ['checkin', 'note', 'action', 'help'];

let dir: string | undefined;
let room: RoomProcess | undefined;
afterAll(async () => {
  await room?.kill9();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function post(url: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** What each kind of write leaves in the database, found by its unique text. */
const PRESENT: Record<Kind, string> = {
  checkin: 'SELECT count(*) FROM checkins WHERE name = ?',
  note: "SELECT count(*) FROM minutes_entries WHERE kind = 'note' AND text = ?",
  action: 'SELECT count(*) FROM action_items WHERE text = ?',
  // A help request lives in the telemetry outbox until the broker takes it (there is none here).
  help: "SELECT count(*) FROM telemetry_outbox WHERE CAST(payload AS TEXT) LIKE '%' || ? || '%'",
};

/**
 * The appliance is killed with SIGKILL while four clients check people in, write minutes,
 * add action items and ask for help (outbox writes), over and over. After every kill the
 * database passes `PRAGMA integrity_check` and holds every write the API acknowledged with
 * a 2xx — then the room starts again on the same data and the clients carry on.
 */
it(
  `kill -9 during check-ins, minutes edits and outbox writes, ${KILLS} times: every acknowledged write survives`,
  async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomctl-kill9-'));
    const dataDir = join(dir, 'data');
    const configPath = join(dir, 'room.json');
    // MQTT points at a port nobody listens on: telemetry stores and forwards, so the outbox fills.
    const config = {
      room: { id: 'kiln', name: 'Kiln', site: 'hq', timezone: 'UTC' },
      api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
      storage: { dir: dataDir },
      mqtt: { url: `mqtt://127.0.0.1:${await freePort()}`, protocolVersion: 5 },
      log: { level: 'info' },
      devices: [],
    };
    await writeFile(configPath, JSON.stringify(config));

    room = await startRoomProcess(configPath);
    const booking = await fetch(`${room.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ minutes: 480, title: 'Crash course' }),
    });
    expect(booking.status).toBe(201);
    const meetingId = ((await booking.json()) as { id: string }).id;

    const acked = new Map<Kind, string[]>(KINDS.map((k) => [k, []]));
    let sequence = 0;
    const write = async (url: string, kind: Kind): Promise<void> => {
      const key = `${kind}-${sequence++}`;
      const status =
        kind === 'checkin'
          ? await post(url, `/api/v1/meetings/${meetingId}/checkins`, { name: key, walkIn: true })
          : kind === 'note'
            ? await post(url, `/api/v1/meetings/${meetingId}/notes`, { text: key })
            : kind === 'action'
              ? await post(url, `/api/v1/meetings/${meetingId}/action-items`, { text: key, owner: 'Ops' })
              : await post(url, '/api/v1/help', { message: key });
      if (status >= 200 && status < 300) acked.get(kind)!.push(key);
      else throw new Error(`${kind} answered ${status}`);
    };

    for (let kill = 0; kill < KILLS; kill++) {
      const url = room.url;
      let writing = true;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = w; writing; i++) {
          // Requests cut by the kill fail; they were never acknowledged, so nothing is owed.
          const ok = await write(url, KINDS[i % KINDS.length]!).then(
            () => true,
            () => false,
          );
          if (!ok) return;
        }
      });
      // Kill at a random moment while writes of every kind flow: wait until each kind has one acknowledged in this
      // round (however slowly a loaded machine answers), so every round exercises every kind of write.
      const before = new Map(KINDS.map((k) => [k, acked.get(k)!.length]));
      await until(() => KINDS.every((k) => acked.get(k)!.length > before.get(k)!), 30_000, `writes of every kind to flow before kill ${kill}`, 5);
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      await room.kill9();
      writing = false;
      await Promise.all(writers);

      const db = new Database(join(dataDir, 'roomctl.sqlite'));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `integrity after kill ${kill}`).toBe('ok');
        for (const kind of KINDS) {
          const present = db.prepare(PRESENT[kind]).pluck();
          const missing = acked.get(kind)!.filter((key) => (present.get(key) as number) === 0);
          expect(missing, `acknowledged ${kind} writes missing after kill ${kill}`).toEqual([]);
        }
      } finally {
        db.close();
      }
      room = await startRoomProcess(configPath);
    }
    const now = await fetch(`${room.url}/api/v1/meetings/${meetingId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(now.status).toBe(200);
  },
  // Per round: a start (the helper allows 30 s) and the writes of every kind (30 s) on a loaded machine.
  timeoutFor(KILLS, 60_000),
);
