/**
 * The nonces of accepted central commands are kept in the room's database (a restart must not
 * make a captured command playable again), and only as long as a command could be replayed:
 * the table holds the last window's commands, not every command ever sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { openDatabase } from '../store/database.js';
import { SqliteNonceStore } from './command-nonces.js';

it('refuses a nonce seen within its window, and forgets it once the window has passed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roomctl-nonces-'));
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  try {
    const nonces = new SqliteNonceStore(db);
    for (let i = 0; i < 100; i++) expect(nonces.remember(`n${i}`, 1_000 + i)).toBe(true);
    expect(nonces.remember('n5', 1_005)).toBe(false);
    nonces.forget(1_050);
    expect(db.prepare('SELECT COUNT(*) FROM command_nonces').pluck().get()).toBe(50);
    expect(nonces.remember('n60', 1_060)).toBe(false);
    // Past its window, a replay is refused by its time before its nonce is looked up (command-auth.ts).
    expect(nonces.remember('n5', 1_005)).toBe(true);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
