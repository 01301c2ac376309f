import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../drivers/testing/manual-clock.js';
import { until } from '../tests/helpers/until.js';
import { systemdNotifier } from './systemd-notify.js';

/**
 * systemd's side of $NOTIFY_SOCKET, in a few lines of Python (Node has no unix datagram
 * sockets): print each datagram, and close the file descriptors systemd-notify passes for its
 * barrier, as systemd does, so systemd-notify knows its message was read.
 */
const RECEIVER = `
import array, os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    msg, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(64))
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
            for fd in fds:
                os.close(fd)
    print(msg.decode().replace("\\n", "|"), flush=True)
`;

let receiver: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  receiver?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startReceiver(): Promise<{ socket: string; messages: string[] }> {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-notify-'));
  const socket = join(dir, 'notify');
  const messages: string[] = [];
  receiver = spawn('python3', ['-c', RECEIVER, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffer = '';
  receiver.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    messages.push(...lines);
  });
  await until(() => messages.includes('listening'), 15_000, 'the notify receiver');
  return { socket, messages };
}

it('says READY=1 with its pid, pings WATCHDOG=1 at half the interval while healthy, and STOPPING=1 at the end', async () => {
  const { socket, messages } = await startReceiver();
  const clock = new ManualClock();
  let healthy = true;
  const notifier = systemdNotifier({
    env: { NOTIFY_SOCKET: socket, WATCHDOG_USEC: '30000000', WATCHDOG_PID: '4242' },
    pid: 4242,
    clock,
    healthy: () => healthy,
  });
  expect(notifier.watchdogIntervalMs).toBe(15_000);

  await notifier.ready();
  expect(messages.find((m) => m.startsWith('READY=1'))).toMatch(/^READY=1\|.*MAINPID=4242/);
  const pings = () => messages.filter((m) => m.startsWith('WATCHDOG=1')).length;

  clock.advance(15_000);
  await until(() => pings() === 1, 15_000, 'the first watchdog ping');
  await notifier.flush();
  healthy = false; // a wedged room must stop feeding the watchdog so systemd restarts it
  clock.advance(15_000);
  healthy = true;
  clock.advance(15_000);
  await until(() => pings() === 2, 15_000, 'the ping after the room recovered');

  await notifier.stopping();
  await until(() => messages.some((m) => m.startsWith('STOPPING=1')), 15_000, 'STOPPING=1');
  expect(clock.pending).toBe(0);
  expect(pings()).toBe(2);
});

it('does nothing outside systemd, and ignores a watchdog meant for another process', async () => {
  const plain = systemdNotifier({ env: {}, clock: new ManualClock() });
  expect(plain.active).toBe(false);
  await plain.ready();
  const other = systemdNotifier({ env: { NOTIFY_SOCKET: '/nonexistent', WATCHDOG_USEC: '1000000', WATCHDOG_PID: '1' }, pid: 4242, clock: new ManualClock() });
  expect(other.watchdogIntervalMs).toBeUndefined();
});
