import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../meetings/audit-log.js';
import { purgeOlderThan } from '../meetings/retention.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { migrate, migrationOrder, moduleVersions, openDatabase } from './database.js';
import { DeviceStatusRepository, STATUS_CHANGES_KEPT } from './device-status-repository.js';

/**
 * The statements the code under test prepares, as it prepares them, and SQLite's query plan of
 * one (each step's detail: "SEARCH … USING INDEX …" or "SCAN …").
 */
function recordPrepared(db: ReturnType<typeof openDatabase>) {
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  const planOf = (sql: string, ...params: unknown[]) =>
    prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => (row as { detail: string }).detail);
  return { prepared, planOf };
}

describe('store', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-db-'));
    dirs.push(dir);
    return dir;
  };

  it('opens in WAL mode with every module migration applied once, recorded per module', async () => {
    const dir = await tempDir();
    const db = openDatabase(join(dir, 'nested', 'data'), ROOM_MIGRATIONS);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(moduleVersions(db)).toEqual({
      calls: 1,
      conversation: 1,
      health: 1,
      help: 2,
      linked: 2,
      media: 1,
      meetings: 13,
      panel: 1,
      'room-language': 1,
      store: 2,
      telemetry: 2,
    });
    expect(migrate(db, ROOM_MIGRATIONS)).toBe(0);
    db.close();
  });

  it("applies only a module's new migration to an existing database, keeping its rows", async () => {
    const dir = await tempDir();
    const first = openDatabase(dir, ROOM_MIGRATIONS);
    new DeviceStatusRepository(first).record({ deviceId: 'cam', status: 'ok', detail: null, at: '2026-01-01T00:00:00.000Z' });
    first.close();
    const next = [...ROOM_MIGRATIONS, { module: 'notes', version: 1, name: 'test column', sql: 'ALTER TABLE settings ADD COLUMN note TEXT' }];
    const db = openDatabase(dir, next);
    expect(moduleVersions(db).notes).toBe(1);
    expect(new DeviceStatusRepository(db).history('cam')).toHaveLength(1);
    db.close();
  });

  it("runs modules in the order listed and each module's versions ascending, and refuses a version claimed twice", () => {
    const m = (module: string, version: number) => ({ module, version, name: `${module} ${version}`, sql: '' });
    expect(migrationOrder([m('b', 2), m('a', 1), m('b', 1)]).map((x) => x.name)).toEqual(['b 1', 'b 2', 'a 1']);
    expect(() => migrationOrder([m('a', 1), m('a', 1)])).toThrow(/a version 1/);
  });

  it('records device status history newest first', async () => {
    const db = openDatabase(await tempDir(), ROOM_MIGRATIONS);
    const repo = new DeviceStatusRepository(db);
    repo.record({ deviceId: 'cam', status: 'connecting', detail: null, at: '2026-01-01T00:00:00.000Z' });
    repo.record({ deviceId: 'cam', status: 'offline', detail: 'ROOMCTL_E_PORT_NOT_FOUND', at: '2026-01-01T00:00:01.000Z' });
    expect(repo.history('cam').map((r) => r.status)).toEqual(['offline', 'connecting']);
    db.close();
  });

  it("keeps a device's newest status changes and forgets older ones: a device that flaps for weeks does not fill the disk", async () => {
    const db = openDatabase(await tempDir(), ROOM_MIGRATIONS);
    const repo = new DeviceStatusRepository(db);
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    repo.record({ deviceId: 'mic', status: 'ok', detail: null, at: at(0) });
    db.transaction(() => {
      for (let i = 0; i < STATUS_CHANGES_KEPT + 2; i++) repo.record({ deviceId: 'display', status: i % 2 ? 'ok' : 'offline', detail: `flap ${i}`, at: at(i) });
    })();
    const rows = (device: string) => db.prepare('SELECT COUNT(*) FROM device_status_log WHERE device_id = ?').pluck().get(device);
    expect(rows('display')).toBe(STATUS_CHANGES_KEPT);
    expect(repo.history('display', 1)[0]!.detail).toBe(`flap ${STATUS_CHANGES_KEPT + 1}`);
    expect(repo.history('display', STATUS_CHANGES_KEPT).at(-1)!.detail).toBe('flap 2');
    // Another device's history is its own.
    expect(repo.history('mic').map((r) => r.status)).toEqual(['ok']);
    db.close();
  });

  it("counts a door code's bookings through an index, not by reading the whole minutes audit", async () => {
    const db = openDatabase(await tempDir(), ROOM_MIGRATIONS);
    const { prepared, planOf } = recordPrepared(db);
    const audit = new AuditLog(db);
    audit.record({ meetingId: 'm1', action: 'book', who: 'a@example.org', via: 'door-code', detail: 'door code of window 7' }, new Date());
    expect(audit.count({ action: 'book', via: 'door-code', detail: 'door code of window 7' })).toBe(1);
    const count = prepared.find((sql) => sql.startsWith('SELECT COUNT(*)'))!;
    const plan = planOf(count, 'book', 'door-code', 'door code of window 7');
    expect(plan).toEqual([expect.stringMatching(/^SEARCH minutes_audit USING COVERING INDEX minutes_audit_count \(detail=\? AND action=\? AND via=\?\)$/)]);
    db.close();
  });

  it("purges the minutes audit's old entries through an index on their time, not by reading the whole audit", async () => {
    const db = openDatabase(await tempDir(), ROOM_MIGRATIONS);
    const { prepared, planOf } = recordPrepared(db);
    const audit = new AuditLog(db);
    audit.record({ meetingId: 'm1', action: 'read', who: 'a@example.org', via: 'token', detail: null }, new Date('2025-01-01T00:00:00.000Z'));
    const purge = purgeOlderThan(db, new Date('2026-01-01T00:00:00.000Z'), new Date('2026-01-02T00:00:00.000Z'));
    expect(purge.removed.audit).toBe(1);
    const del = prepared.find((sql) => sql.startsWith('DELETE FROM minutes_audit'))!;
    const plan = planOf(del, '2026-01-01T00:00:00.000Z');
    expect(plan).toEqual([expect.stringMatching(/^SEARCH minutes_audit USING INDEX minutes_audit_at \(at<\?\)$/)]);
    db.close();
  });

  it('says which folder it cannot use', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    expect(() => openDatabase(join(file, 'data'), ROOM_MIGRATIONS)).toThrow(/Cannot open the database in .*a-file\/data/);
  });
});
