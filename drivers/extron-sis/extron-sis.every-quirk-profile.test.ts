import { describe, expect, it } from 'vitest';
import { EXTRON_SIS_QUIRKS, extronSisQuirkOptions } from './extron-sis-simulator.js';
import { useSwitcher } from './test-setup.js';

const switcher = useSwitcher();

/** The same conversation against every switcher the simulator can play. */
describe.each(EXTRON_SIS_QUIRKS.map((q) => [q.name]))('extron-sis against a switcher with %s', (quirk) => {
  it('connects, reads what it is, and every command is done or refused with its meaning', async () => {
    const { driver, ctx } = await switcher({ inputs: 4, outputs: 2, ...extronSisQuirkOptions([quirk]) });
    await driver.connect();
    expect(ctx.state).toMatchObject({ firmware: '1.23', size: { inputs: 4, outputs: 2 }, verbose: quirk !== 'no-verbose-mode' });

    await expect(driver.execute('tie', { input: 3, output: 2 })).resolves.toEqual({ output: 2, input: 3 });
    await expect(driver.execute('input', { input: '1' })).resolves.toEqual({ input: '1' });
    await expect(driver.execute('tie', { input: 9, output: 1 })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED' });
    await expect(driver.execute('status', {})).resolves.toMatchObject({ partNumber: '60-1234-01' });
    expect(ctx.lost).toEqual([]);
  });
});
