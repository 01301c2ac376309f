import type { FastifyInstance } from 'fastify';
import type { Logger } from '../appliance/logger.js';
import type { AlertDispatcher } from './alert-dispatcher.js';
import type { AlertLead } from './alert-lead.js';
import type { DeviceFaultIssues } from './device-fault-issues.js';
import type { DeviceSampler } from './device-sampler.js';
import type { FleetBrokerLink } from './fleet-broker-link.js';
import type { FleetChangeFeed } from './fleet-change-feed.js';
import { DEFAULT_STOP_WITHIN_MS, type FleetIngest } from './fleet-ingest.js';
import type { FleetMetrics } from './fleet-metrics.js';
import type { FleetSql } from './fleet-sql.js';
import { StopDeadline } from './stop-deadline.js';

/** Every running part of one fleet instance, in the order they are stopped. */
interface FleetParts {
  stopWithinMs: number | undefined;
  lead: AlertLead;
  ingest: FleetIngest;
  sampler: DeviceSampler;
  link: FleetBrokerLink;
  faults: DeviceFaultIssues;
  /** Alerts still being resolved (a help call's), then stored and delivered. */
  alertsSettled(): Promise<void>;
  dispatcher: AlertDispatcher;
  stopRetention(): Promise<void>;
  server: FastifyInstance;
  feed: FleetChangeFeed | undefined;
  metrics: FleetMetrics;
  sql: FleetSql;
  log: Logger;
}

/**
 * Stops every part within one deadline, the database last; `force` drops the broker connection
 * without a goodbye. What still waits on the database at the deadline is abandoned and named in
 * the log, and the connections it waits on are cut.
 */
export async function stopFleetParts(p: FleetParts, force: boolean): Promise<void> {
  const deadline = new StopDeadline(p.stopWithinMs ?? DEFAULT_STOP_WITHIN_MS);
  p.lead.stop();
  // Commit what fits in the deadline while still connected, so those PUBACKs (and those
  // waiting for their samples) reach the broker; what is left stays unacknowledged in the
  // session and comes back.
  if ((await p.ingest.stop(deadline.remainingMs)).gaveUp) deadline.gaveUp('ingest');
  await deadline.within('device samples', p.sampler.idle());
  await p.link.end(force, Math.min(2000, Math.max(100, deadline.remainingMs)));
  await Promise.all([
    deadline.within('device faults', p.faults.idle()),
    deadline.within('alerts', p.alertsSettled()),
    deadline.within('retention', p.stopRetention()),
    deadline.within('dashboard requests', p.server.close()),
    p.feed ? deadline.within('change feed', p.feed.close()) : undefined,
  ]);
  p.metrics.stop();
  const abandoned = deadline.unfinished;
  if (abandoned.length > 0) {
    p.log.warn(
      { abandoned, unstoredAlerts: p.dispatcher.unstored, withinMs: deadline.withinMs },
      'the fleet stopped at its deadline with work still waiting on the database: the next start records the device faults and alerts of what was committed, the broker delivers again what was not',
    );
    // A request still waiting on the database gets its connection closed, not an answer.
    p.server.server.closeAllConnections();
  }
  // Cut connections free the pool at once; a second second covers one still held by a stuck caller.
  const closing = new StopDeadline(1000);
  if (!(await closing.within('database', p.sql.close({ abandon: abandoned.length > 0 })))) {
    p.log.warn('the fleet database did not close in time; the process ends without it');
  }
}
