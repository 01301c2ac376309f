import type { FastifyInstance } from 'fastify';
import type { ApplianceCore } from './appliance-core.js';
import type { RoomConfig } from './config/config-schema.js';
import { RoomEventBus } from './model/room-events.js';
import type { HealthMonitor } from './health/health-monitor.js';
import { roomModules } from './modules.js';
import { need, type RoomParts, type StartOptions } from './room-parts.js';
import { startModules } from './room-module.js';
import type { Db } from './store/database.js';
import { CommandRegistry } from './telemetry/command-registry.js';
import type { MqttTelemetry } from './telemetry/mqtt-telemetry.js';

export type { StartOptions } from './room-parts.js';

export interface Appliance {
  /** Base URL of the API and panel, e.g. http://127.0.0.1:8080 */
  url: string;
  /** Where phones reach the room: the start of every QR code and e-mail link (api.publicUrl or derived). */
  publicUrl: string;
  core: ApplianceCore;
  server: FastifyInstance;
  db: Db;
  /** Room events (faults, help, meetings…): publish here, telemetry stores and forwards them. */
  events: RoomEventBus;
  health: HealthMonitor;
  /** Central commands on MQTT `cmd/<name>`: modules register their handlers here. */
  commands: CommandRegistry;
  telemetry: MqttTelemetry;
  close(): Promise<void>;
}

/** Starts one room, module by module (modules.ts). Resolves once the API listens and the room runs. */
export async function startAppliance(config: RoomConfig, options: StartOptions): Promise<Appliance> {
  const { log } = options;
  const room: RoomParts = { config, options, log, events: new RoomEventBus(), commands: new CommandRegistry() };
  // A room-bus listener that throws is logged and skipped: the emitter and the other listeners go on.
  const busLog = log.child({ component: 'room-bus' });
  room.events.logListenerErrorsTo(busLog);
  const started = await startModules(roomModules(), room, { commands: room.commands, log });
  for (const bus of [room.devices, room.health, room.meetings, room.roomMute, room.storage, room.media?.service, room.calls?.service])
    bus?.logListenerErrorsTo(busLog);
  const address = need(room, 'address');
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    publicUrl: need(room, 'publicUrl'),
    core: need(room, 'core'),
    server: need(room, 'server'),
    db: need(room, 'db'),
    events: room.events,
    health: need(room, 'health'),
    commands: room.commands,
    telemetry: need(room, 'telemetry'),
    close: () => started.stop(),
  };
}
