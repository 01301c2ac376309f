import { type ActionHandlers, runAction } from '../core/action-handlers.js';
import type { QsysCapabilities } from './qsys-capabilities.js';
import { systemClock, type Clock, type ClockTimer } from '../core/clock.js';
import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { replyDeadline, withinReplyDeadline, type ReplyDeadline } from '../core/reply-deadline.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import type { LinkOptions, Transport } from '../transports/transport.js';
import { QRC_MAX_MESSAGE, QRC_PORT, encodeQrc, parseChanges, parseQrcMessage, type QrcControl, type QrcMessage } from './qrc-codec.js';
import { qrcError } from './qrc-errors.js';

export interface QsysControlRef {
  component: string;
  control: string;
}

export interface QsysDriverOptions extends LinkOptions {
  host: string;
  port?: number;
  user?: string;
  password?: string;
  /** The control that is the room mute (a Mute or Gain component's `mute`). */
  muteControl?: QsysControlRef;
  /** Further controls the panel follows through the change group. */
  follow?: QsysControlRef[];
  /** NoOp interval; the Core drops a session silent for 60 s. Default 30 s. */
  keepAliveMs?: number;
  /** ChangeGroup.AutoPoll rate in ms. Default 200. */
  pollRateMs?: number;
  clock?: Clock;
}

const GROUP_ID = 'roomctl';

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(error: RoomctlError): void;
  timer: ReplyDeadline;
}

/**
 * Q-SYS QRC. The Core speaks first (EngineStatus), then we log on when the config has a user,
 * build one change group with AutoPoll for everything the room follows, and send NoOp well
 * inside the Core's 60 s idle limit. Requests are matched by id, so several may be in flight.
 */
export class QsysDriver implements DeviceDriver {
  private transport: Transport | undefined;
  private readonly framer = new DelimiterFramer(0, QRC_MAX_MESSAGE);
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private keepAlive: ClockTimer | undefined;
  private engine: { resolve(status: Record<string, unknown>): void } | undefined;
  private stopped = true;
  private readonly clock: Clock;
  private readonly controls: Record<string, unknown> = {};

  constructor(
    private readonly options: QsysDriverOptions,
    private readonly ctx: DriverContext,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  private get where(): string {
    return `${this.options.host}:${this.options.port ?? QRC_PORT}`;
  }

  async connect(): Promise<void> {
    const { host, port = QRC_PORT, connectTimeoutMs = 3000, user, password } = this.options;
    this.stopped = false;
    this.framer.reset();
    const transport = this.options.transportFactory?.() ?? new TcpTransport({ host, port, connectTimeoutMs });
    const engine = new Promise<Record<string, unknown>>((resolve) => (this.engine = { resolve }));
    transport.on('data', (chunk: Buffer) => this.onData(chunk));
    transport.on('close', (err: Error | undefined) => this.onClose(transport, err));
    await transport.open();
    this.transport = transport;
    try {
      const status = await this.within(engine, connectTimeoutMs, `${this.where} sent no EngineStatus; is it a Q-SYS Core with QRC on port ${port}?`);
      this.ctx.publishState({ engine: { state: status.State, design: status.DesignName, platform: status.Platform } });
      if (status.State === 'Standby') this.ctx.setCondition({ degraded: true, detail: 'the Core is on standby' });
      if (user !== undefined || password !== undefined) await this.call('Logon', { User: user ?? '', Password: password ?? '' });
      // The backup Core of a redundant pair answers only StatusGet: it is there (degraded), and
      // the change group is built when it becomes the active one (see probe).
      this.changeGroupPending = true;
      if (status.State !== 'Standby') await this.buildChangeGroup();
    } catch (err) {
      await this.disconnect();
      throw err;
    }
    this.keepAlive = this.clock.every(this.options.keepAliveMs ?? 30_000, () => {
      this.call('NoOp', {}).catch((err: unknown) => this.ctx.log.debug({ err: String(err) }, 'qrc NoOp failed'));
    });
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    this.keepAlive?.cancel();
    this.keepAlive = undefined;
    const transport = this.transport;
    this.transport = undefined;
    this.failAll(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', 'the Q-SYS driver is disconnected'));
    await transport?.close();
  }

  async probe(): Promise<void> {
    const status = (await this.call('StatusGet', {})) as { State?: string };
    this.ctx.setCondition(status.State === 'Standby' ? { degraded: true, detail: 'the Core is on standby' } : { degraded: false });
    if (status.State !== 'Standby' && this.changeGroupPending) await this.buildChangeGroup();
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<QsysCapabilities> = {
    mute: async (params) => {
      const ref = this.options.muteControl;
      if (!ref) throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', 'this Core has no `muteControl` in the config, so it cannot follow the room mute');
      const on = Boolean(params.on);
      await this.call('Component.Set', { Name: ref.component, Controls: [{ Name: ref.control, Value: on ? 1 : 0 }] });
      this.ctx.publishState({ mute: on });
      return { mute: on };
    },
    'component.get': async (params) => this.call('Component.Get', { Name: params.name, Controls: (params.controls as string[]).map((Name) => ({ Name })) }),
    'component.set': async (params) => {
      const controls = (params.controls as Array<{ name: string; value: number; ramp?: number }>).map((c) => ({
        Name: c.name,
        Value: c.value,
        ...(c.ramp !== undefined ? { Ramp: c.ramp } : {}),
      }));
      await this.call('Component.Set', { Name: params.name, Controls: controls });
      return { ok: true };
    },
    'mixer.inputMute': async (params) => {
      await this.call('Mixer.SetInputMute', { Name: params.name, Inputs: params.inputs, Mute: Boolean(params.on) });
      return { mute: Boolean(params.on) };
    },
  };

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    return runAction(this.handlers, action, params, 'qsys-qrc');
  }

  /** One group for everything followed; AutoPoll makes the Core push changes as they happen. */
  /** True until the change group is built on this session (a standby Core waits for its turn). */
  private changeGroupPending = false;

  private async buildChangeGroup(): Promise<void> {
    this.changeGroupPending = false;
    const refs = [...(this.options.muteControl ? [this.options.muteControl] : []), ...(this.options.follow ?? [])];
    if (refs.length === 0) return;
    const byComponent = new Map<string, string[]>();
    for (const r of refs) byComponent.set(r.component, [...(byComponent.get(r.component) ?? []), r.control]);
    for (const [Name, controls] of byComponent) {
      await this.call('ChangeGroup.AddComponentControl', { Id: GROUP_ID, Component: { Name, Controls: controls.map((c) => ({ Name: c })) } });
    }
    const first = (await this.call('ChangeGroup.AutoPoll', { Id: GROUP_ID, Rate: (this.options.pollRateMs ?? 200) / 1000 })) as { Changes?: unknown };
    this.applyChanges(parseChanges(first));
  }

  call(method: string, params: unknown): Promise<unknown> {
    const transport = this.transport;
    if (!transport || this.stopped) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.where} is not connected`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.replyTimeoutMs ?? 3000;
      // Counted in time the room was listening (reply-deadline.ts): a reply that came while the room was held up is taken.
      const timer = replyDeadline(timeoutMs, () => {
        this.pending.delete(id);
        reject(new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `${this.where} did not answer ${method} within ${timeoutMs} ms`));
      });
      this.pending.set(id, { method, resolve, reject, timer });
      transport
        .write(encodeQrc({ id, method, params }))
        .catch((err: unknown) => this.settle(id, undefined, new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', String(err))));
    });
  }

  private onData(chunk: Buffer): void {
    for (const raw of this.framer.push(chunk)) {
      const message = parseQrcMessage(raw.toString('utf8'));
      this.onMessage(message);
    }
  }

  private onMessage(message: QrcMessage): void {
    switch (message.kind) {
      case 'notification':
        if (message.method === 'EngineStatus' && typeof message.params === 'object' && message.params !== null) {
          const status = message.params as Record<string, unknown>;
          if (this.engine) this.engine.resolve(status);
          else this.ctx.publishState({ engine: { state: status.State, design: status.DesignName, platform: status.Platform } });
        } else if (message.method === 'ChangeGroup.Poll') {
          this.applyChanges(parseChanges(message.params));
        }
        return;
      case 'response':
        if (typeof message.id === 'number') this.settle(message.id, message.result);
        return;
      case 'error': {
        const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
        if (pending) this.settle(message.id as number, undefined, qrcError(pending.method, message.code, message.message));
        else this.ctx.log.warn({ code: message.code, message: message.message }, 'qrc error for no request');
        return;
      }
      case 'invalid':
        this.ctx.log.warn({ text: message.text, reason: message.reason }, 'qrc message ignored');
        return;
      case 'request':
        return; // the Core never asks us anything
    }
  }

  private applyChanges(changes: QrcControl[]): void {
    if (changes.length === 0) return;
    const ref = this.options.muteControl;
    const patch: Record<string, unknown> = {};
    for (const c of changes) {
      const value = typeof c.Value === 'boolean' ? Number(c.Value) : c.Value;
      this.controls[`${c.Component ?? '?'}/${c.Name}`] = value;
      if (ref && c.Component === ref.component && c.Name === ref.control) patch.mute = Number(value) !== 0;
    }
    this.ctx.publishState({ ...patch, controls: { ...this.controls } });
  }

  private settle(id: number, result: unknown, error?: RoomctlError): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.timer.cancel();
    if (error) pending.reject(error);
    else pending.resolve(result);
  }

  private failAll(error: RoomctlError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, undefined, error);
  }

  private onClose(transport: Transport, err: Error | undefined): void {
    if (this.transport !== transport) return;
    this.transport = undefined;
    this.keepAlive?.cancel();
    const error = new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.where} closed the QRC session${err ? `: ${err.message}` : ''}`);
    this.failAll(error);
    if (!this.stopped) this.ctx.linkLost(error);
  }

  private async within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
    try {
      return await withinReplyDeadline(promise, ms, () => new RoomctlError('ROOMCTL_E_PROTOCOL', message));
    } finally {
      this.engine = undefined;
    }
  }
}
