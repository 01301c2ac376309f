import { createInterface } from 'node:readline';
import { DRIVERS } from '../drivers/registry.js';
import { RoomctlError } from '../drivers/core/errors.js';
import { exportedConfigSchema } from '../appliance/config/config-schema.js';
import { loadConfigFile } from '../appliance/config/config-load.js';
import { formatIssue, type ConfigIssue } from '../appliance/config/config-validate.js';
import { configFileWarnings } from '../appliance/config/config-warnings.js';
import { formatPinHash, hashPin } from '../appliance/panel/pin-hash.js';
import { configWarnings } from '../appliance/config/config-network-checks.js';
import { subcommandUsage } from './subcommands.js';
import { CONFIG_USAGE } from './command-usage.js';
import { readCommandLine, usageError } from './usage-error.js';

/** `roomctl config check FILE`, `roomctl config schema` and `roomctl config hash-pin`. */
export async function configCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw usageError('roomctl config', 'ROOMCTL_E_MISSING_ARGUMENT', 'which one: check FILE, schema or hash-pin?', CONFIG_USAGE);
  if (sub.startsWith('-')) throw usageError('roomctl config', 'ROOMCTL_E_UNKNOWN_OPTION', `unknown option ${sub}`, CONFIG_USAGE);
  subcommandUsage('config', sub); // refuses a subcommand there is not, as its --help does
  if (sub === 'hash-pin') return hashPinCommand(rest);
  if (sub === 'schema') {
    readCommandLine('roomctl config schema', CONFIG_USAGE, { args: rest, options: {}, strict: true });
    process.stdout.write(`${JSON.stringify(exportedConfigSchema(DRIVERS), null, 2)}\n`);
    return 0;
  }
  const { positionals } = readCommandLine('roomctl config check', CONFIG_USAGE, { args: rest, options: {}, strict: true, allowPositionals: true });
  const [file, unexpected] = positionals;
  if (file === undefined) throw usageError('roomctl config check', 'ROOMCTL_E_MISSING_ARGUMENT', 'which FILE? give the room config to check', CONFIG_USAGE);
  if (unexpected !== undefined)
    throw usageError(
      'roomctl config check',
      'ROOMCTL_E_EXTRA_ARGUMENT',
      `unexpected "${unexpected}": check takes one FILE (a path with spaces goes in quotes)`,
      CONFIG_USAGE,
    );
  try {
    const config = await loadConfigFile(file, DRIVERS);
    const warnings = [...configWarnings(config as unknown as Record<string, unknown>), ...(await configFileWarnings(file, config))];
    for (const warning of warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
    process.stdout.write(
      `${file}: ok — room ${config.room.id} with ${config.devices.length} device(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''}\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof RoomctlError)) throw err;
    const issues = (err.details as { issues?: ConfigIssue[] } | undefined)?.issues;
    if (err.code === 'ROOMCTL_E_CONFIG_INVALID' && issues) {
      process.stderr.write(`${err.code}: ${file} has ${issues.length} problem(s)\n`);
      for (const issue of issues) process.stderr.write(`${formatIssue(issue)}\n`);
    } else {
      process.stderr.write(`${err.code}: ${err.message}\n  next: ${err.hint}\n`);
    }
    return 1;
  }
}

/**
 * Prints the salted hash to put in the secrets file as `panel.adminPin`. The PIN comes on
 * stdin, never as an argument (arguments show in `ps` and the shell history); an old
 * `sha256:<hex>` digest is migrated without knowing the PIN.
 */
async function hashPinCommand(args: string[]): Promise<number> {
  const command = 'roomctl config hash-pin';
  const { values, positionals } = readCommandLine(command, CONFIG_USAGE, {
    args,
    options: { 'from-sha256': { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  // Most likely the PIN itself: not repeated, and said where it goes instead.
  if (positionals.length)
    throw usageError(
      command,
      'ROOMCTL_E_EXTRA_ARGUMENT',
      'takes the PIN on stdin, not on the command line (arguments show in `ps` and the shell history)',
      CONFIG_USAGE,
    );
  const old = values['from-sha256'];
  if (old !== undefined) {
    const digest = /^sha256:([0-9a-f]{64})$/.exec(old);
    if (!digest)
      throw usageError(
        command,
        'ROOMCTL_E_BAD_VALUE',
        '--from-sha256 takes the old value as sha256:<64 hex digits> (the value is not repeated here: it gives the PIN away)',
        CONFIG_USAGE,
      );
    process.stdout.write(`${formatPinHash(hashPin(digest[1]!, 'sha256'))}\n`);
    return 0;
  }
  const lines = createInterface({ input: process.stdin });
  const pin = ((await lines[Symbol.asyncIterator]().next()).value as string | undefined)?.trim() ?? '';
  lines.close();
  // Not echoed: a PIN mistyped by one digit is still most of the PIN.
  if (!/^[0-9]{4,12}$/.test(pin)) throw usageError(command, 'ROOMCTL_E_BAD_VALUE', 'the PIN (given on stdin) must be 4–12 digits', CONFIG_USAGE);
  process.stdout.write(`${formatPinHash(hashPin(pin))}\n`);
  return 0;
}
