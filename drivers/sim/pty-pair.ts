import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RoomctlError } from '../core/errors.js';

/**
 * A real pseudo-terminal pair made by socat: what a driver writes to `devicePath` is read
 * from `simulatorPath` and back. Serial simulators sit on `simulatorPath`; the driver under
 * test opens `devicePath` exactly as it would open /dev/ttyUSB0.
 */
export interface PtyPair {
  devicePath: string;
  simulatorPath: string;
  /** Kill socat: both ends vanish, as when a USB adapter is pulled. */
  unplug(): Promise<void>;
  /** Start socat again on the same paths, as when the adapter is plugged back in. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export async function createPtyPair(options: { dir?: string; name?: string } = {}): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'roomctl-pty-')));
  const name = options.name ?? 'serial';
  const devicePath = join(dir, `${name}-device`);
  const simulatorPath = join(dir, `${name}-sim`);
  let child: ChildProcess | undefined;

  const start = async () => {
    // Its own process group: a Ctrl-C at the terminal reaches the room only, which lets go of the
    // device before it stops socat (socat killed first reads as a pulled cable). setpriv's
    // parent-death signal still ends socat with its parent, even when that parent is killed -9.
    const socat = ['socat', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`];
    const proc = spawn('setpriv', ['--pdeathsig', 'TERM', '--', ...socat], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let spawnError: Error | undefined;
    proc.once('error', (err) => {
      spawnError = err;
    });
    child = proc;
    for (let i = 0; i < 200; i++) {
      if (spawnError) {
        throw new RoomctlError(
          'ROOMCTL_E_DEPENDENCY_MISSING',
          `socat could not be started (${spawnError.message}); install them: apt-get install socat util-linux`,
        );
      }
      // 127: setpriv found no socat to run.
      if (proc.exitCode === 127)
        throw new RoomctlError('ROOMCTL_E_DEPENDENCY_MISSING', 'socat could not be started (not found); install it: apt-get install socat');
      if (proc.exitCode !== null) throw new RoomctlError('ROOMCTL_E_INTERNAL', `socat exited with code ${proc.exitCode}`);
      const ready = await Promise.all([access(devicePath), access(simulatorPath)]).then(
        () => true,
        () => false,
      );
      if (ready) return;
      await sleep(10);
    }
    throw new RoomctlError('ROOMCTL_E_INTERNAL', 'socat did not create the PTY pair within 2 s');
  };

  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
    // socat removes its links on SIGTERM; make sure, so a replug waits for fresh ones.
    await Promise.all([rm(devicePath, { force: true }), rm(simulatorPath, { force: true })]);
  };

  await start();
  return {
    devicePath,
    simulatorPath,
    unplug: stop,
    replug: start,
    async close() {
      await stop();
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
