import { EventEmitter } from 'node:events';
import type { DeviceDriver, DeviceStatus, DriverContext, DriverLogger } from '../../drivers/core/definition.js';
import { RoomctlError, toRoomctlError } from '../../drivers/core/errors.js';
import { Backoff } from './backoff.js';

export interface SupervisedStatus {
  status: DeviceStatus;
  since: Date;
  detail: string | null;
}

/** One exchange with the device, timed by the host (the health metrics' reply time). */
export interface ReplyTiming {
  kind: 'probe' | 'action';
  ms: number;
  ok: boolean;
}

export interface SupervisorOptions {
  deviceId: string;
  log: DriverLogger;
  createDriver(ctx: DriverContext): DeviceDriver;
  probeIntervalMs: number;
  probeTimeoutMs?: number;
  backoff?: Backoff;
}

/**
 * Keeps one device connected: connect, watch, reconnect with backoff. Nothing a driver or a
 * device does escapes it: every failure becomes a status with a detail.
 * Events: 'status' (SupervisedStatus), 'state' (Record<string, unknown>),
 * 'reply' (ReplyTiming: how long the device took to answer a probe or an action).
 */
export class DeviceSupervisor extends EventEmitter {
  readonly deviceId: string;
  private driver: DeviceDriver | undefined;
  private current: SupervisedStatus = { status: 'connecting', since: new Date(), detail: null };
  private condition: { degraded: boolean; detail?: string } = { degraded: false };
  private state: Record<string, unknown> = {};
  private statePending = false;
  private running = false;
  private generation = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;

  constructor(private readonly options: SupervisorOptions) {
    super();
    this.deviceId = options.deviceId;
    this.backoff = options.backoff ?? new Backoff();
  }

  get status(): SupervisedStatus {
    return this.current;
  }

  get lastState(): Record<string, unknown> {
    return this.state;
  }

  /** The driver, when connected; commands go through `execute`. */
  get connected(): boolean {
    return this.current.status === 'ok' || this.current.status === 'degraded';
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    clearTimeout(this.retryTimer);
    clearInterval(this.probeTimer);
    const driver = this.driver;
    this.driver = undefined;
    await driver?.disconnect().catch(() => undefined);
  }

  /**
   * Drops the link and connects again now (the admin view's "restart"): the old driver is
   * disconnected, backoff starts afresh, and the status goes through `connecting`.
   */
  async restart(): Promise<void> {
    if (!this.running || this.current.status === 'bad_config') return;
    this.generation++;
    clearTimeout(this.retryTimer);
    clearInterval(this.probeTimer);
    const driver = this.driver;
    this.driver = undefined;
    this.setStatus('connecting', 'restarted from the panel');
    await driver?.disconnect().catch(() => undefined);
    this.backoff.reset();
    void this.connect();
  }

  /** Marks the device as unusable because its config is wrong; no reconnects. */
  markBadConfig(detail: string): void {
    this.setStatus('bad_config', detail);
  }

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    const driver = this.driver;
    if (!driver || !this.connected) {
      throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.deviceId} is ${this.current.status}${this.current.detail ? `: ${this.current.detail}` : ''}`, {
        deviceId: this.deviceId,
        status: this.current.status,
      });
    }
    const startedAt = performance.now();
    try {
      const result = await driver.execute(action, params);
      this.emitReply('action', startedAt, true);
      return result;
    } catch (err) {
      this.emitReply('action', startedAt, false);
      throw err;
    }
  }

  private emitReply(kind: ReplyTiming['kind'], startedAt: number, ok: boolean): void {
    const timing: ReplyTiming = { kind, ms: performance.now() - startedAt, ok };
    this.emit('reply', timing);
  }

  private context(generation: number): DriverContext {
    const stale = () => generation !== this.generation;
    return {
      deviceId: this.deviceId,
      log: this.options.log,
      linkLost: (error) => {
        if (stale()) return;
        this.options.log.warn({ code: error.code, err: error.message }, 'link lost');
        this.lose(error);
      },
      setCondition: (condition) => {
        if (stale()) return;
        this.condition = condition;
        if (this.connected) this.setStatus(condition.degraded ? 'degraded' : 'ok', condition.degraded ? (condition.detail ?? 'degraded') : null);
      },
      publishState: (patch) => {
        if (stale()) return;
        this.state = { ...this.state, ...patch };
        // One 'state' per burst: a chatty device (meter samples) can publish thousands of
        // patches from one read; the room hears the last state once, right after the burst.
        if (this.statePending) return;
        this.statePending = true;
        queueMicrotask(() => {
          this.statePending = false;
          this.emit('state', this.state);
        });
      },
    };
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const generation = ++this.generation;
    if (this.current.status !== 'offline') this.setStatus('connecting', this.current.detail);
    let driver: DeviceDriver;
    try {
      driver = this.options.createDriver(this.context(generation));
      this.driver = driver;
      await driver.connect();
    } catch (err) {
      if (generation !== this.generation) return;
      const error = toRoomctlError(err, 'ROOMCTL_E_CONNECT_FAILED');
      await this.driver?.disconnect().catch(() => undefined);
      this.driver = undefined;
      this.setStatus('offline', `${error.code}: ${error.message}`);
      this.scheduleRetry();
      return;
    }
    if (generation !== this.generation) return;
    this.backoff.reset();
    this.setStatus(this.condition.degraded ? 'degraded' : 'ok', this.condition.degraded ? (this.condition.detail ?? null) : null);
    this.startProbing(generation);
  }

  private lose(error: RoomctlError): void {
    this.generation++;
    clearInterval(this.probeTimer);
    const driver = this.driver;
    this.driver = undefined;
    this.setStatus('offline', `${error.code}: ${error.message}`);
    void driver?.disconnect().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.backoff.next());
  }

  private startProbing(generation: number): void {
    const driver = this.driver;
    if (!driver?.probe) return;
    const timeoutMs = this.options.probeTimeoutMs ?? 3000;
    clearInterval(this.probeTimer);
    let probing = false;
    this.probeTimer = setInterval(() => {
      if (probing) return;
      probing = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `no answer to the watchdog probe within ${timeoutMs} ms`)), timeoutMs);
      });
      const startedAt = performance.now();
      Promise.race([driver.probe!(), timeout])
        .then(() => this.emitReply('probe', startedAt, true))
        .catch((err) => {
          this.emitReply('probe', startedAt, false);
          if (generation !== this.generation) return;
          const error = toRoomctlError(err, 'ROOMCTL_E_DEVICE_TIMEOUT');
          // A refused command keeps the link; only silence or a broken link counts as lost.
          if (error.code === 'ROOMCTL_E_DEVICE_REJECTED' || error.code === 'ROOMCTL_E_DEVICE_BUSY') return;
          this.lose(error);
        })
        .finally(() => {
          probing = false;
          clearTimeout(timer);
        });
    }, this.options.probeIntervalMs);
  }

  private setStatus(status: DeviceStatus, detail: string | null): void {
    if (this.current.status === status && this.current.detail === detail) return;
    this.current = { status, since: new Date(), detail };
    this.emit('status', this.current);
  }
}
