import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { SMALL_VIDEO } from '../helpers/media-service.js';
import { startMediaRoom, type MediaRoom } from '../helpers/media-room.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * The media host is killed outright (SIGKILL, as the kernel's OOM killer or a GStreamer
 * abort would leave it). The room keeps answering; the `media-video` device says the video
 * is recovering; the supervisor starts a new host and the picture comes back.
 */
let room: MediaRoom;

beforeAll(async () => {
  room = await startMediaRoom({ video: { source: { type: 'test' }, ...SMALL_VIDEO } });
});

afterAll(async () => {
  await room?.close();
});

const videoDevice = async (): Promise<DeviceView> => (await (await fetch(`${room.baseUrl}/api/v1/devices/media-video`)).json()) as DeviceView;

it('restarts a killed media host while the room keeps running', async () => {
  await waitFor(async () => (await videoDevice()).status === 'ok', 15_000, 'media-video ok');
  const seen: DeviceView[] = [];
  room.appliance.core.devices.on('device', (d: DeviceView) => d.id === 'media-video' && seen.push(d));
  const killedPid = room.media.status().host.pid!;

  process.kill(killedPid, 'SIGKILL');

  await waitFor(() => seen.some((d) => d.status === 'offline'), 10_000, 'media-video offline');
  expect(seen.find((d) => d.status === 'offline')?.detail).toMatch(/video recovering: the media host was killed \(SIGKILL\)/);
  // The room itself never went down.
  expect((await fetch(`${room.baseUrl}/api/v1/status`)).status).toBe(200);

  await waitFor(async () => (await videoDevice()).status === 'ok', 15_000, 'media-video ok again');
  const media = (await (await fetch(`${room.baseUrl}/api/v1/media`)).json()) as { summary: string; host: { pid: number; restarts: number } };
  expect(media.summary).toBe('live');
  expect(media.host.restarts).toBe(1);
  expect(media.host.pid).not.toBe(killedPid);
});
