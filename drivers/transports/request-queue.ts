import { RoomctlError } from '../core/errors.js';
import { replyDeadline, type ReplyDeadline } from '../core/reply-deadline.js';

/** What a pending request makes of a message: its answer, a device error, or not for it. */
export type MatchResult = { done: true } | { error: RoomctlError } | false;

interface Pending<M> {
  what: string;
  /** The request was handed to the link: the device may have it, whatever happens next. */
  sent: boolean;
  match: (message: M) => MatchResult;
  resolve(message: M): void;
  reject(error: RoomctlError): void;
  /** Counted in time the room was listening: a pause of the room's own does not make the device silent. */
  timer: ReplyDeadline;
}

/**
 * Strict one-at-a-time request/reply over a link that also carries unsolicited messages
 * (Shure REP, Tesira publish, display notifications). A request waits its turn, sends, and
 * settles on the first message its `match` claims, or times out. Messages nobody claims are
 * the caller's to treat as news (`offer` returns false).
 */
export class RequestQueue<M> {
  private chain: Promise<unknown> = Promise.resolve();
  private pending: Pending<M> | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly where: () => string,
  ) {}

  request(send: () => Promise<void>, match: (message: M) => MatchResult, what: string): Promise<M> {
    const run = this.chain.then(
      () =>
        new Promise<M>((resolve, reject) => {
          const timer = replyDeadline(this.timeoutMs, () => {
            if (this.pending !== pending) return;
            this.pending = undefined;
            reject(new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `${this.where()} did not answer ${what} within ${this.timeoutMs} ms`));
          });
          const pending: Pending<M> = { what, sent: false, match, resolve, reject, timer };
          this.pending = pending;
          send().then(
            () => (pending.sent = true),
            (err: unknown) => this.fail(err instanceof RoomctlError ? err : new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', String(err))),
          );
        }),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Hand a message to the request in flight; true when it was that request's answer. */
  offer(message: M): boolean {
    const pending = this.pending;
    if (!pending) return false;
    const result = pending.match(message);
    if (!result) return false;
    this.pending = undefined;
    pending.timer.cancel();
    if ('error' in result) pending.reject(result.error);
    else pending.resolve(message);
    return true;
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Fail the request in flight (link closed); queued ones fail as they find the link gone.
   * One already sent may have been carried out: it fails as "sent, outcome unknown"
   * (never re-sent by anyone), the link's own error in the message.
   */
  fail(error: RoomctlError): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    pending.timer.cancel();
    if (!pending.sent) {
      pending.reject(error);
      return;
    }
    pending.reject(
      new RoomctlError(
        'ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN',
        `${pending.what} was sent to ${this.where()} but the link was lost before it answered (${error.message}): sent, outcome unknown`,
        {
          lost: error.code,
        },
      ),
    );
  }
}
