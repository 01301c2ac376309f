import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { reachableUri } from './onvif-events-and-uri.js';

const start = useCamera();

it('a camera that stores 8 presets: the state says 1..8, the listing how many are stored, the ninth number is refused before sending', async () => {
  const { driver, ctx } = await start({ events: false, quirks: ['eight-presets'] });
  await driver.connect();
  expect(ctx.state).toMatchObject({ maxPresets: 8, presetRange: '1..8', presetsStored: 0 });

  await driver.execute('preset.save', { preset: 1 });
  await driver.execute('preset.save', { preset: 8 });
  await driver.execute('preset.list', {});
  expect(ctx.state).toMatchObject({ presetsStored: 2, presets: [{ number: 1 }, { number: 8 }] });
  await expect(driver.execute('preset.save', { preset: 9 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS', details: { allowed: '1..8' } });
});

it('stream.uri carries the host the room reaches the camera by, not the address the camera advertises', async () => {
  const { driver, ctx } = await start({ events: false, rtspUri: 'rtsp://192.168.1.64:554/Streaming/Channels' });
  await driver.connect();

  await expect(driver.execute('stream.uri', {})).resolves.toEqual({ uri: 'rtsp://127.0.0.1:554/Streaming/Channels/profile_main' });
  expect(ctx.state.streamUri).toBe('rtsp://127.0.0.1:554/Streaming/Channels/profile_main');
});

it("only the host of the camera's URI changes: credentials, port, path and query stay as the camera wrote them", () => {
  expect(reachableUri('rtsp://admin:pw@192.168.1.64:554/live?channel=1&subtype=0', 'cam.example')).toBe(
    'rtsp://admin:pw@cam.example:554/live?channel=1&subtype=0',
  );
  expect(reachableUri('rtsp://[fe80::1]/x y', 'fd00::21')).toBe('rtsp://[fd00::21]/x y');
  expect(reachableUri('not a uri', '10.0.0.2')).toBe('not a uri');
});
