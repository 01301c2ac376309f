import type { ActionHandlers } from '../core/action-handlers.js';
import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { replyDeadline, type ReplyDeadline } from '../core/reply-deadline.js';
import type { MatchResult } from '../transports/request-queue.js';
import { RequestReplyDriver } from '../transports/request-reply-driver.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import type { LinkOptions } from '../transports/transport.js';
import { EXTRON_MAX_LINE, EXTRON_SIS_PORT, PASSWORD_PROMPT, parseSisLine, SIS, type SisLine } from './extron-sis-codec.js';
import type { ExtronSisCapabilities } from './extron-sis-capabilities.js';

export interface ExtronSisDriverOptions extends LinkOptions {
  host: string;
  port?: number;
  password?: string;
  /** Outputs the switcher has (a tie to another is refused before it is sent). */
  outputs?: number;
  /** How long after the banner's clock line a password prompt may still come (ms, default 250). */
  promptGraceMs?: number;
}

/** What the switcher sends: a response line, or the password prompt (which has no line end). */
type SisMessage = SisLine | { kind: 'password-prompt' };

/**
 * An Extron switcher over SIS on Telnet. A session starts with the switcher's banner (and its
 * password prompt when it has one); the driver logs in, asks for verbose mode 3 so ties made
 * at the front panel are told, and then sends one command at a time, each settled by its own
 * answer. An `Exx` answer refuses that command and keeps the link; bytes that are no SIS line
 * drop it.
 */
export class ExtronSisDriver extends RequestReplyDriver<SisMessage> {
  private pending = '';
  private greeting: { copyright: boolean; done: (prompted: boolean) => void; grace?: ReplyDeadline } | undefined;

  constructor(
    private readonly options: ExtronSisDriverOptions,
    ctx: DriverContext,
  ) {
    const where = `${options.host}:${options.port ?? EXTRON_SIS_PORT}`;
    super(ctx, { driver: 'extron-sis', name: 'the Extron SIS driver', where, replyTimeoutMs: options.replyTimeoutMs ?? 3000 });
  }

  /** One handler per action the definition declares, each with its params' own type. */
  readonly handlers: ActionHandlers<ExtronSisCapabilities> = {
    input: async ({ input }) => {
      const n = Number(input);
      await this.command(SIS.selectInput(n), (l) => l.kind === 'all' && l.input === n, `input ${n} to every output`);
      this.ctx.publishState({ input, ties: this.allOutputs(n) });
      return { input };
    },
    tie: async ({ input, output }) => {
      const outputs = this.options.outputs ?? 1;
      if (output > outputs)
        throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `output ${output} is out of range: the config gives this switcher ${outputs} output(s)`, {
          allowed: `1..${outputs}`,
        });
      await this.command(SIS.tie(input, output), (l) => l.kind === 'tie' && l.input === input && l.output === output, `tie input ${input} to output ${output}`);
      this.tied(output, input);
      return { output, input };
    },
    status: () => this.readStatus(),
  };

  async connect(): Promise<void> {
    this.pending = '';
    const transport =
      this.options.transportFactory?.() ??
      new TcpTransport({ host: this.options.host, port: this.options.port ?? EXTRON_SIS_PORT, connectTimeoutMs: this.options.connectTimeoutMs ?? 3000 });
    const greeted = new Promise<boolean>((resolve) => (this.greeting = { copyright: false, done: resolve }));
    await this.link.connect(transport, () => this.start(greeted));
  }

  override async disconnect(): Promise<void> {
    this.greeting?.grace?.cancel();
    this.greeting = undefined;
    await super.disconnect();
  }

  /** Watchdog, and the keep-alive the switcher's Telnet port timeout (5 minutes by default) needs. */
  async probe(): Promise<void> {
    await this.ask(SIS.firmware, 'version', 'the firmware version (Q)');
  }

  /** Banner, login, verbose mode, then what the switcher is. */
  private async start(greeted: Promise<boolean>): Promise<void> {
    const timeoutMs = this.options.replyTimeoutMs ?? 3000;
    // Counted in time the room was listening (reply-deadline.ts): a banner that came while the room was held up is taken.
    let deadline: ReplyDeadline | undefined;
    const late = new Promise<'late'>((resolve) => (deadline = replyDeadline(timeoutMs, () => resolve('late'))));
    const prompted = await Promise.race([greeted, late]).finally(() => deadline?.cancel());
    // A banner without the clock line still opens the session; no banner at all is no Extron switcher.
    this.greeting?.grace?.cancel();
    if (prompted === 'late' && !this.greeting?.copyright)
      throw new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `${this.where} sent no Extron banner within ${timeoutMs} ms`);
    this.greeting = undefined;
    if (prompted === true) await this.login();
    const verbose = await this.exchange(SIS.verboseMode(3), (l) => l.kind === 'verbose' || l.kind === 'error', 'verbose mode 3');
    // Small switchers have no verbose mode (E10): ties then show only when the room makes them.
    this.ctx.publishState({ verbose: verbose.kind === 'verbose' });
    await this.readStatus();
  }

  private async login(): Promise<void> {
    const password = this.options.password;
    if (!password) throw new RoomctlError('ROOMCTL_E_DEVICE_AUTH', `${this.where} asks for a password; set \`password\` in the config`);
    const answer = await this.exchange(`${password}\r`, (l) => l.kind === 'login' || l.kind === 'password-prompt', 'the password');
    if (answer.kind === 'password-prompt') throw new RoomctlError('ROOMCTL_E_DEVICE_AUTH', `${this.where} refused the password in the config (it asked again)`);
    this.ctx.publishState({ login: answer.kind === 'login' ? answer.level : undefined });
  }

  private async readStatus(): Promise<Record<string, unknown>> {
    const firmware = await this.ask(SIS.firmware, 'version', 'the firmware version (Q)');
    const partNumber = await this.ask(SIS.partNumber, 'part-number', 'the part number (N)');
    const size = await this.ask(SIS.information, 'size', 'its size (I)');
    const view = { firmware: firmware.version, partNumber: partNumber.partNumber, size: { inputs: size.inputs, outputs: size.outputs } };
    this.ctx.publishState(view);
    return view;
  }

  private async ask<K extends SisLine['kind']>(command: string, kind: K, what: string): Promise<Extract<SisLine, { kind: K }>> {
    const answer = await this.command(command, (l) => l.kind === kind, what);
    return answer as Extract<SisLine, { kind: K }>;
  }

  /** A command whose answer `isAnswer` recognises; an `Exx` answer refuses it, with its meaning. */
  private async command(command: string, isAnswer: (line: SisLine) => boolean, what: string): Promise<SisMessage> {
    const refusal = (l: SisMessage): MatchResult => {
      if (l.kind !== 'error') return false;
      return { error: new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `${this.where} refused ${what}: ${l.code} (${l.meaning})`, { code: l.code }) };
    };
    return this.link.request(Buffer.from(command, 'latin1'), (l) => (l.kind !== 'password-prompt' && isAnswer(l) ? { done: true } : refusal(l)), what);
  }

  private exchange(command: string, isAnswer: (message: SisMessage) => boolean, what: string): Promise<SisMessage> {
    return this.link.request(Buffer.from(command, 'latin1'), (m) => (isAnswer(m) ? { done: true } : false), what);
  }

  protected onData(chunk: Buffer): void {
    this.pending += chunk.toString('latin1');
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.onLine(line.replace(/\r$/, ''));
    if (this.pending.trim() === PASSWORD_PROMPT) {
      this.pending = '';
      this.onMessage({ kind: 'password-prompt' });
    } else if (this.pending.length > EXTRON_MAX_LINE || /[^\x20-\x7e\r]/.test(this.pending)) this.incoherent(this.pending);
  }

  private onLine(text: string): void {
    if (!text.trim()) return;
    const line = parseSisLine(text);
    if (line.kind === 'unknown' && /[^\x20-\x7e]/.test(text)) return this.incoherent(text);
    this.onMessage(line);
  }

  private onMessage(message: SisMessage): void {
    const greeting = this.greeting;
    if (greeting) {
      if (message.kind === 'copyright') {
        greeting.copyright = true;
        this.ctx.publishState({ model: message.model });
      } else if (message.kind === 'date' && greeting.copyright) {
        // A protected switcher sends its prompt right after the clock line; an open one sends nothing more.
        // A reply deadline: a prompt that came while the room was held up is read before the room decides there was none.
        greeting.grace ??= replyDeadline(this.options.promptGraceMs ?? 250, () => greeting.done(false));
      } else if (message.kind === 'password-prompt') {
        greeting.grace?.cancel();
        greeting.done(true);
      }
      return;
    }
    if (this.link.queue.offer(message)) return;
    // News: a tie made at the front panel (verbose mode); anything else unasked is only logged.
    if (message.kind === 'tie') this.tied(message.output, message.input);
    else if (message.kind === 'all') this.ctx.publishState({ input: String(message.input), ties: this.allOutputs(message.input) });
    else this.ctx.log.debug({ message }, 'unasked SIS line');
  }

  private ties: Record<string, number> = {};

  private tied(output: number, input: number): void {
    this.ties = { ...this.ties, [output]: input };
    this.ctx.publishState({ ties: this.ties });
  }

  private allOutputs(input: number): Record<string, number> {
    this.ties = Object.fromEntries(Array.from({ length: this.options.outputs ?? 1 }, (_, i) => [String(i + 1), input]));
    return this.ties;
  }

  private incoherent(text: string): void {
    // Out of step with the switcher: answers can no longer be matched to commands.
    this.pending = '';
    this.ctx.linkLost(new RoomctlError('ROOMCTL_E_PROTOCOL', `${this.where} sent ${JSON.stringify(text.slice(0, 40))}, which is no SIS line`));
    void this.link.disconnect();
  }
}
