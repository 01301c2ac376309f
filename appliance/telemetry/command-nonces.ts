import type { Db } from '../store/database.js';

/** Telemetry migration 2 (telemetry-migrations.ts): nonces of accepted central commands, kept until their time window has passed. */
export const COMMAND_NONCES_SQL = `
  CREATE TABLE command_nonces (
    nonce TEXT PRIMARY KEY,
    forget_after INTEGER NOT NULL
  );
  CREATE INDEX command_nonces_forget ON command_nonces (forget_after);
`;

/** Where the verifier remembers the nonces it accepted. */
export interface NonceStore {
  /** Records a nonce; false when it was recorded before (a replay). */
  remember(nonce: string, forgetAfter: number): boolean;
  /** Forgets nonces whose window ended before `now`. */
  forget(now: number): void;
}

/** In memory: for a verifier with no database (the fleet's own tests, tools). */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();

  remember(nonce: string, forgetAfter: number): boolean {
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, forgetAfter);
    return true;
  }

  forget(now: number): void {
    for (const [nonce, until] of this.seen) if (until < now) this.seen.delete(nonce);
  }
}

/**
 * In the room's database, so a restart inside a command's ±60 s window does not make a
 * captured command playable again. One INSERT per accepted command; the primary key makes
 * "seen before?" and "remember it" one atomic step.
 */
export class SqliteNonceStore implements NonceStore {
  private readonly insert;
  private readonly purge;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT OR IGNORE INTO command_nonces (nonce, forget_after) VALUES (?, ?)');
    this.purge = db.prepare('DELETE FROM command_nonces WHERE forget_after < ?');
  }

  remember(nonce: string, forgetAfter: number): boolean {
    return this.insert.run(nonce, forgetAfter).changes > 0;
  }

  forget(now: number): void {
    this.purge.run(now);
  }
}
