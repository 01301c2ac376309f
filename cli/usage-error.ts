import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { ERROR_CATALOG, type ErrorCode, RoomctlError } from '../drivers/core/errors.js';

/**
 * The kinds of a wrong command line. One code per kind, whichever command it is, so a script
 * or a support note can name the mistake: a command or subcommand there is not, an option the
 * command does not take, something it needs and did not get, a value it cannot use, something
 * it does not expect at all.
 */
export type UsageMistake = Extract<
  ErrorCode,
  'ROOMCTL_E_UNKNOWN_COMMAND' | 'ROOMCTL_E_UNKNOWN_OPTION' | 'ROOMCTL_E_MISSING_ARGUMENT' | 'ROOMCTL_E_BAD_VALUE' | 'ROOMCTL_E_EXTRA_ARGUMENT'
>;

export interface UsageProblem {
  code: UsageMistake;
  problem: string;
}

/**
 * A command line a command cannot run (exit 2): each problem with its code and next step, then
 * the usage of the command that was typed (`roomctl fleet operators`' own, not `fleet`'s).
 */
export class UsageError extends RoomctlError {
  readonly problems: UsageProblem[];

  constructor(
    readonly command: string,
    problems: [UsageProblem, ...UsageProblem[]],
    readonly usage: string,
  ) {
    super(problems[0].code, problems.map((p) => p.problem).join('; '));
    this.name = 'UsageError';
    this.problems = problems;
  }
}

/** One problem of one kind: `throw usageError('roomctl doctor', 'ROOMCTL_E_BAD_VALUE', '--device-timeout must be …', DOCTOR_USAGE)`. */
export const usageError = (command: string, code: UsageMistake, problem: string, usage: string) => new UsageError(command, [{ code, problem }], usage);

/** What the person at the terminal reads: `CODE: roomctl CMD: problem`, `  next: …` for each problem, then the usage. */
export function usageErrorText(err: UsageError): string {
  const said = err.problems.map((p) => `${p.code}: ${err.command}: ${p.problem}\n  next: ${ERROR_CATALOG[p.code].hint}\n`).join('');
  return `${said}\n${err.usage}`;
}

/**
 * `parseArgs`, with what it refuses said in the command's own words and coded by kind: an
 * unknown option (with the nearest one it takes), an option left without its value, a value
 * given to a switch, an argument the command does not take.
 */
export function readCommandLine<T extends ParseArgsConfig>(command: string, usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw err;
    const named = /'([^' ]+)/.exec(message)?.[1] ?? '';
    const options = Object.keys(config.options ?? {}).map((o) => `--${o}`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw usageError(command, 'ROOMCTL_E_UNKNOWN_OPTION', `unknown option ${named}${didYouMean(named, options)}`, usage);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw usageError(command, 'ROOMCTL_E_EXTRA_ARGUMENT', `unexpected "${named}": it takes only the options below`, usage);
    if (message.includes('does not take an argument'))
      throw usageError(command, 'ROOMCTL_E_EXTRA_ARGUMENT', `${named} is a switch and takes no value (${named}, not ${named}=…)`, usage);
    // "argument missing" at the end of the line; "ambiguous" when the next word is another option.
    const dashed = message.includes('ambiguous') ? ` (a value starting with a dash is written ${named}=-…)` : '';
    throw usageError(command, 'ROOMCTL_E_MISSING_ARGUMENT', `${named} needs a value${dashed}`, usage);
  }
}
