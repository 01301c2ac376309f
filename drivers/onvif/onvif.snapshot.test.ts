import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import type { SnapshotResult } from '../core/capabilities.js';

const start = useCamera();

const auth = { username: 'operator', password: 'a-camera-password' };

/** True when GStreamer's JPEG decoder takes the bytes: a real decode, not just a header check. */
function decodesAsJpeg(jpeg: Buffer): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'roomctl-jpeg-'));
  try {
    writeFileSync(join(dir, 'still.jpg'), jpeg);
    execFileSync('gst-launch-1.0', ['-q', 'filesrc', `location=${join(dir, 'still.jpg')}`, '!', 'jpegdec', '!', 'fakesink'], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('takes a still: GetSnapshotUri, then a digest-authenticated GET of a real JPEG', async () => {
  const { sim, driver } = await start({ events: false, auth }, { ...auth });
  await driver.connect();

  const still = (await driver.execute('snapshot', {})) as SnapshotResult;
  expect(still).toMatchObject({ contentType: 'image/jpeg', width: 256, height: 144 });
  const jpeg = Buffer.from(still.data, 'base64');
  expect(jpeg.length).toBe(still.bytes);
  expect(decodesAsJpeg(jpeg)).toBe(true);
  expect(sim.requests.filter((r) => r.operation === 'GetSnapshotUri')).toHaveLength(1);
  // The camera asked (401 with a digest challenge), the driver answered with digest.
  expect(sim.requests.filter((r) => r.operation === 'GET snapshot').map((r) => [r.status, r.auth])).toEqual([
    [401, 'none'],
    [200, 'digest'],
  ]);

  // The URI is asked once per connection.
  await driver.execute('snapshot', {});
  expect(sim.requests.filter((r) => r.operation === 'GetSnapshotUri')).toHaveLength(1);
});

it('sends the credentials only to the configured camera, whatever host the snapshot URI names', async () => {
  const { driver } = await start({ events: false, auth, advertisedHost: 'camera.invalid' }, { ...auth });
  await driver.connect();
  const still = (await driver.execute('snapshot', {})) as SnapshotResult;
  expect(still.width).toBe(256);
});

it('a camera without snapshots says so, and keeps its link', async () => {
  const { driver, ctx } = await start({ events: false, snapshot: null });
  await driver.connect();
  await expect(driver.execute('snapshot', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED' });
  expect(ctx.lost).toEqual([]);
  await driver.probe();
});

it('refuses what is not a usable JPEG: an error page, a cut-off file, one over 2 MB', async () => {
  const { sim, driver, ctx } = await start({ events: false });
  await driver.connect();
  const whole = (await driver.execute('snapshot', {})) as SnapshotResult;

  sim.setSnapshot(Buffer.from('<html>Camera busy</html>'));
  await expect(driver.execute('snapshot', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_STILL_INVALID' });
  sim.setSnapshot(Buffer.from(whole.data, 'base64').subarray(0, 1000));
  await expect(driver.execute('snapshot', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_STILL_INVALID' });
  sim.setSnapshot(Buffer.alloc(3 * 1024 * 1024, 0xff));
  await expect(driver.execute('snapshot', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_STILL_INVALID', details: { maxBytes: 2 * 1024 * 1024 } });
  expect(ctx.lost).toEqual([]);
});
