import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { RequestQueue, type MatchResult } from './request-queue.js';
import type { Transport } from './transport.js';

export interface RequestReplyLinkOptions {
  /** Names the device in errors: a port path or host:port. */
  where: string;
  replyTimeoutMs: number;
  /** Told to requests still waiting when the driver disconnects, e.g. 'the LG driver is disconnected'. */
  disconnectedMessage: string;
  /** Told to a request made while no transport is open. */
  notOpenMessage: string;
  /** Every chunk the device sends; the driver frames it and offers replies to `queue`. */
  onData(chunk: Buffer): void;
}

/**
 * One transport carrying strict request/reply traffic for a driver: open it and read the
 * device's status on connect (closing again if that fails), fail whatever is waiting when it
 * closes, and tell the host the link is lost unless the driver was the one stopping.
 */
export class RequestReplyLink<Reply> {
  readonly queue: RequestQueue<Reply>;
  private transport: Transport | undefined;
  private stopped = true;

  constructor(
    private readonly options: RequestReplyLinkOptions,
    private readonly ctx: DriverContext,
  ) {
    this.queue = new RequestQueue(options.replyTimeoutMs, () => options.where);
  }

  async connect(transport: Transport, readStatus: () => Promise<unknown>): Promise<void> {
    this.stopped = false;
    transport.on('data', (chunk: Buffer) => this.options.onData(chunk));
    transport.on('close', (err: Error | undefined) => this.onClose(transport, err));
    await transport.open();
    this.transport = transport;
    try {
      await readStatus();
    } catch (err) {
      await this.disconnect();
      throw err;
    }
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    const transport = this.transport;
    this.transport = undefined;
    this.queue.fail(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', this.options.disconnectedMessage));
    await transport?.close();
  }

  request(bytes: Uint8Array, match: (reply: Reply) => MatchResult, what: string): Promise<Reply> {
    const transport = this.transport;
    return this.queue.request(
      () => (transport && !this.stopped ? transport.write(bytes) : Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', this.options.notOpenMessage))),
      match,
      what,
    );
  }

  private onClose(transport: Transport, err: Error | undefined): void {
    if (this.transport !== transport) return;
    this.transport = undefined;
    const error = new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.options.where} closed${err ? `: ${err.message}` : ''}`);
    this.queue.fail(error);
    if (!this.stopped) this.ctx.linkLost(error);
  }
}
