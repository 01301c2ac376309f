import type { DriverLogger } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { replyDeadline, type ReplyDeadline } from '../core/reply-deadline.js';
import { decodeReply, toHex, VISCA_SOCKETS, type ViscaReply } from './visca-codec.js';

export interface ViscaRequest {
  bytes: Uint8Array;
  /**
   * - `command`: ACK (`y0 4z`) puts it in socket z, completion (`y0 5z`) finishes it;
   * - `inquiry`: answered at once by `y0 50 … FF`, takes no socket;
   * - `address_set` / `if_clear`: broadcasts, answered by the chain's broadcast reply.
   */
  kind: 'command' | 'inquiry' | 'address_set' | 'if_clear';
  /** Short name for logs and error details, e.g. `preset.recall 5`. */
  label: string;
  /**
   * Movement group ('pan-tilt', 'zoom', 'focus'). A newer command of the group replaces a
   * queued, not yet sent one, so a joystick never builds a backlog of stale speeds.
   */
  coalesce?: string;
  /** Stops are never replaced: a lost stop leaves a camera turning. */
  stop?: boolean;
  /** How long the camera may take from ACK to completion (a preset recall travels). */
  completionTimeoutMs?: number;
}

/** `payload`: an inquiry's bytes between `y0 50` and `FF`; for address set, [camera count]. */
export type ViscaOutcome = { status: 'done'; payload: Uint8Array } | { status: 'superseded' };

export interface ViscaChannelOptions {
  /** Camera address 1..7; replies from other addresses are not ours and are ignored. */
  address: number;
  write(bytes: Uint8Array): Promise<void>;
  /** The camera's replies stopped making sense: the owner drops the link and reconnects. */
  onIncoherent(error: RoomctlError): void;
  log: DriverLogger;
  /** Time for the ACK (or the inquiry reply) to come back. */
  ackTimeoutMs?: number;
  completionTimeoutMs?: number;
  /** This many incoherent replies within `incoherenceWindowMs` mean the stream is broken. */
  incoherenceLimit?: number;
  incoherenceWindowMs?: number;
}

interface Pending {
  request: ViscaRequest;
  resolve(outcome: ViscaOutcome): void;
  reject(error: RoomctlError): void;
  /** Counted in time the room was listening: a pause of the room's own does not make the camera silent. */
  timer?: ReplyDeadline;
}

/**
 * One camera's command pipeline. VISCA cameras buffer two commands (sockets 1 and 2), so
 * at most two run at once; and only one request waits for its ACK at a time, which is what
 * makes an ACK unambiguous. Error replies fail the one command they belong to and the link
 * stays up; replies that match nothing are counted, and too many of them close the channel
 * through `onIncoherent`. Transport-agnostic: bytes go out via `write`, frames come in via
 * `handleFrame`, so VISCA over IP can reuse it.
 */
export class ViscaCommandChannel {
  private readonly queue: Pending[] = [];
  private awaiting: Pending | undefined;
  private readonly sockets = new Map<number, Pending>();
  private incoherentAt: number[] = [];
  private closedWith: RoomctlError | undefined;
  /** Replies that matched no request (orphans, noise), since the channel opened: a health figure for tests and benchmarks. */
  unmatchedReplies = 0;

  constructor(private readonly options: ViscaChannelOptions) {}

  request(request: ViscaRequest): Promise<ViscaOutcome> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise((resolve, reject) => {
      if (request.coalesce) this.supersedeQueued(request.coalesce);
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /** Requests sent or waiting, for tests and diagnostics. */
  get pendingCount(): number {
    return this.queue.length + (this.awaiting ? 1 : 0) + this.sockets.size;
  }

  handleFrame(frame: Uint8Array): void {
    if (this.closedWith) return;
    const reply = decodeReply(frame);
    if ('address' in reply && reply.address !== this.options.address) {
      // Another camera of the chain; nobody here asked it anything, but that is not our link breaking.
      this.options.log.debug({ frame: toHex(frame) }, 'VISCA reply from another camera address, ignored');
      return;
    }
    this.route(reply, frame);
  }

  /**
   * Fail the request waiting for its ACK if it is the one that sent `bytes`. VISCA over IP
   * answers a message it cannot take with a control error instead of a VISCA reply.
   */
  rejectAwaiting(bytes: Uint8Array, error: RoomctlError): boolean {
    const awaiting = this.awaiting;
    if (!awaiting || awaiting.request.bytes.length !== bytes.length || !awaiting.request.bytes.every((b, i) => b === bytes[i])) return false;
    this.settle(awaiting, () => awaiting.reject(error));
    return true;
  }

  /** Count something that does not fit the conversation (noise, an orphan reply). */
  noteIncoherence(reason: string): void {
    if (this.closedWith) return;
    this.unmatchedReplies++;
    const now = Date.now();
    const windowMs = this.options.incoherenceWindowMs ?? 10_000;
    this.incoherentAt = [...this.incoherentAt.filter((t) => now - t < windowMs), now];
    this.options.log.warn({ reason }, 'VISCA reply does not fit the conversation');
    if (this.incoherentAt.length >= (this.options.incoherenceLimit ?? 3)) {
      const error = new RoomctlError('ROOMCTL_E_PROTOCOL', `VISCA camera ${this.options.address}: replies stopped making sense (${reason})`, { reason });
      this.close(error);
      this.options.onIncoherent(error);
    }
  }

  /** Fail everything pending with `error`; later requests fail at once with it. */
  close(error: RoomctlError): void {
    if (this.closedWith) return;
    this.closedWith = error;
    const all = [...this.queue.splice(0), ...(this.awaiting ? [this.awaiting] : []), ...this.sockets.values()];
    this.awaiting = undefined;
    this.sockets.clear();
    for (const p of all) this.settle(p, () => p.reject(error));
  }

  private route(reply: ViscaReply, frame: Uint8Array): void {
    const awaiting = this.awaiting;
    switch (reply.kind) {
      case 'address_set':
      case 'if_clear':
        if (awaiting?.request.kind === reply.kind) return this.finish(awaiting, Uint8Array.of(reply.kind === 'address_set' ? reply.cameras : 0));
        // A broadcast we did not send now came back: someone else is on the line, or noise.
        return this.noteIncoherence(`unexpected ${reply.kind} reply`);
      case 'network_change':
        this.options.log.info({ frame: toHex(frame) }, 'VISCA chain changed (camera added or removed)');
        return;
      case 'invalid':
        return this.noteIncoherence(reply.reason);
      case 'ack': {
        if (awaiting?.request.kind !== 'command') return this.noteIncoherence(`ACK nobody waits for: ${toHex(frame)}`);
        const previous = this.sockets.get(reply.socket);
        if (previous) {
          // The camera reused a socket we thought busy: the old command's completion got lost.
          this.settle(previous, () => previous.reject(this.protocolError(previous, 'its socket was reused before completion')));
          this.noteIncoherence(`socket ${reply.socket} reused before completion`);
        }
        this.clearAwaiting(awaiting);
        this.sockets.set(reply.socket, awaiting);
        const ms = awaiting.request.completionTimeoutMs ?? this.options.completionTimeoutMs ?? 10_000;
        awaiting.timer = this.startTimer(awaiting, ms, 'completion');
        return this.pump();
      }
      case 'completion': {
        if (reply.socket === 0) {
          // Socket 0 carries inquiry answers only.
          if (awaiting?.request.kind === 'inquiry') return this.finish(awaiting, reply.payload);
          return this.noteIncoherence(`inquiry answer nobody asked for: ${toHex(frame)}`);
        }
        const owner = this.sockets.get(reply.socket);
        if (owner) return this.finish(owner, reply.payload);
        // Some cameras complete a quick command without ACKing it first.
        if (awaiting?.request.kind === 'command') return this.finish(awaiting, reply.payload);
        return this.noteIncoherence(`completion for socket ${reply.socket}, which nobody used: ${toHex(frame)}`);
      }
      case 'error': {
        // A busy socket can only be named by the command in it; otherwise it answers the one awaiting its ACK.
        const owner = reply.socket !== 0 ? this.sockets.get(reply.socket) : undefined;
        const target = owner ?? awaiting;
        if (!target) return this.noteIncoherence(`error reply nobody waits for: ${toHex(frame)}`);
        const error = this.rejection(target, reply);
        return this.settle(target, () => target.reject(error));
      }
    }
  }

  private rejection(p: Pending, reply: Extract<ViscaReply, { kind: 'error' }>): RoomctlError {
    const details = { command: p.request.label, bytes: toHex(p.request.bytes), error: reply.error, code: reply.code };
    if (reply.error === 'buffer_full') return new RoomctlError('ROOMCTL_E_DEVICE_BUSY', `camera buffer full, ${p.request.label} not taken`, details);
    return new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `camera refused ${p.request.label}: ${reply.error.replace('_', ' ')}`, details);
  }

  private protocolError(p: Pending, why: string): RoomctlError {
    return new RoomctlError('ROOMCTL_E_PROTOCOL', `${p.request.label}: ${why}`, { command: p.request.label });
  }

  private finish(p: Pending, payload: Uint8Array): void {
    this.settle(p, () => p.resolve({ status: 'done', payload }));
  }

  /** Take `p` out of wherever it is, run `outcome`, and let the next request go. */
  private settle(p: Pending, outcome: () => void): void {
    p.timer?.cancel();
    if (this.awaiting === p) this.awaiting = undefined;
    for (const [socket, owner] of this.sockets) if (owner === p) this.sockets.delete(socket);
    const queued = this.queue.indexOf(p);
    if (queued >= 0) this.queue.splice(queued, 1);
    outcome();
    this.pump();
  }

  private clearAwaiting(p: Pending): void {
    p.timer?.cancel();
    this.awaiting = undefined;
  }

  private startTimer(p: Pending, ms: number, what: 'ACK' | 'reply' | 'completion'): ReplyDeadline {
    return replyDeadline(ms, () => {
      const error = new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `no ${what} from camera ${this.options.address} for ${p.request.label} within ${ms} ms`, {
        command: p.request.label,
        bytes: toHex(p.request.bytes),
        // A camera that acknowledged and is still moving is busy, not silent: the watchdog leaves it be.
        ...(what === 'completion' ? { answered: true } : {}),
      });
      this.settle(p, () => p.reject(error));
    });
  }

  private supersedeQueued(group: string): void {
    // Only look back through a run of movement commands: jumping a recall or a power
    // command would change what the camera ends up doing.
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const queued = this.queue[i]!;
      if (!queued.request.coalesce) return;
      if (queued.request.coalesce !== group) continue;
      if (!queued.request.stop) this.queue.splice(i, 1)[0]!.resolve({ status: 'superseded' });
      return;
    }
  }

  private pump(): void {
    if (this.closedWith || this.awaiting || this.queue.length === 0) return;
    const socketsFree = this.sockets.size < VISCA_SOCKETS.length;
    // With both sockets busy, an inquiry can still go (it takes no socket), so a watchdog
    // probe is not stuck behind a long preset recall; and so can a stop, which ends the
    // travel in a socket rather than waiting for it (a camera that disagrees answers
    // buffer full, and the stop fails loudly instead of being lost).
    const index = socketsFree ? 0 : this.queue.findIndex((p) => p.request.kind !== 'command' || p.request.stop);
    if (index < 0) return;
    const next = this.queue.splice(index, 1)[0]!;
    this.awaiting = next;
    next.timer = this.startTimer(next, this.options.ackTimeoutMs ?? 1000, next.request.kind === 'command' ? 'ACK' : 'reply');
    this.options.write(next.request.bytes).catch((err: unknown) => {
      const error = err instanceof RoomctlError ? err : new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', String(err));
      if (this.awaiting === next) this.settle(next, () => next.reject(error));
    });
  }
}
