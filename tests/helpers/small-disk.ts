import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A 2 MB tmpfs for a data folder, and how to unmount it; undefined where mounting is not allowed (not root). */
export async function smallDisk(): Promise<{ dir: string; close(): Promise<void> } | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    async close() {
      execFileSync('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Writes filler files until the file system says ENOSPC. */
export function fill(disk: string): void {
  mkdirSync(join(disk, 'filler'), { recursive: true });
  for (const size of [64 * 1024, 1024, 64]) {
    try {
      for (let i = 0; ; i++) writeFileSync(join(disk, 'filler', `${size}-${i}`), Buffer.alloc(size));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    }
  }
}
