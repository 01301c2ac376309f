import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ERROR_CATALOG, toRoomctlError } from '../drivers/core/errors.js';
import { FleetOperators } from '../fleet/fleet-operators.js';
import { openFleetSql } from '../fleet/fleet-database.js';
import { FLEET_OPERATORS_USAGE } from './command-usage.js';

/**
 * `roomctl fleet operators add NAME [--admin] | list | remove NAME`: facilities staff, each
 * with their own token for the dashboard (printed once; the fleet keeps only its hash).
 */
const VERBS = ['add', 'list', 'remove'];

export async function fleetOperatorsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
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
  const [verb, name] = positionals;
  if (values.help || !verb) {
    process.stdout.write(FLEET_OPERATORS_USAGE);
    return values.help ? 0 : 2;
  }
  // A verb there is not is refused before the database is opened (or created): coded, like an unknown roomctl command.
  if (!VERBS.includes(verb)) {
    const hint = ERROR_CATALOG.ROOMCTL_E_UNKNOWN_COMMAND.hint;
    process.stderr.write(`ROOMCTL_E_UNKNOWN_COMMAND: roomctl fleet operators: unknown command "${verb}"\n  next: ${hint}\n\n${FLEET_OPERATORS_USAGE}`);
    return 2;
  }
  if ((verb === 'add' || verb === 'remove') && !name) {
    process.stderr.write(`roomctl fleet operators ${verb}: give the operator's name\n\n${FLEET_OPERATORS_USAGE}`);
    return 2;
  }
  let sql: Awaited<ReturnType<typeof openFleetSql>>;
  try {
    // The same database the fleet runs on: its folder, or the PostgreSQL several instances share.
    sql = await openFleetSql({ dataDir: resolve(values.data), database: values.database ?? process.env.ROOMCTL_FLEET_DATABASE });
  } catch (err) {
    const e = toRoomctlError(err);
    process.stderr.write(`roomctl fleet operators: ${e.code}: ${e.message}\n`);
    return 1;
  }
  const operators = new FleetOperators(sql);
  try {
    if (verb === 'add') {
      const token = await operators.add(name!, values.admin ? 'admin' : 'operator');
      process.stdout.write(
        `${name!.trim()} (${values.admin ? 'admin' : 'operator'}) added. Their token, shown only now:\n\n  ${token}\n\nThey sign in to the dashboard with it.\n`,
      );
    } else if (verb === 'list') {
      for (const o of await operators.list()) process.stdout.write(`${o.name}\t${o.role}\t${o.createdAt}\n`);
    } else {
      if (!(await operators.remove(name!))) {
        process.stderr.write(`roomctl fleet operators: no operator named "${name}"\n`);
        return 1;
      }
      process.stdout.write(`${name} removed; their token no longer works.\n`);
    }
    return 0;
  } catch (err) {
    const e = toRoomctlError(err);
    process.stderr.write(`roomctl fleet operators: ${e.code}: ${e.message}\n`);
    return 1;
  } finally {
    await sql.close();
  }
}
