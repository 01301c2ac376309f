import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AnyDriverDefinition } from '../drivers/core/definition.js';
import { RoomctlError } from '../drivers/core/errors.js';
import { DRIVERS } from '../drivers/registry.js';
import { buildServer } from './api/server.js';
import { ApplianceCore } from './appliance-core.js';
import type { RoomConfig } from './config/config-schema.js';
import { DeviceHost } from './devices/device-host.js';
import type { Logger } from './logger.js';
import { openDatabase, type Db } from './store/database.js';
import { DeviceStatusRepository } from './store/device-status-repository.js';
import { MqttTelemetry } from './telemetry/mqtt-telemetry.js';

export interface Appliance {
  /** Base URL of the API and panel, e.g. http://127.0.0.1:8080 */
  url: string;
  core: ApplianceCore;
  server: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  drivers?: readonly AnyDriverDefinition[];
  /** Override every driver's watchdog interval (tests, benchmarks). */
  probeIntervalMs?: number;
}

export function parseListen(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  return { host: listen.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(listen.slice(at + 1)) };
}

/** Starts one room: store, devices, telemetry, API. Resolves once the API listens. */
export async function startAppliance(config: RoomConfig, options: StartOptions): Promise<Appliance> {
  const { log } = options;
  const db = openDatabase(config.storage.dir);
  const statusLog = new DeviceStatusRepository(db);
  const devices = new DeviceHost({ drivers: options.drivers ?? DRIVERS, devices: config.devices, log, probeIntervalMs: options.probeIntervalMs });
  const core = new ApplianceCore(config, devices);
  const telemetry = new MqttTelemetry(config, log.child({ component: 'telemetry' }));

  let lastStatus = new Map<string, string>();
  devices.on('device', (device) => {
    telemetry.publishDevice(device);
    // Only status changes go into the history; state updates are too frequent to keep.
    if (lastStatus.get(device.id) === device.status) return;
    lastStatus.set(device.id, device.status);
    statusLog.record({ deviceId: device.id, status: device.status, detail: device.detail, at: device.since });
    log.info({ device: device.id, status: device.status, detail: device.detail }, 'device status');
  });

  const server = await buildServer(core, log);
  const { host, port } = parseListen(config.api.listen);
  try {
    await server.listen({ host, port });
  } catch (err) {
    await server.close();
    db.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new RoomctlError('ROOMCTL_E_LISTEN_IN_USE', `Cannot listen on ${config.api.listen}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`, { listen: config.api.listen });
    }
    throw err;
  }
  const address = server.addresses()[0] as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  devices.start();
  telemetry.start(devices.list());

  let closed = false;
  return {
    url,
    core,
    server,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await devices.stop();
      await telemetry.stop();
      lastStatus = new Map();
      db.close();
    },
  };
}
