import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { startOnvifSimulator } from './onvif-camera-simulator.js';
import { OnvifDriver } from './onvif-driver.js';
import { createTestContext } from '../testing/test-context.js';
import { PRE_AUTH_OPERATIONS } from './onvif-sim-auth.js';
import { ONVIF_MAX_REPLY_BYTES } from './onvif-session.js';

const start = useCamera();

const credentials = { username: 'operator', password: 'pan-tilt-zoom' };

it('connects with WS-UsernameToken: device information, profiles, preset count and the RTSP URI land in the state', async () => {
  const { sim, driver, ctx } = await start({ auth: { ...credentials, mode: 'ws-security' }, ptz: { maxPresets: 32 } }, { ...credentials });

  await driver.connect();

  expect(ctx.state).toMatchObject({
    info: { manufacturer: 'roomctl', model: 'SIM-PTZ', serialNumber: 'SIM-0001' },
    profile: 'profile_main',
    profiles: [
      { token: 'profile_main', ptz: true },
      { token: 'profile_sub', ptz: true },
    ],
    maxPresets: 32,
    streamUri: `rtsp://127.0.0.1:8554/sim/profile_main`,
    position: { pan: 0, tilt: 0, zoom: 0 },
    moving: false,
    events: 'subscribed',
  });
  // Only what ONVIF lets anyone read (the clock, the services) goes without checking; everything else carries a valid token.
  expect(sim.requests[0]).toMatchObject({ operation: 'GetSystemDateAndTime', auth: 'none' });
  const checked = sim.requests.filter((r) => !PRE_AUTH_OPERATIONS.has(r.operation) && r.operation !== 'PullMessages' && r.operation !== 'Renew');
  expect(checked.length).toBeGreaterThan(5);
  expect(checked.every((r) => r.auth === 'ws-security' && r.status === 200)).toBe(true);
  await expect(driver.execute('stream.uri', {})).resolves.toEqual({ uri: 'rtsp://127.0.0.1:8554/sim/profile_main' });
});

it('speaks HTTP digest to a camera that wants only that', async () => {
  const { sim, driver, ctx } = await start({ auth: { ...credentials, mode: 'digest' } }, { ...credentials, auth: 'digest' });

  await driver.connect();

  expect(ctx.state.info).toMatchObject({ model: 'SIM-PTZ' });
  const answered = sim.requests.filter((r) => r.status === 200 && !PRE_AUTH_OPERATIONS.has(r.operation));
  expect(answered.length).toBeGreaterThan(3);
  expect(answered.every((r) => r.auth === 'digest')).toBe(true);
});

it('a wrong password fails the connect with ROOMCTL_E_DEVICE_AUTH', async () => {
  const { driver } = await start({ auth: { ...credentials, mode: 'ws-security' } }, { username: 'operator', password: 'guess' });

  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', details: { fault: 'ter:NotAuthorized' } });
});

it('nothing listening at the address: the connect fails as offline', async () => {
  const gone = await startOnvifSimulator();
  const port = gone.endpoint.port;
  await gone.close();
  const driver = new OnvifDriver({ host: '127.0.0.1', port }, createTestContext());
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await driver.disconnect();
});

it('a "camera" whose reply streams on without end is cut off at the bound: the connect fails coded, and the room keeps nothing of it', async () => {
  // Something at the camera's address answering every request with an endless body.
  const endless = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/soap+xml' });
    const chunk = Buffer.alloc(64 * 1024, '<');
    const more = () => {
      while (!response.destroyed && response.write(chunk));
    };
    response.on('drain', more);
    more();
  });
  await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
  const hungUp = new Promise<void>((resolve) => endless.once('request', (_request, response) => response.once('close', resolve)));
  const driver = new OnvifDriver({ host: '127.0.0.1', port: (endless.address() as AddressInfo).port, timeoutMs: 30_000 }, createTestContext());
  try {
    await expect(driver.connect()).rejects.toMatchObject({
      code: 'ROOMCTL_E_PROTOCOL',
      message: expect.stringContaining(`a reply over ${ONVIF_MAX_REPLY_BYTES} bytes`),
      details: { operation: 'GetSystemDateAndTime' },
    });
    await hungUp;
  } finally {
    await driver.disconnect();
    endless.closeAllConnections();
    await new Promise((resolve) => endless.close(resolve));
  }
});
