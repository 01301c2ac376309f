import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { validateConfig } from '../../appliance/config/config-validate.js';
import { mediaSettings } from '../../appliance/media/media-config.js';
import { MediaService } from '../../appliance/media/media-service.js';
import { createLogger } from '../../appliance/logger.js';
import { openDatabase } from '../../appliance/store/database.js';
import { ROOM_MIGRATIONS } from '../../appliance/room-migrations.js';
import { DRIVERS } from '../../drivers/registry.js';
import { SMALL_VIDEO } from '../helpers/media-service.js';

/**
 * A camera URI that tries to add elements to the pipeline — `! filesink location=/etc/x` —
 * is refused wherever it comes from: the room config or the media service itself. (An
 * ONVIF camera reporting such a URI: media-onvif-stream-uri.test.ts.)
 */
const INJECTION = 'rtsp://10.0.0.21/stream" ! filesink location=/etc/roomctl-pwned name="x';
const INJECTION_UNQUOTED = 'rtsp://10.0.0.21/stream ! filesink location=/etc/roomctl-pwned';
it('refuses the URI in the room config, naming the field', () => {
  for (const uri of [INJECTION, INJECTION_UNQUOTED, 'rtsp://cam/x\nfilesink']) {
    const result = validateConfig(
      {
        room: { id: 'r', name: 'R', site: 's', timezone: 'UTC' },
        api: { listen: '127.0.0.1:0', tokens: ['0123456789abcdef'] },
        devices: [],
        media: { video: { source: { type: 'rtsp', uri } } },
      },
      DRIVERS,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain('media.video.source.uri');
  }
});

it('refuses it in the media service, before any pipeline exists', () => {
  const log = createLogger({ level: 'silent', pretty: false });
  const dir = mkdtempSync(join(tmpdir(), 'roomctl-media-refuse-'));
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  const build = (uri: string) => () =>
    new MediaService({ settings: mediaSettings({ video: { source: { type: 'rtsp', uri }, ...SMALL_VIDEO } }), storageDir: dir, db, log });
  expect(build('rtsp://10.0.0.21/stream!x')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_MEDIA_REJECTED' }));
  expect(build(INJECTION_UNQUOTED)).toThrow(/props\.location contains spaces/);
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
