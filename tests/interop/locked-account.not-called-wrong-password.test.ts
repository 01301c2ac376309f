import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startRoomRefusedByDisplay, type RefusedDisplayRoom } from '../helpers/refused-display-room.js';

/**
 * A display that locked its account after three wrong logins (someone else's controller) refuses
 * the right password as it refuses a wrong one. The room, holding the right password, must not
 * tell people flatly that it is wrong: its health says the password is wrong or the account locked.
 */
let display: RunningPjlinkSimulator;
let room: RefusedDisplayRoom;

/** One login with a made-up digest, as a misconfigured controller sends it; resolves when the display hangs up. */
function wrongLogin(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('data', () => socket.write(`${'0'.repeat(32)}%1POWR ?\r`));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

beforeAll(async () => {
  display = await startPjlinkSimulator({ port: 0, password: 'the-right-one', quirks: ['auth-lockout'], lockoutMs: 600_000 });
  for (let i = 0; i < 3; i++) await wrongLogin(display.endpoint.port);
  room = await startRoomRefusedByDisplay(display, 'the-right-one');
});
afterAll(async () => (room ? room.close() : display?.close()));

it('the health of a display refusing the right password says wrong password or locked account, not just wrong password', () => {
  expect(display.logins.failed).toBeGreaterThanOrEqual(4);
  const detail = room.appliance.health.get('display')?.detail ?? '';
  expect(room.appliance.health.get('display')).toMatchObject({ status: 'auth-failed', code: 'ROOMCTL_E_DEVICE_AUTH' });
  expect(detail).not.toMatch(/Wrong password:/);
  expect(detail).toMatch(/Wrong password or locked account: .*unlock the account on the device/);
});
