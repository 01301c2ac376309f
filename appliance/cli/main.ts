import { parseArgs } from 'node:util';
import { isRoomctlError } from '../../drivers/core/errors.js';
import { configCommand } from './config-command.js';
import { doctorCommand } from './doctor-command.js';
import { fleetCommand } from './fleet-command.js';
import { provisionCommand } from './provision-command.js';
import { simCommand } from './sim-command.js';
import { startCommand } from './start-command.js';

const USAGE = `roomctl — meeting-room appliance

Usage:
  roomctl start [--config FILE] [--listen HOST:PORT]   run a room (no config: the demo room)
  roomctl config check FILE                            validate a room config, list every problem
  roomctl config schema                                print the config JSON Schema (for editors)
  roomctl config hash-pin [--from-sha256 sha256:HEX]   salted hash of the admin PIN (read from stdin) for the secrets file
  roomctl sim DRIVER [--option value ...]              run one device simulator
  roomctl provision [--answers FILE] [--root DIR] [--dry-run]   find devices, write config, install the service
  roomctl doctor [--config FILE] [--json]              self-test: devices, broker, calendar, panel
  roomctl fleet [--broker URL] [--share GROUP] ...      the fleet view: every room's health (roomctl fleet --help)
`;

/** Runs one CLI command; returns the exit code. Errors are printed with their code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start': {
        const { values } = parseArgs({ args: rest, options: { config: { type: 'string' }, listen: { type: 'string' } }, strict: true });
        return await startCommand(values);
      }
      case 'config':
        return await configCommand(rest);
      case 'sim':
        return await simCommand(rest);
      case 'provision':
        return await provisionCommand(rest);
      case 'doctor':
        return await doctorCommand(rest);
      case 'fleet':
        return await fleetCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`roomctl: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (isRoomctlError(err)) {
      process.stderr.write(`${err.code}: ${err.message}\n  ${err.hint}\n`);
      return 1;
    }
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`roomctl: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
