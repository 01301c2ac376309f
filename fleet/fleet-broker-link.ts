import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../appliance/logger.js';
import { mqttConnectOptions, type MqttSettings } from '../appliance/telemetry/mqtt-connect-options.js';
import { DeferredAcks } from './deferred-acks.js';
import type { FleetIngest } from './fleet-ingest.js';
import { syncRetained } from './retained-sync.js';

/** The persistent session belongs to this store (the messages queued for it must land in it): one id per data folder. */
export function fleetStoreId(dataDir: string): string {
  return createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 8);
}

interface FleetBrokerLinkOptions {
  /** The central broker: url, credentials, TLS files, protocolVersion (4 for aedes). */
  broker: MqttSettings;
  /** Subscribe as `$share/<group>/roomctl/#` so several fleet instances split the rooms' messages. */
  shareGroup?: string;
  /** `fleetStoreId` of the data folder: part of the client id, so the session follows the store. */
  storeId: string;
  ingest: FleetIngest;
  /** Topics subscribed besides the rooms' when the rooms' come through a share group (the answers to this instance's commands). */
  ownReplies: string;
  /** A message for this instance alone (an answer to its commands): true when it was taken, and it is acknowledged at once. */
  takeOwn(topic: string, payload: Buffer): boolean;
  log: Logger;
}

/**
 * The fleet's connection to the central broker: MQTT 5 first and 3.1.1 when the broker
 * refuses it, a persistent session per store, every message acknowledged only once the
 * ingest committed it, and the socket left unread while the ingest is full.
 */
export class FleetBrokerLink extends EventEmitter<{ connection: [connected: boolean] }> {
  private client: MqttClient | undefined;
  private acks: DeferredAcks | undefined;
  private lastError: string | undefined;
  private readonly topic: string;
  /** What the dashboards were last told: 'connection' is emitted on a change only (a broker away closes each retry). */
  private up = false;

  constructor(private readonly o: FleetBrokerLinkOptions) {
    super();
    this.topic = o.shareGroup ? `$share/${o.shareGroup}/roomctl/#` : 'roomctl/#';
    this.connect(o.broker.protocolVersion ?? 5);
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  /** Messages received and not yet acknowledged to the broker. */
  get outstandingAcks(): number {
    return this.acks?.outstanding ?? 0;
  }

  publish(topic: string, payload: string): void {
    if (!this.client?.connected) this.o.log.warn({ topic }, 'the broker is away: the room hears the help answer when it is back online');
    this.client?.publish(topic, payload, { qos: 1 });
  }

  /** `force` drops the connection without a goodbye; otherwise a DISCONNECT within `ms` (the session stays). */
  async end(force: boolean, ms: number): Promise<void> {
    const c = this.client;
    if (c && force) await new Promise<void>((resolve) => c.end(true, {}, () => resolve()));
    else if (c) await endWithin(c, ms);
  }

  private said(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.emit('connection', up);
  }

  private connect(protocolVersion: 4 | 5): void {
    const { broker, shareGroup, ingest, log } = this.o;
    const topic = this.topic;
    const connectOptions = mqttConnectOptions({ ...broker, protocolVersion }, { clientId: `roomctl-fleet-${hostname()}-${this.o.storeId}` });
    const c = mqtt.connect(broker.url, connectOptions);
    this.client = c;
    const acks = new DeferredAcks(c);
    this.acks = acks;
    // The bound on what is held received and not committed. mqtt.js reads the next packet once
    // this calls back (its public backpressure hook): with a full ingest queue the socket is left
    // unread and the broker keeps the messages. Not an MQTT 5 Receive Maximum: Mosquitto 2.0.11
    // sends past it once PUBACKs come back, and with one announced, messages of a share group
    // reached two instances under load.
    c.handleMessage = (_packet, callback) => ingest.whenRoom(() => callback());
    let retained: ReturnType<typeof syncRetained> | undefined;
    c.on('connect', (connack) => {
      this.lastError = undefined;
      this.said(true);
      log.info({ broker: broker.url, topic, protocolVersion, sessionPresent: connack.sessionPresent }, 'fleet connected');
      // A shared subscription gets no retained messages: fetch the rooms' last state on every connect.
      retained?.stop();
      if (shareGroup) retained = syncRetained(c, log);
      // A resumed session still has the subscription (and the messages queued while away).
      if (connack.sessionPresent) return;
      // The answers to this instance's commands: a shared subscription may hand them to another instance.
      const topics = shareGroup ? [topic, this.o.ownReplies] : [topic];
      c.subscribe(topics, { qos: 1 }, (err) => {
        if (err) log.error({ err: err.message, topic }, 'fleet cannot subscribe');
      });
    });
    c.on('message', (t, payload, packet) => {
      // The PUBACK waits for the commit (deferred-acks.ts): a kill -9 loses nothing acknowledged.
      const committed = acks.hold(packet);
      retained?.onMessage(packet.retain);
      if (this.o.takeOwn(t, payload)) committed();
      else ingest.push(t, payload, committed);
    });
    c.on('close', () => this.said(false));
    c.on('error', (err) => {
      // No protocolVersion in the options: MQTT 5 first, 3.1.1 when the broker refuses it (aedes, old brokers).
      if (broker.protocolVersion === undefined && protocolVersion === 5 && (err as { code?: number }).code === 1) {
        log.info({ broker: broker.url }, 'the broker does not speak MQTT 5; using 3.1.1');
        c.end(true);
        this.connect(4);
        return;
      }
      if (err.message === this.lastError) return;
      this.lastError = err.message;
      log.warn({ err: err.message, broker: broker.url }, 'fleet cannot reach the broker; retrying');
    });
  }
}

/** A polite DISCONNECT (the persistent session stays), or a closed socket when the broker does not answer in time. */
async function endWithin(client: MqttClient, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<boolean>((resolve) => client.end(false, {}, () => resolve(true)));
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  if (!(await Promise.race([ended, late]))) await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  clearTimeout(timer);
}
