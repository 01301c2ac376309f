import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import { until } from './until.js';

export interface TelemetryRoom {
  appliance: Appliance;
  config: RoomConfig;
  /** The room's PJLink display simulator (device id `display`). */
  display: RunningPjlinkSimulator;
  dataDir: string;
  /** Stops the appliance, keeps the data folder (for restart tests). */
  stopAppliance(): Promise<void>;
  /** Starts the appliance again on the same data folder and config. */
  restartAppliance(): Promise<Appliance>;
  close(): Promise<void>;
}

/** One request to a room's API with its first token, as a panel would make it; the answer's status and JSON body. */
export async function callRoom(room: TelemetryRoom, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${room.appliance.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${room.config.api.tokens[0]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Waits until a room's link hears the broker: it lists `other` (`site/room`) among the rooms it
 * saw there. Its link subscribes to its invitations before the rooms' status, on one connection,
 * so from then on an invitation reaches it; one sent earlier is lost (the room's first session on
 * the broker begins with that subscription), and a room just started may not be there yet.
 */
export async function linkHears(room: TelemetryRoom, other: string): Promise<void> {
  const [site, id] = other.split('/');
  await until(
    async () =>
      ((await callRoom(room, 'GET', '/api/v1/linked-rooms')).body.rooms as Array<{ site: string; room: string }>).some((r) => r.site === site && r.room === id),
    15_000,
    `${room.config.room.name} to see ${other} on the broker`,
  );
}

export const TEST_COMMAND_KEY = { id: 'central', secret: 'a-test-secret-that-is-long-enough-0123456789' };

/**
 * One room (site `hq`, room `aurora`) with a PJLink display simulator on loopback and MQTT
 * pointed at `mqtt` (a test Mosquitto). Data in a temp folder.
 */
export async function startTelemetryRoom(options: {
  mqtt: NonNullable<RoomConfig['mqtt']>;
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  /** How often changed device metrics go out (the room's default: once a minute). */
  metricsIntervalMs?: number;
  /**
   * The display is off when the room starts: its simulator's port is let go before the room
   * starts, so the room finds nothing there until the test starts one on `display.endpoint.port`.
   */
  displayOff?: boolean;
  room?: Partial<RoomConfig['room']>;
  /** The meeting rules (e.g. `links.acceptFrom`, the rooms whose invitations it takes). */
  meetings?: RoomConfig['meetings'];
  /** Where its mail goes (none by default). */
  notifications?: RoomConfig['notifications'];
  /** The display's name in the config (one, or one per language); default "Display". */
  displayName?: NonNullable<RoomConfig['devices'][number]['name']>;
  logLevel?: string;
  /** The data folder (on a small disk); by default a new temp folder. Removed on close either way. */
  dataDir?: string;
}): Promise<TelemetryRoom> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'roomctl-telemetry-')));
  const display = await startPjlinkSimulator({ host: '127.0.0.1', port: 0, warmupMs: 50 });
  if (options.displayOff) await display.close();
  const config: RoomConfig = {
    room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC', ...options.room },
    api: { listen: '127.0.0.1:0', tokens: ['a-test-token-of-16-chars'] },
    storage: { dir: dataDir },
    mqtt: options.mqtt,
    ...(options.meetings ? { meetings: options.meetings } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
    log: { level: 'info' },
    devices: [{ id: 'display', name: options.displayName ?? 'Display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port }],
  };
  const log = createLogger({ level: options.logLevel ?? process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
  const start = () =>
    startAppliance(config, {
      log,
      probeIntervalMs: options.probeIntervalMs ?? 500,
      probeTimeoutMs: options.probeTimeoutMs ?? 500,
      metricsIntervalMs: options.metricsIntervalMs,
    });
  let appliance: Appliance | undefined = await start().catch(async (err: unknown) => {
    await display.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  const room: TelemetryRoom = {
    get appliance() {
      return appliance!;
    },
    config,
    display,
    dataDir,
    async stopAppliance() {
      await appliance?.close();
      appliance = undefined;
    },
    async restartAppliance() {
      await appliance?.close();
      appliance = await start();
      return appliance;
    },
    async close() {
      await appliance?.close();
      await display.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return room;
}
