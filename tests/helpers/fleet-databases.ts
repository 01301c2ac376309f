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
 * folder, and a fresh database on one PostgreSQL per test process (started on first use, kept
 * for the files that follow in the same worker, ended with the process; `closeFleetPostgres`
 * in afterAll drops the file's databases). A server's start (initdb) costs about 2 CPU-s, and
 * some 30 files use one.
 */
export const FLEET_BACKENDS = ['sqlite', 'postgres'] as const;
export type FleetBackend = (typeof FLEET_BACKENDS)[number];

let server: Promise<RunningPostgres> | undefined;
/** The databases made on the shared server since the last `closeFleetPostgres`. */
const made: string[] = [];

export async function sharedPostgres(): Promise<RunningPostgres> {
  // Set before any await, so that callers at the same moment share one start.
  server ??= startPostgres();
  // A start that failed is not handed out again: the next caller starts anew.
  const running = await server.catch((err: unknown) => {
    server = undefined;
    throw err;
  });
  return {
    ...running,
    pid: running.pid,
    async createDatabase(name?: string) {
      const url = await running.createDatabase(name);
      made.push(new URL(url).pathname.slice(1));
      return url;
    },
    close: async () => undefined,
  };
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

/** Drops the databases this file made on the shared server (their connections cut); the server stays for the next file. */
export async function closeFleetPostgres(): Promise<void> {
  const names = made.splice(0);
  if (names.length === 0 || !server) return;
  await (await server).dropDatabases(names);
}

/** The `i`-th of a stream of feedback events from five rooms, as the broker hands them to the ingest. */
export const feedbackMessage = (i: number) => ({
  topic: `roomctl/hq/room-${i % 5}/events`,
  payload: Buffer.from(JSON.stringify({ id: `e-${i}`, at: '2026-01-01T00:00:00.000Z', type: 'feedback', meetingId: 'm-1', rating: 5 })),
});
