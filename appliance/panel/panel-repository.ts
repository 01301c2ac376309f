import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';

/** Panel migration 1 (panel-migrations.ts): paired panels. Only a hash of each credential is kept. */
export const PANELS_SQL = `
  CREATE TABLE panels (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    pair_code TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    approved_via TEXT NOT NULL CHECK (approved_via IN ('pin','config')),
    created_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at TEXT
  );
`;

export interface PanelRecord {
  id: string;
  name: string;
  pairCode: string;
  approvedVia: 'pin' | 'config';
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

interface Row {
  id: string;
  name: string;
  pair_code: string;
  approved_via: 'pin' | 'config';
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

/** Panel credentials start with this, so the auth hook tells them from config tokens at a glance. */
export const PANEL_TOKEN_PREFIX = 'rcp_';

const toRecord = (r: Row): PanelRecord => ({
  id: r.id,
  name: r.name,
  pairCode: r.pair_code,
  approvedVia: r.approved_via,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
});

/**
 * Paired panels and their credentials. The live set of credential hashes is held in memory,
 * so checking a request costs one hash and one map look-up, and revoking takes effect on
 * the very next request.
 */
export class PanelRepository {
  private readonly live = new Map<string, string>();
  private readonly seenWritten = new Map<string, number>();

  constructor(private readonly db: Db) {
    for (const row of db.prepare('SELECT id, token_hash FROM panels WHERE revoked_at IS NULL').all() as { id: string; token_hash: string }[]) {
      this.live.set(row.token_hash, row.id);
    }
  }

  /** A new paired panel; the credential is returned once and never stored in clear. */
  create(name: string, pairCode: string, via: PanelRecord['approvedVia'], now = new Date()): { panel: PanelRecord; token: string } {
    const id = randomUUID();
    const token = `${PANEL_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const hash = hashToken(token);
    this.db
      .prepare('INSERT INTO panels (id, name, pair_code, token_hash, approved_via, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, pairCode, hash, via, now.toISOString());
    this.live.set(hash, id);
    return { panel: this.get(id)!, token };
  }

  /**
   * True once a panel was paired with this code from the config's `pairCodes`, revoked or
   * not: a pre-approved code is good for one credential, so unpairing really ends it.
   */
  configCodeUsed(pairCode: string): boolean {
    return this.db.prepare("SELECT 1 FROM panels WHERE pair_code = ? AND approved_via = 'config' LIMIT 1").get(pairCode) !== undefined;
  }

  /** The panel id a credential belongs to, while it is not revoked. */
  verify(token: string, now = new Date()): string | undefined {
    if (!token.startsWith(PANEL_TOKEN_PREFIX)) return undefined;
    const id = this.live.get(hashToken(token));
    // "Last seen" at most once a minute per panel: a write per request would wear the disk.
    if (id && (this.seenWritten.get(id) ?? 0) < now.getTime() - 60_000) {
      this.seenWritten.set(id, now.getTime());
      this.db.prepare('UPDATE panels SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id);
    }
    return id;
  }

  get(id: string): PanelRecord | undefined {
    const row = this.db.prepare('SELECT * FROM panels WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Paired panels, revoked ones excluded. */
  list(): PanelRecord[] {
    return (this.db.prepare('SELECT * FROM panels WHERE revoked_at IS NULL ORDER BY created_at').all() as Row[]).map(toRecord);
  }

  /** Revokes at once: the credential fails from the next request on. False if unknown or revoked already. */
  revoke(id: string, now = new Date()): boolean {
    const changed = this.db.prepare('UPDATE panels SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes > 0;
    if (changed) for (const [hash, panelId] of this.live) if (panelId === id) this.live.delete(hash);
    return changed;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
