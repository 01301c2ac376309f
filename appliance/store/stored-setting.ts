import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/** One key of the store's `settings` table: a small value that must outlive a restart. */
export interface StoredSetting {
  /** The value kept under the key; undefined when there is none. */
  get(): string | undefined;
  /** Keeps `value` under the key, replacing what was there; `at` (ISO) says when. */
  set(value: string, at?: string): void;
  /** Forgets the value: `get` answers undefined again. */
  clear(): void;
  /**
   * The value kept under the key, or, when there is none yet, `make()`'s. Inserted only if
   * still absent, then read back: two processes on one store agree on the first value.
   */
  getOrInit(make: () => string): string;
}

/**
 * A module's key in the `settings` table (a secret, a lock-out, a counter, a language), read
 * and written the one way: the table and its statements are named here, each module only
 * names its key.
 */
export function storedSetting(db: Db, key: string): StoredSetting {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const get = () => read.get(key);
  return {
    get,
    set: (value, at = new Date().toISOString()) => void write.run(key, value, at),
    clear: () => void db.prepare('DELETE FROM settings WHERE key = ?').run(key),
    getOrInit: (make) => {
      const saved = get();
      if (saved !== undefined) return saved;
      db.prepare('INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(key, make(), new Date().toISOString());
      return get()!;
    },
  };
}

/** A random 32-byte key (for an HMAC) made at the room's first start and kept under `key` ever after. */
export function storedSecret(db: Db, key: string): Buffer {
  return Buffer.from(
    storedSetting(db, key).getOrInit(() => randomBytes(32).toString('base64')),
    'base64',
  );
}
