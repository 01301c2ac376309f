import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface DemoDataDir {
  dir: string;
  /** Set when the asked-for folder belongs to another running demo and this one got its own. */
  sharedWith?: number;
  release(): Promise<void>;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The demo's data folder (./data), claimed with a pid file. A second demo started beside a
 * running one gets a folder of its own (removed when it stops) rather than two rooms writing
 * one database: two demos on one machine must not step on each other.
 */
export async function claimDemoDataDir(wanted: string): Promise<DemoDataDir> {
  const dir = resolve(wanted);
  await mkdir(dir, { recursive: true });
  const pidFile = join(dir, 'demo.pid');
  // 'wx' creates the pid file only if it is not there: of two demos starting at once, one wins.
  const create = () =>
    writeFile(pidFile, `${process.pid}\n`, { flag: 'wx' }).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'EEXIST') return false;
        throw err;
      },
    );
  let claimed = await create();
  if (!claimed) {
    const holder = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    const taken = Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder);
    if (!taken) {
      // Left behind by a demo that was killed: take it over.
      await rm(pidFile, { force: true });
      claimed = await create();
    }
    if (!claimed) {
      const own = await mkdtemp(join(tmpdir(), 'roomctl-demo-data-'));
      return { dir: own, sharedWith: taken ? holder : undefined, release: () => rm(own, { recursive: true, force: true }) };
    }
  }
  return {
    dir,
    async release() {
      const still = (await readFile(pidFile, 'utf8').catch(() => '')).trim();
      if (still === String(process.pid)) await rm(pidFile, { force: true });
    },
  };
}
