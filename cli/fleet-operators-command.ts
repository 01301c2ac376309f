import { resolve } from 'node:path';
import { isRoomctlError, RoomctlError } from '../drivers/core/errors.js';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { FleetOperators } from '../fleet/fleet-operators.js';
import { openFleetSql } from '../fleet/fleet-database.js';
import { FLEET_OPERATORS_USAGE } from './command-usage.js';
import { readCommandLine, type UsageMistake, usageError } from './usage-error.js';

/**
 * `roomctl fleet operators add NAME [--admin] | list | remove NAME`: facilities staff, each
 * with their own token for the dashboard (printed once; the fleet keeps only its hash).
 */
const VERBS = ['add', 'list', 'remove'];

export async function fleetOperatorsCommand(args: string[]): Promise<number> {
  const command = 'roomctl fleet operators';
  const { values, positionals } = readCommandLine(command, FLEET_OPERATORS_USAGE, {
    args,
    strict: true,
    allowPositionals: true,
    options: {
      data: { type: 'string', default: 'fleet-data' },
      database: { type: 'string' },
      admin: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [verb, name, ...extra] = positionals;
  if (values.help) {
    process.stdout.write(FLEET_OPERATORS_USAGE);
    return 0;
  }
  // Every mistake is refused before the database is opened (or created): coded, like an unknown roomctl command.
  const refuse = (code: UsageMistake, problem: string) => usageError(command, code, problem, FLEET_OPERATORS_USAGE);
  if (!verb) throw refuse('ROOMCTL_E_MISSING_ARGUMENT', 'which one: add NAME, list or remove NAME?');
  if (!VERBS.includes(verb)) throw refuse('ROOMCTL_E_UNKNOWN_COMMAND', `unknown command "${verb}"${didYouMean(verb, VERBS)}`);
  const takesName = verb === 'add' || verb === 'remove';
  if (takesName && !name) throw refuse('ROOMCTL_E_MISSING_ARGUMENT', `${verb} needs the operator's name`);
  const unexpected = takesName ? extra[0] : name;
  if (unexpected !== undefined)
    throw refuse(
      'ROOMCTL_E_EXTRA_ARGUMENT',
      `unexpected "${unexpected}": ${takesName ? `${verb} takes one name (a name with spaces goes in quotes)` : 'list takes no name'}`,
    );
  if (values.admin && verb !== 'add') throw refuse('ROOMCTL_E_EXTRA_ARGUMENT', `--admin goes with add, not ${verb}`);
  let sql: Awaited<ReturnType<typeof openFleetSql>>;
  try {
    // The same database the fleet runs on: its folder, or the PostgreSQL several instances share.
    sql = await openFleetSql({ dataDir: resolve(values.data), database: values.database ?? process.env.ROOMCTL_FLEET_DATABASE });
  } catch (err) {
    throw inFleetDataWords(err); // printed by main as every failure is, with its next step (exit 1)
  }
  const operators = new FleetOperators(sql);
  try {
    if (verb === 'add') {
      const token = await addOperator(operators, name!, values.admin ? 'admin' : 'operator');
      process.stdout.write(
        `${name!.trim()} (${values.admin ? 'admin' : 'operator'}) added. Their token, shown only now:\n\n  ${token}\n\nThey sign in to the dashboard with it.\n`,
      );
    } else if (verb === 'list') {
      for (const o of await operators.list()) process.stdout.write(`${o.name}\t${o.role}\t${o.createdAt}\n`);
    } else {
      // Not done: a mistyped name would otherwise leave the real operator's token working unnoticed.
      if (!(await operators.remove(name!))) throw new RoomctlError('ROOMCTL_E_OPERATOR_NOT_FOUND', `no operator named "${name}": nobody was removed`);
      process.stdout.write(`${name} removed; their token no longer works.\n`);
    }
    return 0;
  } finally {
    await sql.close();
  }
}

/** A name the store refuses is a value on the command line that cannot be used (exit 2), not the API's bad request. */
async function addOperator(operators: FleetOperators, name: string, role: 'admin' | 'operator'): Promise<string> {
  try {
    return await operators.add(name, role);
  } catch (err) {
    if (isRoomctlError(err) && err.code === 'ROOMCTL_E_BAD_REQUEST')
      throw usageError('roomctl fleet operators', 'ROOMCTL_E_BAD_VALUE', err.message, FLEET_OPERATORS_USAGE);
    throw err;
  }
}

/** The fleet's folder that cannot be opened, said in --data's words: the store's own hint is about a running room's storage.dir. */
export function inFleetDataWords(err: unknown): unknown {
  return isRoomctlError(err) && err.code === 'ROOMCTL_E_STORAGE' ? new RoomctlError('ROOMCTL_E_FLEET_DATA', err.message, err.details, { cause: err }) : err;
}
