import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { OnvifDriver } from './onvif-driver.js';
import { createTestContext } from '../testing/test-context.js';

const start = useCamera();

const credentials = { username: 'operator', password: 'pan-tilt-zoom' };

it('a camera that lets anyone read its services refuses GetProfiles: the connect says wrong password, not "no media profile"', async () => {
  const { sim, driver } = await start({ events: false, auth: { ...credentials, mode: 'ws-security' } }, { username: 'operator', password: 'guess' });

  const connect = driver.connect();
  await expect(connect).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', details: { operation: 'GetProfiles', fault: 'ter:NotAuthorized' } });
  await expect(connect).rejects.toThrow(/wrong password.*user 'operator'/);
  // One refused login per attempt: a camera that locks after five sees five attempts, not ten.
  expect(sim.auth.failedLogins).toBe(1);
});

it('no password at all is the same verdict', async () => {
  const { driver } = await start({ events: false, auth: { ...credentials, mode: 'ws-security' } });
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH' });
});

it("the password changed on the camera: a command is refused as such, the watchdog's probe reports the link lost for it, the next connect says wrong password", async () => {
  const { sim, driver, ctx } = await start({ events: false, auth: { ...credentials, mode: 'ws-security' } }, { ...credentials });
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
  const { sim, driver } = await start({ events: false, auth: { ...credentials, mode: 'ws-security' }, quirks: ['lockout'] }, credentials);
  for (let i = 0; i < 5; i++) {
    const wrong = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port, username: 'operator', password: `guess-${i}` }, createTestContext());
    await expect(wrong.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH' });
  }
  expect(sim.auth.locked).toBe(true);
  await expect(driver.connect()).rejects.toThrow(/wrong password.*locked after failed logins/);
});
