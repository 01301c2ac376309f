/**
 * fleet-size: how much database a room costs per month. A month of a busy room's traffic
 * (8 devices reporting health every 30 s — one row each, updated in place — and about 55
 * events a day: meetings started and ended, feedback, occupancy, faults raised and cleared,
 * a help call) goes into each backend through the fleet store, then the tables are measured
 * (SQLite: dbstat pages; PostgreSQL: pg_total_relation_size, indexes included). Then the
 * retention runs as if the month were past its days, and the roll-ups that replace it are
 * measured too. Device samples (reply time, lamp hours, signal: one per device per 5 minutes
 * at most, thinned to one an hour once a day old) are measured over one room's day, through
 * the sampler, and counted for a month.
 */
import { SqliteFleetSql } from '../../fleet/fleet-sql-sqlite.js';
import type { FleetSql } from '../../fleet/fleet-sql.js';
import { DeviceSampler } from '../../fleet/device-sampler.js';
import { parseFleetMessage, type FleetMessage } from '../../fleet/fleet-messages.js';
import { pruneFleetHistory } from '../../fleet/fleet-retention.js';
import { FleetStore } from '../../fleet/fleet-store.js';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase } from '../helpers/fleet-databases.js';
import type { Benchmark } from './bench-types.js';
import { round } from './stats.js';

const DAY = 86_400_000;
const DAYS = 30;
const TABLES = ['fleet_rooms', 'fleet_devices', 'fleet_events', 'fleet_issues', 'fleet_event_rollups'];

function msg(topic: string, body: unknown): FleetMessage {
  const parsed = parseFleetMessage(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${topic}`);
  return parsed;
}

/** One day of one room: what a busy meeting room publishes besides its heartbeats. */
function dayOfRoom(site: string, room: string, day: number, start: number): Array<{ at: number; m: FleetMessage }> {
  const out: Array<{ at: number; m: FleetMessage }> = [];
  const topic = `roomctl/${site}/${room}/events`;
  let n = 0;
  const event = (at: number, type: string, body: Record<string, unknown>) =>
    out.push({ at, m: msg(topic, { id: `${room}-${day}-${n++}`, at: new Date(at).toISOString(), type, ...body }) });
  for (let meeting = 0; meeting < 10; meeting++) {
    const at = start + (8 + meeting) * 3_600_000;
    const meetingId = `m-${room}-${day}-${meeting}`;
    event(at, 'meeting.started', { meetingId, title: 'Weekly planning with the facilities team', organizer: 'someone@example.com', attendees: 8 });
    event(at + 60_000, 'occupancy.changed', { occupied: true, people: 6 });
    event(at + 50 * 60_000, 'meeting.ended', { meetingId, endedBy: 'panel' });
    event(at + 51 * 60_000, 'feedback', { meetingId, rating: 4, comment: meeting % 3 === 0 ? 'The far end could not hear the back of the room' : undefined });
    event(at + 55 * 60_000, 'occupancy.changed', { occupied: false, people: 0 });
  }
  for (let f = 0; f < 2; f++) {
    const at = start + (9 + f * 4) * 3_600_000;
    event(at, 'fault.raised', {
      faultId: `f-${room}-${day}-${f}`,
      deviceId: 'ceiling-mic',
      detail: 'No answer to the status query for 30 s (ROOMCTL_E_DEVICE_OFFLINE)',
    });
    event(at + 120_000, 'fault.cleared', { faultId: `f-${room}-${day}-${f}`, deviceId: 'ceiling-mic' });
  }
  if (day % 2 === 0)
    event(start + 14 * 3_600_000, 'help.requested', { requestId: `h-${room}-${day}`, message: 'The display shows no picture from the laptop' });
  return out;
}

async function tableBytes(sql: FleetSql, tables: readonly string[] = TABLES): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (sql instanceof SqliteFleetSql) {
    const rows = await sql.query<{ name: string; tbl: string; bytes: number }>(
      'SELECT d.name, COALESCE(s.tbl_name, d.name) AS tbl, SUM(d.pgsize) AS bytes FROM dbstat d LEFT JOIN sqlite_schema s ON s.name = d.name GROUP BY d.name',
    );
    for (const t of tables) out[t] = rows.filter((r) => r.tbl === t).reduce((a, r) => a + r.bytes, 0);
  } else {
    await sql.run('VACUUM ANALYZE');
    for (const t of tables) out[t] = (await sql.query<{ bytes: number }>('SELECT pg_total_relation_size(?) AS bytes', [t]))[0]!.bytes;
  }
  return out;
}

const bench: Benchmark = {
  name: 'fleet-size',
  async run({ quick }) {
    const rooms = quick ? 4 : 20;
    const figures: Record<string, number> = {};
    const units: Record<string, string> = {};
    const t0 = Date.UTC(2026, 0, 1);
    try {
      for (const backend of FLEET_BACKENDS) {
        const db = await openTestFleetDatabase(backend);
        try {
          const store = await FleetStore.open(db.sql);
          for (let r = 0; r < rooms; r++) {
            const site = `site-${r % 3}`;
            const room = `room-${r}`;
            const devices = Array.from({ length: 8 }, (_, d) =>
              msg(`roomctl/${site}/${room}/devices/device-${d}/health`, {
                status: 'ok',
                since: new Date(t0).toISOString(),
                detail: null,
                metrics: { replyMs: 12, signal: -48 },
                at: t0,
              }),
            );
            await store.apply(
              [
                msg(`roomctl/${site}/${room}/status`, 'online'),
                msg(`roomctl/${site}/${room}/state`, {
                  room: { id: room, name: `Room ${r}`, site, timezone: 'Europe/Berlin' },
                  roomState: 'in-meeting',
                  version: '1.0.0',
                  at: new Date(t0).toISOString(),
                }),
                ...devices,
              ],
              t0,
            );
            for (let day = 0; day < DAYS; day++) {
              const traffic = dayOfRoom(site, room, day, t0 + day * DAY);
              for (const { at, m } of traffic) await store.apply([m], at);
            }
          }
          // One day of one room's samples: 8 devices reporting every 30 s, the sampler keeping one each per 5 minutes.
          const sampler = new DeviceSampler(db.sql);
          for (let at = t0; at < t0 + DAY; at += 30_000)
            await sampler.observe(
              Array.from({ length: 8 }, (_, d) => ({
                site: 'site-0',
                room: 'room-0',
                deviceId: `device-${d}`,
                at,
                metrics: { replyMs: 12.5, ...(d === 0 ? { lampHours: 1234 } : {}) },
                signal: d === 1 ? { value: 24.9, unit: 'fps' } : d === 2 ? { value: -38.5, unit: 'dBFS' } : null,
              })),
            );
          const samples = (await tableBytes(db.sql, ['fleet_device_samples'])).fleet_device_samples!;
          // A month as the retention leaves it: the last day every 5 minutes, the 29 before it one an hour (bytes per row as measured).
          figures[`${backend}_kib_per_room_month_samples`] = round(((samples / 288) * (288 + (DAYS - 1) * 24)) / 1024, 1);
          figures[`${backend}_kib_per_room_month_samples_unthinned`] = round((samples * DAYS) / 1024, 1);
          const month = await tableBytes(db.sql);
          const total = Object.values(month).reduce((a, b) => a + b, 0);
          const events = (await db.sql.query<{ n: number }>('SELECT COUNT(*) AS n FROM fleet_events'))[0]!.n;
          figures[`${backend}_kib_per_room_month_raw`] = round(total / rooms / 1024, 1);
          figures[`${backend}_events_per_room_month`] = Math.round(events / rooms);
          await pruneFleetHistory(db.sql, { rawEventDays: 0, rollupDays: 10_000, alertDays: 90, resolvedIssueDays: 10_000 }, t0 + (DAYS + 1) * DAY);
          if (backend === 'sqlite') await db.sql.run('VACUUM');
          const after = await tableBytes(db.sql);
          figures[`${backend}_kib_per_room_month_rolled_up`] = round(after.fleet_event_rollups! / rooms / 1024, 1);
          figures[`${backend}_kib_per_room_fixed`] = round((after.fleet_rooms! + after.fleet_devices! + after.fleet_issues!) / rooms / 1024, 1);
        } finally {
          await db.close();
        }
      }
    } finally {
      await closeFleetPostgres();
    }
    for (const k of Object.keys(figures)) units[k] = k.includes('events_per') ? 'events' : 'KiB';
    return {
      name: 'fleet-size',
      figures,
      units,
      notes: `${rooms} rooms × ${DAYS} days, 8 devices each, ~55 events a room a day. raw = every table while the month's events are kept (retention's raw days); rolled_up = the hourly counts that replace a month once it is past them; fixed = rooms, devices and issues, which do not grow with time; samples = a month of one room's device samples (8 devices: reply time, a lamp's hours, two signals; one each per 5 minutes for the last day, one an hour before — unthinned: every 5 minutes all month), kept as long as the raw events.`,
    };
  },
};

export default bench;
