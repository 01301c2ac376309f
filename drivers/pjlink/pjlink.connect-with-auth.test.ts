import { afterEach, describe, expect, it } from 'vitest';
import { PjlinkDriver } from './pjlink-driver.js';
import { handshake, startScriptedDisplay } from './testing/scripted-display.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { createTestContext } from '../testing/test-context.js';

let sim: RunningPjlinkSimulator | undefined;
let driver: PjlinkDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  driver = sim = undefined;
});

describe('a display with PJLink authentication', () => {
  it('accepts the right password: the first command carries the digest, the rest do not', async () => {
    sim = await startPjlinkSimulator({ port: 0, password: 'JBMIAProjectorLink' });
    const lines: string[] = [];
    sim.display.on('command', (line: string) => lines.push(line));
    driver = new PjlinkDriver({ ...sim.endpoint, password: 'JBMIAProjectorLink' }, createTestContext());

    await driver.connect();
    await driver.execute('power', { on: true });

    expect(lines).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?', '%1POWR 1', '%1POWR ?']);
  });

  it('puts the spec digest md5(random + password) in front of the first command only, on the wire', async () => {
    const display = await startScriptedDisplay((line) => handshake(line.replace(/^[0-9a-f]{32}/, '')) ?? '%1XXXX=ERR1', 'PJLINK 1 498e4a67');
    try {
      driver = new PjlinkDriver({ host: '127.0.0.1', port: display.port, password: 'JBMIAProjectorLink' }, createTestContext());
      await driver.connect();
      expect(display.received).toEqual(['5d8409bc1c3fa39749434aa3a5c38682%1CLSS ?', '%1POWR ?', '%1ERST ?']);
    } finally {
      await driver?.disconnect();
      await display.close();
    }
  });

  it('refuses a wrong password with ROOMCTL_E_DEVICE_AUTH', async () => {
    sim = await startPjlinkSimulator({ port: 0, password: 'right' });
    const ctx = createTestContext();
    driver = new PjlinkDriver({ ...sim.endpoint, password: 'wrong' }, ctx);

    await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', message: expect.stringContaining('PJLINK ERRA') });
    // connect() throwing is the report; the host is not told twice.
    expect(ctx.lost).toEqual([]);
  });

  it('says a password is needed when the config has none', async () => {
    sim = await startPjlinkSimulator({ port: 0, password: 'secret' });
    driver = new PjlinkDriver({ ...sim.endpoint }, createTestContext());

    await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', message: expect.stringContaining('set `password`') });
    expect(sim.display.received).toEqual([]);
  });
});
