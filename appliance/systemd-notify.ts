import { execFile } from 'node:child_process';
import { systemClock, type ClockTimer, type DriverClock as Clock } from './model/clock.js';
import type { DriverLogger } from '../drivers/core/definition.js';

/**
 * The appliance's side of `Type=notify` + `WatchdogSec=`: READY=1 once the room serves, then
 * WATCHDOG=1 at half the watchdog interval while the room is healthy, STOPPING=1 on the way out.
 *
 * Node has no unix datagram sockets, so the messages go through `systemd-notify` (part of
 * systemd, so wherever there is a $NOTIFY_SOCKET there is the program). Its messages come from
 * a child process, which is why the unit says NotifyAccess=all; `--pid` names the appliance as
 * the main process, and systemd-notify (systemd ≥ 246) waits until systemd has read each
 * message, so a message from a short-lived child is never dropped.
 */
export interface SystemdNotifier {
  /** True when started by systemd with Type=notify ($NOTIFY_SOCKET set). */
  readonly active: boolean;
  /** Watchdog ping interval, when systemd asked for one. */
  readonly watchdogIntervalMs: number | undefined;
  ready(): Promise<void>;
  stopping(): Promise<void>;
  /** Resolves once no watchdog ping is on its way (stopping waits for it too). */
  flush(): Promise<void>;
}

export interface SystemdNotifierOptions {
  env?: NodeJS.ProcessEnv;
  pid?: number;
  log?: Pick<DriverLogger, 'warn'>;
  clock?: Clock;
  /** Pinged only while this says the room is alive; a wedged room is then restarted by systemd. */
  healthy?: () => boolean;
  program?: string;
}

export function systemdNotifier(options: SystemdNotifierOptions = {}): SystemdNotifier {
  const env = options.env ?? process.env;
  const pid = options.pid ?? process.pid;
  const clock = options.clock ?? systemClock;
  const program = options.program ?? 'systemd-notify';
  const active = Boolean(env.NOTIFY_SOCKET);
  const usec = Number(env.WATCHDOG_USEC);
  const forUs = env.WATCHDOG_PID === undefined || Number(env.WATCHDOG_PID) === pid;
  const watchdogIntervalMs = active && forUs && usec > 0 ? Math.max(1, Math.floor(usec / 2000)) : undefined;
  let timer: ClockTimer | undefined;
  let warned = false;
  let inflight: Promise<void> | undefined;

  const send = (args: string[]) =>
    new Promise<void>((resolve) => {
      if (!active) return resolve();
      execFile(program, args, { env, timeout: 10_000 }, (err) => {
        if (err && !warned) {
          warned = true;
          options.log?.warn({ err: err.message, args }, 'systemd-notify failed; systemd may not see the room as ready or alive');
        }
        resolve();
      });
    });

  return {
    active,
    watchdogIntervalMs,
    async ready() {
      await send(['--ready', `--pid=${pid}`, `STATUS=room serving`]);
      if (watchdogIntervalMs === undefined || timer) return;
      timer = clock.every(watchdogIntervalMs, () => {
        // A ping still on its way is enough; do not pile children up on a loaded machine.
        if (inflight || !(options.healthy?.() ?? true)) return;
        inflight = send(['WATCHDOG=1']).finally(() => (inflight = undefined));
      });
    },
    async stopping() {
      timer?.cancel();
      timer = undefined;
      await inflight;
      await send(['STOPPING=1']);
    },
    async flush() {
      await inflight;
    },
  };
}
