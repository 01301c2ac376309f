/**
 * A help call's alert is resolved once, by the database: two fleet instances storing its
 * resolution at the same instant (staff's Resolve on one, the room's own `help.resolved` on
 * the other) keep one, and the one that lost hears so (and sends nothing on). Other rules'
 * alerts fire and resolve again under their key as before. Resolutions that raced in before
 * the unique index came are cut to the earliest by its migration. On both databases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS, sharedPostgres } from '../tests/helpers/fleet-databases.js';
import type { Alert } from './alert-sink.js';
import { FleetAlertFeed } from './fleet-alert-feed.js';
import { openFleetSql } from './fleet-database.js';
import { FLEET_MIGRATIONS } from './fleet-migrations.js';
import type { FleetSql } from './fleet-sql.js';

afterAll(closeFleetPostgres);

const alert = (rule: Alert['rule'], key: string, state: Alert['state']): Alert => ({
  key,
  rule,
  state,
  site: 'hq',
  room: 'aurora',
  title: `${rule} ${state}`,
  text: '',
  params: {},
  at: '2026-03-01T09:00:00.000Z',
});

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const opened: FleetSql[] = [];
  let dataDir: string | undefined;
  afterEach(async () => {
    for (const sql of opened.splice(0)) await sql.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  /** Two connections to one fresh database, as two fleet instances have (SQLite: one file). */
  const twoInstances = async (migrations = FLEET_MIGRATIONS) => {
    dataDir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-'));
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    for (let i = 0; i < 2; i++) opened.push(await openFleetSql({ dataDir, database }, migrations));
    return { database, sql: opened as [FleetSql, FleetSql] };
  };
  /** The states kept under a key, in name order (two kept within one millisecond share their time). */
  const states = async (sql: FleetSql, key: string) =>
    (await sql.query<{ state: string }>('SELECT state FROM fleet_alert_feed WHERE alert_key = ? ORDER BY state', [key])).map((r) => r.state);

  it("keeps a help call's resolution once when two instances store it at the same instant", async () => {
    const { sql } = await twoInstances();
    const [a, b] = sql.map((s) => new FleetAlertFeed(s));
    await a!.add(alert('help-request', 'help/h1', 'firing'));

    const kept = await Promise.all([a!.add(alert('help-request', 'help/h1', 'resolved')), b!.add(alert('help-request', 'help/h1', 'resolved'))]);

    expect(kept.filter((view) => view !== undefined)).toHaveLength(1);
    expect(await states(sql[0], 'help/h1')).toEqual(['firing', 'resolved']);
    // A device that goes offline again resolves again, under the same key.
    for (const state of ['firing', 'resolved', 'firing', 'resolved'] as const)
      expect(await a!.add(alert('device-offline', 'device-offline/hq/aurora/cam', state))).toBeDefined();
  });

  it('cuts resolutions that raced in before the index to the earliest', async () => {
    const { database } = await twoInstances(FLEET_MIGRATIONS.filter((m) => m.version < 13));
    const insert = (id: string, state: string, at: string) =>
      opened[0]!.run(
        "INSERT INTO fleet_alert_feed (id, alert_key, rule, state, site, room, title, text, at) VALUES (?, 'help/h1', 'help-request', ?, 'hq', 'aurora', 't', '', ?)",
        [id, state, at],
      );
    await insert('f', 'firing', '2026-03-01T09:00:00.000Z');
    await insert('r2', 'resolved', '2026-03-01T09:05:00.001Z');
    await insert('r1', 'resolved', '2026-03-01T09:05:00.000Z');
    for (const sql of opened.splice(0)) await sql.close();

    const migrated = await openFleetSql({ dataDir: dataDir!, database });
    opened.push(migrated);
    expect((await migrated.query<{ id: string }>("SELECT id FROM fleet_alert_feed WHERE alert_key = 'help/h1' ORDER BY id")).map((r) => r.id)).toEqual([
      'f',
      'r1',
    ]);
  });
});
