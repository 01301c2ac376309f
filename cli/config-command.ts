import { createInterface } from 'node:readline';
import { DRIVERS } from '../drivers/registry.js';
import { RoomctlError } from '../drivers/core/errors.js';
import { exportedConfigSchema } from '../appliance/config/config-schema.js';
import { loadConfigFile } from '../appliance/config/config-load.js';
import { formatIssue, type ConfigIssue } from '../appliance/config/config-validate.js';
import { configFileWarnings } from '../appliance/config/config-warnings.js';
import { formatPinHash, hashPin } from '../appliance/panel/pin-hash.js';
import { configWarnings } from '../appliance/config/config-network-checks.js';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { CONFIG_USAGE } from './command-usage.js';

/** `roomctl config check FILE`, `roomctl config schema` and `roomctl config hash-pin`. */
export async function configCommand(args: string[]): Promise<number> {
  const [sub, file] = args;
  if (sub === 'schema') {
    process.stdout.write(`${JSON.stringify(exportedConfigSchema(DRIVERS), null, 2)}\n`);
    return 0;
  }
  if (sub === 'hash-pin') return hashPinCommand(args.slice(1));
  if (sub !== 'check' || !file || args.length > 2) {
    const problem =
      sub === undefined
        ? 'which one: check FILE, schema or hash-pin?'
        : sub !== 'check'
          ? `unknown subcommand "${sub}"${didYouMean(sub, ['check', 'schema', 'hash-pin'])}`
          : !file
            ? 'check needs the FILE to check'
            : `unexpected "${args[2]}"`;
    process.stderr.write(`roomctl config: ${problem}\n\n${CONFIG_USAGE}`);
    return 2;
  }
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
  if (args[0] === '--from-sha256') {
    const digest = /^sha256:([0-9a-f]{64})$/.exec(args[1] ?? '');
    if (!digest) {
      process.stderr.write('ROOMCTL_E_BAD_REQUEST: give the old value as sha256:<64 hex digits>\n');
      return 2;
    }
    process.stdout.write(`${formatPinHash(hashPin(digest[1]!, 'sha256'))}\n`);
    return 0;
  }
  if (args.length > 0) {
    process.stderr.write(CONFIG_USAGE);
    return 2;
  }
  const lines = createInterface({ input: process.stdin });
  const pin = ((await lines[Symbol.asyncIterator]().next()).value as string | undefined)?.trim() ?? '';
  lines.close();
  if (!/^[0-9]{4,12}$/.test(pin)) {
    process.stderr.write('ROOMCTL_E_BAD_REQUEST: the PIN must be 4–12 digits (given on stdin)\n');
    return 2;
  }
  process.stdout.write(`${formatPinHash(hashPin(pin))}\n`);
  return 0;
}
