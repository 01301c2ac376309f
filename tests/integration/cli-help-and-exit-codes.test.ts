import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { VERSION } from '../../appliance/paths.js';
import { DRIVERS } from '../../drivers/registry.js';
import { ERROR_CATALOG } from '../../drivers/core/errors.js';
import { runCli } from '../helpers/cli.js';

/** Each command and the first line of its own usage. */
const COMMANDS: Record<string, RegExp> = {
  start: /^Usage: roomctl start \[--config FILE\]/m,
  config: /^Usage: roomctl config check FILE/m,
  sim: /^Usage: roomctl sim DRIVER/m,
  provision: /^Usage: roomctl provision \[--answers FILE\]/m,
  doctor: /^Usage: roomctl doctor \[--config FILE\]/m,
  fleet: /^roomctl fleet — watch every room's health/m,
};
/** A line only the overview has: a command's own usage never lists the others. */
const OVERVIEW = 'roomctl help [COMMAND]';

/** The CLI in this process (a Node start per case would take a minute): what it printed and its exit code. */
let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('roomctl: help, version and exit codes', () => {
  it.each(Object.keys(COMMANDS))('%s --help prints its usage and exits 0', async (name) => {
    expect(await main([name, '--help'])).toBe(0);
    expect(out).toMatch(COMMANDS[name]!);
    expect(out).not.toContain(OVERVIEW);
    expect(await main(['help', name])).toBe(0);
  });

  it.each(Object.keys(COMMANDS))("%s with an unknown option exits 2 with that command's usage only", async (name) => {
    expect(await main([name, '--no-such-option'])).toBe(2);
    const [problem, ...usage] = err.split('\n');
    expect(problem).toMatch(new RegExp(`^roomctl ${name}: .*--no-such-option`));
    expect(usage.join('\n')).toMatch(COMMANDS[name]!);
    expect(err).not.toContain(OVERVIEW);
    expect(err).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
    expect(out).toBe('');
  });

  it('help prints the overview with the exit codes; no command or a wrong one exits 2', async () => {
    expect(await main(['help'])).toBe(0);
    expect(out).toContain(OVERVIEW);
    out = '';
    expect(await main(['help', 'help'])).toBe(0);
    expect(out).toContain(OVERVIEW);
    expect(out).toMatch(/Exit codes: 0 done, 1 the work failed .*\n.*2 the command line was wrong/);
    expect(await main([])).toBe(2);
    expect(await main(['strat'])).toBe(2);
    expect(err).toMatch(/^ROOMCTL_E_UNKNOWN_COMMAND: roomctl: unknown command "strat"; did you mean "start"\?\n {2}next: /m);
  });

  it('a fleet operators command there is not is coded the same, exit 2, and opens (or creates) no database', async () => {
    const data = join(tmpdir(), `roomctl-no-fleet-${process.pid}-${Date.now()}`);
    expect(await main(['fleet', 'operators', 'rmeove', 'ana', '--data', data])).toBe(2);
    expect(err).toMatch(
      /^ROOMCTL_E_UNKNOWN_COMMAND: roomctl fleet operators: unknown command "rmeove"\n {2}next: .*\n\nUsage: roomctl fleet operators add NAME/,
    );
    expect(existsSync(data)).toBe(false);
  });

  it('a help that cannot be built (a simulator that does not load) is a coded error with exit 1, not a stack trace', async () => {
    const tesira = DRIVERS.find((d) => d.id === 'biamp-tesira')!;
    vi.spyOn(tesira, 'loadSimulator').mockRejectedValue(new Error('Cannot find module serialport/bindings'));

    expect(await main(['help', 'sim'])).toBe(1);
    expect(await main(['sim', '--help'])).toBe(1);

    const said =
      'ROOMCTL_E_INTERNAL: Cannot find module serialport/bindings\n  next: a bug: report it with this line and the log (ROOMCTL_DEBUG=1 adds the stack trace)\n';
    expect(err).toBe(said + said);
    expect(out).toBe('');
  });

  it('refuses a --listen the network stack would refuse, as a usage error', async () => {
    expect(await main(['start', '--listen', '127.0.0.1:80800'])).toBe(2);
    expect(err).toMatch(
      /^roomctl start: --listen: port 80800 is out of range: 0 to 65535, where 0 picks a free one \(write host:port, e\.g\. 127\.0\.0\.1:8080\)\n\nUsage: roomctl start/,
    );
  });

  it('a start that fails is a coded error with a next step, not a stack trace', async () => {
    expect(await main(['start', '--config', 'no/such/room.yaml'])).toBe(1);
    expect(err).toBe('ROOMCTL_E_CONFIG_NOT_FOUND: Cannot read config no/such/room.yaml: no such file\n  next: Check the path given to --config.\n');
  });
});

describe('the roomctl program', () => {
  // Side by side: each case waits on Node starts.
  it.concurrent('exits with the codes main returns: --version 0, an unknown option 2', async ({ expect }) => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `roomctl ${VERSION}\n` });
    const wrong = await runCli(['doctor', '--jsn']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^roomctl doctor: Unknown option '--jsn'/);
  }, 30_000);

  it.concurrent('help sim and sim --help print the same help, exit 0; help of a command there is not is refused with the list, exit 2', async ({ expect }) => {
    const [helpSim, simHelp, nonsense] = await Promise.all([runCli(['help', 'sim']), runCli(['sim', '--help']), runCli(['help', 'nonsense'])]);

    expect(helpSim).toMatchObject({ code: 0, stderr: '' });
    expect(helpSim.stdout).toMatch(/^Usage: roomctl sim DRIVER[^]*\nDrivers with a simulator:\n/);
    expect(simHelp).toEqual(helpSim);
    expect(nonsense.code).toBe(2);
    expect(nonsense.stdout).toBe('');
    // Coded like an unknown command given alone, and still a usage error (exit 2) with the list of commands.
    const [problem, next, blank, ...overview] = nonsense.stderr.split('\n');
    expect([problem, next, blank]).toEqual([
      'ROOMCTL_E_UNKNOWN_COMMAND: roomctl help: unknown command "nonsense"',
      `  next: ${ERROR_CATALOG.ROOMCTL_E_UNKNOWN_COMMAND.hint}`,
      '',
    ]);
    for (const name of Object.keys(COMMANDS)) expect(overview.join('\n')).toMatch(new RegExp(`^  roomctl ${name} `, 'm'));
  }, 30_000);
});
