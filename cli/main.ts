import { isRoomctlError } from '../drivers/core/errors.js';
import { VERSION } from '../appliance/paths.js';
import { CONFIG_USAGE, DOCTOR_USAGE, FLEET_USAGE, MAIN_USAGE, PROVISION_USAGE, SIM_USAGE, START_USAGE } from './command-usage.js';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { UsageError, usageError, usageErrorText } from './usage-error.js';

interface Command {
  usage: string;
  /** A fuller `--help` than the usage a wrong option gets, built when asked (sim lists every simulator's options). */
  help?: () => Promise<string>;
  /** Its subcommands' own usages (a simulator's options for sim): a word that is none is refused as running it would be. */
  subcommandHelp?: (word: string) => Promise<string>;
  /** Loaded only when run: `roomctl --version` and `--help` should not load the whole appliance. */
  load(): Promise<(args: string[]) => Promise<number>>;
}

const COMMANDS: Record<string, Command> = {
  start: { usage: START_USAGE, load: async () => (await import('./start-command.js')).startCommand },
  config: {
    usage: CONFIG_USAGE,
    subcommandHelp: async (word) => (await import('./subcommands.js')).subcommandUsage('config', word),
    load: async () => (await import('./config-command.js')).configCommand,
  },
  sim: {
    usage: SIM_USAGE,
    help: async () => (await import('./sim-usage.js')).simHelp(),
    subcommandHelp: async (driver) => (await import('./sim-usage.js')).simulatorHelp(driver),
    load: async () => (await import('./sim-command.js')).simCommand,
  },
  provision: { usage: PROVISION_USAGE, load: async () => (await import('./provision-command.js')).provisionCommand },
  doctor: { usage: DOCTOR_USAGE, load: async () => (await import('./doctor-command.js')).doctorCommand },
  fleet: {
    usage: FLEET_USAGE,
    subcommandHelp: async (word) => (await import('./subcommands.js')).subcommandUsage('fleet', word),
    load: async () => (await import('./fleet-command.js')).fleetCommand,
  },
};

const helpOf = async (command: Command) => (command.help ? await command.help() : command.usage);
/** `roomctl fleet operators --help`: the help of the subcommand typed, not the whole of `fleet`'s. */
const helpAsTyped = async (command: Command, args: string[]) =>
  command.subcommandHelp && args[0] !== undefined && !args[0].startsWith('-') ? command.subcommandHelp(args[0]) : helpOf(command);
const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');
/** Own keys only: `roomctl constructor` is an unknown command, not Object's constructor. */
const commandNamed = (name: string): Command | undefined => (Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined);

/** Runs one CLI command; returns the exit code. Errors are printed with their code and the next step, never as a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    if (rest[0] !== undefined)
      return refuse(usageError(`roomctl ${name}`, 'ROOMCTL_E_EXTRA_ARGUMENT', `unexpected "${rest[0]}": it takes nothing more`, MAIN_USAGE));
    process.stdout.write(`roomctl ${VERSION}\n`);
    return 0;
  }
  if (name === undefined) return refuse(usageError('roomctl', 'ROOMCTL_E_MISSING_ARGUMENT', 'which command?', MAIN_USAGE));
  // `roomctl help sim` is `roomctl sim --help`: the same text from the same place, with the same error handling.
  const asksHelp = name === 'help' || name === '--help' || name === '-h';
  const topic = asksHelp ? rest[0] : name;
  // `roomctl help` takes a COMMAND and, for one that has them, a subcommand: `help fleet operators`.
  const [, sub, extra] = rest;
  const extraWord = (word: string, takes: string) =>
    refuse(usageError(`roomctl ${name}`, 'ROOMCTL_E_EXTRA_ARGUMENT', `unexpected "${word}": it takes ${takes}`, MAIN_USAGE));
  if (topic === undefined || (asksHelp && topic === 'help')) {
    if (sub !== undefined) return extraWord(sub, 'one COMMAND');
    process.stdout.write(MAIN_USAGE);
    return 0;
  }
  const command = commandNamed(topic);
  if (!command) {
    // Coded like every other usage error (`roomctl help nonsense` too), so a script or a support note can name it.
    const said = `unknown command "${topic}"${didYouMean(topic, Object.keys(COMMANDS))}`;
    return refuse(usageError(`roomctl${asksHelp ? ` ${name}` : ''}`, 'ROOMCTL_E_UNKNOWN_COMMAND', said, MAIN_USAGE));
  }
  try {
    // Building a help can fail too (sim's loads every simulator): inside, so that is a coded error, not a stack.
    if (asksHelp) {
      if (sub !== undefined && (!command.subcommandHelp || sub.startsWith('-')))
        return extraWord(sub, command.subcommandHelp ? 'one COMMAND and one of its subcommands' : `one COMMAND, and ${topic} has no subcommands`);
      if (extra !== undefined) return extraWord(extra, 'one COMMAND and one of its subcommands');
      process.stdout.write(sub === undefined ? await helpOf(command) : await command.subcommandHelp!(sub));
      return 0;
    }
    if (wantsHelp(rest)) {
      process.stdout.write(await helpAsTyped(command, rest));
      return 0;
    }
    return await (await command.load())(rest);
  } catch (err) {
    return err instanceof UsageError ? refuse(err) : reportFailure(err);
  }
}

/** A command line that was wrong: each problem coded with its next step, the usage below, exit 2 (the work was not tried). */
function refuse(err: UsageError): number {
  process.stderr.write(usageErrorText(err));
  return 2;
}

/**
 * A bug that escapes while a room runs ends the process (systemd restarts it) with a coded
 * line, not a raw stack trace on the person's terminal; the stack still goes where machines
 * read it (the journal, a pipe) or with ROOMCTL_DEBUG=1.
 */
export function reportCrashes(argv: string[]): void {
  if (!['start', 'fleet', 'sim'].includes(argv[0] ?? '')) return;
  const crash = (err: unknown) => {
    const stack = err instanceof Error && err.stack && (process.env.ROOMCTL_DEBUG === '1' || !process.stderr.isTTY) ? `${err.stack}\n` : '';
    process.stderr.write(
      `ROOMCTL_E_INTERNAL: ${(err as Error)?.message ?? String(err)}\n  next: a bug: report it with this line and the log; the room stopped${stack ? '' : ' (ROOMCTL_DEBUG=1 adds the stack trace)'}\n${stack}`,
    );
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

/** A failure as the person at the terminal needs it: the code, what happened, what to do next. */
function reportFailure(err: unknown): number {
  if (isRoomctlError(err)) {
    process.stderr.write(`${err.code}: ${err.message}\n  next: ${err.hint}\n`);
  } else {
    process.stderr.write(
      `ROOMCTL_E_INTERNAL: ${(err as Error)?.message ?? String(err)}\n  next: a bug: report it with this line and the log (ROOMCTL_DEBUG=1 adds the stack trace)\n`,
    );
  }
  if (process.env.ROOMCTL_DEBUG === '1' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 1;
}
