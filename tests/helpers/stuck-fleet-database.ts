import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createLogger } from '../../appliance/logger.js';
import type { AlertSink } from '../../fleet/alert-sink.js';
import { startFleet, type Fleet, type FleetOptions } from '../../fleet/fleet-service.js';
import { sharedPostgres } from './fleet-databases.js';
import { until } from './until.js';

/**
 * A fleet on its own PostgreSQL database and a second session on it that can hold the locks a
 * part of the fleet needs, so that part waits on a database that does not answer. The fleet
 * can be started again on the same database and broker session (as systemd restarts it).
 */
export interface StuckFleetLab {
  database: string;
  /** The other session: `LOCK TABLE …` inside `BEGIN`, `pg_advisory_lock(…)`. */
  blocker: pg.Client;
  /** Every line the fleets logged at warn and above. */
  lines: Array<Record<string, unknown>>;
  start(more?: Partial<Pick<FleetOptions, 'sinks' | 'rules' | 'now' | 'retention'>>): Promise<Fleet>;
  /** Resolves once a fleet statement waits for a lock another session holds. */
  fleetWaitsOnLock(what: string): Promise<void>;
  /** Ends the server side of the connections a stopped fleet cut, so their statements never run. */
  endAbandonedBackends(): Promise<void>;
  close(): Promise<void>;
}

/** The deadline of the fleets' stops here (ms). */
const STOP_WITHIN_MS = 1500;

export async function stuckFleetLab(brokerUrl: string, clientId: string): Promise<StuckFleetLab> {
  const database = await (await sharedPostgres()).createDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-stuck-'));
  const blocker = new pg.Client({ connectionString: database, application_name: 'stuck-fleet-lab' });
  await blocker.connect();
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  const open: Fleet[] = [];
  // Inside the blocker's transaction pg_stat_activity is a snapshot taken once: cleared before each look.
  const activity = () => blocker.query('SELECT pg_stat_clear_snapshot()');
  const fleetBackends = async () =>
    (
      await activity().then(() =>
        blocker.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'roomctl-fleet' AND pid <> pg_backend_pid()",
        ),
      )
    ).rows.map((r) => r.pid);
  return {
    database,
    blocker,
    lines,
    async start(more = {}) {
      const fleet = await startFleet({
        broker: { url: brokerUrl, protocolVersion: 5, clientId },
        dataDir,
        database,
        listen: '127.0.0.1:0',
        tokens: ['stuck-fleet-token-0123456789'],
        log,
        stopWithinMs: STOP_WITHIN_MS,
        ...more,
      });
      open.push(fleet);
      return fleet;
    },
    async fleetWaitsOnLock(what) {
      await until(
        async () =>
          (
            await activity().then(() =>
              blocker.query<{ n: string }>(
                "SELECT COUNT(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database() AND a.application_name = 'roomctl-fleet'",
              ),
            )
          ).rows[0]?.n !== '0',
        20_000,
        what,
        20,
      );
    },
    async endAbandonedBackends() {
      for (const pid of await fleetBackends()) await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
      await until(async () => (await fleetBackends()).length === 0, 10_000, 'the abandoned backends ended').catch(async (err: Error) => {
        const left = await activity().then(() =>
          blocker.query(
            "SELECT pid, state, wait_event_type, query FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'roomctl-fleet'",
          ),
        );
        throw new Error(`${err.message}: ${JSON.stringify(left.rows)}`);
      });
    },
    async close() {
      for (const fleet of open) await fleet.close().catch(() => undefined);
      await blocker.end().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A sink that keeps what it is sent (the alert path to it is the fleet's own). */
export function keptAlerts(): AlertSink & { sent: Array<{ key: string; state: string }> } {
  const sent: Array<{ key: string; state: string }> = [];
  return {
    id: 'kept',
    sent,
    async send(alert) {
      sent.push({ key: alert.key, state: alert.state });
    },
  };
}
