import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { RoomctlError } from '../drivers/core/errors.js';
import { parseListen } from '../appliance/http/listen-address.js';
import type { Logger } from '../appliance/logger.js';
import type { ApiLimitsConfig } from '../appliance/config/config-schema.js';
import { mqttConnectOptions, type MqttSettings } from '../appliance/telemetry/mqtt-connect-options.js';
import { AlertDispatcher } from './alert-dispatcher.js';
import { seedAlerts } from './alert-seeding.js';
import { AlertEngine, DEFAULT_ALERT_RULES, type AlertRulesConfig } from './alert-rules.js';
import type { AlertSink } from './alert-sink.js';
import { DeferredAcks } from './deferred-acks.js';
import { FleetChangeFeed } from './fleet-change-feed.js';
import { DEFAULT_MAX_QUEUED, DEFAULT_STOP_WITHIN_MS, FleetIngest } from './fleet-ingest.js';
import { syncRetained } from './retained-sync.js';
import { HelpRelay } from './help-relay.js';
import type { CommandKey } from '../contract/command-signing.js';
import { FleetMetrics } from './fleet-metrics.js';
import { buildFleetServer } from './fleet-server.js';
import { openFleetSql } from './fleet-database.js';
import type { FleetSql } from './fleet-sql.js';
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
import { StopDeadline } from './stop-deadline.js';

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
  const store = await FleetStore.open(sql);
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
  const alerts = new AlertEngine(
    rules,
    (alert) => {
      dispatcher.enqueue(alert).catch((err: Error) => log.error({ err: err.message, key: alert.key }, 'the fleet could not store an alert'));
      alertFeed.add(alert).catch(logError('the fleet could not keep an alert for the dashboard'));
    },
    options.now,
  );
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
  // One instance runs the alert rules (with PostgreSQL, the holder of an advisory lock), and it
  // sees every instance's changes: a device that went offline through one instance and came
  // back through another must resolve, and an alert must go out once.
  const seeding = {
    eventsBySeq: (seqs: number[]) => store.eventsBySeq(seqs),
    feed: alertFeed,
    dispatcher,
    sinkIds: (options.sinks ?? []).map((s) => s.id),
  };
  const seed = () => seedAlerts(sql, alerts, { ...seeding, now: options.now?.() ?? Date.now() });
  let leading = !feed;
  if (leading) await seed();
  ingest.on('changes', (changes) => leading && alerts.observe(changes));
  feed?.on('changes', (changes) => leading && alerts.observe(changes));
  feed?.on('lost', () => {
    if (leading) log.warn('this fleet instance lost the alert lead with its database connection');
    leading = false;
    alerts.reset();
  });
  let seeking = false;
  const ticker = setInterval(() => {
    if (leading) return alerts.tick();
    if (!feed || seeking) return;
    seeking = true;
    feed
      .tryLead()
      .then(async (won) => {
        if (!won) return;
        await seed();
        leading = true;
        log.info('this fleet instance runs the alert rules');
      })
      .catch((err: Error) => log.warn({ err: err.message }, 'the fleet could not ask for the alert lead'))
      .finally(() => (seeking = false));
  }, 1000);
  ticker.unref();

  const topic = options.shareGroup ? `$share/${options.shareGroup}/roomctl/#` : 'roomctl/#';
  let client: MqttClient | undefined;
  let currentAcks: DeferredAcks | undefined;
  let lastError: string | undefined;
  // The persistent session belongs to this store (the messages queued for it must land in it): one client id per data folder.
  const storeId = createHash('sha256').update(resolve(options.dataDir)).digest('hex').slice(0, 8);
  const relay = new HelpRelay({
    sql,
    store,
    key: options.commandKey,
    instanceId: `fleet-${storeId}`,
    publish: (t, payload) => {
      if (!client?.connected) log.warn({ topic: t }, 'the broker is away: the room hears the help answer when it is back online');
      client?.publish(t, payload, { qos: 1 });
    },
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
  const connect = (protocolVersion: 4 | 5) => {
    const connectOptions = mqttConnectOptions({ ...options.broker, protocolVersion }, { clientId: `roomctl-fleet-${hostname()}-${storeId}` });
    const c = mqtt.connect(options.broker.url, connectOptions);
    client = c;
    const acks = new DeferredAcks(c);
    currentAcks = acks;
    // The bound on what is held received and not committed. mqtt.js reads the next packet once
    // this calls back (its public backpressure hook): with a full ingest queue the socket is left
    // unread and the broker keeps the messages. Not an MQTT 5 Receive Maximum: Mosquitto 2.0.11
    // sends past it once PUBACKs come back, and with one announced, messages of a share group
    // reached two instances under load.
    c.handleMessage = (_packet, callback) => ingest.whenRoom(() => callback());
    let retained: ReturnType<typeof syncRetained> | undefined;
    c.on('connect', (connack) => {
      lastError = undefined;
      log.info({ broker: options.broker.url, topic, protocolVersion, sessionPresent: connack.sessionPresent }, 'fleet connected');
      // A shared subscription gets no retained messages: fetch the rooms' last state on every connect.
      retained?.stop();
      if (options.shareGroup) retained = syncRetained(c, log);
      // A resumed session still has the subscription (and the messages queued while away).
      if (connack.sessionPresent) return;
      // The answers to this instance's commands: a shared subscription may hand them to another instance.
      const topics = options.shareGroup ? [topic, relay.replySubscription] : [topic];
      c.subscribe(topics, { qos: 1 }, (err) => {
        if (err) log.error({ err: err.message, topic }, 'fleet cannot subscribe');
      });
    });
    c.on('message', (t, payload, packet) => {
      // The PUBACK waits for the commit (deferred-acks.ts): a kill -9 loses nothing acknowledged.
      const committed = acks.hold(packet);
      retained?.onMessage(packet.retain);
      if (relay.handle(t, payload)) committed();
      else ingest.push(t, payload, committed);
    });
    c.on('error', (err) => {
      // No protocolVersion in the options: MQTT 5 first, 3.1.1 when the broker refuses it (aedes, old brokers).
      if (options.broker.protocolVersion === undefined && protocolVersion === 5 && (err as { code?: number }).code === 1) {
        log.info({ broker: options.broker.url }, 'the broker does not speak MQTT 5; using 3.1.1');
        c.end(true);
        connect(4);
        return;
      }
      if (err.message === lastError) return;
      lastError = err.message;
      log.warn({ err: err.message, broker: options.broker.url }, 'fleet cannot reach the broker; retrying');
    });
  };
  connect(options.broker.protocolVersion ?? 5);

  const stopRetention = scheduleRetention(sql, { ...DEFAULT_RETENTION, ...options.retention }, log, { now: options.now });
  const metrics = new FleetMetrics(
    ingest,
    () => client?.connected === true,
    () => currentAcks?.outstanding ?? 0,
  );
  const { app: server, routes } = await buildFleetServer({
    store,
    ingest,
    feed,
    metrics,
    tokens: options.tokens,
    operators,
    desk,
    history,
    alerts: alertFeed,
    log,
    onIssueAction: (issue) => relay.tell(issue),
    httpLimits: options.httpLimits,
    now: options.now,
  });
  /**
   * Stops everything started above within one deadline, the database last; `force` drops the
   * broker connection without a goodbye. What still waits on the database at the deadline is
   * abandoned and named in the log, and the connections it waits on are cut.
   */
  const stopAll = async (force: boolean) => {
    const deadline = new StopDeadline(options.stopWithinMs ?? DEFAULT_STOP_WITHIN_MS);
    clearInterval(ticker);
    // Commit what fits in the deadline while still connected, so those PUBACKs (and those
    // waiting for their samples) reach the broker; what is left stays unacknowledged in the
    // session and comes back.
    if ((await ingest.stop(deadline.remainingMs)).gaveUp) deadline.gaveUp('ingest');
    await deadline.within('device samples', sampler.idle());
    const c = client;
    if (c && force) await new Promise<void>((resolve) => c.end(true, {}, () => resolve()));
    else if (c) await endWithin(c, Math.min(2000, Math.max(100, deadline.remainingMs)));
    await Promise.all([
      deadline.within('device faults', faults.idle()),
      deadline.within('alerts', dispatcher.stop()),
      deadline.within('retention', stopRetention()),
      deadline.within('dashboard requests', server.close()),
      feed ? deadline.within('change feed', feed.close()) : undefined,
    ]);
    metrics.stop();
    const abandoned = deadline.unfinished;
    if (abandoned.length > 0) {
      log.warn(
        { abandoned, unstoredAlerts: dispatcher.unstored, withinMs: deadline.withinMs },
        'the fleet stopped at its deadline with work still waiting on the database: the next start records the device faults and alerts of what was committed, the broker delivers again what was not',
      );
      // A request still waiting on the database gets its connection closed, not an answer.
      server.server.closeAllConnections();
    }
    // Cut connections free the pool at once; a second second covers one still held by a stuck caller.
    const closing = new StopDeadline(1000);
    if (!(await closing.within('database', sql.close({ abandon: abandoned.length > 0 })))) {
      log.warn('the fleet database did not close in time; the process ends without it');
    }
  };
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
      return client?.connected === true;
    },
    get leadsAlerts() {
      return leading;
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopAll(false);
    },
  };
}

/** A polite DISCONNECT (the persistent session stays), or a closed socket when the broker does not answer in time. */
async function endWithin(client: MqttClient, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<boolean>((resolve) => client.end(false, {}, () => resolve(true)));
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  if (!(await Promise.race([ended, late]))) await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  clearTimeout(timer);
}
