import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../appliance/logger.js';
import { mediaSettings, type MediaConfig } from '../../appliance/media/media-config.js';
import { MediaService, type MediaServiceOptions } from '../../appliance/media/media-service.js';
import { openDatabase, type Db } from '../../appliance/store/database.js';
import { ROOM_MIGRATIONS } from '../../appliance/room-migrations.js';
import { waitFor } from './test-room.js';

export interface TestMedia {
  media: MediaService;
  dir: string;
  db: Db;
  close(): Promise<void>;
}

/** A small, cheap picture: the machine is shared, and the behaviour is the same at 320×180. */
export const SMALL_VIDEO = { width: 320, height: 180, framerate: 15 } as const;

/**
 * A real MediaService (a real media host child, real GStreamer) with its data in a temp
 * folder and the display on fakesink.
 */
export async function startTestMedia(config: MediaConfig, options: Partial<MediaServiceOptions> = {}): Promise<TestMedia> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-media-'));
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  const log = createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
  const media = new MediaService({ display: 'fakesink', ...options, settings: mediaSettings(config), storageDir: dir, db, log });
  await media.start();
  return {
    media,
    dir,
    db,
    async close() {
      await media.stop();
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function waitForSummary(media: MediaService, summary: ReturnType<MediaService['status']>['summary'], timeoutMs = 15_000): Promise<unknown> {
  return waitFor(
    () => media.status().summary === summary,
    timeoutMs,
    `media ${summary} (now ${JSON.stringify(media.status().summary)}: ${media.status().detail})`,
  );
}

/** Resolves with the next `count` preview frames. */
export function previewFrames(media: MediaService, count: number, timeoutMs = 10_000): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const frames: Buffer[] = [];
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`only ${frames.length} of ${count} preview frames in ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = media.subscribePreview((jpeg) => {
      frames.push(Buffer.from(jpeg));
      if (frames.length < count) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(frames);
    });
  });
}
