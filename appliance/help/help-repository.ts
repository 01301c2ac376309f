import type { Db } from '../store/database.js';

/** Help migration 1 (help-migrations.ts): the room's calls for help, so "someone has seen it" survives a restart. */
export const HELP_REQUESTS_SQL = `
  CREATE TABLE help_requests (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    message TEXT,
    acknowledged_at TEXT,
    acknowledged_by TEXT
  );
  CREATE INDEX help_requests_at ON help_requests (at);
`;

/** A call for help from the room, as the panel shows it. */
export interface HelpRequestView {
  id: string;
  at: string;
  message: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** When facilities said the matter is dealt with (cmd/resolve-help), and who. */
  resolvedAt: string | null;
  resolvedBy: string | null;
}

/** Help migration 2: facilities close a call, and the panel says so. */
export const HELP_RESOLVED_SQL = `
  ALTER TABLE help_requests ADD COLUMN resolved_at TEXT;
  ALTER TABLE help_requests ADD COLUMN resolved_by TEXT;
`;

/** The newest requests kept; the event log on MQTT is the long-term record. */
const KEEP = 200;

interface Row {
  id: string;
  at: string;
  message: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

const toView = (r: Row): HelpRequestView => ({
  id: r.id,
  at: r.at,
  message: r.message,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
});

export class HelpRepository {
  constructor(private readonly db: Db) {}

  /** Adds a request unless one with this id is there already (the bus may echo our own). */
  add(request: HelpRequestView): boolean {
    const added =
      this.db.prepare('INSERT OR IGNORE INTO help_requests (id, at, message) VALUES (?, ?, ?)').run(request.id, request.at, request.message).changes > 0;
    if (added) this.db.prepare('DELETE FROM help_requests WHERE id NOT IN (SELECT id FROM help_requests ORDER BY at DESC, rowid DESC LIMIT ?)').run(KEEP);
    return added;
  }

  /** The first acknowledgement wins; later ones change nothing. Returns the request if it changed. */
  acknowledge(id: string, at: string, by: string | null): HelpRequestView | undefined {
    const changed =
      this.db.prepare('UPDATE help_requests SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL').run(at, by, id).changes > 0;
    return changed ? this.get(id) : undefined;
  }

  /** The first resolution wins; a call resolved unseen counts as seen by whoever resolved it. */
  resolve(id: string, at: string, by: string | null): HelpRequestView | undefined {
    const changed =
      this.db
        .prepare(
          'UPDATE help_requests SET resolved_at = ?, resolved_by = ?, acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by = CASE WHEN acknowledged_at IS NULL THEN ? ELSE acknowledged_by END WHERE id = ? AND resolved_at IS NULL',
        )
        .run(at, by, at, by, id).changes > 0;
    return changed ? this.get(id) : undefined;
  }

  get(id: string): HelpRequestView | undefined {
    const row = this.db.prepare('SELECT * FROM help_requests WHERE id = ?').get(id) as Row | undefined;
    return row && toView(row);
  }

  /** The newest `limit`, oldest first. */
  recent(limit = 50): HelpRequestView[] {
    const rows = this.db
      .prepare('SELECT * FROM (SELECT rowid AS r, * FROM help_requests ORDER BY at DESC, rowid DESC LIMIT ?) ORDER BY at, r')
      .all(limit) as Row[];
    return rows.map(toView);
  }
}
