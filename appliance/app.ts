import type { AddressInfo } from 'node:net';
import { parseListen } from './http/listen-address.js';
import type { FastifyInstance } from 'fastify';
import type { AnyDriverDefinition } from '../drivers/core/definition.js';
import { RoomctlError } from '../drivers/core/errors.js';
import { DRIVERS } from '../drivers/registry.js';
import { buildServer } from './api/server.js';
import { ApplianceCore } from './appliance-core.js';
import { clearMuteAfterMeetings } from './room/mute-after-meeting.js';
import { RoomMute } from './room/room-mute.js';
import type { RoomConfig } from './config/config-schema.js';
import { DeviceHost } from './devices/device-host.js';
import type { Logger } from './logger.js';
import { openDatabase, type Db } from './store/database.js';
import { DeviceStatusRepository } from './store/device-status-repository.js';
import { MqttTelemetry } from './telemetry/mqtt-telemetry.js';
import { RoomEventBus } from './events/room-events.js';
import { FaultRepository } from './health/fault-repository.js';
import { HealthMonitor } from './health/health-monitor.js';
import { CommandRegistry } from './telemetry/command-registry.js';
import { ApplianceMetrics } from './telemetry/prometheus-metrics.js';
import { createMeetingRoom, registerMeetingCommands } from './meetings/meeting-wiring.js';
import { createRoomMedia, type MediaOverrides } from './media/media-wiring.js';
import { createPanelServices } from './panel/panel-services.js';
import { PANEL_DEFAULTS } from './panel/panel-config.js';
import { createPresetStills } from './stills/preset-stills.js';
import { StorageHealth } from './store/storage-health.js';
import { groupCommitFor } from './telemetry/group-commit.js';
import type { Clock } from './schedule/clock.js';
import { configuredPublicUrl } from './config/config-network-checks.js';
import { resolvePublicUrl } from './lan-address.js';
import { startLinkedRooms, type RunningLink } from './linked/linked-wiring.js';

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
  /** The rooms this room's meetings are linked with (only with a broker). */
  linked: RunningLink | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  drivers?: readonly AnyDriverDefinition[];
  /** Override every driver's watchdog interval (tests, benchmarks). */
  probeIntervalMs?: number;
  /** Override the watchdog probe's timeout (tests, benchmarks). */
  probeTimeoutMs?: number;
  /** Media host overrides (tests, benchmarks): display sink, timings, environment. */
  media?: MediaOverrides;
  /** The meetings' clock (soak tests compress a day with a ManualClock); default the system clock. */
  clock?: Clock;
}

/** Why the API could not listen, as a coded error that names api.listen. */
function listenError(err: unknown, listen: string): RoomctlError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    return new RoomctlError('ROOMCTL_E_LISTEN_IN_USE', `Cannot listen on ${listen}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied (ports below 1024 need root)'}`, { listen });
  }
  const why = code === 'EADDRNOTAVAIL' ? 'that address is not one of this machine\'s' : code === 'ENOTFOUND' ? 'that host name does not resolve' : (err as Error).message;
  return new RoomctlError('ROOMCTL_E_LISTEN_FAILED', `Cannot listen on ${listen} (api.listen): ${why}`, { listen }, { cause: err });
}

/** Starts one room: store, devices, telemetry, API. Resolves once the API listens. */
export async function startAppliance(config: RoomConfig, options: StartOptions): Promise<Appliance> {
  const { log } = options;
  const db = openDatabase(config.storage.dir);
  // A full or failing disk must not stop the room: writes that fail say so (ROOMCTL_E_STORAGE) and the status shows it.
  const storage = new StorageHealth(config.storage.dir, {
    probe: () => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('storage.probe', '1', ?) ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at").run(new Date().toISOString()),
  });
  const statusLog = new DeviceStatusRepository(db);
  // Media: its signal health joins the room as two pseudo-devices (media-signal-devices.ts).
  const media = createRoomMedia(config, { db, log, overrides: options.media });
  const devices = new DeviceHost({ drivers: [...(options.drivers ?? DRIVERS), ...(media?.drivers ?? [])], devices: [...config.devices, ...(media?.devices ?? [])], log, probeIntervalMs: options.probeIntervalMs, probeTimeoutMs: options.probeTimeoutMs, moveWatchdogMs: config.panel?.moveWatchdogMs ?? PANEL_DEFAULTS.moveWatchdogMs });
  const core = new ApplianceCore(config, devices);
  core.media = media?.service;
  // Room mute: one mute for the room, every mute-capable device follows it.
  const roomMute = new RoomMute(devices, log.child({ component: 'room-mute' }));
  core.roomMute = roomMute;
  core.storage = storage;
  const events = new RoomEventBus();
  const health = new HealthMonitor({ devices, bus: events, faults: new FaultRepository(db) });
  health.start();
  const commands = new CommandRegistry();
  // Meetings: schedule, rules, minutes; the room state comes from here.
  const meetings = createMeetingRoom(config, { db, devices, bus: events, log, clock: options.clock });
  core.meetings = meetings;
  clearMuteAfterMeetings(events, roomMute, config.meetings?.keepMuteAfterMeeting ?? false);
  // Preset thumbnails: a still of what the camera sees, taken after each preset.save.
  const stills = createPresetStills(config, { devices, bus: events, meetings, media: media?.service, log, noteStorageFailure: (err) => storage.noteFailure(err) });
  stills.start();
  core.stills = stills;
  const unregisterMeetingCommands = registerMeetingCommands(commands, meetings);
  const telemetry = new MqttTelemetry(config, log.child({ component: 'telemetry' }), { db, bus: events, health, commands, roomState: () => ({ ...core.status() }) });
  const metrics = new ApplianceMetrics({ room: config.room, health, devices, telemetry: config.mqtt ? () => telemetry.stats() : undefined });

  let lastStatus = new Map<string, string>();
  devices.on('device', (device) => {
    // Only status changes go into the history; state updates are too frequent to keep.
    if (lastStatus.get(device.id) === device.status) return;
    lastStatus.set(device.id, device.status);
    try {
      statusLog.record({ deviceId: device.id, status: device.status, detail: device.detail, at: device.since });
    } catch (err) {
      // The history is lost for this change; the device, its supervisor and the other listeners go on.
      storage.noteFailure(err);
      log.warn({ device: device.id, err: (err as Error).message }, 'device status not saved');
    }
    log.info({ device: device.id, status: device.status, detail: device.detail }, 'device status');
  });

  // The touch panel: pairing, admin PIN, help requests (cmd/ack-help), recent logs.
  const panel = createPanelServices(config, { db, bus: events, commands });
  // A start that fails here closes everything opened so far: no timer may outlive a failed start.
  const undoStart = () => {
    unregisterMeetingCommands();
    panel.close();
    stills.stop();
    health.stop();
    metrics.stop();
    storage.stop();
    db.close();
  };
  let server: FastifyInstance;
  try {
    server = await buildServer(core, log, { metrics, panel, commitWrites: () => groupCommitFor(db).flush() });
  } catch (err) {
    undoStart();
    throw err;
  }
  const { host, port } = parseListen(config.api.listen);
  try {
    await server.listen({ host, port });
  } catch (err) {
    await server.close();
    undoStart();
    throw listenError(err, config.api.listen);
  }
  const address = server.addresses()[0] as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  // Before the devices: the media pseudo-devices' first connect must find the service running.
  const disconnectMedia = media?.connect({ devices, bus: events });
  await media?.service.start();
  roomMute.start();
  devices.start();
  telemetry.start(devices.list());
  // One public URL for every QR code and e-mail link: api.publicUrl, else where the API listens (a LAN address for 0.0.0.0).
  const publicUrl = resolvePublicUrl(configuredPublicUrl(config), { host: address.address, port: address.port });
  meetings.setBaseUrl(publicUrl);
  meetings.start();
  // Linked rooms: one meeting held in several rooms, over the same broker.
  const linked = startLinkedRooms(config, { db, meetings, devices, sender: telemetry.outbox, log });
  core.linked = linked?.rooms;

  let closed = false;
  return {
    url,
    publicUrl,
    core,
    server,
    db,
    events,
    health,
    commands,
    telemetry,
    linked,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await linked?.stop();
      unregisterMeetingCommands();
      panel.close();
      await meetings.stop();
      stills.stop();
      disconnectMedia?.();
      await media?.service.stop();
      roomMute.stop();
      await devices.stop();
      await telemetry.stop();
      health.stop();
      metrics.stop();
      lastStatus = new Map();
      storage.stop();
      db.close();
    },
  };
}
