import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './mosquitto.js';

const run = promisify(execFile);
export const POSTGRES_BIN_DIR = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
export const postgresInstalled = existsSync(join(POSTGRES_BIN_DIR, 'postgres'));

export interface RunningPostgres {
  port: number;
  /** The server's process id (CPU figures in benchmarks). */
  readonly pid: number | undefined;
  /** A fresh, empty database; its postgres:// URL. */
  createDatabase(name?: string): Promise<string>;
  /** Drops these databases, their connections cut (a server kept for the next test file). */
  dropDatabases(names: string[]): Promise<void>;
  /** Stop the server (fast shutdown) and remove its folder. */
  close(): Promise<void>;
}

/**
 * A server outlives a test process killed by a signal ('exit' handlers do not run then, and a
 * worker's shared server is never closed by hand): a small shell holds a pipe from this process
 * and, once the pipe closes, stops the server and removes its folder. The pipe is closed by the
 * kernel whatever way the process ends. It waits at most 10 s for the server (an orphan may
 * stay a zombie where nothing reaps it).
 */
function endsWithThisProcess(server: ChildProcess, dir: string): void {
  const guard = spawn(
    'sh',
    [
      '-c',
      'cat >/dev/null; kill -INT "$1" 2>/dev/null; n=0; while kill -0 "$1" 2>/dev/null && [ $n -lt 100 ]; do n=$((n+1)); sleep 0.1; done; rm -rf "$2"',
      'pg-guard',
      String(server.pid),
      dir,
    ],
    { stdio: ['pipe', 'ignore', 'ignore'], detached: true },
  );
  guard.unref();
  // A pipe keeps the event loop alive; this one must not (it is there for the process's end).
  (guard.stdin as unknown as Socket).unref();
  guard.stdin!.on('error', () => undefined);
}

/**
 * Debian's PostgreSQL 15 in a temporary folder on a free loopback port, for tests and
 * benchmarks. `postgres` refuses to run as root: as root, the folder is handed to the
 * `postgres` user and initdb and the server run as it (setpriv execs, so the pid is the
 * server's own). Trust authentication on 127.0.0.1 only; `durable: false` (the default)
 * turns fsync off — a test's database need not survive a power cut.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<RunningPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    owner = { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
    await chown(dir, owner.uid, owner.gid);
  }
  const asPostgres = (bin: string, args: string[]): [string, string[]] =>
    owner
      ? ['setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', '--', join(POSTGRES_BIN_DIR, bin), ...args]]
      : [join(POSTGRES_BIN_DIR, bin), args];

  const [initdb, initArgs] = asPostgres('initdb', ['-D', data, '-U', 'roomctl', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  await run(initdb, initArgs, { cwd: dir });
  const port = await freePort();
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=64MB'];
  if (!options.durable) settings.push('-c', 'fsync=off', '-c', 'full_page_writes=off');
  const [postgres, args] = asPostgres('postgres', ['-D', data, '-k', dir, '-p', String(port), ...settings]);
  const proc: ChildProcess = spawn(postgres, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const killOnExit = () => proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  endsWithThisProcess(proc, dir);

  const admin = () => new pg.Client({ host: '127.0.0.1', port, user: 'roomctl', database: 'postgres' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = admin();
    try {
      await c.connect();
      await c.end();
      break;
    } catch (err) {
      await c.end().catch(() => undefined);
      if (proc.exitCode !== null || Date.now() > deadline) {
        proc.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let databases = 0;
  const asAdmin = async (statements: string[]) => {
    const c = admin();
    await c.connect();
    try {
      for (const statement of statements) await c.query(statement);
    } finally {
      await c.end();
    }
  };
  return {
    port,
    get pid() {
      return proc.pid;
    },
    async createDatabase(name = `fleet_${++databases}`) {
      await asAdmin([`CREATE DATABASE ${name}`]);
      return `postgres://roomctl@127.0.0.1:${port}/${name}`;
    },
    dropDatabases: (names) => asAdmin(names.map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    async close() {
      process.off('exit', killOnExit);
      // SIGINT: fast shutdown (open connections are cut; nothing here needs to last).
      if (proc.exitCode === null) proc.kill('SIGINT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
