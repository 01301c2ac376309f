import { systemClock, type Clock } from './clock.js';

/**
 * How long a driver or the room waits for a device's reply, counted in time the room was listening.
 *
 * Node runs the timers that are due before it reads what arrived on its sockets and serial
 * ports. When the room's own process was held up past a deadline (a loaded machine that did not
 * schedule it, a long garbage collection, a blocking write), a plain timer would fail a reply the
 * device sent in time, still unread in the socket: the device would be called silent, its link
 * dropped and reconnected, for the room's own pause. So a deadline that fires late gives the
 * device its whole wait again once, now with the room listening; and its verdict waits one turn
 * of the event loop (`setImmediate` runs after the poll for input), so a reply that is there is
 * read first. A device that is silent is still told, at most one wait later and only after such
 * a pause.
 */
export interface ReplyDeadline {
  cancel(): void;
  /** The room was held up past this wait (it fired late and waited again): time measured across it is not the device's. */
  readonly heldUp: boolean;
}

/** Fired this much later than asked, the room was held up rather than waiting (timers are otherwise on time to a few ms). */
const HELD_UP_MS = 100;

/**
 * Calls `expired` once no reply came within `ms` of the room listening; `cancel()` when the reply came.
 * `clock` is whose time it is (a test's ManualClock moves it by hand; the room's device supervisors take theirs).
 */
export function replyDeadline(ms: number, expired: () => void, clock: Clock = systemClock): ReplyDeadline {
  let timer: { cancel(): void } | undefined;
  let verdict: NodeJS.Immediate | undefined;
  let heldUp = false;
  const arm = (mayWaitAgain: boolean) => {
    const due = clock.now() + ms;
    // The system clock's timers are unref'd: a wait never keeps the process alive.
    timer = clock.after(ms, () => {
      if (mayWaitAgain && clock.now() - due > HELD_UP_MS) {
        heldUp = true;
        return arm(false);
      }
      // Not unref'd: an unref'd immediate lets the poll for input block until something else wakes the loop.
      verdict = setImmediate(expired);
    });
  };
  arm(true);
  return {
    cancel() {
      timer?.cancel();
      if (verdict) clearImmediate(verdict);
    },
    get heldUp() {
      return heldUp;
    },
  };
}

/**
 * `promise`, or the error `timedOut()` makes once it has not settled within `ms` of the room
 * listening (a reply deadline around a whole exchange: a greeting, a check of the self-test).
 */
export function withinReplyDeadline<T>(promise: Promise<T>, ms: number, timedOut: () => Error, clock?: Clock): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = replyDeadline(ms, () => reject(timedOut()), clock);
    promise.then(
      (value) => {
        deadline.cancel();
        resolve(value);
      },
      (err: unknown) => {
        deadline.cancel();
        reject(err);
      },
    );
  });
}

/** A search's window for answers (PJLink's %2SRCH, WS-Discovery): `heard()` on each answer read. */
export interface ListeningWindow {
  heard(): void;
  /** Closes it now, without `closed` (the socket failed). */
  cancel(): void;
}

/**
 * What a search socket asks the kernel to keep unread for it (SO_RCVBUF). While the room is held
 * up every answer waits there, and Linux's default (about 208 KB) holds some 90 WS-Discovery
 * answers: on a larger site the rest were dropped before the room read them. The kernel caps the
 * request at `net.core.rmem_max` (208 KB on a stock Debian, where only raising that helps).
 */
export const SEARCH_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** Rounds of reading at the close, at most: a device that never stops sending does not hold the window open. */
const MOST_READING_ROUNDS = 64;

/**
 * Calls `closed` `ms` after it opened, once every answer already waiting in the socket is read:
 * a room held up past the end of the window (see above) still counts the devices that answered
 * while it was held up, and then closes without waiting again, so an answer that comes after
 * the close is not counted. Node reads at most 32 datagrams of a socket per turn of the event
 * loop, so the close waits for a turn that read nothing more.
 */
export function listeningWindow(ms: number, closed: () => void, clock: Clock = systemClock): ListeningWindow {
  let heardSince = false;
  let rounds = 0;
  let verdict: NodeJS.Immediate | undefined;
  // Not unref'd, as above: the poll for input must not block before the close is decided.
  const readPending = () => {
    verdict = undefined;
    if (heardSince && ++rounds < MOST_READING_ROUNDS) {
      heardSince = false;
      verdict = setImmediate(readPending);
    } else closed();
  };
  const timer = clock.after(ms, () => {
    heardSince = false;
    verdict = setImmediate(readPending);
  });
  return {
    heard() {
      heardSince = true;
    },
    cancel() {
      timer.cancel();
      if (verdict) clearImmediate(verdict);
    },
  };
}
