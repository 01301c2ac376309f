import { DRIVERS } from '../../drivers/registry.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { exportedConfigSchema } from '../config/config-schema.js';
import { loadConfigFile } from '../config/config-load.js';
import { formatIssue, type ConfigIssue } from '../config/config-validate.js';

/** `roomctl config check FILE` and `roomctl config schema`. */
export async function configCommand(args: string[]): Promise<number> {
  const [sub, file] = args;
  if (sub === 'schema') {
    process.stdout.write(`${JSON.stringify(exportedConfigSchema(DRIVERS), null, 2)}\n`);
    return 0;
  }
  if (sub !== 'check' || !file) {
    process.stderr.write('Usage: roomctl config check FILE | roomctl config schema\n');
    return 2;
  }
  try {
    const config = await loadConfigFile(file, DRIVERS);
    process.stdout.write(`${file}: ok — room ${config.room.id} with ${config.devices.length} device(s)\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof RoomctlError)) throw err;
    const issues = (err.details as { issues?: ConfigIssue[] } | undefined)?.issues;
    if (err.code === 'ROOMCTL_E_CONFIG_INVALID' && issues) {
      process.stderr.write(`${err.code}: ${file} has ${issues.length} problem(s)\n`);
      for (const issue of issues) process.stderr.write(`${formatIssue(issue)}\n`);
    } else {
      process.stderr.write(`${err.code}: ${err.message}\n`);
    }
    return 1;
  }
}
