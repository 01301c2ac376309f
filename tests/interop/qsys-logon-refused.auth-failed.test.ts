import { afterEach, expect, it } from 'vitest';
import { startQsysSimulator, type RunningQsysSimulator } from '../../drivers/qsys-qrc/qsys-simulator.js';
import { waitFor } from '../helpers/test-room.js';
import { hostDevices } from '../helpers/hosted-devices.js';

/**
 * A Q-SYS Core with access control: a wrong PIN, or none where one is needed ("logon
 * required"), makes the Core `auth-failed` with words, not offline, and actions say so.
 */
let sim: RunningQsysSimulator | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await sim?.close();
});

for (const [what, credentials] of [
  ['a wrong PIN', { user: 'roomctl', password: '9999' }],
  ['no logon where one is required', {}],
] as const) {
  it(`${what}: auth-failed, and actions answer "wrong password"`, async () => {
    sim = await startQsysSimulator({ port: 0, quirks: ['logon-required'] });
    const room = hostDevices([{ id: 'dsp', driver: 'qsys-qrc', ...sim.endpoint, muteControl: { component: 'MicMute', control: 'mute' }, ...credentials }]);
    stop = room.stop;

    await waitFor(() => room.host.get('dsp').status !== 'connecting', 10_000, 'the Core to answer');

    expect(room.host.get('dsp')).toMatchObject({ status: 'auth-failed', detail: expect.stringContaining('Logon required') });
    await expect(room.host.execute('dsp', 'mute', { on: true })).rejects.toMatchObject({
      code: 'ROOMCTL_E_DEVICE_AUTH',
      message: expect.stringContaining('wrong password'),
    });
  });
}
