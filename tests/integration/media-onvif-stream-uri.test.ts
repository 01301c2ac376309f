import { afterEach, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { SMALL_VIDEO } from '../helpers/media-service.js';
import { startMediaRoom, type MediaRoom } from '../helpers/media-room.js';
import { startRtspTestServer, type RtspTestServer } from '../helpers/rtsp-test-server.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * The picture of an IP camera comes from where the camera says it is: the ONVIF driver
 * asks the camera (a real ONVIF simulator over HTTP/SOAP) for its stream URI, publishes it
 * as `state.streamUri`, and the media pipeline plays it (a real RTSP server). A camera that
 * reports a URI built to inject pipeline elements gets no pipeline at all.
 */
let onvif: RunningOnvifSimulator | undefined;
let rtsp: RtspTestServer | undefined;
let room: MediaRoom | undefined;

afterEach(async () => {
  await room?.close();
  await onvif?.close();
  await rtsp?.close();
  room = onvif = rtsp = undefined;
});

const media = { video: { source: { type: 'rtsp' as const, camera: 'cam-rear', latencyMs: 50 }, ...SMALL_VIDEO } };
const cameraDevice = (port: number) => [{ id: 'cam-rear', driver: 'onvif', host: '127.0.0.1', port }];

it('plays the stream the ONVIF camera reports', async () => {
  rtsp = await startRtspTestServer({ mount: '/sim/profile_main' });
  onvif = await startOnvifSimulator({ port: 0, rtspUri: `rtsp://127.0.0.1:${rtsp.port}/sim` });
  room = await startMediaRoom(media, {}, cameraDevice(onvif.endpoint.port));

  await waitFor(() => room!.media.status().summary === 'live', 20_000, 'live video from the ONVIF camera');
  expect(room.appliance.core.devices.get('cam-rear').state.streamUri).toBe(rtsp.uri);
});

it('refuses an injecting stream URI from the camera', async () => {
  onvif = await startOnvifSimulator({ port: 0, rtspUri: 'rtsp://127.0.0.1:9/x" ! filesink location=/tmp/roomctl-pwned name="y' });
  room = await startMediaRoom(media, {}, cameraDevice(onvif.endpoint.port));

  await waitFor(() => room!.media.status().summary === 'waiting' && /refused/.test(room!.media.status().detail ?? ''), 20_000, 'the refusal');
  expect(room.media.status().detail).toMatch(/^the stream URI from cam-rear was refused: it contains spaces, quotes/);
  expect(room.appliance.core.devices.get('media-video')).toMatchObject({ status: 'offline' });
});
