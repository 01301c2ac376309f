import { runAction } from '../core/action-handlers.js';
import type { ActionHandlerTable, DeviceDriver, DriverContext } from '../core/definition.js';
import { RequestReplyLink } from './request-reply-link.js';

interface RequestReplyDriverOptions {
  /** The driver's id, which names the device in an unknown action's error. */
  driver: string;
  /** What requests still waiting are told when the driver disconnects: `<name> is disconnected`. */
  name: string;
  /** Names the device in errors: a port path or host:port. */
  where: string;
  replyTimeoutMs: number;
  /** Told to a request made while no transport is open; `<where> is not connected` by default. */
  notOpenMessage?: string;
}

/**
 * What every driver over one strict request/reply link (a display, a switcher) does the same
 * way: it owns the link, fails whatever waits when it disconnects, and runs its handler table.
 * The protocol stays the subclass's own: how it connects (its transport and what it reads
 * first), how it frames what comes in (`onData`, offering replies to `link.queue`), and its
 * handlers.
 */
export abstract class RequestReplyDriver<Reply> implements DeviceDriver {
  protected readonly link: RequestReplyLink<Reply>;
  protected readonly where: string;
  abstract readonly handlers: ActionHandlerTable;

  constructor(
    protected readonly ctx: DriverContext,
    private readonly identity: RequestReplyDriverOptions,
  ) {
    this.where = identity.where;
    this.link = new RequestReplyLink(
      {
        where: identity.where,
        replyTimeoutMs: identity.replyTimeoutMs,
        disconnectedMessage: `${identity.name} is disconnected`,
        notOpenMessage: identity.notOpenMessage ?? `${identity.where} is not connected`,
        onData: (chunk) => this.onData(chunk),
      },
      ctx,
    );
  }

  abstract connect(): Promise<void>;

  async disconnect(): Promise<void> {
    await this.link.disconnect();
  }

  execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    return runAction(this.handlers, action, params, this.identity.driver);
  }

  /** Every chunk the device sends. */
  protected abstract onData(chunk: Buffer): void;
}
