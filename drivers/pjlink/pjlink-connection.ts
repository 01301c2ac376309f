import { EventEmitter } from 'node:events';
import type { DriverLogger } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { replyDeadline, withinReplyDeadline, type ReplyDeadline } from '../core/reply-deadline.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import type { Transport } from '../transports/transport.js';
import { LineFramer, encodeCommand, parseGreeting, parseResponse, type PjlinkClass, type PjlinkCommand, type PjlinkResponse } from './pjlink-codec.js';

/** A reply the driver has to interpret: the line matched the command it sent. */
export type PjlinkReply = Extract<PjlinkResponse, { kind: 'ok' | 'value' | 'error' }>;

export interface PjlinkConnectionOptions {
  host: string;
  port: number;
  password?: string;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
  log: DriverLogger;
  /** Swappable for tests; a TcpTransport to host:port by default. */
  transport?: Transport;
}

interface Pending {
  command: string;
  resolve(reply: PjlinkReply): void;
  reject(error: RoomctlError): void;
  timer: ReplyDeadline;
}

/**
 * One TCP session with a PJLink display: greeting, authentication, then strictly one request
 * and one reply at a time. It knows nothing about retries or reconnects (the driver decides);
 * it only turns bytes into replies and failures into coded errors.
 *
 * Emits 'close' ({ midCommand: boolean }) when the far end drops the socket. Closing it
 * ourselves (`close()`) emits nothing: that is not news.
 */
export class PjlinkConnection extends EventEmitter {
  private readonly transport: Transport;
  private readonly framer = new LineFramer();
  private pending: Pending | undefined;
  private greetingWaiter: { resolve(line: string): void; reject(error: RoomctlError): void } | undefined;
  private closedByUs = false;
  /** When the last byte went either way; the driver recycles sessions the display would drop. */
  lastActivity = Date.now();
  pjlinkClass: PjlinkClass = 1;

  constructor(private readonly options: PjlinkConnectionOptions) {
    super();
    this.transport = options.transport ?? new TcpTransport({ host: options.host, port: options.port, connectTimeoutMs: options.connectTimeoutMs });
    this.transport.on('data', (chunk: Buffer) => this.onData(chunk));
    this.transport.on('close', () => this.onClose());
  }

  get isOpen(): boolean {
    return this.transport.isOpen && !this.closedByUs;
  }

  /**
   * Connect, read the greeting, and send `CLSS ?` as the first command: it carries the auth
   * digest when the display asks for one, so a wrong password fails here and not on some
   * later command, and it tells us which command class the display speaks.
   */
  async open(): Promise<PjlinkClass> {
    const { host, port, password } = this.options;
    const greetingLine = new Promise<string>((resolve, reject) => (this.greetingWaiter = { resolve, reject }));
    greetingLine.catch(() => {}); // settled by onClose even if open() already failed
    await this.transport.open();
    try {
      const greeting = parseGreeting(await this.withTimeout(greetingLine, `no PJLink greeting from ${host}:${port}`));
      let auth: { random: string; password: string } | undefined;
      if (greeting.kind === 'auth-failed') throw new RoomctlError('ROOMCTL_E_DEVICE_AUTH', `${host}:${port} refused the connection (PJLINK ERRA)`);
      if (greeting.kind === 'invalid')
        throw new RoomctlError('ROOMCTL_E_PROTOCOL', `${host}:${port} is not a PJLink device (greeting ${JSON.stringify(greeting.line.slice(0, 40))})`);
      if (greeting.kind === 'auth') {
        if (password === undefined || password === '')
          throw new RoomctlError('ROOMCTL_E_DEVICE_AUTH', `${host}:${port} asks for a PJLink password; set \`password\` in the config`);
        auth = { random: greeting.random, password };
      }
      const reply = await this.request({ pjlinkClass: 1, command: 'CLSS', param: '?' }, auth);
      // A class 1 display may not know CLSS at all (ERR1); it is still class 1.
      this.pjlinkClass = reply.kind === 'value' && reply.value.trim() === '2' ? 2 : 1;
      return this.pjlinkClass;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  /** Send one command and wait for its reply. Rejects with a coded error; never two at once. */
  request(cmd: PjlinkCommand, auth?: { random: string; password: string }): Promise<PjlinkReply> {
    if (!this.isOpen) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.where} is not connected`));
    if (this.pending) return Promise.reject(new RoomctlError('ROOMCTL_E_INTERNAL', `PJLink request ${cmd.command} overlapped ${this.pending.command}`));
    const line = encodeCommand(cmd, auth);
    return new Promise<PjlinkReply>((resolve, reject) => {
      // Counted in time the room was listening (reply-deadline.ts): a reply that came while the room was held up is taken.
      const timer = replyDeadline(this.options.replyTimeoutMs, () => {
        this.pending = undefined;
        // A late reply would be taken for the next command's; start over on a fresh session.
        void this.close();
        reject(new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `${this.where} did not answer ${cmd.command} within ${this.options.replyTimeoutMs} ms`));
      });
      this.pending = { command: cmd.command, resolve, reject, timer };
      this.lastActivity = Date.now();
      this.options.log.debug({ line: line.slice(auth ? 32 : 0).trim() }, 'pjlink send');
      this.transport.write(Buffer.from(line, 'latin1')).catch((err: unknown) => this.settle(undefined, toOffline(err, this.where)));
    });
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    // Closed while still waiting for the greeting (the driver was stopped): say so now, not at the timeout.
    this.greetingWaiter?.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.where} connection closed before its PJLink greeting`));
    this.greetingWaiter = undefined;
    this.settle(undefined, this.lostAfterSend('the connection was closed'));
    await this.transport.close();
  }

  private get where(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  private onData(chunk: Buffer): void {
    this.lastActivity = Date.now();
    const discardedBefore = this.framer.discarded;
    const lines = this.framer.push(chunk);
    if (this.framer.discarded !== discardedBefore && this.pending) {
      // An overlong line is no PJLink reply: say so now rather than wait for the timeout.
      this.settle(undefined, new RoomctlError('ROOMCTL_E_PROTOCOL', `${this.where} sent a line longer than any PJLink reply`));
      void this.close();
      return;
    }
    for (const line of lines) {
      if (line === '') continue;
      if (this.greetingWaiter) {
        const waiter = this.greetingWaiter;
        this.greetingWaiter = undefined;
        waiter.resolve(line);
      } else {
        this.onLine(line);
      }
    }
  }

  private onLine(line: string): void {
    const pending = this.pending;
    if (!pending) {
      // TCP replies only ever answer a command; a stray line is logged, not trusted.
      this.options.log.warn({ line: line.slice(0, 80) }, 'pjlink line with no command in flight, ignored');
      return;
    }
    const response = parseResponse(line);
    if (response.kind === 'auth-failed') {
      this.settle(undefined, new RoomctlError('ROOMCTL_E_DEVICE_AUTH', `${this.where} refused the PJLink password (PJLINK ERRA)`));
      void this.close();
    } else if (response.kind === 'invalid' || response.command !== pending.command) {
      this.settle(undefined, new RoomctlError('ROOMCTL_E_PROTOCOL', `${this.where} answered ${pending.command} with ${JSON.stringify(line.slice(0, 60))}`));
      void this.close();
    } else {
      this.options.log.debug({ line }, 'pjlink reply');
      this.settle(response);
    }
  }

  private onClose(): void {
    if (this.closedByUs) return;
    const midCommand = this.pending !== undefined;
    this.greetingWaiter?.reject(new RoomctlError('ROOMCTL_E_CONNECT_FAILED', `${this.where} closed the connection before its PJLink greeting`));
    this.greetingWaiter = undefined;
    this.settle(undefined, this.lostAfterSend(`${this.where} closed the connection`));
    this.emit('close', { midCommand });
  }

  /** The command in flight was written: the display may have carried it out. Sent, outcome unknown. */
  private lostAfterSend(how: string): RoomctlError | undefined {
    const pending = this.pending;
    if (!pending) return undefined;
    return new RoomctlError(
      'ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN',
      `${pending.command} was sent to ${this.where} but ${how} before it answered: sent, outcome unknown`,
      { command: pending.command },
    );
  }

  private settle(reply: PjlinkReply | undefined, error?: RoomctlError): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    pending.timer.cancel();
    if (error) pending.reject(error);
    else pending.resolve(reply!);
  }

  private withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
    return withinReplyDeadline(promise, this.options.replyTimeoutMs, () => new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', message));
  }
}

/** A display's error reply keeps the link; it becomes the coded error the caller sees. */
export function checkReply(reply: PjlinkReply, cmd: Pick<PjlinkCommand, 'command'>): PjlinkReply {
  if (reply.kind !== 'error') return reply;
  const details = { command: cmd.command, reply: reply.error };
  switch (reply.error) {
    case 'ERR1':
      throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `the display does not support ${cmd.command}`, details);
    case 'ERR2':
      throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `the display refused the parameter of ${cmd.command}`, details);
    case 'ERR3':
      throw new RoomctlError('ROOMCTL_E_DEVICE_BUSY', `the display cannot take ${cmd.command} right now (warming up, cooling down or standby)`, details);
    case 'ERR4':
      throw new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `device failure: the display reported an error running ${cmd.command}`, details);
  }
}

function toOffline(err: unknown, where: string): RoomctlError {
  if (err instanceof RoomctlError) return err;
  return new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${where}: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
}
