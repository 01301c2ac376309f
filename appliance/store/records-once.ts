import type { Db } from './database.js';

/**
 * A table of records with global ids (made in one room, copied to others): each is stored once
 * however often it arrives, so a replay or a second copy changes nothing. The record itself is
 * kept as JSON in `record`, beside the columns it is found by.
 */
export class RecordsOnce {
  constructor(
    private readonly db: Db,
    private readonly table: string,
  ) {}

  /** Stores the row; false when a row with its id is stored already. */
  insert(row: { id: string; record: unknown; [column: string]: unknown }): boolean {
    const columns = Object.keys(row);
    const values = columns.map((c) => (c === 'record' ? JSON.stringify(row.record) : row[c]));
    return (
      this.db.prepare(`INSERT OR IGNORE INTO ${this.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values).changes === 1
    );
  }

  has(id: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${this.table} WHERE id = ?`).get(id) !== undefined;
  }
}
