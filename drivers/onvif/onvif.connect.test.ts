import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { startOnvifSimulator } from './onvif-camera-simulator.js';
import { OnvifDriver } from './onvif-driver.js';
import { createTestContext } from '../testing/test-context.js';
import { PRE_AUTH_OPERATIONS } from './onvif-sim-auth.js';

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
