import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { VERSION } from '../../appliance/paths.js';
import { DRIVERS } from '../../drivers/registry.js';
import { ERROR_CATALOG, type ErrorCode } from '../../drivers/core/errors.js';
import { runCli } from '../helpers/cli.js';
import type { UsageMistake } from '../../cli/usage-error.js';

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
const OVERVIEW_USAGE = /^roomctl — meeting-room appliance\n/;
const OPERATORS_USAGE = /^Usage: roomctl fleet operators add NAME/;
const PJLINK_TAKES = /^The pjlink simulator takes:\n {2}pjlink — /;
const SIM_DRIVERS = /^Usage: roomctl sim DRIVER[^]*\nDrivers with a simulator \(roomctl sim --help lists their options\):\n {2}visca-serial/;
/** Where `fleet operators` would open its database: it never must for a wrong command line. */
const fleetData = join(tmpdir(), `roomctl-no-fleet-${process.pid}-${Date.now()}`);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The command line (DATA: fleetData), the code, the problem as said after the code, the usage that follows. */
const MISTAKES: [string, UsageMistake, string, RegExp][] = [
  ['', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl: which command?', OVERVIEW_USAGE],
  ['--version 2', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl --version: unexpected "2": it takes nothing more', OVERVIEW_USAGE],
  ['version --json', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl version: unexpected "--json": it takes nothing more', OVERVIEW_USAGE],
  ['help help start', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl help: unexpected "start": it takes one COMMAND', OVERVIEW_USAGE],
  [
    'help start room.yaml',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl help: unexpected "room.yaml": it takes one COMMAND, and start has no subcommands',
    OVERVIEW_USAGE,
  ],
  [
    '--help doctor --json',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl --help: unexpected "--json": it takes one COMMAND, and doctor has no subcommands',
    OVERVIEW_USAGE,
  ],
  ['help fleet --broker', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl help: unexpected "--broker": it takes one COMMAND and one of its subcommands', OVERVIEW_USAGE],
  ['help fleet operators add', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl help: unexpected "add": it takes one COMMAND and one of its subcommands', OVERVIEW_USAGE],
  ['help fleet operator', 'ROOMCTL_E_UNKNOWN_COMMAND', 'roomctl fleet: unknown command "operator"; did you mean "operators"?', COMMANDS.fleet!],
  ['fleet operator --help', 'ROOMCTL_E_UNKNOWN_COMMAND', 'roomctl fleet: unknown command "operator"; did you mean "operators"?', COMMANDS.fleet!],
  ['config chek --help', 'ROOMCTL_E_UNKNOWN_COMMAND', 'roomctl config: unknown command "chek"; did you mean "check"?', COMMANDS.config!],
  ['help sim visca-seral', 'ROOMCTL_E_BAD_VALUE', 'roomctl sim: no simulator for "visca-seral"; did you mean "visca-serial"?', SIM_DRIVERS],
  ['strat', 'ROOMCTL_E_UNKNOWN_COMMAND', 'roomctl: unknown command "strat"; did you mean "start"?', OVERVIEW_USAGE],
  ['help strat', 'ROOMCTL_E_UNKNOWN_COMMAND', 'roomctl help: unknown command "strat"; did you mean "start"?', OVERVIEW_USAGE],

  ['start --confg room.yaml', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl start: unknown option --confg; did you mean "--config"?', COMMANDS.start!],
  ['start --config', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl start: --config needs a value', COMMANDS.start!],
  [
    'start --config --listen 127.0.0.1:0',
    'ROOMCTL_E_MISSING_ARGUMENT',
    'roomctl start: --config needs a value (a value starting with a dash is written --config=-…)',
    COMMANDS.start!,
  ],
  ['start --log-format xml', 'ROOMCTL_E_BAD_VALUE', 'roomctl start: --log-format must be pretty or json, got "xml"', COMMANDS.start!],
  [
    'start --listen 127.0.0.1:80800',
    'ROOMCTL_E_BAD_VALUE',
    'roomctl start: --listen: port 80800 is out of range: 0 to 65535, where 0 picks a free one (write host:port, e.g. 127.0.0.1:8080)',
    COMMANDS.start!,
  ],
  ['start room.yaml', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl start: unexpected "room.yaml": it takes only the options below', COMMANDS.start!],

  ['config', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl config: which one: check FILE, schema or hash-pin?', COMMANDS.config!],
  ['config --strict', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl config: unknown option --strict', COMMANDS.config!],
  ['config chek room.yaml', 'ROOMCTL_E_UNKNOWN_COMMAND', 'roomctl config: unknown command "chek"; did you mean "check"?', COMMANDS.config!],
  ['config check', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl config check: which FILE? give the room config to check', COMMANDS.config!],
  ['config check --strict room.yaml', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl config check: unknown option --strict', COMMANDS.config!],
  [
    'config check a.yaml b.yaml',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl config check: unexpected "b.yaml": check takes one FILE (a path with spaces goes in quotes)',
    COMMANDS.config!,
  ],
  ['config schema --json', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl config schema: unknown option --json', COMMANDS.config!],
  ['config hash-pin --from-sha256', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl config hash-pin: --from-sha256 needs a value', COMMANDS.config!],
  [
    'config hash-pin --from-sha256 5f4dcc3b5aa7',
    'ROOMCTL_E_BAD_VALUE',
    'roomctl config hash-pin: --from-sha256 takes the old value as sha256:<64 hex digits> (the value is not repeated here: it gives the PIN away)',
    COMMANDS.config!,
  ],
  [
    'config hash-pin 4821',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl config hash-pin: takes the PIN on stdin, not on the command line (arguments show in `ps` and the shell history)',
    COMMANDS.config!,
  ],

  ['sim', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl sim: which driver?', SIM_DRIVERS],
  ['sim --port /dev/pts/3', 'ROOMCTL_E_UNKNOWN_OPTION', "roomctl sim: unknown option --port (a simulator's options come after its DRIVER)", SIM_DRIVERS],
  ['sim visca-seral', 'ROOMCTL_E_BAD_VALUE', 'roomctl sim: no simulator for "visca-seral"; did you mean "visca-serial"?', SIM_DRIVERS],
  ['sim pjlink --lissten 127.0.0.1:0', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl sim pjlink: unknown option --lissten; did you mean "--listen"?', PJLINK_TAKES],
  ['sim visca-serial', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl sim visca-serial: needs --port PATH', /^The visca-serial simulator takes:\n/],
  ['sim pjlink --listen', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl sim pjlink: --listen needs a value', PJLINK_TAKES],
  [
    'sim pjlink --listen 127.0.0.1:99999',
    'ROOMCTL_E_BAD_VALUE',
    'roomctl sim pjlink: listen must look like HOST:PORT (127.0.0.1:4352), got "127.0.0.1:99999"',
    PJLINK_TAKES,
  ],
  [
    'sim pjlink 127.0.0.1:4352',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl sim pjlink: unexpected "127.0.0.1:4352": a simulator takes --option value pairs',
    PJLINK_TAKES,
  ],

  ['provision --answer answers.yaml', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl provision: unknown option --answer; did you mean "--answers"?', COMMANDS.provision!],
  ['provision --answers', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl provision: --answers needs a value', COMMANDS.provision!],
  [
    'provision',
    'ROOMCTL_E_MISSING_ARGUMENT',
    'roomctl provision: no --answers file and no terminal to ask the questions on: give --answers FILE, or run it in a terminal',
    COMMANDS.provision!,
  ],
  [
    'provision --dry-run=yes',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl provision: --dry-run is a switch and takes no value (--dry-run, not --dry-run=…)',
    COMMANDS.provision!,
  ],
  ['provision answers.yaml', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl provision: unexpected "answers.yaml": it takes only the options below', COMMANDS.provision!],

  ['doctor --jsn', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl doctor: unknown option --jsn; did you mean "--json"?', COMMANDS.doctor!],
  ['doctor --config', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl doctor: --config needs a value', COMMANDS.doctor!],
  ['doctor --device-timeout soon', 'ROOMCTL_E_BAD_VALUE', 'roomctl doctor: --device-timeout must be a number of seconds above 0, got "soon"', COMMANDS.doctor!],
  ['doctor room.yaml', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl doctor: unexpected "room.yaml": it takes only the options below', COMMANDS.doctor!],

  ['fleet --brokr mqtt://10.0.0.5', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl fleet: unknown option --brokr; did you mean "--broker"?', COMMANDS.fleet!],
  ['fleet --broker', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl fleet: --broker needs a value', COMMANDS.fleet!],
  [
    'fleet --command-key k1',
    'ROOMCTL_E_MISSING_ARGUMENT',
    'roomctl fleet: --command-key needs its secret (32 characters or more) in ROOMCTL_FLEET_COMMAND_SECRET',
    COMMANDS.fleet!,
  ],
  [
    'fleet --keep-events-days a-month',
    'ROOMCTL_E_BAD_VALUE',
    'roomctl fleet: --keep-events-days must be a whole number of days (1 or more), got "a-month"',
    COMMANDS.fleet!,
  ],
  [
    'fleet --insecure=yes',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl fleet: --insecure is a switch and takes no value (--insecure, not --insecure=…)',
    COMMANDS.fleet!,
  ],
  ['fleet operator add ana', 'ROOMCTL_E_UNKNOWN_COMMAND', 'roomctl fleet: unknown command "operator"; did you mean "operators"?', COMMANDS.fleet!],

  ['fleet operators --data DATA', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl fleet operators: which one: add NAME, list or remove NAME?', OPERATORS_USAGE],
  [
    'fleet operators rmeove ana --data DATA',
    'ROOMCTL_E_UNKNOWN_COMMAND',
    'roomctl fleet operators: unknown command "rmeove"; did you mean "remove"?',
    OPERATORS_USAGE,
  ],
  ['fleet operators add --data DATA', 'ROOMCTL_E_MISSING_ARGUMENT', "roomctl fleet operators: add needs the operator's name", OPERATORS_USAGE],
  ['fleet operators add ana --dta DATA', 'ROOMCTL_E_UNKNOWN_OPTION', 'roomctl fleet operators: unknown option --dta; did you mean "--data"?', OPERATORS_USAGE],
  ['fleet operators add ana --data DATA --database', 'ROOMCTL_E_MISSING_ARGUMENT', 'roomctl fleet operators: --database needs a value', OPERATORS_USAGE],
  [
    'fleet operators add ana lee --data DATA',
    'ROOMCTL_E_EXTRA_ARGUMENT',
    'roomctl fleet operators: unexpected "lee": add takes one name (a name with spaces goes in quotes)',
    OPERATORS_USAGE,
  ],
  ['fleet operators list ana --data DATA', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl fleet operators: unexpected "ana": list takes no name', OPERATORS_USAGE],
  ['fleet operators remove ana --admin --data DATA', 'ROOMCTL_E_EXTRA_ARGUMENT', 'roomctl fleet operators: --admin goes with add, not remove', OPERATORS_USAGE],
];

/** The CLI in this process (a Node start per case would take a minute): what it printed and its exit code. */
let out = '';
let err = '';
const stdinIsTTY = process.stdin.isTTY;
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  // As under a script or a pipe: `provision` without --answers must not wait for questions to be answered.
  process.stdin.isTTY = false;
  vi.stubEnv('ROOMCTL_FLEET_COMMAND_SECRET', '');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.stdin.isTTY = stdinIsTTY;
});
afterAll(() => rmSync(fleetData, { recursive: true, force: true })); // only there when a wrong line was not refused

describe('roomctl: help, version and exit codes', () => {
  it.each(Object.keys(COMMANDS))('%s --help prints its usage and exits 0', async (name) => {
    expect(await main([name, '--help'])).toBe(0);
    expect(out).toMatch(COMMANDS[name]!);
    expect(out).not.toContain(OVERVIEW);
    expect(await main(['help', name])).toBe(0);
  });

  // A command with subcommands (a simulator for sim) shows the help of the one typed, however it is asked for.
  it.each([
    ['fleet operators --help', OPERATORS_USAGE],
    ['fleet operators add --help', OPERATORS_USAGE],
    ['fleet operators remove -h', OPERATORS_USAGE],
    ['help fleet operators', OPERATORS_USAGE],
    ['fleet --listen 127.0.0.1:0 --help', COMMANDS.fleet!],
    ['config check --help', COMMANDS.config!],
    ['help config hash-pin', COMMANDS.config!],
    ['sim pjlink --help', PJLINK_TAKES],
    ['help sim pjlink', PJLINK_TAKES],
  ])('roomctl %s prints the usage of the command typed, exit 0', async (line, usage) => {
    expect(await main(line.split(' '))).toBe(0);
    expect(out).toMatch(usage);
    expect(out).not.toContain(OVERVIEW);
    if (usage === OPERATORS_USAGE || usage === PJLINK_TAKES) expect(out).not.toContain('Options:\n  --broker URL');
    if (usage === PJLINK_TAKES) expect(out).not.toContain('Drivers with a simulator');
    expect(err).toBe('');
  });

  it('help prints the overview with the exit codes', async () => {
    expect(await main(['help'])).toBe(0);
    expect(out).toContain(OVERVIEW);
    out = '';
    expect(await main(['help', 'help'])).toBe(0);
    expect(out).toContain(OVERVIEW);
    expect(out).toMatch(/Exit codes: 0 done, 1 the work failed .*\n.*2 the command line was wrong/);
  });

  // A wrong command line, each command × each way it can be wrong: one code per kind of mistake, whichever command it is.
  it.each(MISTAKES)('roomctl %s: %s, exit 2, the next step, then the usage of the command typed', async (line, code, problem, usage) => {
    const argv = line ? line.split(' ').map((word) => (word === 'DATA' ? fleetData : word)) : [];
    expect(await main(argv)).toBe(2);
    const [said, next, blank, ...rest] = err.split('\n');
    expect(said).toMatch(new RegExp(`^${code}: ${escaped(problem)}$`));
    expect([next, blank]).toEqual([`  next: ${ERROR_CATALOG[code].hint}`, '']);
    expect(rest.join('\n')).toMatch(usage);
    if (usage !== OVERVIEW_USAGE) expect(err).not.toContain(OVERVIEW);
    expect(err).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
    expect(out).toBe('');
    expect(existsSync(fleetData), 'fleet operators opened (or created) its database').toBe(false);
  });

  it('a PIN on stdin that is not 4–12 digits is a bad value, and is not repeated', async () => {
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', { configurable: true, get: () => Readable.from(['48213x\n']) });
    try {
      expect(await main(['config', 'hash-pin'])).toBe(2);
    } finally {
      Object.defineProperty(process, 'stdin', stdin);
    }
    expect(err).toMatch(/^ROOMCTL_E_BAD_VALUE: roomctl config hash-pin: the PIN \(given on stdin\) must be 4–12 digits\n {2}next: .*\n\nUsage: roomctl config/);
    expect(err).not.toContain('48213');
  });

  it('every problem of a command line is said, each with its code', async () => {
    expect(await main(['fleet', '--protocol', '6', '--command-key', 'k1'])).toBe(2);
    expect(err.split('\n').filter((l) => l.startsWith('ROOMCTL_E_'))).toEqual([
      'ROOMCTL_E_BAD_VALUE: roomctl fleet: --protocol must be 4 (MQTT 3.1.1) or 5',
      'ROOMCTL_E_MISSING_ARGUMENT: roomctl fleet: --command-key needs its secret (32 characters or more) in ROOMCTL_FLEET_COMMAND_SECRET',
    ]);
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

  it('a start that fails is a coded error with a next step, not a stack trace', async () => {
    expect(await main(['start', '--config', 'no/such/room.yaml'])).toBe(1);
    expect(err).toBe('ROOMCTL_E_CONFIG_NOT_FOUND: Cannot read config no/such/room.yaml: no such file\n  next: Check the path given to --config.\n');
  });
});

describe('roomctl fleet operators: work that fails is coded, with its next step in the words of the CLI, exit 1', () => {
  const data = join(tmpdir(), `roomctl-fleet-operators-${process.pid}-${Date.now()}`);
  afterAll(() => rmSync(data, { recursive: true, force: true }));
  const operators = (...args: string[]) => main(['fleet', 'operators', ...args, '--data', data]);
  /** The one failure printed: its code and message, then `next:` with that code's hint. */
  const failed = (code: ErrorCode, message: string) => `${code}: ${message}\n  next: ${ERROR_CATALOG[code].hint}\n`;

  it('removing someone who is not there removes nobody and says how to find the name', async () => {
    expect(await operators('add', 'Li Wei')).toBe(0);
    err = '';
    expect(await operators('remove', 'Li  Wei')).toBe(1);
    expect(err).toBe(failed('ROOMCTL_E_OPERATOR_NOT_FOUND', 'no operator named "Li  Wei": nobody was removed'));
    expect(ERROR_CATALOG.ROOMCTL_E_OPERATOR_NOT_FOUND.hint).toMatch(/^`roomctl fleet operators list` shows who there is/);
    out = '';
    expect(await operators('list')).toBe(0);
    expect(out).toMatch(/^Li Wei\toperator\t/);
  });

  it('adding someone who is there already', async () => {
    expect(await operators('add', 'Li Wei')).toBe(1);
    expect(err).toBe(failed('ROOMCTL_E_OPERATOR_EXISTS', 'An operator named "Li Wei" exists already; remove them first to issue a new token'));
  });

  // The fleet itself too: it opens its database before anything else, so it stops there with nothing started.
  it.each([
    ['fleet operators list', []],
    ['fleet', ['--listen', '127.0.0.1:0', '--log-format', 'json']],
  ])("roomctl %s: a --data folder that cannot be opened is said in --data's words, not a room's storage.dir", async (line, more) => {
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'a-file'), '');
    const notAFolder = join(data, 'a-file', 'inside');
    expect(await main([...line.split(' '), '--data', notAFolder, ...more])).toBe(1);
    expect(err).toMatch(
      new RegExp(
        `^ROOMCTL_E_FLEET_DATA: Cannot open the fleet database in ${escaped(notAFolder)}: .+\n {2}next: ${escaped(ERROR_CATALOG.ROOMCTL_E_FLEET_DATA.hint)}\n$`,
      ),
    );
  });

  it('a --database that is not a PostgreSQL URL', async () => {
    expect(await main(['fleet', 'operators', 'list', '--database', 'mysql://fleet@db/fleet'])).toBe(1);
    expect(err).toMatch(
      /^ROOMCTL_E_FLEET_DATABASE: --database \(fleet.database\) must be a postgres:\/\/ URL, .*\n {2}next: The fleet cannot use the database given to --database/,
    );
  });

  it('a name the fleet cannot store is a value that cannot be used: exit 2 with the usage', async () => {
    expect(await operators('add', '@facilities')).toBe(2);
    const [said, next, blank, ...usage] = err.split('\n');
    expect(said).toMatch(/^ROOMCTL_E_BAD_VALUE: roomctl fleet operators: An operator's name is 1-80 letters, digits, spaces and .*, got "@facilities"$/);
    expect([next, blank]).toEqual([`  next: ${ERROR_CATALOG.ROOMCTL_E_BAD_VALUE.hint}`, '']);
    expect(usage.join('\n')).toMatch(OPERATORS_USAGE);
  });
});

describe('the roomctl program', () => {
  // Side by side: each case waits on Node starts.
  it.concurrent('exits with the codes main returns: --version 0, an unknown option 2', async ({ expect }) => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `roomctl ${VERSION}\n` });
    const wrong = await runCli(['doctor', '--jsn']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^ROOMCTL_E_UNKNOWN_OPTION: roomctl doctor: unknown option --jsn; did you mean "--json"\?\n {2}next: /);
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
