import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import type { MediaConfig } from '../../appliance/media/media-config.js';
import type { MediaService } from '../../appliance/media/media-service.js';
import type { MediaOverrides } from '../../appliance/media/media-wiring.js';

export interface MediaRoom {
  appliance: Appliance;
  media: MediaService;
  baseUrl: string;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export const MEDIA_ROOM_TOKEN = 'a-media-test-token-0123';

/** The whole appliance (no other devices, no broker) with a `media:` section; display on fakesink. */
export async function startMediaRoom(media: MediaConfig, overrides: MediaOverrides = {}, devices: RoomConfig['devices'] = []): Promise<MediaRoom> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-media-room-'));
  const config: RoomConfig = {
    room: { id: 'studio', name: 'Studio', site: 'hq', timezone: 'UTC' },
    api: { listen: '127.0.0.1:0', tokens: [MEDIA_ROOM_TOKEN] },
    storage: { dir: dataDir },
    log: { level: 'info' },
    devices,
    media,
  };
  const log = createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
  const appliance = await startAppliance(config, { log, media: { display: 'fakesink', ...overrides } });
  return {
    appliance,
    media: appliance.core.media!,
    baseUrl: appliance.url,
    token: MEDIA_ROOM_TOKEN,
    dataDir,
    async close() {
      await appliance.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
