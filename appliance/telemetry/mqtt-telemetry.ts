import { TypedBus } from '../model/typed-bus.js';
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { MqttConnect } from './mqtt-library.js';
import { roomMessages } from '../../contract/room-messages.js';
import type { DeviceView } from '../model/device-view.js';
import type { RoomConfig } from '../config/config-schema.js';
import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { DeviceHealth } from '../health/device-health.js';
import type { HealthMonitor } from '../health/health-monitor.js';
import type { Logger } from '../logger.js';
import { VERSION } from '../paths.js';
import type { Db } from '../store/database.js';
import { CommandVerifier } from './command-auth.js';
import type { CommandRegistry } from './command-registry.js';
import { SqliteNonceStore } from './command-nonces.js';
import { CommandServer } from './command-server.js';
import { discoveryMessages } from './ha-discovery.js';
import { HaDiscoveryPublisher } from './ha-discovery-publisher.js';
import { DEFAULT_SESSION_EXPIRY_S, mqttConnectOptions, roomClientId } from './mqtt-connect-options.js';
import { TelemetryOutbox } from './outbox.js';
import { OutboxPump } from './outbox-pump.js';

/** How often messages held in memory (the disk was full) are tried on disk again: StorageHealth's check. */
const HELD_RETRY_MS = 5000;

interface TelemetryDeps {
  db: Db;
  bus: RoomEventBus;
  health: HealthMonitor;
  commands: CommandRegistry;
  /** The retained room `state` (meeting, check-ins, occupancy…); the room module provides it. */
  roomState: () => Record<string, unknown>;
  /** How often changed device metrics (reply time…) are published; default 60 s. A metric that becomes known goes out at once (HealthMonitor). */
  metricsIntervalMs?: number;
  now?: () => number;
  /** mqtt.js's connect (loadMqttConnect): needed when the config has a broker, loaded only then. */
  connect?: MqttConnect;
}

/**
 * Reports the room over MQTT (the topic map of docs/TELEMETRY.md, base `roomctl/<site>/<room>`):
 * retained `status` online/offline (offline is the last will), retained `state`, retained
 * `devices/<id>/health`, and `events`. Health, state and events all go through the SQLite
 * outbox first and are sent in order with QoS 1 once the broker is there; `status`,
 * discovery and command answers are about the live link and go straight out.
 * Serves `cmd/<name>` and Home Assistant discovery.
 */
export class MqttTelemetry extends TypedBus<{ connect: []; disconnect: [] }> {
  private client: MqttClient | undefined;
  private readonly messages;
  private readonly topics;
  readonly outbox: TelemetryOutbox | undefined;
  private pump: OutboxPump | undefined;
  private commandServer: CommandServer | undefined;
  private timers: NodeJS.Timeout[] = [];
  private stateTimer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private readonly discovery: HaDiscoveryPublisher | undefined;
  private devices: DeviceView[] = [];
  /** Built in the constructor so a TLS file that cannot be read stops the start before anything listens. */
  private readonly connectOptions: IClientOptions | undefined;

  constructor(
    private readonly config: RoomConfig,
    private readonly log: Logger,
    private readonly deps: TelemetryDeps,
  ) {
    super();
    this.messages = roomMessages(config.room.site, config.room.id);
    this.topics = this.messages.topics;
    const mqttConfig = config.mqtt;
    if (mqttConfig) {
      this.connectOptions = mqttConnectOptions(mqttConfig, {
        clientId: roomClientId(mqttConfig, config.room),
        will: this.messages.online('offline'),
      });
      this.outbox = new TelemetryOutbox(deps.db, {
        maxMessages: mqttConfig.outbox?.maxMessages ?? 100_000,
        maxAgeMs: (mqttConfig.outbox?.maxAgeSeconds ?? DEFAULT_SESSION_EXPIRY_S) * 1000,
        now: deps.now,
        log,
      });
      const ha = mqttConfig.homeAssistant;
      if (ha?.enabled !== false) {
        this.discovery = new HaDiscoveryPublisher(ha?.discoveryPrefix ?? 'homeassistant', ha?.republishMinSeconds, (prefix) => this.publishDiscovery(prefix));
      }
    }
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  /** Figures for /metrics. */
  stats(): { depth: number; held: number; dropped: number; inFlight: number; connected: boolean } {
    return {
      depth: this.outbox?.depth ?? 0,
      held: this.outbox?.heldInMemory ?? 0,
      dropped: this.outbox?.dropped ?? 0,
      inFlight: this.pump?.inFlight ?? 0,
      connected: this.connected,
    };
  }

  start(devices: DeviceView[]): void {
    const mqttConfig = this.config.mqtt;
    const outbox = this.outbox;
    if (!mqttConfig || !outbox || this.client) return;
    if (!this.deps.connect) throw new Error('telemetry: a broker is configured but mqtt.js was not loaded (deps.connect)');
    this.devices = devices;
    const client = this.deps.connect(mqttConfig.url, this.connectOptions);
    this.client = client;
    const pump = new OutboxPump(outbox, {
      get connected() {
        return client.connected;
      },
      publish: (topic, payload, opts, done) => client.publish(topic, payload, opts, (err) => done(err ?? undefined)),
    });
    this.pump = pump;
    const keys = mqttConfig.commandKeys ?? [];
    const discovery = this.discovery;
    const verifier = new CommandVerifier(keys, 60_000, this.deps.now, new SqliteNonceStore(this.deps.db));
    this.commandServer = new CommandServer(client, this.deps.commands, verifier, this.log, {
      base: this.topics.base,
      discoveryPrefix: discovery?.prefix,
      now: this.deps.now,
    });

    client.on('connect', (connack) => {
      this.lastError = undefined;
      this.log.info({ broker: mqttConfig.url, sessionPresent: connack.sessionPresent, queued: outbox.depth }, 'telemetry connected');
      const online = this.messages.online('online');
      client.publish(online.topic, online.payload, { qos: 1, retain: true });
      const subscriptions: Record<string, { qos: 1 }> = { [this.commandServer!.subscription]: { qos: 1 } };
      if (discovery) {
        subscriptions[discovery.statusTopic] = { qos: 1 };
        discovery.connected();
      }
      client.subscribe(subscriptions, (err) => {
        if (err) this.log.warn({ err: err.message }, 'telemetry subscribe failed');
      });
      pump.limitWindow(connack.properties?.receiveMaximum);
      pump.connected();
      this.emit('connect');
    });
    client.on('message', (topic: string, payload: Buffer, packet: IPublishPacket) => {
      if (this.commandServer?.handle(topic, payload, packet)) return;
      if (topic === discovery?.statusTopic) discovery.heard(payload, packet.retain);
    });
    client.on('close', () => this.emit('disconnect'));
    client.on('error', (err) => {
      // mqtt.js retries every second; one line per distinct problem, not one per retry.
      if (err.message === this.lastError) return;
      this.lastError = err.message;
      this.log.warn({ err: err.message, broker: mqttConfig.url }, 'telemetry cannot reach the broker; storing messages until it can');
    });

    this.deps.bus.on('event', this.onEvent);
    this.deps.health.on('health', this.onHealth);
    for (const { deviceId, health } of this.deps.health.list()) this.publishHealth(deviceId, health);
    this.refreshState();
    this.timers.push(setInterval(() => outbox.expire(), 60_000));
    // While the disk is full, messages are held in memory; they go to disk as soon as it has room.
    this.timers.push(setInterval(() => outbox.writeHeld(), HELD_RETRY_MS));
    this.timers.push(setInterval(() => this.deps.health.flushMetrics(), this.deps.metricsIntervalMs ?? 60_000));
    for (const t of this.timers) t.unref();
  }

  publishHealth(deviceId: string, health: DeviceHealth): void {
    if (!this.outbox) return;
    const at = new Date(this.deps.now?.() ?? Date.now()).toISOString();
    const { topic, payload } = this.messages.health(
      deviceId,
      {
        status: health.status,
        since: health.since,
        detail: health.detail,
        ...(health.error ? { error: health.error } : {}),
        metrics: health.metrics,
        ...(health.signal ? { signal: health.signal } : {}),
      },
      at,
    );
    this.outbox.enqueue(topic, payload, { qos: 1, retain: true });
  }

  publishEvent(envelope: RoomEventEnvelope): void {
    // Flat on the wire ({id, at, type, …}) so Home Assistant templates and Node-RED read `type` directly.
    const { topic, payload } = this.messages.event({ id: envelope.id, at: envelope.at, ...envelope.event });
    this.outbox?.enqueue(topic, payload, { qos: 1 });
  }

  /** Re-publishes the retained room `state` soon (coalesced: many changes, one message). */
  refreshState(): void {
    if (!this.outbox || this.stateTimer) return;
    this.stateTimer = setTimeout(() => {
      this.stateTimer = undefined;
      const at = new Date(this.deps.now?.() ?? Date.now()).toISOString();
      const { topic, payload } = this.messages.state(this.deps.roomState(), at);
      this.outbox?.enqueue(topic, payload, { qos: 1, retain: true });
    }, 100);
  }

  async stop(): Promise<void> {
    this.deps.bus.off('event', this.onEvent);
    this.deps.health.off('health', this.onHealth);
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    clearTimeout(this.stateTimer);
    this.stateTimer = undefined;
    this.discovery?.stop();
    this.outbox?.close();
    this.pump?.stop();
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A clean stop says so; the last will is for crashes.
    const offline = this.messages.online('offline');
    if (client.connected) await withTimeout(client.publishAsync(offline.topic, offline.payload, { qos: 1, retain: true }), 2000).catch(() => undefined);
    // Unacknowledged messages stay in the outbox for the next start; do not wait for them.
    await withTimeout(client.endAsync(), 2000).catch(() => client.end(true));
  }

  /** Times discovery was published again for Home Assistant's `online` (not counting connects). */
  get discoveryRepublishes(): number {
    return this.discovery?.republishes ?? 0;
  }

  private publishDiscovery(prefix: string): void {
    for (const m of discoveryMessages(this.config, this.devices, VERSION, prefix)) this.client?.publish(m.topic, m.payload, { qos: 1, retain: true });
  }

  private readonly onEvent = (envelope: RoomEventEnvelope) => {
    this.publishEvent(envelope);
    if (envelope.event.type.startsWith('meeting.') || envelope.event.type.startsWith('help.') || envelope.event.type === 'call.changed') this.refreshState();
  };

  private readonly onHealth = (deviceId: string, health: DeviceHealth) => {
    this.publishHealth(deviceId, health);
    this.refreshState();
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
