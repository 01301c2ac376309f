/**
 * The alerts the dashboard lists carry what the operator's language needs: the rule, its
 * state and its parameters (how long, the device's own words, the device's names from the
 * room's config), kept and served the same by both databases; an alert kept before the
 * parameters were reads as no parameters (the dashboard shows its English then).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';
import type { Alert } from './alert-sink.js';
import { AlertEngine } from './alert-rules.js';
import { FleetAlertFeed } from './fleet-alert-feed.js';
import { emptyChanges } from './fleet-changes.js';
import type { FleetSql } from './fleet-sql.js';

afterAll(closeFleetPostgres);

/** The real database, counting the queries read through it. */
function countingQueries(sql: FleetSql): { sql: FleetSql; queries: () => number } {
  let n = 0;
  return {
    queries: () => n,
    sql: {
      dialect: sql.dialect,
      query: (text, params) => (n++, sql.query(text, params)),
      run: sql.run.bind(sql),
      transaction: sql.transaction.bind(sql),
      close: sql.close.bind(sql),
    },
  };
}

/** A device-offline alert staff resolved by hand at `at` (`params.by`), as the rules keep it. */
const resolvedByHand = (i: number, at: string) => [
  `a${i}`,
  `device-offline:hq/room-${i}/display`,
  `room-${i}`,
  `display offline in hq/room-${i}`,
  JSON.stringify({ by: 'ana' }),
  at,
];

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  let db: TestFleetDatabase;
  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps each alert with its parameters and the device names, and serves them back', async () => {
    const names = { en: 'Projector', 'zh-CN': '投影机' };
    const feed = new FleetAlertFeed(db.sql, async (_site, _room, id) => (id === 'display' ? names : null));
    const fired: Alert[] = [];
    let now = Date.parse('2026-03-01T09:00:00Z');
    const engine = new AlertEngine(
      { deviceOfflineAfterS: 60, roomOfflineAfterS: 120, problemReports: true, helpRequests: true },
      (a) => fired.push(a),
      () => now,
    );
    engine.observe({
      ...emptyChanges(),
      devices: [{ site: 'hq', room: 'aurora', deviceId: 'display', status: 'offline', previous: 'ok', detail: 'Lamp failure' }],
    });
    now += 90_000;
    engine.tick();
    for (const a of fired) await feed.add(a);
    const [view] = await feed.recent();
    expect(view).toMatchObject({
      rule: 'device-offline',
      state: 'firing',
      deviceId: 'display',
      params: { forS: 90, detail: 'Lamp failure', deviceNames: names },
    });
    // The English stays for webhooks and for dashboards of the previous release.
    expect(view!.title).toBe('display offline in hq/aurora');
  });

  it('reads an alert kept without parameters as none', async () => {
    await db.sql.run(
      "INSERT INTO fleet_alert_feed (id, alert_key, rule, state, site, room, device_id, title, text, at) VALUES ('a1', 'k', 'room-offline', 'firing', 'hq', 'aurora', NULL, 'Room hq/aurora offline', 'gone', '2026-03-01T09:00:00Z')",
    );
    expect(await new FleetAlertFeed(db.sql).recent()).toEqual([expect.objectContaining({ id: 'a1', params: {}, text: 'gone' })]);
  });

  it('reads forty alerts resolved by hand in one query, each saying whether its device is back since', async () => {
    const at = '2026-03-01T09:00:00.000Z';
    for (let i = 0; i < 40; i++)
      await db.sql.run(
        "INSERT INTO fleet_alert_feed (id, alert_key, rule, state, site, room, device_id, title, text, params, at) VALUES (?, ?, 'device-offline', 'resolved', 'hq', ?, 'display', ?, 'resolved', ?, ?)",
        resolvedByHand(i, at),
      );
    // Room 3's projector came back after its alert (twice: the first time counts); room 5's before it, which says nothing of since.
    const cleared = (id: string, room: string, clearedAt: string) =>
      db.sql.run(
        "INSERT INTO fleet_issues (id, kind, site, room, device_id, summary, opened_at, state, cleared_at) VALUES (?, 'device', 'hq', ?, 'display', 'Offline', '2026-03-01T08:00:00.000Z', 'resolved', ?)",
        [id, room, clearedAt],
      );
    await cleared('i1', 'room-3', '2026-03-01T09:05:00.000Z');
    await cleared('i2', 'room-3', '2026-03-01T09:30:00.000Z');
    await cleared('i3', 'room-5', '2026-03-01T08:30:00.000Z');
    const { sql, queries } = countingQueries(db.sql);

    const alerts = await new FleetAlertFeed(sql).recent(50);

    expect(queries()).toBe(1);
    expect(alerts).toHaveLength(40);
    expect(alerts.filter((a) => a.params.backAt !== undefined).map((a) => [a.room, a.params.backAt])).toEqual([['room-3', '2026-03-01T09:05:00.000Z']]);
  });
});
