import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { RoomctlError } from '../drivers/core/errors.js';
import { parseListen } from '../appliance/http/listen-address.js';
import type { Logger } from '../appliance/logger.js';
import type { Db } from '../appliance/store/database.js';
import { mqttConnectOptions, type MqttSettings } from '../appliance/telemetry/mqtt-connect-options.js';
import { AlertDispatcher } from './alert-dispatcher.js';
import { AlertEngine, DEFAULT_ALERT_RULES, type AlertRulesConfig } from './alert-rules.js';
import type { AlertSink } from './alert-sink.js';
import { FleetIngest } from './fleet-ingest.js';
import { HelpRelay } from './help-relay.js';
import type { CommandKey } from '../contract/command-signing.js';
import { FleetMetrics } from './fleet-metrics.js';
import type { DeclaredRoute } from './fleet-access.js';
import { buildFleetServer } from './fleet-server.js';
import { FleetStore, openFleetDatabase } from './fleet-store.js';
import { DeviceFaultIssues } from './device-fault-issues.js';
import { FleetAlertFeed } from './fleet-alert-feed.js';
import { DeviceSampler, FleetHistory } from './fleet-history.js';
import { IssueDesk } from './fleet-issue-desk.js';
import type { FleetMessage } from './fleet-messages.js';
import { FleetOperators } from './fleet-operators.js';
import { sqlitePort } from './fleet-sql-port.js';

export interface FleetOptions {
  /** The central broker: url, credentials, TLS files, protocolVersion (4 for aedes). */
  broker: MqttSettings;
  /** Subscribe as `$share/<group>/roomctl/#` so several fleet instances split the rooms' messages. */
  shareGroup?: string;
  dataDir: string;
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
  sinks?: AlertSink[];
  log: Logger;
  flushMs?: number;
  now?: () => number;
}

export interface Fleet {
  url: string;
  store: FleetStore;
  ingest: FleetIngest;
  alerts: AlertEngine;
  dispatcher: AlertDispatcher;
  db: Db;
  operators: FleetOperators;
  desk: IssueDesk;
  faults: DeviceFaultIssues;
  history: FleetHistory;
  alertFeed: FleetAlertFeed;
  /** Every route of the API with its declared access level. */
  routes: readonly DeclaredRoute[];
  readonly connected: boolean;
  close(): Promise<void>;
}

/** `roomctl fleet`: subscribe to every room, keep the fleet's state in SQLite, serve the dashboard, send alerts. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { log } = options;
  const db = openFleetDatabase(options.dataDir);
  const store = new FleetStore(db);
  const ingest = new FleetIngest(store, { flushMs: options.flushMs, log, now: options.now });
  const dispatcher = new AlertDispatcher(db, options.sinks ?? [], { log, now: options.now });
  const sql = sqlitePort(db);
  const operators = new FleetOperators(sql);
  const desk = new IssueDesk(sql, store);
  const history = new FleetHistory(sql, { lampRatedHours: options.lampRatedHours });
  const sampler = new DeviceSampler(sql);
  const alertFeed = new FleetAlertFeed(sql);
  const logError = (what: string) => (err: unknown) => log.error({ err: (err as Error).message }, what);
  const rules = { ...DEFAULT_ALERT_RULES, ...options.rules };
  const alerts = new AlertEngine(rules, (alert) => {
    dispatcher.enqueue(alert);
    alertFeed.add(alert).catch(logError('the fleet could not keep an alert for the dashboard'));
  }, options.now);
  const faults = new DeviceFaultIssues(sql, desk, {
    meetingIn: async (site, room) => {
      const m = await store.currentMeeting(site, room);
      return m ? (m.title ?? (m.confidential ? '(confidential)' : null)) : null;
    },
    namesOf: async (site, room, deviceId) => (await store.deviceNames(site, room))[deviceId] ?? null,
    changed: (issueIds, rooms) => ingest.emit('changes', { rooms: new Set(rooms), events: [], issues: new Set(issueIds), devices: [], roomStatus: [], stale: 0, duplicates: 0 }, options.now?.() ?? Date.now()),
    flapWindowMs: options.flapWindowMs,
    onError: logError('the fleet could not record a device fault'),
  });
  ingest.on('changes', (changes, at: number) => faults.observe(changes, at));
  ingest.on('batch', (batch: FleetMessage[], at: number) => {
    const samples = batch.flatMap((m) => (m.kind === 'health' ? [{ site: m.site, room: m.room, deviceId: m.deviceId, at: m.health.at ?? at, metrics: m.health.metrics }] : []));
    if (samples.length) sampler.observe(samples).catch(logError('the fleet could not sample device metrics'));
  });
  seedAlerts(db, alerts);
  ingest.on('changes', (changes) => alerts.observe(changes));
  const ticker = setInterval(() => alerts.tick(), 1000);
  ticker.unref();

  const topic = options.shareGroup ? `$share/${options.shareGroup}/roomctl/#` : 'roomctl/#';
  let client: MqttClient | undefined;
  let lastError: string | undefined;
  // The persistent session belongs to this store (the messages queued for it must land in it): one client id per data folder.
  const storeId = createHash('sha256').update(resolve(options.dataDir)).digest('hex').slice(0, 8);
  const relay = new HelpRelay({
    db,
    store,
    key: options.commandKey,
    instanceId: `fleet-${storeId}`,
    publish: (t, payload) => {
      if (!client?.connected) log.warn({ topic: t }, 'the broker is away: the room hears the help answer when it is back online');
      client?.publish(t, payload, { qos: 1 });
    },
    changed: (changes) => ingest.emit('changes', changes, options.now?.() ?? Date.now()),
    log,
    now: options.now,
  });
  ingest.on('changes', (changes) => relay.observe(changes));
  const connect = (protocolVersion: 4 | 5) => {
    const connectOptions = mqttConnectOptions({ ...options.broker, protocolVersion }, { clientId: `roomctl-fleet-${hostname()}-${storeId}` });
    const c = mqtt.connect(options.broker.url, connectOptions);
    client = c;
    c.on('connect', (connack) => {
      lastError = undefined;
      log.info({ broker: options.broker.url, topic, protocolVersion, sessionPresent: connack.sessionPresent }, 'fleet connected');
      // A resumed session still has the subscription (and the messages queued while away).
      if (connack.sessionPresent) return;
      // The answers to this instance's commands: a shared subscription may hand them to another instance.
      const topics = options.shareGroup ? [topic, relay.replySubscription] : [topic];
      c.subscribe(topics, { qos: 1 }, (err) => {
        if (err) log.error({ err: err.message, topic }, 'fleet cannot subscribe');
      });
    });
    c.on('message', (t, payload) => {
      if (!relay.handle(t, payload)) ingest.push(t, payload);
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

  const metrics = new FleetMetrics(ingest, () => client?.connected === true);
  const { app: server, routes } = await buildFleetServer({ store, ingest, metrics, tokens: options.tokens, operators, desk, history, alerts: alertFeed, log, onIssueAction: (issue) => relay.tell(issue) });
  const { host, port } = parseListen(options.listen ?? '127.0.0.1:8090');
  try {
    await server.listen({ host, port });
  } catch (err) {
    // Close everything this attempt opened: a timer left behind would later touch the closed database.
    clearInterval(ticker);
    client?.end(true);
    ingest.stop();
    await server.close();
    await dispatcher.stop();
    metrics.stop();
    db.close();
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
    db,
    operators,
    desk,
    faults,
    history,
    alertFeed,
    routes,
    get connected() {
      return client?.connected === true;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      const c = client;
      if (c) await new Promise<void>((resolve) => c.end(false, {}, () => resolve()));
      ingest.stop();
      await faults.idle();
      await server.close();
      await dispatcher.stop();
      metrics.stop();
      db.close();
    },
  };
}

/** Conditions already true when the fleet starts, so their alerts still fire (or resolve) once. */
function seedAlerts(db: Db, alerts: AlertEngine): void {
  const lastState = db.prepare('SELECT state FROM fleet_alerts WHERE alert_key = ? ORDER BY id DESC LIMIT 1').pluck();
  const devices = db.prepare("SELECT site, room, device_id AS deviceId, detail, received_at AS since FROM fleet_devices WHERE status = 'offline'").all() as Array<{ site: string; room: string; deviceId: string; detail: string | null; since: number }>;
  for (const d of devices) {
    const key = `device-offline/${d.site}/${d.room}/${d.deviceId}`;
    alerts.seed({ rule: 'device-offline', site: d.site, room: d.room, deviceId: d.deviceId, since: d.since, detail: d.detail, fired: lastState.get(key) === 'firing' });
  }
  const rooms = db.prepare("SELECT site, room, status_since AS since FROM fleet_rooms WHERE status = 'offline'").all() as Array<{ site: string; room: string; since: number }>;
  for (const r of rooms) {
    const key = `room-offline/${r.site}/${r.room}`;
    alerts.seed({ rule: 'room-offline', site: r.site, room: r.room, since: r.since, detail: null, fired: lastState.get(key) === 'firing' });
  }
}
