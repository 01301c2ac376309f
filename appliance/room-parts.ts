import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AnyDriverDefinition } from '../drivers/core/definition.js';
import { RoomctlError } from '../drivers/core/errors.js';
import type { ApplianceCore } from './appliance-core.js';
import type { CallCheckOptions } from './calls/call-check.js';
import type { RoomCalls } from './calls/call-wiring.js';
import type { RoomConfig } from './config/config-schema.js';
import type { DeviceHost } from './devices/device-host.js';
import type { HealthMonitor } from './health/health-monitor.js';
import type { RunningLink } from './linked/linked-wiring.js';
import type { Logger } from './logger.js';
import type { MediaOverrides, RoomMedia } from './media/media-wiring.js';
import type { MeetingRoom } from './meetings/meeting-room.js';
import type { Clock } from './model/clock.js';
import type { RoomEventBus } from './model/room-events.js';
import type { PanelServices } from './panel/panel-services.js';
import type { RoomLanguage } from './room/room-language.js';
import type { RoomMute } from './room/room-mute.js';
import type { PresetStills } from './stills/preset-stills.js';
import type { Db } from './store/database.js';
import type { StorageHealth } from './store/storage-health.js';
import type { CommandRegistry } from './telemetry/command-registry.js';
import type { MqttTelemetry } from './telemetry/mqtt-telemetry.js';
import type { ApplianceMetrics } from './telemetry/prometheus-metrics.js';

export interface StartOptions {
  log: Logger;
  drivers?: readonly AnyDriverDefinition[];
  /** Override every driver's watchdog interval (tests, benchmarks). */
  probeIntervalMs?: number;
  /** Override the watchdog probe's timeout (tests, benchmarks). */
  probeTimeoutMs?: number;
  /** Override how often changed device metrics go out over MQTT (default once a minute; tests). */
  metricsIntervalMs?: number;
  /** Media host overrides (tests, benchmarks): display sink, timings, environment. */
  media?: MediaOverrides;
  /**
   * The room's clock for its rules (soak tests compress a day with a ManualClock); default the system clock.
   * Device supervisors stay on real time: a device answers in real time, and a probe timeout on a
   * compressed clock would fire before any reply. (`driverClockOf` gives them the same clock where a test wants it.)
   */
  clock?: Clock;
  /** How often the meeting rules run (default every 5 s; tests that wait for a rule to act). */
  meetingTickMs?: number;
  /** Where the call check before a meeting looks up and connects (tests: a loopback server). */
  callCheck?: Partial<Pick<CallCheckOptions, 'lookup' | 'port'>>;
}

/** What the room's modules share: each puts its services here for the modules after it. */
export interface RoomParts {
  readonly config: RoomConfig;
  readonly options: StartOptions;
  readonly log: Logger;
  /** Room events (faults, help, meetings…): publish here, telemetry stores and forwards them. */
  readonly events: RoomEventBus;
  /** Central commands on MQTT `cmd/<name>`: modules list theirs in `commands`. */
  readonly commands: CommandRegistry;
  db?: Db;
  storage?: StorageHealth;
  /** The room's language (the config's, or the admin's choice while set): panels and messages read it when they speak. */
  language?: RoomLanguage;
  media?: RoomMedia;
  devices?: DeviceHost;
  core?: ApplianceCore;
  roomMute?: RoomMute;
  health?: HealthMonitor;
  meetings?: MeetingRoom;
  calls?: RoomCalls;
  stills?: PresetStills;
  telemetry?: MqttTelemetry;
  metrics?: ApplianceMetrics;
  panel?: PanelServices;
  server?: FastifyInstance;
  address?: AddressInfo;
  publicUrl?: string;
  /** The rooms this room's meetings are linked with (only with a broker). */
  linked?: RunningLink;
}

/** A part a module needs from an earlier one; missing means the list below is out of order. */
export function need<K extends keyof RoomParts>(room: RoomParts, key: K): NonNullable<RoomParts[K]> {
  const part = room[key];
  if (part === undefined)
    throw new RoomctlError(
      'ROOMCTL_E_INTERNAL',
      `The room's ${key} is not there yet: a module that needs it starts before the one that makes it (appliance/modules.ts)`,
    );
  return part as NonNullable<RoomParts[K]>;
}
