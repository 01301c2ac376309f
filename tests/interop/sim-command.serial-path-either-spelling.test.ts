import { expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { ERROR_CATALOG } from '../../drivers/core/errors.js';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
import { loadSimulators } from '../../drivers/sim/simulators.js';
import { runSimUntilStarted } from '../helpers/cli.js';

/**
 * A serial simulator's PTY end is `--port PATH` for lg-serial and visca-serial and
 * `--serialPath PATH` for samsung-mdc and biamp-tesira; each takes the other spelling too, so
 * `roomctl sim samsung-mdc --port /dev/pts/N` plays the display on that port, not on TCP.
 * A path that is not there is a PTY pair not made yet, not a cable to check.
 */
// The two CLI cases run side by side (each waits on Node starts); each keeps its own resources.
it.concurrent('samsung-mdc --port PATH and lg-serial --serialPath PATH each open the serial port given', async ({ expect }) => {
  const pair = await createPtyPair();
  try {
    const mdc = await runSimUntilStarted(['samsung-mdc', '--port', pair.simulatorPath, '--listen', '127.0.0.1:0']);
    expect(mdc.stderr).not.toContain('roomctl sim');
    expect(mdc.started).toBe(true);
    expect(mdc.stdout).toContain(`simulating samsung-mdc at {"serialPort":"${pair.simulatorPath}"}`);

    const lg = await runSimUntilStarted(['lg-serial', '--serialPath', pair.simulatorPath]);
    expect(lg.stderr).not.toContain('roomctl sim');
    expect(lg.started).toBe(true);
    expect(lg.stdout).toContain(`simulating lg-serial at {"serialPort":"${pair.simulatorPath}"}`);
  } finally {
    await pair.close();
  }
});

/** What `roomctl sim DRIVER --serialPath /dev/nonexistent` says: the path, how to make a PTY pair, where each end goes; then the simulator's options. */
const noSuchPath = (driver: string, option: string) => [
  `ROOMCTL_E_BAD_VALUE: roomctl sim ${driver}: /dev/nonexistent does not exist. A simulator's serial path is its own end of a PTY pair, not a device's port; make a pair first:`,
  `  socat -d -d pty,raw,echo=0,link=/tmp/${driver}-sim pty,raw,echo=0,link=/tmp/${driver}-room &`,
  `  roomctl sim ${driver} --${option} /tmp/${driver}-sim`,
  `and give the room's config the other end (/tmp/${driver}-room) as the device's port.`,
  `  next: ${ERROR_CATALOG.ROOMCTL_E_BAD_VALUE.hint}`,
  '',
  `The ${driver} simulator takes:`,
];
const opening = (stderr: string) => stderr.split('\n').slice(0, 7);

it.concurrent('a serial path that does not exist is said so, with how to make a PTY pair, never as a cable to check (exit 2)', async ({ expect }) => {
  const result = await runSimUntilStarted(['samsung-mdc', '--serialPath', '/dev/nonexistent']);

  expect(result).toMatchObject({ started: false, code: 2, stdout: '' });
  expect(opening(result.stderr)).toEqual(noSuchPath('samsung-mdc', 'serialPath'));
});

it('every serial simulator says the same, under the name of its own option (in this process: a Node start each would cost seconds)', async () => {
  const serial = (await loadSimulators()).filter((s) => s.options.some((o) => o.value === 'PATH'));
  expect(serial.map((s) => s.driver).sort()).toEqual(['biamp-tesira', 'lg-serial', 'samsung-mdc', 'visca-serial']);
  let said = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((said += String(chunk)), true));
  try {
    for (const { driver, options } of serial) {
      said = '';
      expect(await main(['sim', driver, '--serialPath', '/dev/nonexistent']), driver).toBe(2);
      expect(opening(said), driver).toEqual(noSuchPath(driver, options.find((o) => o.value === 'PATH')!.name));
    }
  } finally {
    vi.restoreAllMocks();
  }
});
