import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

/** Every process whose parent is `pid`, recursively (from /proc via ps). */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of table) if (parent === p) out.push(child!), walk(child!);
  };
  walk(pid);
  return out;
}

describe('roomctl start (demo room)', () => {
  it('prints the URLs and token, serves the room, and stops everything on Ctrl-C', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-demo-cli-'));
    // The demo keeps its data in ./data of the folder it starts in: a temp folder here.
    const child = spawnCli(['start', '--listen', '127.0.0.1:0'], { ROOMCTL_LOG_LEVEL: 'warn', ROOMCTL_DEMO_PORTS: '0,0,0' }, dir);
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', () => undefined);
    try {
      await waitFor(() => stdout.includes('ROOMCTL_READY'), 30_000, 'the demo to be ready');
      const url = /panel\s+(http:\/\/[^/\s]+)\/\?token=(\S+)/.exec(stdout);
      expect(url, stdout).not.toBeNull();
      const [, base, token] = url!;
      expect(stdout).toContain(`token     ${token}`);
      const children = descendants(child.pid!);
      expect(children.length).toBeGreaterThan(0); // socat for the camera's PTY pair
      const status = await (await fetch(`${base}/api/v1/status`)).json();
      expect(status).toMatchObject({ room: { id: 'demo' } });

      expect(existsSync(join(dir, 'data', 'roomctl.sqlite'))).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await waitFor(() => children.every((pid) => !isAlive(pid)), 3000, 'every child process to be gone');
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 45_000);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
