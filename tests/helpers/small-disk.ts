/** A small disk for a room's data folder that a test fills up, as a full disk does to a room. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Writes filler files until the file system says ENOSPC. */
  fill(): void;
  /** Removes the filler: the space is back. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

/** A tmpfs of `size` (mount's words: "2m"); undefined where mounting is not allowed (not root). */
export async function mountSmallDisk(size: string): Promise<SmallDisk | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      mkdirSync(filler, { recursive: true });
      for (const bytes of [64 * 1024, 1024, 64]) {
        try {
          for (let i = 0; ; i++) writeFileSync(join(filler, `${bytes}-${i}`), Buffer.alloc(bytes));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        }
      }
    },
    free: () => rm(filler, { recursive: true, force: true }),
    async unmount() {
      execFileSync('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
