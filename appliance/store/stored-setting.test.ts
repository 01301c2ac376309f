import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { STORE_MIGRATIONS } from './migrations.js';
import { openDatabase } from './database.js';
import { storedSecret, storedSetting } from './stored-setting.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function openStore() {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-setting-'));
  dirs.push(dir);
  return { dir, db: openDatabase(dir, STORE_MIGRATIONS) };
}

it('keeps a value under its key across a reopen, replaces it, and forgets it when cleared', async () => {
  const { dir, db } = await openStore();
  const locale = storedSetting(db, 'room.locale');
  expect(locale.get()).toBeUndefined();
  locale.set('zh-CN', '2026-12-06T09:00:00.000Z');
  locale.set('en', '2026-12-06T10:00:00.000Z');
  expect(storedSetting(db, 'other.key').get()).toBeUndefined();
  db.close();

  const again = openDatabase(dir, STORE_MIGRATIONS);
  expect(again.prepare('SELECT value, updated_at AS at FROM settings WHERE key = ?').get('room.locale')).toEqual({
    value: 'en',
    at: '2026-12-06T10:00:00.000Z',
  });
  const reopened = storedSetting(again, 'room.locale');
  expect(reopened.get()).toBe('en');
  reopened.clear();
  expect(reopened.get()).toBeUndefined();
  again.close();
});

it('makes a value once: a second handle on the same store gets the first one, never its own', async () => {
  const { db } = await openStore();
  expect(storedSetting(db, 'door.secret').getOrInit(() => 'first')).toBe('first');
  expect(storedSetting(db, 'door.secret').getOrInit(() => 'second')).toBe('first');
  const secret = storedSecret(db, 'minutes.reader-secret');
  expect(secret).toHaveLength(32);
  expect(storedSecret(db, 'minutes.reader-secret').equals(secret)).toBe(true);
  db.close();
});
