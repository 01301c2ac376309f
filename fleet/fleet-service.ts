import type { AddressInfo } from 'node:net';
import { RoomctlError } from '../drivers/core/errors.js';
import { parseListen } from '../appliance/http/listen-address.js';
import type { Logger } from '../appliance/logger.js';
import type { ApiLimitsConfig } from '../appliance/config/config-schema.js';
import type { MqttSettings } from '../appliance/telemetry/mqtt-connect-options.js';
import { AlertDispatcher } from './alert-dispatcher.js';
import { AlertLead } from './alert-lead.js';
import { seedAlerts } from './alert-seeding.js';
import { AlertEngine, DEFAULT_ALERT_RULES, type AlertRulesConfig } from './alert-rules.js';
import type { Alert, AlertSink } from './alert-sink.js';
import { FleetBrokerLink, fleetStoreId } from './fleet-broker-link.js';
import { FleetChangeFeed } from './fleet-change-feed.js';
import { DEFAULT_MAX_QUEUED, FleetIngest } from './fleet-ingest.js';
import { HelpRelay } from './help-relay.js';
import type { CommandKey } from '../contract/command-signing.js';
import { FleetMetrics } from './fleet-metrics.js';
import { buildFleetServer } from './fleet-server.js';
import { openFleetSql } from './fleet-database.js';
import { fleetDatabaseName, type FleetSql } from './fleet-sql.js';
import { EventBudget } from './event-budget.js';
import { DEFAULT_RETENTION, scheduleRetention, type RetentionConfig } from './fleet-retention.js';
import { FleetStore } from './fleet-store.js';
import type { DeclaredRoute } from './fleet-access.js';
import { DeviceFaultIssues } from './device-fault-issues.js';
import { FleetAlertFeed } from './fleet-alert-feed.js';
import { emptyChanges } from './fleet-changes.js';
import { DeviceSampler } from './device-sampler.js';
import { FleetHistory } from './fleet-history.js';
import { IssueDesk } from './fleet-issue-desk.js';
import { FleetOperators } from './fleet-operators.js';
import { stopFleetParts } from './fleet-stop-sequence.js';

export interface FleetOptions {
  /** The central broker: url, credentials, TLS files, protocolVersion (4 for aedes). */
  broker: MqttSettings;
  /** Subscribe as `$share/<group>/roomctl/#` so several fleet instances split the rooms' messages. */
  shareGroup?: string;
  dataDir: string;
  /** postgres://… to share one PostgreSQL between several instances; without it, `<dataDir>/fleet.sqlite`. */
  database?: string;
  /** host:port of the dashboard and API; default 127.0.0.1:8090 */
  listen?: string;
  /** Start-up bearer tokens: they act as the admin "facilities" (named operators have their own, `roomctl fleet operators add`). */
  tokens: string[];
  /** A device back and failing again within this long reopens its issue (ms); default 10 min. */
  flapWindowMs?: number;
  /** Rated lamp life for the replace-by forecast (hours); default 3000. */
  lampRatedHours?: number;
  /** Signs the commands that tell a room its help call was seen (one of the rooms' `mqtt.commandKeys`). */
  commandKey?: CommandKey;
  rules?: Partial<AlertRulesConfig>;
  /** Events one room may have stored a minute (event-budget.ts; default 60, with a day's worth at once for a backlog). */
  roomEventsPerMinute?: number;
  /** Rooms the fleet keeps (fleet-batch-writer.ts MAX_ROOMS unless given). */
  maxRooms?: number;
  /** How long raw events, roll-ups and delivered alerts are kept (fleet-retention.ts). */
  retention?: Partial<RetentionConfig>;
  sinks?: AlertSink[];
  log: Logger;
  flushMs?: number;
  /** Messages held received and not committed, at most (default four batches, 20,000). */
  maxQueued?: number;
  /**
   * How long a stop may take (ms; default 5 s): the ingest commits what it received, and the
   * device faults, samples, alert deliveries, retention and dashboard requests finish. What
   * is still waiting on the database then is abandoned (logged, its connections cut): what was
   * not committed is left unacknowledged to the broker, and the next start records what was.
   */
  stopWithinMs?: number;
  now?: () => number;
  /** The dashboard's bounds on clients (the room API's defaults, connection-limits.ts); tests shorten them. */
  httpLimits?: ApiLimitsConfig;
}

export interface Fleet {
  url: string;
  store: FleetStore;
  ingest: FleetIngest;
  alerts: AlertEngine;
  dispatcher: AlertDispatcher;
  sql: FleetSql;
  operators: FleetOperators;
  desk: IssueDesk;
  faults: DeviceFaultIssues;
  history: FleetHistory;
  alertFeed: FleetAlertFeed;
  /** Every route of the API with its declared access level. */
  routes: readonly DeclaredRoute[];
  readonly connected: boolean;
  /** Whether this instance runs the alert rules (alone with SQLite; the holder of the lead with PostgreSQL). */
  readonly leadsAlerts: boolean;
  close(): Promise<void>;
}

/** `roomctl fleet`: subscribe to every room, keep the fleet's state in SQLite, serve the dashboard, send alerts. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { log } = options;
  const sql = await openFleetSql({ dataDir: options.dataDir, database: options.database, log });
  const store = await FleetStore.open(sql, { roomEventsPerMinute: options.roomEventsPerMinute, maxRooms: options.maxRooms });
  const feed = await FleetChangeFeed.start(sql, store.origin, (seqs) => store.eventsBySeq(seqs), log);
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  const sampler = new DeviceSampler(sql);
  const logError = (what: string) => (err: unknown) => log.error({ err: (err as Error).message }, what);
  const ingest = new FleetIngest(store, {
    flushMs: options.flushMs,
    maxQueued,
    stopWithinMs: options.stopWithinMs,
    log,
    now: options.now,
    // A batch's PUBACKs wait for its device samples: a stop that cannot wait for them leaves those messages to the broker.
    ackAfter: (batch, at) => {
      const samples = batch.flatMap((m) =>
        m.kind === 'health'
          ? [{ site: m.site, room: m.room, deviceId: m.deviceId, at: m.health.at ?? at, metrics: m.health.metrics, signal: m.health.signal }]
          : [],
      );
      return samples.length ? sampler.observe(samples).catch(logError('the fleet could not sample device metrics')) : undefined;
    },
  });
  const dispatcher = new AlertDispatcher(sql, options.sinks ?? [], { log, now: options.now });
  const operators = new FleetOperators(sql);
  const desk = new IssueDesk(sql, store);
  const history = new FleetHistory(sql, { lampRatedHours: options.lampRatedHours });
  const alertFeed = new FleetAlertFeed(sql, async (site, room, deviceId) => (await store.deviceNames(site, room))[deviceId] ?? null);
  const rules = { ...DEFAULT_ALERT_RULES, ...options.rules };
  const send = (alert: Alert) =>
    dispatcher.enqueue(alert).catch((err: Error) => log.error({ err: err.message, key: alert.key }, 'the fleet could not store an alert'));
  const keep = (alert: Alert) => alertFeed.add(alert).catch(logError('the fleet could not keep an alert for the dashboard'));
  const raise = (alert: Alert) => Promise.all([send(alert), keep(alert)]);
  // A help call's alert is resolved by facilities' Resolve here and again by the room's
  // confirmation, maybe on another instance at the same instant: it resolves once, and only if
  // it fired. The database keeps one resolution (migration 13); only the instance whose
  // resolution it kept sends it on. One at a time here, so this instance asks once per call.
  let resolvingHelp = Promise.resolve();
  const emit = (alert: Alert) => {
    if (alert.rule !== 'help-request' || alert.state !== 'resolved') return void raise(alert);
    resolvingHelp = resolvingHelp.then(async () => {
      if (!(await alertFeed.stillFiring(alert.key).catch(() => false))) return;
      if (await keep(alert)) await send(alert);
    });
  };
  const alerts = new AlertEngine(rules, emit, options.now);
  // Each instance turns the device transitions it ingests into issues (a shared subscription
  // gives a device's messages to one instance at a time); the others hear of the issue by the feed.
  const faults = new DeviceFaultIssues(sql, desk, {
    meetingIn: async (site, room) => {
      const m = await store.currentMeeting(site, room);
      return m ? (m.title ?? (m.confidential ? '(confidential)' : null)) : null;
    },
    namesOf: async (site, room, deviceId) => (await store.deviceNames(site, room))[deviceId] ?? null,
    changed: (issueIds, rooms) => {
      const changes = { ...emptyChanges(), rooms: new Set(rooms), issues: new Set(issueIds) };
      ingest.emit('changes', changes, options.now?.() ?? Date.now());
      store.announce(changes).catch(logError('the fleet could not tell the other instances'));
    },
    flapWindowMs: options.flapWindowMs,
    onError: logError('the fleet could not record a device fault'),
  });
  // What the last process committed and had not turned into issues (a stop gave up on the database) comes first.
  faults.reconcile(options.now?.() ?? Date.now());
  ingest.on('changes', (changes, at: number) => faults.observe(changes, at));
  const seeding = {
    eventsBySeq: (seqs: number[]) => store.eventsBySeq(seqs),
    feed: alertFeed,
    dispatcher,
    sinkIds: (options.sinks ?? []).map((s) => s.id),
  };
  const seed = () => seedAlerts(sql, alerts, { ...seeding, now: options.now?.() ?? Date.now() });
  const lead = await AlertLead.start({ feed, ingest, alerts, seed, log });

  const storeId = fleetStoreId(options.dataDir);
  const relay = new HelpRelay({
    sql,
    store,
    key: options.commandKey,
    instanceId: `fleet-${storeId}`,
    publish: (t, payload) => link.publish(t, payload),
    changed: (changes) => {
      ingest.emit('changes', changes, options.now?.() ?? Date.now());
      store.announce(changes).catch((err: Error) => log.warn({ err: err.message }, 'the fleet could not tell the other instances'));
    },
    log,
    now: options.now,
  });
  ingest.on('changes', (changes) => {
    relay.observe(changes).catch((err: Error) => log.warn({ err: err.message }, 'the fleet could not look for help answers to repeat'));
  });
  const link = new FleetBrokerLink({
    broker: options.broker,
    shareGroup: options.shareGroup,
    storeId,
    ingest,
    ownReplies: relay.replySubscription,
    takeOwn: (t, payload) => relay.handle(t, payload),
    log,
  });

  const stopRetention = scheduleRetention(sql, { ...DEFAULT_RETENTION, ...options.retention }, log, {
    now: options.now,
    budget: new EventBudget(options.roomEventsPerMinute),
  });
  const metrics = new FleetMetrics(
    ingest,
    () => link.connected,
    () => link.outstandingAcks,
    dispatcher,
  );
  const { app: server, routes } = await buildFleetServer({
    store,
    ingest,
    feed,
    metrics,
    broker: link,
    tokens: options.tokens,
    operators,
    desk,
    history,
    alerts: alertFeed,
    log,
    database: fleetDatabaseName(options),
    onIssueAction: async (issue) => {
      if (issue.kind === 'help' && issue.state === 'resolved') {
        // The dashboard's alert ends with the call, whether or not the room can be told now.
        const at = issue.resolvedAt ?? new Date().toISOString();
        const body = { requestId: issue.id, by: issue.resolvedBy };
        const resolved = alerts.eventAlert({ seq: 0, id: issue.id, site: issue.site, room: issue.room, type: 'help.resolved', deviceId: null, at, body });
        if (resolved) emit(resolved);
      }
      if (issue.kind === 'device' && issue.state === 'resolved' && issue.deviceId && issue.resolvedBy && issue.resolvedAt) {
        // The device's alert ends with its issue: the instance that runs the rules hears it here or by the feed.
        const { site, room, deviceId, resolvedBy: by, resolvedAt: at } = issue;
        const changes = { ...emptyChanges(), resolvedByHand: [{ site, room, deviceId, by, at }] };
        ingest.emit('changes', changes, options.now?.() ?? Date.now());
        await store.announce(changes).catch(logError('the fleet could not tell the other instances'));
      }
      await relay.tell(issue);
    },
    httpLimits: options.httpLimits,
    now: options.now,
  });
  const stopAll = (force: boolean) =>
    stopFleetParts(
      {
        stopWithinMs: options.stopWithinMs,
        lead,
        ingest,
        sampler,
        link,
        faults,
        alertsSettled: () => resolvingHelp.then(() => dispatcher.stop()),
        dispatcher,
        stopRetention,
        server,
        feed,
        metrics,
        sql,
        log,
      },
      force,
    );
  const { host, port } = parseListen(options.listen ?? '127.0.0.1:8090');
  try {
    await server.listen({ host, port });
  } catch (err) {
    // Close everything this attempt opened: a timer left behind would later touch the closed database.
    await stopAll(true);
    throw new RoomctlError('ROOMCTL_E_LISTEN_IN_USE', `The fleet view cannot listen on ${host}:${port}: ${(err as Error).message}`);
  }
  const address = server.addresses()[0] as AddressInfo;
  let closed = false;
  return {
    url: `http://${address.address}:${address.port}`,
    store,
    ingest,
    alerts,
    dispatcher,
    sql,
    operators,
    desk,
    faults,
    history,
    alertFeed,
    routes,
    get connected() {
      return link.connected;
    },
    get leadsAlerts() {
      return lead.leads;
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopAll(false);
    },
  };
}
