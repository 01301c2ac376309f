import type Database from 'better-sqlite3';
import type { FleetSql, FleetSqlTx, SqlValue } from './fleet-sql.js';

/**
 * The embedded fleet database behind the async seam. better-sqlite3 answers synchronously;
 * the only care needed is that an async transaction owns the connection while it is open:
 * statements from elsewhere wait for it (they would otherwise land inside it).
 */
export class SqliteFleetSql implements FleetSql {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  /** The end of the queue of transactions; statements outside one wait for it while one is open. */
  private tail: Promise<unknown> = Promise.resolve();
  private open = 0;
  private readonly direct: FleetSqlTx;

  constructor(readonly db: Database.Database) {
    this.direct = {
      dialect: 'sqlite',
      query: async <T>(sql: string, params?: readonly SqlValue[]) => this.all(sql, params) as T[],
      run: async (sql, params) => this.exec(sql, params),
    };
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    if (this.open) await this.idle();
    return this.all(sql, params) as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    if (this.open) await this.idle();
    return this.exec(sql, params);
  }

  transaction<T>(fn: (tx: FleetSqlTx) => Promise<T>): Promise<T> {
    this.open++;
    const result = this.tail.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(this.direct);
        this.db.exec('COMMIT');
        return value;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      } finally {
        this.open--;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    // SQLite answers at once; only a transaction waiting on something else can be pending, and closing rolls it back.
    if (!options.abandon) await this.tail;
    this.db.close();
  }

  private async idle(): Promise<void> {
    while (this.open) await this.tail;
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private all(sql: string, params: readonly SqlValue[] = []): unknown[] {
    const s = this.statement(sql);
    if (s.reader) return s.all(...params);
    s.run(...params);
    return [];
  }

  private exec(sql: string, params: readonly SqlValue[] = []): { changes: number } {
    const s = this.statement(sql);
    if (s.reader) {
      // INSERT … RETURNING through run(): the rows are not wanted, the count is.
      return { changes: s.all(...params).length };
    }
    return { changes: s.run(...params).changes };
  }
}
