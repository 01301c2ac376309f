import { join } from 'node:path';
import type { Logger } from '../appliance/logger.js';
import type { CommandKey } from '../contract/command-signing.js';
import { startFleet, type Fleet } from './fleet-service.js';

/**
 * The fleet view the demo room runs next to itself (`roomctl start` without a
 * config is the room, its simulators, an embedded broker and the fleet view, on loopback).
 * Port 8090, or a free one when that is taken; the demo's token acknowledges issues, and the
 * room's command key carries the answer to a help call back to the room's panel.
 */
export async function startDemoFleet(options: {
  mqttUrl: string;
  dataDir: string;
  token: string;
  commandKey?: CommandKey;
  log: Logger;
  port?: number;
}): Promise<Fleet> {
  const base = {
    broker: { url: options.mqttUrl, protocolVersion: 4 as const, clientId: `roomctl-demo-fleet-${process.pid}` },
    dataDir: join(options.dataDir, 'fleet'),
    tokens: [options.token],
    commandKey: options.commandKey,
    log: options.log.child({ component: 'fleet' }),
  };
  try {
    return await startFleet({ ...base, listen: `127.0.0.1:${options.port ?? 8090}` });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ROOMCTL_E_LISTEN_IN_USE') throw err;
    return startFleet({ ...base, listen: '127.0.0.1:0' });
  }
}
