import { RoomctlError } from '../../drivers/core/errors.js';
import { replyDeadline, type ReplyDeadline } from '../../drivers/core/reply-deadline.js';
import type { DriverClock as Clock } from '../model/clock.js';

interface SilenceClock {
  clock: Clock;
  /** The probe timeout in force (the floor, stretched to the device's pace). */
  timeoutMs: number;
  /** When an action last started or ended, or a hold began or ended. */
  lastActionEdge(): number;
  /** Whether an action is in flight and talking to the device (not only held). */
  talking(): boolean;
}

/**
 * One probe under a timeout that counts only the device's silence: the clock starts at the
 * probe or at the last action's (or hold's) start or end, whichever is later, and stands still
 * while an action is talking to the device. A held action does not stop it: a display that
 * goes silent while a command waits for it is told by the probe, within the probe's timeout,
 * not by the held command's recheck a reply timeout later. Its waits are reply deadlines: a
 * probe answered while the room's own process was held up is taken, not called silence, and
 * said to be `heldUp` (its time is not the device's pace).
 */
export function probeTimedBySilence(probe: () => Promise<void>, s: SilenceClock): Promise<{ heldUp: boolean }> {
  const { clock, timeoutMs } = s;
  const startedAt = clock.now();
  return new Promise((resolve, reject) => {
    let timer: ReplyDeadline | undefined;
    let settled = false;
    /** The room was held up past one of the probe's waits: its reply time is partly the room's pause. */
    let heldUp = false;
    const check = () => {
      if (settled) return;
      heldUp ||= timer?.heldUp === true;
      const silentSince = Math.max(startedAt, s.lastActionEdge());
      const left = s.talking() ? timeoutMs : silentSince + timeoutMs - clock.now();
      if (left > 0) {
        timer = replyDeadline(left, check, clock);
        return;
      }
      settled = true;
      reject(new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `no answer to the watchdog probe within ${timeoutMs} ms`));
    };
    timer = replyDeadline(timeoutMs, check, clock);
    probe().then(
      () => {
        if (settled) return;
        settled = true;
        timer?.cancel();
        resolve({ heldUp: heldUp || timer?.heldUp === true });
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        timer?.cancel();
        reject(err);
      },
    );
  });
}
