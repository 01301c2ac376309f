import mqtt, { type MqttClient } from 'mqtt';
import type { DeviceView } from '../api/api-types.js';
import type { RoomConfig } from '../config/config-schema.js';
import type { Logger } from '../logger.js';
import { roomTopics } from './topics.js';

/** Device status in the room's words → health in the fleet's words (DESIGN.md). */
export function healthOf(device: DeviceView) {
  const status = device.status === 'ok' ? 'ok' : device.status === 'degraded' ? 'degraded' : device.status === 'connecting' ? 'unknown' : 'offline';
  return { status, since: device.since, detail: device.detail, metrics: {} as Record<string, number> };
}

/**
 * Reports the room over MQTT: a retained `status` with an `offline` last will, retained
 * per-device health. mqtt.js reconnects by itself and queues while the broker is away.
 */
export class MqttTelemetry {
  private client: MqttClient | undefined;
  private readonly lastHealth = new Map<string, string>();
  private readonly topics;

  constructor(
    private readonly config: RoomConfig,
    private readonly log: Logger,
  ) {
    this.topics = roomTopics(config.room.site, config.room.id);
  }

  start(devices: DeviceView[]): void {
    const mqttConfig = this.config.mqtt;
    if (!mqttConfig) return;
    const client = mqtt.connect(mqttConfig.url, {
      clientId: mqttConfig.clientId ?? `roomctl-${this.config.room.site}-${this.config.room.id}`,
      username: mqttConfig.username,
      password: mqttConfig.password,
      clean: false,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      will: { topic: this.topics.status, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client = client;
    client.on('connect', () => {
      this.log.info({ broker: mqttConfig.url }, 'telemetry connected');
      client.publish(this.topics.status, 'online', { qos: 1, retain: true });
      // A (re)connect republishes everything: the broker may have lost its retained copies.
      this.lastHealth.clear();
      for (const d of devices) this.publishDevice(d);
    });
    client.on('error', (err) => this.log.warn({ err: err.message }, 'telemetry error'));
  }

  /** Publishes a device's health when it changed; state-only updates (a preset) are not health. */
  publishDevice(device: DeviceView): void {
    const payload = JSON.stringify(healthOf(device));
    if (this.lastHealth.get(device.id) === payload) return;
    this.lastHealth.set(device.id, payload);
    this.client?.publish(this.topics.deviceHealth(device.id), payload, { qos: 1, retain: true });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A clean stop says so; the last will is for crashes.
    if (client.connected) await client.publishAsync(this.topics.status, 'offline', { qos: 1, retain: true }).catch(() => undefined);
    await client.endAsync();
  }
}
