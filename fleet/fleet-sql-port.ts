import type { Statement } from 'better-sqlite3';
import type { Db } from '../appliance/store/database.js';

/**
 * The few SQL calls the fleet's issue desk, operators and history make, as promises, so the
 * same code runs on the embedded SQLite and on a shared database server. The SQL is the
 * subset both speak: `?` placeholders, ON CONFLICT upserts, no engine-only functions.
 */
export interface FleetSqlPort {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
}

/** The embedded SQLite behind the port (statements prepared once and kept). */
export function sqlitePort(db: Db): FleetSqlPort {
  const prepared = new Map<string, Statement<unknown[]>>();
  const statement = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare<unknown[]>(sql)));
    return s;
  };
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return statement(sql).all(...(params as unknown[])) as T[];
    },
    async run(sql: string, params: readonly unknown[] = []) {
      return { changes: statement(sql).run(...(params as unknown[])).changes };
    },
  };
}
