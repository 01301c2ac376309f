/**
 * `roomctl fleet operators`: IT gives each facilities operator their own token, printed once;
 * the fleet keeps only its hash, lists who there is, and a removed operator's token stops.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FleetOperators } from '../../fleet/fleet-operators.js';
import { openFleetSql } from '../../fleet/fleet-database.js';
import { runCli } from '../helpers/cli.js';
import { ROOMCTL_FROM_SOURCE } from '../helpers/built-cli.js';

let dir: string;
/** Each run starts the CLI from source (a few seconds on a busy machine). */
const cli = (...args: string[]) => runCli(['fleet', 'operators', ...args, '--data', dir], { ROOMCTL_FROM_SOURCE });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-operators-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('adds an operator and prints their token once; the token says who they are', async () => {
  const added = await cli('add', 'Li Wei');
  expect(added.code).toBe(0);
  const token = /\b(op_[A-Za-z0-9_-]{24})\b/.exec(added.stdout)?.[1];
  expect(token).toBeDefined();
  const sql = await openFleetSql({ dataDir: dir });
  try {
    expect(await new FleetOperators(sql).byToken(token!)).toEqual({ name: 'Li Wei', role: 'operator' });
    expect(JSON.stringify(await sql.query('SELECT * FROM fleet_operators'))).not.toContain(token!);
  } finally {
    await sql.close();
  }
  const again = await cli('add', 'Li Wei');
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('ROOMCTL_E_OPERATOR_EXISTS');
}, 60_000);

it('lists the operators with their role, and removes one', async () => {
  expect((await cli('add', 'Ana Lima', '--admin')).code).toBe(0);
  const listed = await cli('list');
  expect(
    listed.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t').slice(0, 2)),
  ).toEqual([
    ['Ana Lima', 'admin'],
    ['Li Wei', 'operator'],
  ]);
  expect((await cli('remove', 'Li Wei')).code).toBe(0);
  expect((await cli('remove', 'Li Wei')).code).toBe(1);
  expect((await cli('add')).code).toBe(2);
}, 60_000);
