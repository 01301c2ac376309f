import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { OnvifDriver } from './onvif-driver.js';

let sim: RunningOnvifSimulator | undefined;
let driver: OnvifDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

const credentials = { username: 'operator', password: 'pan-tilt-zoom' };

it('a camera that lets anyone read its services refuses GetProfiles: the connect says wrong password, not "no media profile"', async () => {
  sim = await startOnvifSimulator({ events: false, auth: { ...credentials, mode: 'ws-security' } });
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port, username: 'operator', password: 'guess' }, createTestContext());

  const connect = driver.connect();
  await expect(connect).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', details: { operation: 'GetProfiles', fault: 'ter:NotAuthorized' } });
  await expect(connect).rejects.toThrow(/wrong password.*user 'operator'/);
  // One refused login per attempt: a camera that locks after five sees five attempts, not ten.
  expect(sim.auth.failedLogins).toBe(1);
});

it('no password at all is the same verdict', async () => {
  sim = await startOnvifSimulator({ events: false, auth: { ...credentials, mode: 'ws-security' } });
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH' });
});

it("the password changed on the camera: a command is refused as such, the watchdog's probe reports the link lost for it, the next connect says wrong password", async () => {
  sim = await startOnvifSimulator({ events: false, auth: { ...credentials, mode: 'ws-security' } });
  const ctx = createTestContext();
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port, ...credentials }, ctx);
  await driver.connect();

  sim.setPassword('changed-by-someone');

  await expect(driver.execute('home', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH' });
  expect(ctx.lost).toEqual([]);
  await expect(driver.probe()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH' });
  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_DEVICE_AUTH']);
  expect(ctx.lost[0]!.message).toMatch(/wrong password/);
  await expect(driver.connect()).rejects.toThrow(/wrong password/);
});

it('a locked account (five failures) refuses even the right password, and says so as an authentication failure', async () => {
  sim = await startOnvifSimulator({ events: false, auth: { ...credentials, mode: 'ws-security' }, quirks: ['lockout'] });
  for (let i = 0; i < 5; i++) {
    const wrong = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port, username: 'operator', password: `guess-${i}` }, createTestContext());
    await expect(wrong.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH' });
  }
  expect(sim.auth.locked).toBe(true);
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port, ...credentials }, createTestContext());
  await expect(driver.connect()).rejects.toThrow(/wrong password.*locked after failed logins/);
});
