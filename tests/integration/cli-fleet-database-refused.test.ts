import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/mosquitto.js';
import { runCli } from '../helpers/cli.js';

/**
 * `roomctl fleet --database` that cannot be used stops at once with a coded error naming the
 * option, never a stack trace, and never prints the password it was given.
 */
describe('roomctl fleet --database that cannot be used', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomctl-fleet-db-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a URL that is not postgres://', async () => {
    const r = await runCli(['fleet', '--database', 'mysql://fleet@db.example/fleet', '--data', dir, '--listen', '127.0.0.1:0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ROOMCTL_E_FLEET_DATABASE: --database \(fleet\.database\) must be a postgres:\/\/ URL/);
  });

  it('names the option when no server answers, and hides the password', async () => {
    const port = await freePort();
    const r = await runCli(['fleet', '--data', dir, '--listen', '127.0.0.1:0'], {
      ROOMCTL_FLEET_DATABASE: `postgres://fleet:s3cret-pw@127.0.0.1:${port}/fleet`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^ROOMCTL_E_FLEET_DATABASE: --database \(fleet\.database\): cannot use postgres:\/\/fleet:\*\*\*@127\.0\.0\.1:\d+\/fleet: connect ECONNREFUSED/,
    );
    expect(r.stderr).not.toContain('s3cret-pw');
  });
});
