import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SMALL_VIDEO } from '../helpers/media-service.js';
import { startMediaRoom, type MediaRoom } from '../helpers/media-room.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * The panel's live preview: MJPEG over multipart/x-mixed-replace, the token in the query
 * (an <img> cannot send headers). JPEG is encoded only while someone watches.
 */
let room: MediaRoom;

beforeAll(async () => {
  room = await startMediaRoom({ video: { source: { type: 'test' }, ...SMALL_VIDEO }, preview: { width: 160, height: 90, framerate: 10 } });
  await waitFor(() => room.media.status().summary === 'live', 15_000, 'live video');
});

afterAll(async () => {
  await room?.close();
});

/** Reads the multipart stream until `count` JPEG parts arrived, then hangs up. */
function readParts(url: string, count: number): Promise<{ status: number; type: string | undefined; jpegs: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], jpegs: [] });
      }
      let data = Buffer.alloc(0);
      const jpegs: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        for (;;) {
          const header = /--roomctlframe\r\ncontent-type: image\/jpeg\r\ncontent-length: (\d+)\r\n\r\n/.exec(data.toString('latin1'));
          if (!header) break;
          const start = header.index + header[0].length;
          const end = start + Number(header[1]);
          if (data.length < end) break;
          jpegs.push(data.subarray(start, end));
          data = data.subarray(end);
        }
        if (jpegs.length >= count) {
          req.destroy();
          resolve({ status: 200, type: res.headers['content-type'], jpegs });
        }
      });
    });
    req.on('error', (err) => (err.message.includes('aborted') ? undefined : reject(err)));
    req.setTimeout(10_000, () => req.destroy(new Error('no preview frames in 10 s')));
    req.end();
  });
}

it('streams JPEG frames to a viewer with the token, and to nobody else', async () => {
  expect((await readParts(`${room.baseUrl}/api/v1/media/preview.mjpeg`, 1)).status).toBe(401);
  expect((await readParts(`${room.baseUrl}/api/v1/media/preview.mjpeg?token=wrong-token-wrong`, 1)).status).toBe(401);
  expect(room.media.status().previewViewers).toBe(0);

  const { status, type, jpegs } = await readParts(`${room.baseUrl}/api/v1/media/preview.mjpeg?token=${room.token}`, 3);
  expect(status).toBe(200);
  expect(type).toBe('multipart/x-mixed-replace; boundary=roomctlframe');
  for (const jpeg of jpegs) expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
  // The viewer left: the host stops encoding previews.
  await waitFor(() => room.media.status().previewViewers === 0, 5000, 'the viewer to be gone');
});
