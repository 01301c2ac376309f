import { DRIVERS } from '../../drivers/registry.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { exportedConfigSchema } from '../config/config-schema.js';
import { loadConfigFile } from '../config/config-load.js';
import { formatIssue, type ConfigIssue } from '../config/config-validate.js';
import { configWarnings } from '../config/config-network-checks.js';
import { didYouMean } from '../config/did-you-mean.js';
import { CONFIG_USAGE } from './command-usage.js';

/** `roomctl config check FILE` and `roomctl config schema`. */
export async function configCommand(args: string[]): Promise<number> {
  const [sub, file] = args;
  if (sub === 'schema') {
    process.stdout.write(`${JSON.stringify(exportedConfigSchema(DRIVERS), null, 2)}\n`);
    return 0;
  }
  if (sub !== 'check' || !file || args.length > 2) {
    const problem = sub === undefined ? 'which one: check FILE or schema?' : sub !== 'check' ? `unknown subcommand "${sub}"${didYouMean(sub, ['check', 'schema'])}` : !file ? 'check needs the FILE to check' : `unexpected "${args[2]}"`;
    process.stderr.write(`roomctl config: ${problem}\n\n${CONFIG_USAGE}`);
    return 2;
  }
  try {
    const config = await loadConfigFile(file, DRIVERS);
    const warnings = configWarnings(config as unknown as Record<string, unknown>);
    for (const warning of warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
    process.stdout.write(`${file}: ok — room ${config.room.id} with ${config.devices.length} device(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''}\n`);
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
