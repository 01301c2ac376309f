import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { DeviceView, StillOutcome } from '../../appliance/api/api-types.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import { waitFor } from './test-room.js';

export interface StillsRoom {
  appliance: Appliance;
  baseUrl: string;
  token: string;
  dataDir: string;
  /** POST preset.save through the API with the room token; the action's `thumbnail` outcome. */
  save(deviceId: string, preset: number): Promise<{ status: number; thumbnail: StillOutcome | undefined; body: unknown }>;
  /** GET the preset's still.jpg with these headers (default: the room token) and this query. */
  still(deviceId: string | number, preset: string | number, init?: { headers?: Record<string, string>; query?: string }): Promise<Response>;
  device(id: string): Promise<DeviceView>;
  /** Waits until the device is connected. */
  ready(id: string): Promise<void>;
  close(): Promise<void>;
}

export const STILLS_ROOM_TOKEN = 'a-stills-test-token-0123';

/** The whole appliance (no broker) with these devices and sections; its data in a temp folder. */
export async function startStillsRoom(sections: Pick<RoomConfig, 'devices'> & Partial<Pick<RoomConfig, 'media' | 'panel'>>): Promise<StillsRoom> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-stills-room-'));
  const config: RoomConfig = {
    room: { id: 'stills', name: 'Stills', site: 'hq', timezone: 'UTC' },
    api: { listen: '127.0.0.1:0', tokens: [STILLS_ROOM_TOKEN] },
    storage: { dir: dataDir },
    log: { level: 'info' },
    ...sections,
  };
  const log = createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
  const appliance = await startAppliance(config, { log, probeIntervalMs: 500, media: { display: 'fakesink' } });
  const baseUrl = appliance.url;
  const auth = { authorization: `Bearer ${STILLS_ROOM_TOKEN}` };
  const room: StillsRoom = {
    appliance,
    baseUrl,
    token: STILLS_ROOM_TOKEN,
    dataDir,
    async save(deviceId, preset) {
      const res = await fetch(`${baseUrl}/api/v1/devices/${deviceId}/actions/preset.save`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ preset }),
      });
      const body = (await res.json()) as { result?: { thumbnail?: StillOutcome } };
      return { status: res.status, thumbnail: body.result?.thumbnail, body };
    },
    still(deviceId, preset, init = {}) {
      return fetch(`${baseUrl}/api/v1/devices/${deviceId}/presets/${preset}/still.jpg${init.query ?? ''}`, { headers: init.headers ?? auth });
    },
    async device(id) {
      return (await (await fetch(`${baseUrl}/api/v1/devices/${id}`)).json()) as DeviceView;
    },
    async ready(id) {
      await waitFor(async () => (await room.device(id)).status === 'ok', 15_000, `${id} connected`);
    },
    async close() {
      await appliance.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return room;
}
