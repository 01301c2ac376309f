import type { DriverContext } from '../core/definition.js';
import { RoomctlError, toRoomctlError } from '../core/errors.js';
import type { Transport } from '../transports/transport.js';
import type { PjlinkClass, PjlinkCommand } from './pjlink-codec.js';
import { PjlinkConnection, type PjlinkReply } from './pjlink-connection.js';

interface PjlinkSessionOptions {
  host: string;
  port: number;
  password?: string;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
  /** Past this idle age a fresh session is opened before sending (the display's own idle close is near). */
  idleRecycleMs: number;
  transportFactory?: () => Transport;
}

/** A request on a session that just greeted and logged in. */
type PjlinkRequest = (cmd: PjlinkCommand) => Promise<PjlinkReply>;

/**
 * The driver's one PJLink session: one request on the socket at a time (PJLink is strict
 * request/reply), reopened lazily when the display closed an idle one, and its loss told to
 * the host once, only when it is real.
 */
export class PjlinkSession {
  private link: PjlinkConnection | undefined;
  /** A session still greeting and logging in: closed too when the driver stops. */
  private opening: PjlinkConnection | undefined;
  private wire: Promise<unknown> = Promise.resolve();
  private lossReported = false;
  private isStopped = true;
  /** The class the display announced at its last greeting. */
  pjlinkClass: PjlinkClass = 1;

  constructor(
    private readonly opts: PjlinkSessionOptions,
    private readonly ctx: Pick<DriverContext, 'log' | 'linkLost'>,
  ) {}

  get stopped(): boolean {
    return this.isStopped;
  }

  /**
   * A fresh session, and the first questions asked on it before anything else may use the
   * wire. Errors are thrown to the host, not reported as link loss: there was no link yet.
   */
  async open(first: (request: PjlinkRequest) => Promise<void>): Promise<void> {
    this.isStopped = false;
    await this.withWire(async () => {
      await this.closeLink();
      await this.openLink();
      await first((cmd) => this.link!.request(cmd));
    });
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    await this.closeLink();
  }

  /**
   * One request on the wire, reconnecting lazily if the display closed an idle session. Loss
   * of the link is reported to the host here, once, and only when it is real: a close in the
   * middle of a command, a failed reconnect, or nonsense on the line.
   */
  exchange(cmd: PjlinkCommand): Promise<PjlinkReply> {
    return this.withWire(async () => {
      if (this.isStopped) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', 'the PJLink driver is disconnected');
      // Queries are safe to ask twice; a command is never re-sent once it may have reached the display.
      const query = cmd.param === '?';
      for (let attempt = 1; ; attempt++) {
        const reused = this.link?.isOpen === true && Date.now() - this.link.lastActivity < this.opts.idleRecycleMs;
        if (!reused) {
          try {
            await this.closeLink();
            await this.openLink();
          } catch (err) {
            // We had a link and cannot get it back (down, refused, wrong password now): that is loss.
            throw this.reportLoss(toRoomctlError(err));
          }
        }
        try {
          return await this.link!.request(cmd);
        } catch (err) {
          const error = toRoomctlError(err);
          const closedUnderUs = error.code === 'ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN' || error.code === 'ROOMCTL_E_DEVICE_OFFLINE';
          // A reused session can be closed by the display's idle timer just as we write: a query is asked again on a fresh one.
          if (closedUnderUs && query && reused && attempt === 1 && !this.isStopped) continue;
          // A command may have been carried out: say so and never re-send it. The session is gone,
          // the display maybe not: the next exchange reconnects, and fails loudly if it cannot.
          // A silent display may only be busy: the session is reset and the watchdog judges.
          if (closedUnderUs || error.code === 'ROOMCTL_E_DEVICE_TIMEOUT' || this.isStopped) throw error;
          throw this.reportLoss(error);
        }
      }
    });
  }

  private async openLink(): Promise<void> {
    if (this.isStopped) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', 'the PJLink driver is disconnected');
    const { host, port, password, connectTimeoutMs, replyTimeoutMs, transportFactory } = this.opts;
    const link = new PjlinkConnection({ host, port, password, connectTimeoutMs, replyTimeoutMs, log: this.ctx.log, transport: transportFactory?.() });
    link.on('close', ({ midCommand }: { midCommand: boolean }) => {
      // An idle close is the display's normal housekeeping; the next command reconnects.
      if (!midCommand) this.ctx.log.debug('display closed an idle PJLink session');
      if (this.link === link) this.link = undefined;
    });
    this.opening = link;
    try {
      this.pjlinkClass = await link.open();
    } finally {
      if (this.opening === link) this.opening = undefined;
    }
    if (this.isStopped) {
      await link.close();
      throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', 'the PJLink driver is disconnected');
    }
    this.link = link;
    this.lossReported = false;
  }

  private async closeLink(): Promise<void> {
    const link = this.link;
    const opening = this.opening;
    this.link = this.opening = undefined;
    await Promise.all([link?.close(), opening?.close()]);
  }

  /** Tell the host once per link; returns the error so callers can `throw this.reportLoss(e)`. */
  private reportLoss(error: RoomctlError): RoomctlError {
    if (this.lossReported || this.isStopped) return error;
    this.lossReported = true;
    void this.closeLink();
    this.ctx.linkLost(error);
    return error;
  }

  private withWire<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.wire.then(fn);
    this.wire = run.catch(() => undefined);
    return run;
  }
}
