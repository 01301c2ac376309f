import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { namesOf } from '../drivers/core/localized-text.js';
import { DRIVERS } from '../drivers/registry.js';
import { buildServer } from './api/server.js';
import { callRoutes } from './api/routes/call-routes.js';
import { meetingApi } from './api/routes/meeting-api.js';
import { panelApi } from './api/routes/panel-api.js';
import { presetStillRoutes } from './api/routes/preset-still-routes.js';
import { roomMuteRoutes } from './api/routes/room-mute-routes.js';
import { ApplianceCore } from './appliance-core.js';
import { CALLS_MIGRATIONS } from './calls/call-migrations.js';
import { callCheckFor, createRoomCalls } from './calls/call-wiring.js';
import { DeviceHost } from './devices/device-host.js';
import { FaultRepository } from './health/fault-repository.js';
import { CONVERSATION_MIGRATIONS } from './conversation/conversation-migrations.js';
import { HEALTH_MIGRATIONS } from './health/health-migrations.js';
import { HealthMonitor } from './health/health-monitor.js';
import { HELP_MIGRATIONS } from './help/help-migrations.js';
import { roomTokens } from './http/auth.js';
import { listenError, parseListen } from './http/listen-address.js';
import type { Logger } from './logger.js';
import type { RoomEventBus } from './model/room-events.js';
import { MEDIA_MIGRATIONS } from './media/media-migrations.js';
import { createRoomMedia } from './media/media-wiring.js';
import { MEETING_MIGRATIONS } from './meetings/meeting-migrations.js';
import { createMeetingRoom, meetingCommands } from './meetings/meeting-wiring.js';
import { PANEL_DEFAULTS } from './panel/panel-config.js';
import { PANEL_MIGRATIONS } from './panel/panel-migrations.js';
import { createPanelServices } from './panel/panel-services.js';
import { RoomLanguage } from './room/room-language.js';
import { ROOM_LANGUAGE_MIGRATIONS } from './room/room-language-migrations.js';
import { clearMuteAfterMeetings } from './room/mute-after-meeting.js';
import { muteWhileFloorElsewhere } from './room/mute-while-floor-elsewhere.js';
import { RoomMute } from './room/room-mute.js';
import { migrationsOf, type RoomModule } from './room-module.js';
import { need, type RoomParts } from './room-parts.js';
import { roomRunningModules } from './room-running-modules.js';
import { createPresetStills } from './stills/preset-stills.js';
import { openDatabase } from './store/database.js';
import { DeviceStatusRepository } from './store/device-status-repository.js';
import { STORE_MIGRATIONS } from './store/migrations.js';
import { raiseStorageFaults } from './store/storage-faults.js';
import { StorageHealth } from './store/storage-health.js';
import { groupCommitFor } from './telemetry/group-commit.js';
import { MqttTelemetry } from './telemetry/mqtt-telemetry.js';
import { loadMqttConnect } from './telemetry/mqtt-library.js';
import { ApplianceMetrics } from './telemetry/prometheus-metrics.js';
import { TELEMETRY_MIGRATIONS } from './telemetry/telemetry-migrations.js';

/**
 * The room, module by module, in start order (stopped in reverse). The modules up to `api`
 * build their services; `api` registers every module's routes and listens; the ones after it
 * set the room running (media host, devices, telemetry, meeting rules: `roomRunningModules`), so stopping the room
 * first stops what runs, then closes the API, then the services and the store.
 * A fresh list per room: a module may keep what it must undo in its closure.
 */
export function roomModules(): RoomModule<RoomParts>[] {
  let unfollowStatus: (() => void) | undefined;
  let unfollowMeetings: (() => void) | undefined;
  let unfollowFloor: (() => void) | undefined;
  let unfollowTelemetryStorage: (() => void) | undefined;
  const modules: RoomModule<RoomParts>[] = [
    {
      name: 'store',
      migrations: STORE_MIGRATIONS,
      start(room) {
        const db = openDatabase(room.config.storage.dir, migrationsOf(modules));
        room.db = db;
        // A full or failing disk must not stop the room: writes that fail say so (ROOMCTL_E_STORAGE) and the status shows it.
        room.storage = new StorageHealth(room.config.storage.dir, {
          probe: () =>
            db
              .prepare(
                "INSERT INTO settings (key, value, updated_at) VALUES ('storage.probe', '1', ?) ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at",
              )
              .run(new Date().toISOString()),
        });
      },
      stop(room) {
        room.storage?.stop();
        room.db?.close();
      },
    },
    {
      // The room's language: the config's, or the admin's choice while set; its panels and its messages read it when they speak.
      name: 'room-language',
      migrations: ROOM_LANGUAGE_MIGRATIONS,
      start(room) {
        room.language = new RoomLanguage(need(room, 'db'), room.config.room.locale ?? 'en');
      },
      stop() {},
    },
    {
      // Media: its signal health joins the room as two pseudo-devices (media-signal-devices.ts).
      name: 'media',
      migrations: MEDIA_MIGRATIONS,
      async start(room) {
        room.media = await createRoomMedia(room.config, { db: need(room, 'db'), log: room.log, overrides: room.options.media });
      },
      stop() {},
      async routes(api, room) {
        if (room.media)
          await (await import('./api/routes/media-routes.js')).mediaRoutes(
            api,
            room.media.service,
            roomTokens(room.config.api),
            room.panel?.access.credentials,
          );
      },
    },
    {
      name: 'devices',
      start(room) {
        const { config, options, log } = room;
        const media = room.media;
        const devices = new DeviceHost({
          drivers: [...(options.drivers ?? DRIVERS), ...(media?.drivers ?? [])],
          devices: [...config.devices, ...(media?.devices ?? [])],
          log,
          probeIntervalMs: options.probeIntervalMs,
          probeTimeoutMs: options.probeTimeoutMs,
          moveWatchdogMs: config.panel?.moveWatchdogMs ?? PANEL_DEFAULTS.moveWatchdogMs,
        });
        room.devices = devices;
        room.core = new ApplianceCore(config, devices);
        room.core.media = media?.service;
        room.core.storage = room.storage;
        unfollowStatus = keepStatusHistory(devices, new DeviceStatusRepository(need(room, 'db')), need(room, 'storage'), log);
      },
      stop() {
        unfollowStatus?.();
      },
    },
    {
      // Room mute: one mute for the room, every mute-capable device follows it.
      name: 'room-mute',
      start(room) {
        room.roomMute = new RoomMute(need(room, 'devices'), room.log.child({ component: 'room-mute' }));
        need(room, 'core').roomMute = room.roomMute;
      },
      stop() {},
      routes: (api, room) => roomMuteRoutes(api, need(room, 'core')),
    },
    {
      name: 'health',
      migrations: HEALTH_MIGRATIONS,
      start(room) {
        room.health = new HealthMonitor({ devices: need(room, 'devices'), bus: room.events, faults: new FaultRepository(need(room, 'db')) });
        room.health.start();
      },
      stop(room) {
        room.health?.stop();
      },
    },
    {
      // Meetings: schedule, rules, minutes, the floor and polls; the room state comes from here. Its rules run once the API listens (`meeting-rules`).
      name: 'meetings',
      migrations: [...MEETING_MIGRATIONS, ...CONVERSATION_MIGRATIONS],
      start(room) {
        // The check before a meeting with an online call (calls:); it skips the browser start while a call runs.
        const callCheck = callCheckFor(room.config, { ...room.options.callCheck, callRunning: () => room.calls?.service.running ?? false });
        const meetings = createMeetingRoom(room.config, {
          db: need(room, 'db'),
          devices: need(room, 'devices'),
          bus: room.events,
          log: room.log,
          clock: room.options.clock,
          ...(room.options.meetingTickMs ? { tickMs: room.options.meetingTickMs } : {}),
          callCheck,
          language: need(room, 'language'),
        });
        room.meetings = meetings;
        need(room, 'core').meetings = meetings;
        unfollowMeetings = clearMuteAfterMeetings(room.events, need(room, 'roomMute'), room.config.meetings?.keepMuteAfterMeeting ?? false);
        unfollowFloor = muteWhileFloorElsewhere(meetings.ctx.conversation, need(room, 'roomMute'), room.config.meetings?.floor?.muteOthers ?? false);
      },
      stop() {
        unfollowMeetings?.();
        unfollowFloor?.();
      },
      commands: (room) => meetingCommands(need(room, 'meetings')),
      routes: (api, room) => meetingApi(api, need(room, 'core')),
    },
    {
      // Online calls (calls:): the Join button's browser, left when its meeting is over; before the API, whose stream follows it.
      name: 'calls',
      migrations: CALLS_MIGRATIONS,
      start(room) {
        const meetings = need(room, 'meetings');
        const clock = meetings.ctx.clock;
        room.calls = createRoomCalls(room.config, {
          bus: room.events,
          meetings: { get: (id) => meetings.ctx.meetings.get(id), on: (e, f) => meetings.on(e, f), off: (e, f) => meetings.off(e, f) },
          clock,
          log: room.log,
          devices: need(room, 'devices'),
          media: room.media?.service,
        });
        need(room, 'core').calls = room.calls?.service;
      },
      async stop(room) {
        await room.calls?.stop();
      },
      routes: (api, room) => callRoutes(api, need(room, 'core')),
    },
    {
      // Preset thumbnails: a still of what the camera sees, taken after each preset.save.
      name: 'stills',
      start(room) {
        const storage = need(room, 'storage');
        const stills = createPresetStills(room.config, {
          devices: need(room, 'devices'),
          bus: room.events,
          meetings: need(room, 'meetings'),
          media: room.media?.service,
          log: room.log,
          noteStorageFailure: (err) => storage.noteFailure(err),
        });
        stills.start();
        room.stills = stills;
        need(room, 'core').stills = stills;
      },
      stop(room) {
        room.stills?.stop();
      },
      routes: async (api, room) => presetStillRoutes(api, need(room, 'core'), need(room, 'stills').store, room.panel?.access.credentials),
    },
    {
      name: 'telemetry',
      migrations: TELEMETRY_MIGRATIONS,
      async start(room) {
        const core = need(room, 'core');
        const health = need(room, 'health');
        // The fleet names devices as the room does, in both languages: the retained state carries the names.
        const deviceNames = Object.fromEntries(room.config.devices.filter((d) => d.name !== undefined).map((d) => [d.id, namesOf(d.name!)]));
        const telemetry = new MqttTelemetry(room.config, room.log.child({ component: 'telemetry' }), {
          db: need(room, 'db'),
          bus: room.events,
          health,
          commands: room.commands,
          roomState: () => ({ ...core.status(), deviceNames, meeting: currentMeetingOnline(room.meetings) }),
          metricsIntervalMs: room.options.metricsIntervalMs,
          connect: room.config.mqtt ? await loadMqttConnect() : undefined,
        });
        room.telemetry = telemetry;
        unfollowTelemetryStorage = tellStorageOfTelemetry(telemetry, need(room, 'storage'), room.events);
        room.metrics = new ApplianceMetrics({
          room: room.config.room,
          health,
          devices: need(room, 'devices'),
          telemetry: room.config.mqtt ? () => telemetry.stats() : undefined,
        });
      },
      stop(room) {
        unfollowTelemetryStorage?.();
        room.metrics?.stop();
      },
    },
    {
      // The touch panel: pairing, admin PIN, help requests (cmd/ack-help), recent logs.
      name: 'panel',
      migrations: [...PANEL_MIGRATIONS, ...HELP_MIGRATIONS],
      start(room) {
        room.panel = createPanelServices(room.config, { db: need(room, 'db'), bus: room.events, language: need(room, 'language') });
      },
      stop(room) {
        room.panel?.close();
      },
      commands: (room) => need(room, 'panel').help.commands(),
      routes: (api, room) => panelApi(api, need(room, 'core'), need(room, 'panel')),
    },
    {
      name: 'api',
      async start(room) {
        const db = need(room, 'db');
        const routes = modules.flatMap((m) => (m.routes ? [(api: FastifyInstance) => m.routes!(api, room)] : []));
        const server = await buildServer(need(room, 'core'), room.log, {
          metrics: room.metrics,
          panel: room.panel,
          commitWrites: () => groupCommitFor(db).flush(),
          routes,
        });
        const { host, port } = parseListen(room.config.api.listen);
        try {
          await server.listen({ host, port });
        } catch (err) {
          await server.close();
          throw listenError(err, room.config.api.listen);
        }
        room.server = server;
        room.address = server.addresses()[0] as AddressInfo;
      },
      async stop(room) {
        await room.server?.close();
      },
    },
    ...roomRunningModules(),
  ];
  return modules;
}

/**
 * Telemetry's refused writes go to the room's storage check (its status says so, coded, and a
 * room fault tells the fleet), and every change of the storage state goes out in the retained
 * room `state`; returns the unfollow.
 */
function tellStorageOfTelemetry(telemetry: MqttTelemetry, storage: StorageHealth, bus: RoomEventBus): () => void {
  const outbox = telemetry.outbox;
  const onWriting = (writing: boolean) =>
    storage.noteTelemetryHeld(
      writing
        ? null
        : `The data folder is full: telemetry is held in memory (at most ${outbox?.heldBound()}); past that, or past its age limit, messages are lost`,
    );
  outbox?.on('writing', onWriting);
  const onStorage = () => telemetry.refreshState();
  storage.on('change', onStorage);
  const unraise = raiseStorageFaults(storage, bus);
  return () => {
    outbox?.off('writing', onWriting);
    storage.off('change', onStorage);
    unraise();
  };
}

/** Status changes go into the device history (state updates are too frequent to keep); returns the unfollow. */
function keepStatusHistory(devices: DeviceHost, statusLog: DeviceStatusRepository, storage: StorageHealth, log: Logger): () => void {
  const lastStatus = new Map<string, string>();
  const onDevice = (device: ReturnType<DeviceHost['get']>) => {
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
  };
  devices.on('device', onDevice);
  return () => devices.off('device', onDevice);
}

/** The room's current meeting and its online meeting, for the retained state (the public view: a confidential meeting names its service only). */
function currentMeetingOnline(meetings: RoomParts['meetings']): { id: string; online: unknown } | null {
  const current = meetings?.streamMessage().now.current;
  return current ? { id: current.id, online: current.online } : null;
}
