import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The machine as provisioning sees it, under a --root or not. */
export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

export function targetPath(root: string | undefined, path: string): string {
  return root ? join(root, path) : path;
}

/** Reads a user from the passwd file of the target (the --root's own, or the machine's). */
export async function findUser(root: string | undefined, name: string): Promise<SystemUser | undefined> {
  const text = await readFile(targetPath(root, '/etc/passwd'), 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

export async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
}

export async function statIfExists(path: string) {
  return stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
}

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The program is not installed. */
  missing?: boolean;
}

export type CommandRunner = (argv: string[]) => Promise<CommandResult>;

export const runCommand: CommandRunner = (argv) =>
  new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { timeout: 120_000 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      if (e && e.code === 'ENOENT') return resolve({ code: 127, stdout: '', stderr: `${argv[0]}: not installed`, missing: true });
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });

/** Runs a command that must succeed; its failure is an error naming the command and what it said. */
export async function mustRun(run: CommandRunner, argv: string[]): Promise<void> {
  const result = await run(argv);
  if (result.code !== 0) throw new Error(`\`${argv.join(' ')}\` failed: ${result.stderr.trim() || `exit ${result.code}`}`);
}
