import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { postgresInstalled } from '../helpers/postgres.js';
import { until } from '../helpers/until.js';

/** Running, not a zombie left for whoever reaps orphans here. */
const running = (pid: number) => existsSync(`/proc/${pid}/stat`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

const helper = join(PROJECT_ROOT, 'tests/helpers/fleet-databases.ts');

/**
 * A test worker keeps its PostgreSQL for the files that follow and never closes it by hand; the
 * worker ends with a signal at the end of the run. The server must not outlive it: a run that
 * left one per worker behind would fill /tmp and the machine's memory run after run.
 */
it.skipIf(!postgresInstalled)(
  "a worker's shared PostgreSQL stops and its folder goes when the worker is killed -9",
  async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { sharedPostgres } = await import(${JSON.stringify(helper)}); const s = await sharedPostgres(); console.log(JSON.stringify({ pid: s.pid })); setInterval(() => {}, 1000);`,
      ],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (d) => resolve(String(d)));
      child.once('exit', (code) => reject(new Error(`the child ended (${code}) before its server started`)));
    });
    const { pid } = JSON.parse(line) as { pid: number };
    // The server runs in <folder>/data; the folder is the helper's temporary one.
    const folder = dirname(readlinkSync(`/proc/${pid}/cwd`));
    expect(running(pid)).toBe(true);
    expect(existsSync(folder)).toBe(true);

    child.kill('SIGKILL');
    await until(() => !running(pid) && !existsSync(folder), 20_000, 'the server stopped and its folder removed');
  },
  60_000,
);
