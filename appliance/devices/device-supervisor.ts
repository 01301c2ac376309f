import { deviceErrorLine, ROOM_DEVICE_NOTES, type DeviceError } from '../model/device-view.js';
import { TypedBus } from '../model/typed-bus.js';
import { systemClock, type ClockTimer, type DriverClock as Clock } from '../model/clock.js';
import type { DeviceDriver, DeviceStatus, DriverContext, DriverLogger } from '../../drivers/core/definition.js';
import { RoomctlError, toRoomctlError } from '../../drivers/core/errors.js';
import { AuthBackoff, Backoff } from './backoff.js';
import { ReplyPace } from './reply-pace.js';
import { watchRoomStalls, type StallWatch } from './room-stalls.js';
import { probeTimedBySilence } from './silence-timed-probe.js';

export interface SupervisedStatus {
  status: DeviceStatus;
  since: Date;
  /** The line a person reads (the room's API and panel): for a failure, the code and the message. */
  detail: string | null;
  /** The coded error behind an offline or auth-failed status, kept apart for health, MQTT and the fleet. */
  error: DeviceError | null;
}

/** One exchange with the device, timed by the host (the health metrics' reply time). */
export interface ReplyTiming {
  kind: 'probe' | 'action';
  ms: number;
  ok: boolean;
}

interface SupervisorOptions {
  deviceId: string;
  log: DriverLogger;
  createDriver(ctx: DriverContext): DeviceDriver;
  probeIntervalMs: number;
  /** The least time a probe may take before the device counts as silent (default 3 s); stretched to the device's measured pace. */
  probeTimeoutMs?: number;
  /** A median probe reply slower than this makes the device `degraded` (default 1 s). */
  slowReplyMs?: number;
  backoff?: Backoff;
  authBackoff?: AuthBackoff;
  /** Timers and time (tests move it by hand). */
  clock?: Clock;
}

/** Refusals that keep the link: the device answered, it just would not do it now. */
const ANSWERED = new Set(['ROOMCTL_E_DEVICE_REJECTED', 'ROOMCTL_E_DEVICE_BUSY', 'ROOMCTL_E_NOT_SUPPORTED']);

/**
 * Keeps one device connected: connect, watch, reconnect with backoff. Nothing a driver or a
 * device does escapes it: every failure becomes a status with a detail.
 *
 * It tells slow from dead: a probe's time counts only while no user action is talking to the
 * device (a probe queued behind a 20-step volume drive is not silence; an action that times
 * out in the driver is; one held waiting for the device to be ready leaves the probe to judge), its timeout stretches to the device's measured pace, and a slow device is
 * `degraded` ("answers in 1.8 s"), never offline while it answers. A device that refuses the credentials is `auth-failed` and retried
 * slowly (AuthBackoff), so it does not lock the account.
 *
 * Events: 'status' (SupervisedStatus), 'state' (Record<string, unknown>),
 * 'reply' (ReplyTiming: how long the device took to answer a probe or an action).
 */
export class DeviceSupervisor extends TypedBus<{ reply: [ReplyTiming]; state: [Record<string, unknown>]; status: [SupervisedStatus] }> {
  readonly deviceId: string;
  /** What drivers learned about the device; survives reconnects (see DriverContext.memory). */
  readonly memory: Record<string, unknown> = {};
  private driver: DeviceDriver | undefined;
  private current: SupervisedStatus = { status: 'connecting', since: new Date(), detail: null, error: null };
  private condition: { degraded: boolean; detail?: string } = { degraded: false };
  private state: Record<string, unknown> = {};
  private statePending = false;
  private running = false;
  private generation = 0;
  private retryTimer: ClockTimer | undefined;
  private probeTimer: ClockTimer | undefined;
  private readonly backoff: Backoff;
  private readonly authBackoff: AuthBackoff;
  private readonly clock: Clock;
  private readonly pace: ReplyPace;
  private actionsInFlight = 0;
  /**
   * Actions of this link held waiting for the device to be ready (DriverContext.held): they are
   * not talking, so they do not stop the probe's clock. Emptied with each new link.
   */
  private readonly holds = new Set<object>();
  /** When an action last started or ended, or a hold began or ended: probe silence is counted from here at the earliest. */
  private lastActionEdge = 0;

  constructor(private readonly options: SupervisorOptions) {
    super();
    this.deviceId = options.deviceId;
    this.backoff = options.backoff ?? new Backoff();
    this.authBackoff = options.authBackoff ?? new AuthBackoff();
    this.clock = options.clock ?? systemClock;
    this.pace = new ReplyPace(options.probeTimeoutMs ?? 3000, options.slowReplyMs ?? 1000);
  }

  get status(): SupervisedStatus {
    return this.current;
  }

  get lastState(): Record<string, unknown> {
    return this.state;
  }

  /** The probe timeout in force now (the floor, stretched to the device's pace). */
  get probeTimeoutMs(): number {
    return this.pace.timeoutMs;
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
    this.retryTimer?.cancel();
    this.probeTimer?.cancel();
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
    this.holds.clear();
    this.retryTimer?.cancel();
    this.probeTimer?.cancel();
    const driver = this.driver;
    this.driver = undefined;
    this.setStatus('connecting', ROOM_DEVICE_NOTES.restarted);
    await driver?.disconnect().catch(() => undefined);
    this.backoff.reset();
    this.authBackoff.reset();
    void this.connect();
  }

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    const driver = this.driver;
    if (this.current.status === 'auth-failed') {
      // Not "check its cable": the device is there and answering, it refuses the password.
      throw new RoomctlError(
        'ROOMCTL_E_DEVICE_AUTH',
        `${this.deviceId}: wrong password — the device refuses the credentials in the config${this.current.detail ? ` (${this.current.detail})` : ''}`,
        {
          deviceId: this.deviceId,
          status: this.current.status,
        },
      );
    }
    if (!driver || !this.connected) {
      throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.deviceId} is ${this.current.status}${this.current.detail ? `: ${this.current.detail}` : ''}`, {
        deviceId: this.deviceId,
        status: this.current.status,
      });
    }
    const startedAt = this.clock.now();
    const generation = this.generation;
    this.actionsInFlight++;
    this.lastActionEdge = startedAt;
    try {
      const result = await driver.execute(action, params);
      this.emitReply('action', startedAt, true);
      return result;
    } catch (err) {
      this.emitReply('action', startedAt, false);
      // The probe clock stands still during an action, so the action is the watchdog then: a
      // device that let one of its exchanges pass the driver's reply timeout is silent, not
      // slow (a slow one answers well inside it). Unreported, the driver's next exchange would
      // open a fresh session and the silence would never show.
      if (isSilence(err) && generation === this.generation && this.connected) this.lose(err);
      throw err;
    } finally {
      this.actionsInFlight--;
      this.lastActionEdge = this.clock.now();
    }
  }

  /** `roomStalledMs`: how long a stall of the room's own process kept the answer unread (not the device's time). */
  private emitReply(kind: ReplyTiming['kind'], startedAt: number, ok: boolean, roomStalledMs = 0): void {
    const timing: ReplyTiming = { kind, ms: Math.max(0, this.clock.now() - startedAt - roomStalledMs), ok };
    this.emit('reply', timing);
  }

  private context(generation: number): DriverContext {
    const stale = () => generation !== this.generation;
    return {
      deviceId: this.deviceId,
      log: this.options.log,
      memory: this.memory,
      linkLost: (error) => {
        if (stale()) return;
        this.options.log.warn({ code: error.code, err: error.message }, 'link lost');
        this.lose(error);
      },
      setCondition: (condition) => {
        if (stale()) return;
        this.condition = condition;
        this.showHealth();
      },
      held: async (wait) => {
        if (stale()) return wait();
        // The device just answered "not now", and will answer the recheck: both are signs of life.
        const hold = {};
        this.holds.add(hold);
        this.lastActionEdge = this.clock.now();
        try {
          return await wait();
        } finally {
          if (this.holds.delete(hold)) this.lastActionEdge = this.clock.now();
        }
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
    this.holds.clear();
    // While offline or refused, each attempt keeps that status: no flicker through `connecting`.
    if (this.current.status !== 'offline' && this.current.status !== 'auth-failed') this.setStatus('connecting', this.current.detail, this.current.error);
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
      this.failed(error);
      return;
    }
    if (generation !== this.generation) return;
    this.backoff.reset();
    this.authBackoff.reset();
    this.showHealth(true);
    this.startProbing(generation, driver);
  }

  private lose(error: RoomctlError): void {
    this.generation++;
    this.holds.clear();
    this.probeTimer?.cancel();
    const driver = this.driver;
    this.driver = undefined;
    void driver?.disconnect().catch(() => undefined);
    this.failed(error);
  }

  private failed(error: RoomctlError): void {
    const auth = error.code === 'ROOMCTL_E_DEVICE_AUTH';
    const cause: DeviceError = { code: error.code, message: error.message };
    // A config the schema let through but the driver cannot use (an MDC display with neither
    // host nor serial port, two cameras claiming one VISCA address): retrying cannot mend it,
    // only a corrected config can (a reload starts the room again).
    if (error.code === 'ROOMCTL_E_CONFIG_INVALID') {
      this.options.log.warn({ code: error.code, err: error.message }, 'the device config cannot work; not retrying until the config is corrected');
      this.setStatus('bad_config', deviceErrorLine(cause), cause);
      return;
    }
    this.setStatus(auth ? 'auth-failed' : 'offline', deviceErrorLine(cause), cause);
    if (!this.running) return;
    this.retryTimer?.cancel();
    const delay = auth ? this.authBackoff.next() : this.backoff.next();
    if (auth) this.options.log.warn({ retryInMs: delay }, 'device refused the credentials; retrying slowly so it does not lock the account');
    this.retryTimer = this.clock.after(delay, () => void this.connect());
  }

  /** `ok`, or `degraded` with the driver's condition and/or the device's slowness in words. */
  private showHealth(afterConnect = false): void {
    if (!this.connected && !afterConnect) return;
    const reasons = [this.condition.degraded ? (this.condition.detail ?? 'degraded') : undefined, this.pace.slowDetail].filter(
      (r): r is string => r !== undefined,
    );
    this.setStatus(reasons.length ? 'degraded' : 'ok', reasons.length ? reasons.join('; ') : null);
  }

  private startProbing(generation: number, driver: DeviceDriver): void {
    if (!driver.probe) return;
    this.probeTimer?.cancel();
    let probing = false;
    this.probeTimer = this.clock.every(this.options.probeIntervalMs, () => {
      if (probing) return;
      probing = true;
      const startedAt = this.clock.now();
      const stalls = this.watchStalls();
      this.probeOnce(driver)
        .then(({ heldUp }) => {
          const stalledMs = stalls.stop();
          this.emitReply('probe', startedAt, true, stalledMs);
          if (generation !== this.generation) return;
          // The device's own reply time: from the probe's start or the last action's start or
          // end, whichever is later (a probe queued behind an action would measure it too), less
          // a stall of the room's own process that kept the answer unread (room-stalls.ts); a
          // probe the room was held up past is left out altogether. Else the room's pause would
          // make the device `degraded` ("answers in 0.3 s") and stretch its timeout for nothing.
          if (!heldUp) this.pace.record(Math.max(0, this.clock.now() - Math.max(startedAt, this.lastActionEdge) - stalledMs));
          this.showHealth();
        })
        .catch((err) => {
          this.emitReply('probe', startedAt, false, stalls.stop());
          if (generation !== this.generation) return;
          const error = toRoomctlError(err, 'ROOMCTL_E_DEVICE_TIMEOUT');
          // A refused command keeps the link; only silence or a broken link counts as lost.
          if (ANSWERED.has(error.code)) return;
          this.lose(error);
        })
        .finally(() => (probing = false));
    });
  }

  /** An action is in flight and talking to the device (not only held, waiting for it to be ready). */
  private get talking(): boolean {
    return this.actionsInFlight > this.holds.size;
  }

  /** The room's stalls during a probe; none on a test's clock moved by hand (its time is not the event loop's). */
  private watchStalls(): StallWatch {
    return this.clock === systemClock ? watchRoomStalls() : { stop: () => 0 };
  }

  /** One probe, timed by the device's silence (silence-timed-probe.ts). */
  private probeOnce(driver: DeviceDriver): Promise<{ heldUp: boolean }> {
    return probeTimedBySilence(() => driver.probe!(), {
      clock: this.clock,
      timeoutMs: this.pace.timeoutMs,
      lastActionEdge: () => this.lastActionEdge,
      talking: () => this.talking,
    });
  }

  private setStatus(status: DeviceStatus, detail: string | null, error: DeviceError | null = null): void {
    if (this.current.status === status && this.current.detail === detail) return;
    this.current = { status, since: new Date(), detail, error };
    this.emit('status', this.current);
  }
}

/** A driver's reply timeout on an exchange the device never answered (a camera that acknowledged and is still moving answered). */
function isSilence(err: unknown): err is RoomctlError {
  if (!(err instanceof RoomctlError) || err.code !== 'ROOMCTL_E_DEVICE_TIMEOUT') return false;
  const details = err.details as { answered?: unknown } | undefined;
  return details?.answered !== true;
}
