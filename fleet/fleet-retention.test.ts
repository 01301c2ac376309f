import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { DeviceSampler } from './device-sampler.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import { pruneFleetHistory } from './fleet-retention.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12);
let n = 0;
const event = (type: string): FleetMessage => {
  const parsed = parseFleetMessage('roomctl/hq/aurora/events', Buffer.from(JSON.stringify({ id: `e${++n}`, at: '2026-01-01T00:00:00.000Z', type })));
  if (!parsed || 'error' in parsed) throw new Error('bad event');
  return parsed;
};

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('fleet history retention on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it('counts events past their days into hourly roll-ups, deletes them, and keeps the recent ones', async () => {
    const { db, store } = fleet;
    const old = NOW - 40 * DAY;
    await store.apply([event('feedback'), event('feedback'), event('fault.raised')], old);
    await store.apply([event('feedback')], old + 60_000);
    await store.apply([event('feedback')], old + 3_600_000);
    await store.apply([event('meeting.started')], NOW - DAY);

    const result = await pruneFleetHistory(db.sql, { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 }, NOW);
    expect(result.rolledUp).toBe(5);
    expect((await store.events()).map((e) => e.type)).toEqual(['meeting.started']);
    const rollups = await db.sql.query<{ hour: number; type: string; events: number }>(
      'SELECT hour, type, events FROM fleet_event_rollups ORDER BY hour, type',
    );
    const hour = old - (old % 3_600_000);
    expect(rollups).toEqual([
      { hour, type: 'fault.raised', events: 1 },
      { hour, type: 'feedback', events: 3 },
      { hour: hour + 3_600_000, type: 'feedback', events: 1 },
    ]);

    // Device samples go with the raw events; an ended fault stays for the long record.
    await db.sql.run('INSERT INTO fleet_device_samples (site, room, device_id, at, reply_ms) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)', [
      'hq',
      'aurora',
      'cam',
      old,
      5,
      'hq',
      'aurora',
      'cam',
      NOW - DAY,
      6,
    ]);
    await db.sql.run(
      "INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, started_at, ended_at) VALUES ('f1', 'i1', 'hq', 'aurora', 'cam', 'offline', ?, ?)",
      [old, old + 60_000],
    );
    expect(await pruneFleetHistory(db.sql, { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 }, NOW)).toMatchObject({
      samplesDeleted: 1,
      faultsDeleted: 0,
    });

    // A second pass finds nothing new; the roll-ups go once past their own days.
    expect((await pruneFleetHistory(db.sql, { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 }, NOW)).rolledUp).toBe(0);
    expect(await pruneFleetHistory(db.sql, { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 }, old + 401 * DAY)).toMatchObject({
      rollupsDeleted: 3,
      faultsDeleted: 1,
    });
  });

  it("thins a device's samples once a day old to one an hour, and keeps the last day's every 5 minutes", async () => {
    const { db } = fleet;
    const sampler = new DeviceSampler(db.sql);
    const from = NOW - 3 * DAY;
    for (let at = from; at < NOW; at += 5 * 60_000)
      await sampler.observe([{ site: 'hq', room: 'aurora', deviceId: 'media-video', at, metrics: {}, signal: { value: 25, unit: 'fps' } }]);
    expect(await pruneFleetHistory(db.sql, { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 }, NOW)).toMatchObject({
      samplesThinned: 2 * 24 * 11,
    });
    const kept = (await db.sql.query<{ at: number | string }>('SELECT at FROM fleet_device_samples ORDER BY at')).map((r) => Number(r.at));
    expect(kept.filter((at) => at < NOW - DAY)).toEqual(Array.from({ length: 48 }, (_, h) => from + h * 3_600_000));
    expect(kept.filter((at) => at >= NOW - DAY)).toHaveLength(288);
    // The next pass finds nothing more to thin.
    expect((await pruneFleetHistory(db.sql, { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 }, NOW)).samplesThinned).toBe(0);
  });

  it('deletes resolved issues and their logs once resolved longer than their days, and keeps open and acknowledged ones however old', async () => {
    const { db } = fleet;
    const iso = (ms: number) => new Date(ms).toISOString();
    const bound = NOW - 400 * DAY;
    const long = iso(NOW - 2000 * DAY);
    const issues: Array<[string, string, string | null]> = [
      ['resolved-past-bound', 'resolved', iso(bound - 1)],
      ['resolved-at-bound', 'resolved', iso(bound)],
      ['resolved-yesterday', 'resolved', iso(NOW - DAY)],
      ['open-for-years', 'open', null],
      ['acknowledged-for-years', 'acknowledged', null],
    ];
    for (const [id, state, resolvedAt] of issues) {
      await db.sql.run(
        "INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state, resolved_by, resolved_at) VALUES (?, 'help', 'hq', 'aurora', 'x', ?, ?, ?, ?)",
        [id, long, state, resolvedAt ? 'facilities' : null, resolvedAt],
      );
      await db.sql.run("INSERT INTO fleet_issue_log (id, issue_id, at, actor, action, text) VALUES (?, ?, ?, 'facilities', 'note', 'x')", [
        `log-${id}`,
        id,
        long,
      ]);
    }
    const config = { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 };
    expect(await pruneFleetHistory(db.sql, config, NOW)).toMatchObject({ issuesDeleted: 1 });
    const ids = async (table: string, column: string) =>
      (await db.sql.query<{ id: string }>(`SELECT ${column} AS id FROM ${table} ORDER BY ${column}`)).map((r) => r.id);
    const kept = ['acknowledged-for-years', 'open-for-years', 'resolved-at-bound', 'resolved-yesterday'];
    expect(await ids('fleet_issues', 'id')).toEqual(kept);
    expect(await ids('fleet_issue_log', 'issue_id')).toEqual(kept);
    // A millisecond later the one resolved at the bound is past it.
    expect(await pruneFleetHistory(db.sql, config, NOW + 1)).toMatchObject({ issuesDeleted: 1 });
    expect(await ids('fleet_issues', 'id')).toEqual(['acknowledged-for-years', 'open-for-years', 'resolved-yesterday']);
  });
});
