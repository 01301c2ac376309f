import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A network namespace joined to this one by a veth pair: a second "host" on a real link,
 * for clients that will not talk to themselves over loopback (libonvif turns multicast
 * loopback off, so its WS-Discovery probe never reaches a simulator on the same stack).
 * Needs root and iproute2; `available()` says whether this machine has both.
 */
export interface NetnsPeer {
  /** Address of this side (the simulator binds here). */
  hostAddress: string;
  /** Address inside the namespace (where the client runs). */
  peerAddress: string;
  /** Run a program inside the namespace. */
  exec(file: string, args: string[], options?: { input?: string; timeoutMs?: number }): Promise<{ stdout: string; stderr: string; code: number }>;
  close(): Promise<void>;
}

export async function netnsAvailable(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  return access('/usr/sbin/ip').then(
    () => true,
    () =>
      access('/sbin/ip').then(
        () => true,
        () => false,
      ),
  );
}

export async function createNetnsPeer(): Promise<NetnsPeer> {
  const tag = `${process.pid % 10000}${Math.floor(Math.random() * 100)}`;
  const ns = `roomctl-${tag}`;
  const hostIf = `rch${tag}`;
  const peerIf = `rcp${tag}`;
  // 198.18.0.0/15 (set aside for network tests), not a private range: a room or demo that starts
  // while the pair exists must not take the pair's address for its LAN address (private ranges come
  // first there), then lose it when the pair is deleted.
  const subnet = `198.${18 + (process.pid % 2)}.${Math.floor(Math.random() * 250)}`;
  const hostAddress = `${subnet}.1`;
  const peerAddress = `${subnet}.2`;
  const ip = (...args: string[]) => run('ip', args);
  await ip('netns', 'add', ns);
  try {
    await ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', peerIf);
    await ip('link', 'set', peerIf, 'netns', ns);
    await ip('addr', 'add', `${hostAddress}/24`, 'dev', hostIf);
    await ip('link', 'set', hostIf, 'up');
    await ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${peerAddress}/24`, 'dev', peerIf);
    await ip('netns', 'exec', ns, 'ip', 'link', 'set', peerIf, 'up');
    await ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
    // Multicast (239.255.255.250) leaves by the default route: over the veth, to us.
    await ip('netns', 'exec', ns, 'ip', 'route', 'add', 'default', 'via', hostAddress);
  } catch (err) {
    await ip('netns', 'del', ns).catch(() => undefined);
    throw err;
  }
  return {
    hostAddress,
    peerAddress,
    exec(file, args, options = {}) {
      return new Promise((resolve) => {
        const child = execFile('ip', ['netns', 'exec', ns, file, ...args], { timeout: options.timeoutMs ?? 15_000 }, (err, stdout, stderr) => {
          resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
        });
        child.stdin?.end(options.input ?? '');
      });
    },
    // Deleting the namespace deletes the veth pair with it.
    close: () =>
      ip('netns', 'del', ns).then(
        () => undefined,
        () => undefined,
      ),
  };
}
