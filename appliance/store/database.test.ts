import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from './database.js';
import { DeviceStatusRepository } from './device-status-repository.js';
import { MIGRATIONS } from './migrations.js';

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

  it('opens in WAL mode with every migration applied once', async () => {
    const dir = await tempDir();
    const db = openDatabase(join(dir, 'nested', 'data'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(migrate(db, MIGRATIONS)).toBe(0);
    db.close();
  });

  it('applies only new migrations to an existing database, keeping its rows', async () => {
    const dir = await tempDir();
    const first = openDatabase(dir);
    new DeviceStatusRepository(first).record({ deviceId: 'cam', status: 'ok', detail: null, at: '2026-01-01T00:00:00.000Z' });
    first.close();
    const next = [...MIGRATIONS, { version: 999, name: 'test column', sql: 'ALTER TABLE settings ADD COLUMN note TEXT' }];
    const db = openDatabase(dir, next);
    expect(schemaVersion(db)).toBe(999);
    expect(new DeviceStatusRepository(db).history('cam')).toHaveLength(1);
    db.close();
  });

  it('records device status history newest first', async () => {
    const db = openDatabase(await tempDir());
    const repo = new DeviceStatusRepository(db);
    repo.record({ deviceId: 'cam', status: 'connecting', detail: null, at: '2026-01-01T00:00:00.000Z' });
    repo.record({ deviceId: 'cam', status: 'offline', detail: 'ROOMCTL_E_PORT_NOT_FOUND', at: '2026-01-01T00:00:01.000Z' });
    expect(repo.history('cam').map((r) => r.status)).toEqual(['offline', 'connecting']);
    db.close();
  });

  it('says which folder it cannot use', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    expect(() => openDatabase(join(file, 'data'))).toThrow(/Cannot open the database in .*a-file\/data/);
  });
});
