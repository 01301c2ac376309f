import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFleetSql } from '../../fleet/fleet-database.js';
import type { FleetSql } from '../../fleet/fleet-sql.js';
import { startPostgres, type RunningPostgres } from './postgres.js';

export interface TestFleetDatabase {
  sql: FleetSql;
  /** What to pass as `database` to start a fleet on the same data (undefined for SQLite). */
  database: string | undefined;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The fleet's two databases, for suites that run against both: an SQLite file in a temp
 * folder, and a fresh database on one PostgreSQL per test file (started on first use;
 * `closeFleetPostgres` in afterAll stops it).
 */
export const FLEET_BACKENDS = ['sqlite', 'postgres'] as const;
export type FleetBackend = (typeof FLEET_BACKENDS)[number];

let server: Promise<RunningPostgres> | undefined;

export function sharedPostgres(): Promise<RunningPostgres> {
  server ??= startPostgres();
  return server;
}

export async function openTestFleetDatabase(backend: FleetBackend): Promise<TestFleetDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-'));
  const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
  const sql = await openFleetSql({ dataDir, database });
  return {
    sql,
    database,
    dataDir,
    async close() {
      await sql.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function closeFleetPostgres(): Promise<void> {
  const s = server;
  server = undefined;
  if (s) await (await s).close();
}

/** The `i`-th of a stream of feedback events from five rooms, as the broker hands them to the ingest. */
export const feedbackMessage = (i: number) => ({
  topic: `roomctl/hq/room-${i % 5}/events`,
  payload: Buffer.from(JSON.stringify({ id: `e-${i}`, at: '2026-01-01T00:00:00.000Z', type: 'feedback', meetingId: 'm-1', rating: 5 })),
});
