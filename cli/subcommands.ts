import { didYouMean } from '../appliance/config/did-you-mean.js';
import { CONFIG_USAGE, FLEET_OPERATORS_USAGE, FLEET_USAGE } from './command-usage.js';
import { usageError } from './usage-error.js';

/**
 * The subcommands of `fleet` and `config`, each with the usage its `--help` prints
 * (`roomctl fleet operators --help`, `roomctl help fleet operators`). A word that is none of
 * them is refused here, by the command and by its help alike, so both say the same.
 */
const SUBCOMMANDS = {
  fleet: { operators: FLEET_OPERATORS_USAGE },
  // One usage covers config's three: it is short, and each line names its subcommand.
  config: { check: CONFIG_USAGE, schema: CONFIG_USAGE, 'hash-pin': CONFIG_USAGE },
} satisfies Record<string, Record<string, string>>;

const USAGE = { fleet: FLEET_USAGE, config: CONFIG_USAGE };

/** The usage of `roomctl COMMAND WORD`, or the coded refusal of a subcommand there is not. */
export function subcommandUsage(command: keyof typeof SUBCOMMANDS, word: string): string {
  const known: Record<string, string> = SUBCOMMANDS[command];
  if (Object.hasOwn(known, word)) return known[word]!;
  const said = `unknown command "${word}"${didYouMean(word, Object.keys(known))}`;
  throw usageError(`roomctl ${command}`, 'ROOMCTL_E_UNKNOWN_COMMAND', said, USAGE[command]);
}
