import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertSink } from '../../fleet/alert-sink.js';
import { startFleet, type Fleet, type FleetOptions } from '../../fleet/fleet-service.js';
import { createLogger } from '../../appliance/logger.js';

export const FLEET_TOKEN = 'fleet-test-token-0123456789';

/** A fleet view on a random loopback port with its database in a temp folder. */
export async function startTestFleet(options: {
  broker: FleetOptions['broker'];
  shareGroup?: string;
  database?: string;
  rules?: FleetOptions['rules'];
  sinks?: AlertSink[];
  commandKey?: FleetOptions['commandKey'];
  now?: FleetOptions['now'];
  logLevel?: string;
  httpLimits?: FleetOptions['httpLimits'];
  roomEventsPerMinute?: FleetOptions['roomEventsPerMinute'];
  /** The database folder (a small disk); by default a new temp folder. Removed on close either way. */
  dataDir?: string;
}): Promise<Fleet & { dataDir: string }> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'roomctl-fleet-')));
  const log = createLogger({ level: options.logLevel ?? process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
  const fleet = await startFleet({
    broker: options.broker,
    shareGroup: options.shareGroup,
    database: options.database,
    dataDir,
    listen: '127.0.0.1:0',
    tokens: [FLEET_TOKEN],
    rules: options.rules,
    sinks: options.sinks,
    commandKey: options.commandKey,
    now: options.now,
    httpLimits: options.httpLimits,
    roomEventsPerMinute: options.roomEventsPerMinute,
    log,
  });
  const close = fleet.close.bind(fleet);
  return Object.assign(fleet, {
    dataDir,
    async close() {
      await close();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}
