import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import type { MatchResult } from '../transports/request-queue.js';
import { RequestReplyLink } from '../transports/request-reply-link.js';
import { SerialTransport } from '../transports/serial-transport.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import type { Transport } from '../transports/transport.js';
import { MDC_COMMANDS, MDC_INPUTS, MDC_PORT, MdcFrameParser, encodeMdc, inputName, parseStatus, type MdcFrame, type MdcInput } from './mdc-codec.js';

export interface MdcDriverOptions {
  host?: string;
  port?: number;
  serialPort?: string;
  baudRate?: number;
  /** Display ID set in the display's menu (0..253). */
  displayId?: number;
  connectTimeoutMs?: number;
  replyTimeoutMs?: number;
  transportFactory?: () => Transport;
}

type Ack = Extract<MdcFrame, { kind: 'ack' }>;

/**
 * Samsung MDC over RS-232 or TCP 1515. Strict request/reply: each command waits for the ACK or
 * NAK of the same command from the same display. A NAK is the display refusing (standby,
 * value out of range) and keeps the link; a closed line is a lost link.
 */
export class MdcDriver implements DeviceDriver {
  private readonly parser = new MdcFrameParser();
  private readonly link: RequestReplyLink<MdcFrame>;
  private readonly id: number;
  private readonly where: string;

  constructor(private readonly options: MdcDriverOptions, private readonly ctx: DriverContext) {
    this.id = options.displayId ?? 0;
    this.where = options.serialPort ?? `${options.host}:${options.port ?? MDC_PORT}`;
    this.link = new RequestReplyLink(
      {
        where: this.where,
        replyTimeoutMs: options.replyTimeoutMs ?? 2000,
        disconnectedMessage: 'the MDC driver is disconnected',
        notOpenMessage: `${this.where} is not connected`,
        onData: (chunk) => this.onData(chunk),
      },
      ctx,
    );
  }

  async connect(): Promise<void> {
    const { host, port = MDC_PORT, serialPort, baudRate = 9600, connectTimeoutMs = 3000 } = this.options;
    if (!host && !serialPort) throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', 'a samsung-mdc device needs `host` (TCP 1515) or `serialPort` (RS-232)');
    this.parser.reset();
    const transport = this.options.transportFactory?.() ?? (serialPort ? new SerialTransport({ path: serialPort, baudRate }) : new TcpTransport({ host: host!, port, connectTimeoutMs }));
    await this.link.connect(transport, () => this.readStatus());
  }

  async disconnect(): Promise<void> {
    await this.link.disconnect();
  }

  async probe(): Promise<void> {
    await this.readStatus();
  }

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    switch (action) {
      case 'power': {
        const ack = await this.send(MDC_COMMANDS.power, [params.on ? 1 : 0]);
        this.ctx.publishState({ power: ack.values[0] === 1 ? 'on' : 'standby' });
        return { power: ack.values[0] === 1 ? 'on' : 'standby' };
      }
      case 'input': {
        const name = String(params.input) as MdcInput;
        const code = MDC_INPUTS[name];
        if (code === undefined) throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `${JSON.stringify(params.input)} is not a Samsung input (${Object.keys(MDC_INPUTS).join(', ')})`);
        const ack = await this.send(MDC_COMMANDS.input, [code]);
        const input = inputName(ack.values[0] ?? -1) ?? name;
        this.ctx.publishState({ input });
        return { input };
      }
      case 'volume': {
        const ack = await this.send(MDC_COMMANDS.volume, [Math.round(Number(params.level))]);
        this.ctx.publishState({ volume: ack.values[0] });
        return { volume: ack.values[0] };
      }
      case 'mute': {
        const ack = await this.send(MDC_COMMANDS.mute, [params.on ? 1 : 0]);
        const mute = ack.values[0] === 1;
        this.ctx.publishState({ mute });
        return { mute };
      }
      case 'status':
        return this.readStatus();
      default:
        throw new RoomctlError('ROOMCTL_E_ACTION_NOT_FOUND', `samsung-mdc has no action ${JSON.stringify(action)}`);
    }
  }

  private async readStatus(): Promise<unknown> {
    const ack = await this.send(MDC_COMMANDS.status, []);
    const status = parseStatus(ack.values);
    if (!status) throw new RoomctlError('ROOMCTL_E_PROTOCOL', `${this.where} sent a status that makes no sense: ${ack.values.join(' ')}`);
    const view = { power: status.power ? 'on' : 'standby', volume: status.volume, mute: status.mute, input: status.input ?? null };
    this.ctx.publishState(view);
    return view;
  }

  private async send(cmd: number, data: number[]): Promise<Ack> {
    const bytes = encodeMdc(cmd, this.id, data);
    const match = (frame: MdcFrame): MatchResult => {
      if (frame.id !== this.id || frame.kind === 'command' || frame.cmd !== cmd) return false;
      if (frame.kind === 'nak') {
        const why = frame.error === 0x01 ? 'not available now (standby or warming up?)' : frame.error === 0x02 ? 'value out of range' : `error 0x${frame.error.toString(16)}`;
        const code = frame.error === 0x02 ? 'ROOMCTL_E_ACTION_PARAMS' : 'ROOMCTL_E_DEVICE_REJECTED';
        return { error: new RoomctlError(code, `the display refused command 0x${cmd.toString(16)} (NAK): ${why}`, { command: cmd, nak: frame.error }) };
      }
      return { done: true };
    };
    return (await this.link.request(bytes, match, `MDC 0x${cmd.toString(16)}`)) as Ack;
  }

  private onData(chunk: Buffer): void {
    const before = this.parser.rejected;
    for (const frame of this.parser.push(chunk)) this.link.queue.offer(frame);
    if (this.parser.rejected !== before) this.ctx.log.warn({ rejected: this.parser.rejected - before }, 'MDC bytes that were no frame, skipped');
  }
}
