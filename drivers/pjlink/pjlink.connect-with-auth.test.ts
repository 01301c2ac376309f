import { describe, expect, it } from 'vitest';
import { useDisplay, useScriptedDisplay } from './test-setup.js';
import { handshake } from './testing/scripted-display.js';

const start = useDisplay();
const startScripted = useScriptedDisplay();

describe('a display with PJLink authentication', () => {
  it('accepts the right password: the first command carries the digest, the rest do not', async () => {
    const { sim, driver } = await start({ password: 'JBMIAProjectorLink' }, { password: 'JBMIAProjectorLink' });
    const lines: string[] = [];
    sim.display.on('command', (line: string) => lines.push(line));

    await driver.connect();
    await driver.execute('power', { on: true });

    expect(lines).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?', '%1POWR 1', '%1POWR ?']);
  });

  it('puts the spec digest md5(random + password) in front of the first command only, on the wire', async () => {
    const { sim: display, driver } = await startScripted(
      (line) => handshake(line.replace(/^[0-9a-f]{32}/, '')) ?? '%1XXXX=ERR1',
      { password: 'JBMIAProjectorLink' },
      'PJLINK 1 498e4a67',
    );
    await driver.connect();
    expect(display.received).toEqual(['5d8409bc1c3fa39749434aa3a5c38682%1CLSS ?', '%1POWR ?', '%1ERST ?']);
  });

  it('refuses a wrong password with ROOMCTL_E_DEVICE_AUTH', async () => {
    const { driver, ctx } = await start({ password: 'right' }, { password: 'wrong' });

    await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', message: expect.stringContaining('PJLINK ERRA') });
    // connect() throwing is the report; the host is not told twice.
    expect(ctx.lost).toEqual([]);
  });

  it('says a password is needed when the config has none', async () => {
    const { sim, driver } = await start({ password: 'secret' });

    await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', message: expect.stringContaining('set `password`') });
    expect(sim.display.received).toEqual([]);
  });
});
