import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import type { RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { waitFor } from './test-room.js';

export interface RefusedDisplayRoom {
  appliance: Appliance;
  /** The room's API token. */
  token: string;
  /** The room's data folder (a temp folder, gone after `close`): room for config files of the test's own. */
  dir: string;
  /** The display as the room's config has it, password included. */
  device: { id: 'display'; driver: 'pjlink'; host: string; port: number; password: string; notifyPort: 0 };
  /** Stops the room, then the display, and removes the data folder. */
  close(): Promise<void>;
}

/**
 * The real appliance (`hq/aurora`) with one device, `display` (a PJLink display simulator already
 * running), logging in with `password`, which the display refuses: returned once the room holds
 * the display `auth-failed`.
 */
export async function startRoomRefusedByDisplay(display: RunningPjlinkSimulator, password: string): Promise<RefusedDisplayRoom> {
  const token = 'a-test-token-of-16-chars';
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-refused-'));
  const device = { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port, password, notifyPort: 0 } as const;
  const config = {
    room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
    api: { listen: '127.0.0.1:0', tokens: [token] },
    storage: { dir },
    log: { level: 'info' },
    devices: [device],
  } as RoomConfig;
  let appliance: Appliance | undefined;
  const close = async () => {
    await appliance?.close();
    await display.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    appliance = await startAppliance(config, { log: createLogger({ level: 'silent', pretty: false }) });
    const started = appliance;
    await waitFor(() => started.core.devices.get('display').status === 'auth-failed', 10_000, 'the display to refuse the room');
  } catch (err) {
    await close();
    throw err;
  }
  return { appliance, token, dir, device, close };
}
