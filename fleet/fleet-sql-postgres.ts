import pg from 'pg';
import { RoomctlError } from '../drivers/core/errors.js';
import type { Logger } from '../appliance/logger.js';
import { numberPlaceholders, redactDatabaseUrl, type FleetSql, type FleetSqlTx, type SqlValue } from './fleet-sql.js';

const INT8 = 20;
const NUMERIC = 1700;
/** bigint and numeric (COUNT, SUM, millisecond times) as JS numbers, as SQLite gives them. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool of connections to the PostgreSQL several fleet instances share. */
export class PostgresFleetSql implements FleetSql {
  readonly dialect = 'postgres' as const;
  private readonly texts = new Map<string, string>();
  /** Every connection the pool holds, idle or in use: an abandoning close cuts them all. */
  private readonly connections = new Set<pg.PoolClient>();

  constructor(readonly pool: pg.Pool) {
    pool.on('connect', (client) => this.connections.add(client));
    pool.on('remove', (client) => this.connections.delete(client));
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.pool.query({ text: this.text(sql), values: params as SqlValue[] })).rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await this.pool.query({ text: this.text(sql), values: params as SqlValue[] })).rowCount ?? 0 };
  }

  async transaction<T>(fn: (tx: FleetSqlTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: FleetSqlTx = {
      dialect: 'postgres',
      query: async <R>(sql: string, params: readonly SqlValue[] = []) =>
        (await client.query({ text: this.text(sql), values: params as SqlValue[] })).rows as R[],
      run: async (sql, params = []) => ({ changes: (await client.query({ text: this.text(sql), values: params as SqlValue[] })).rowCount ?? 0 }),
    };
    try {
      await client.query('BEGIN');
      const value = await fn(tx);
      await client.query('COMMIT');
      client.release();
      return value;
    } catch (err) {
      // A connection that failed mid-transaction is not given back to the pool.
      await client.query('ROLLBACK').then(
        () => client.release(),
        () => client.release(true),
      );
      throw err;
    }
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    if (options.abandon) {
      for (const client of this.connections) {
        // end() first: the client then knows the cut is wanted, fails what runs on it with
        // "Connection terminated" and emits no 'error' (a connection checked out for a
        // transaction has no listener for one). But its goodbye waits for a server that may
        // never answer (paused, or stuck behind a lock), so the socket is destroyed too.
        // `connection.stream` is pg 8's, typed here as it is used.
        client.end().catch(() => undefined);
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      }
    }
    await this.pool.end();
  }

  private text(sql: string): string {
    let t = this.texts.get(sql);
    if (t === undefined) {
      t = numberPlaceholders(sql);
      this.texts.set(sql, t);
    }
    return t;
  }
}

/**
 * Connects to `url` (postgres:// or postgresql://) and proves the server answers; a bad URL,
 * an unreachable server or refused credentials is ROOMCTL_E_FLEET_DATABASE naming the option.
 */
export async function connectPostgres(
  url: string,
  options: { log?: Pick<Logger, 'warn'>; max?: number; connectTimeoutMs?: number } = {},
): Promise<PostgresFleetSql> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RoomctlError('ROOMCTL_E_FLEET_DATABASE', `--database (fleet.database) must be a postgres:// URL, got ${JSON.stringify(redactDatabaseUrl(url))}`, {
      option: 'database',
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new RoomctlError('ROOMCTL_E_FLEET_DATABASE', `--database (fleet.database) must be a postgres:// URL, got a ${parsed.protocol}// one`, {
      option: 'database',
    });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    types,
    application_name: 'roomctl-fleet',
  });
  // An idle connection the server dropped must not crash the fleet; the next query reconnects.
  pool.on('error', (err) => options.log?.warn({ err: err.message }, 'a fleet database connection was lost; the pool reconnects'));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new RoomctlError(
      'ROOMCTL_E_FLEET_DATABASE',
      `--database (fleet.database): cannot use ${redactDatabaseUrl(url)}: ${(err as Error).message}`,
      { option: 'database' },
      { cause: err },
    );
  }
  return new PostgresFleetSql(pool);
}
