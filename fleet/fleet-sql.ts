import { join } from 'node:path';

/**
 * The one door to the fleet's database. The embedded default is SQLite (better-sqlite3, a
 * file in the data folder); several fleet instances share one PostgreSQL (`pg`). Every
 * statement the fleet runs is written once, in the subset both speak: `?` placeholders
 * (the PostgreSQL adapter numbers them), `INSERT … ON CONFLICT … DO NOTHING / DO UPDATE`,
 * `RETURNING`, `CASE` rather than summing booleans, and no engine-only functions.
 * Integers come back as JS numbers from both (the fleet's counters and millisecond times
 * are far below 2^53).
 */
export type SqlValue = string | number | null;

export interface FleetSql {
  readonly dialect: 'sqlite' | 'postgres';
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** A statement without rows; `changes` counts the rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs `fn` in one transaction (its statements go through `tx`); rolled back if it throws. */
  transaction<T>(fn: (tx: FleetSqlTx) => Promise<T>): Promise<T>;
  /**
   * Closes the database once the statements running are done; with `abandon`, at once: their
   * connections are cut, they fail, and the server rolls back what they had not committed
   * (a stop past its deadline, the database not answering).
   */
  close(options?: { abandon?: boolean }): Promise<void>;
}

export type FleetSqlTx = Pick<FleetSql, 'dialect' | 'query' | 'run'>;

/** The first row, or undefined. */
export async function queryOne<T>(sql: Pick<FleetSql, 'query'>, text: string, params?: readonly SqlValue[]): Promise<T | undefined> {
  return (await sql.query<T>(text, params))[0];
}

/** Items one statement binds at most: well under SQLite's 32,766 parameters and PostgreSQL's 65,535 with the few each item takes. */
const ITEMS_PER_STATEMENT = 500;

/** `each` for the items a statement's worth at a time (ITEMS_PER_STATEMENT), in their order, one chunk after another. */
export async function forEachChunk<T>(items: readonly T[], each: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += ITEMS_PER_STATEMENT) await each(items.slice(i, i + ITEMS_PER_STATEMENT));
}

/** The rows a statement reads for many items, one statement per chunk (forEachChunk): `text(n)` for a chunk of n, `params` each item's. */
export async function queryInChunks<T, R>(
  sql: Pick<FleetSql, 'query'>,
  items: readonly T[],
  text: (n: number) => string,
  params: (item: T) => SqlValue[],
): Promise<R[]> {
  const rows: R[] = [];
  await forEachChunk(items, async (chunk) => {
    rows.push(...(await sql.query<R>(text(chunk.length), chunk.flatMap(params))));
  });
  return rows;
}

/**
 * `?` → `$1, $2, …` for PostgreSQL, leaving string literals, quoted names and comments alone
 * (a `?` in `'why?'` is text, not a parameter).
 */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

/** A database URL with its password hidden, for messages and logs (here, not beside the PostgreSQL client: a fleet on SQLite prints it too). */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** The fleet's database as a person finds it: `DIR/fleet.sqlite`, or the PostgreSQL URL without its password. */
export function fleetDatabaseName(where: { dataDir: string; database?: string }): string {
  return where.database ? redactDatabaseUrl(where.database) : join(where.dataDir, 'fleet.sqlite');
}
