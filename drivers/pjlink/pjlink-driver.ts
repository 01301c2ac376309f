import { type ActionHandlers, runAction } from '../core/action-handlers.js';
import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import type { Transport } from '../transports/transport.js';
import type { PjlinkCapabilities } from './pjlink-capabilities.js';
import {
  PJLINK_PORT,
  describeErrorStatus,
  encodeMute,
  isValidInputCode,
  parseErrorStatus,
  parseLampStatus,
  parsePowerState,
  type PjlinkClass,
  type PjlinkCommand,
  type PowerState,
} from './pjlink-codec.js';
import { checkReply, type PjlinkReply } from './pjlink-connection.js';
import { listenForNotifications, parseNotification } from './pjlink-notifications.js';
import { PjlinkSession } from './pjlink-session.js';
import { sendThroughWarmUp } from './pjlink-warm-up-hold.js';
import { readPjlinkStatus, type PjlinkStatus } from './pjlink-status.js';

export interface PjlinkDriverOptions {
  host: string;
  port?: number;
  password?: string;
  connectTimeoutMs?: number;
  /** PJLink answers within a few hundred ms; longer means the display is gone. */
  replyTimeoutMs?: number;
  /** How long a command may be held while the display warms up or cools down. */
  readyTimeoutMs?: number;
  /** How often POWR is polled while a command is held. */
  readyPollMs?: number;
  /**
   * Displays drop a session idle for ~30 s. Past this age we open a fresh one before sending,
   * so a command does not race the display's own idle close.
   */
  idleRecycleMs?: number;
  /** Input codes this room allows (the config's `inputs`); any valid code when absent. */
  inputs?: readonly string[];
  /** SVOL steps from silent to full on this model (class 2 volume has no absolute level). */
  volumeSteps?: number;
  /**
   * UDP port class 2 notifications arrive on (4352 by the specification; 0: any free port,
   * which no display knows, for tests). Absent or a class 1 display: no listening, changes
   * show at the next probe.
   */
  notifyPort?: number;
  /** Tests only: build the byte link. */
  transportFactory?: () => Transport;
}

type OptionalOption = 'password' | 'inputs' | 'transportFactory' | 'notifyPort';
const DEFAULTS = { connectTimeoutMs: 3000, replyTimeoutMs: 2500, readyTimeoutMs: 60_000, readyPollMs: 500, idleRecycleMs: 25_000, volumeSteps: 20 };

/**
 * What one watchdog probe asks, in turn: one question per probe, so a slow display is timed per
 * reply. The connect has just read POWR and ERST, so a link's first probe asks what only a probe
 * reads: the lamp hours are known one probe after a (re)connect, not four.
 */
const PROBE_ROUND = ['LAMP', 'POWR', 'ERST', 'POWR'] as const;

/**
 * The PJLink display driver. Two locks keep the protocol honest without starving the watchdog:
 * the session (pjlink-session.ts) allows one request on the socket at a time (PJLink is strict
 * request/reply), and `actions` keeps user actions in order. A held action (display warming up) releases the wire
 * between polls, so probes still get through while it waits.
 */
export class PjlinkDriver implements DeviceDriver {
  private readonly opts: Required<Omit<PjlinkDriverOptions, OptionalOption>> & Pick<PjlinkDriverOptions, OptionalOption>;
  private readonly session: PjlinkSession;
  private actions: Promise<unknown> = Promise.resolve();
  private conditionKey: string | undefined;
  private lampHours: number | undefined;
  private probeTurn = 0;
  private stopListening: (() => void) | undefined;
  power: PowerState | undefined;

  constructor(
    options: PjlinkDriverOptions,
    private readonly ctx: DriverContext,
  ) {
    this.opts = { ...DEFAULTS, port: PJLINK_PORT, ...stripUndefined(options), host: options.host };
    this.session = new PjlinkSession(this.opts, ctx);
  }

  /** The class the display announced (1 or 2). */
  get pjlinkClass(): PjlinkClass {
    return this.session.pjlinkClass;
  }

  private get stopped(): boolean {
    return this.session.stopped;
  }

  async connect(): Promise<void> {
    this.probeTurn = 0;
    await this.session.open(async (request) => {
      // A display that greets but cannot say its power state is not usable.
      this.applyPower(await request({ pjlinkClass: 1, command: 'POWR', param: '?' }));
      // Health from the first second, not from the first probe.
      this.applyErrorStatus(await request({ pjlinkClass: 1, command: 'ERST', param: '?' }));
    });
    if (this.pjlinkClass >= 2 && this.opts.notifyPort !== undefined) await this.listen(this.opts.notifyPort);
  }

  async disconnect(): Promise<void> {
    const stopping = this.session.stop();
    this.stopListening?.();
    this.stopListening = undefined;
    await stopping;
  }

  /** Estimated SVOL step, learned by driving the volume to 0 once; kept in the host's memory so a reconnect does not drive it again. */
  private get volumeStep(): number | undefined {
    const step = this.ctx.memory.volumeStep;
    return typeof step === 'number' ? step : undefined;
  }

  private set volumeStep(step: number | undefined) {
    this.ctx.memory.volumeStep = step;
  }

  /** Class 2 status notifications: a change made with the remote shows now, not at the next probe. */
  private async listen(port: number): Promise<void> {
    try {
      this.stopListening = await listenForNotifications(port, this.opts.host, (line) => this.onNotification(line));
      if (this.stopped) {
        // Stopped while the port was being opened: give it back at once.
        this.stopListening();
        this.stopListening = undefined;
      }
    } catch (err) {
      // Another program holds the port: polling still tells, only later. The reason sits in the
      // message, so a person's terminal shows the warning on one line.
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      this.ctx.log.warn({ port, reason }, `cannot listen for PJLink notifications on UDP ${port} (${reason}); changes show at the next probe`);
    }
  }

  private onNotification(line: string): void {
    const news = this.stopped ? undefined : parseNotification(line);
    if (!news) return;
    this.ctx.log.debug({ line }, 'pjlink notification');
    const { errors, ...state } = news;
    if (state.power) this.power = state.power;
    if (Object.keys(state).length) this.ctx.publishState(state);
    if (errors) this.setCondition(describeErrorStatus(errors));
  }

  execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    // One action at a time: a display answers one command at a time, and a volume walk takes many.
    const run = this.actions.then(() => runAction(this.handlers, action, params, 'pjlink'));
    this.actions = run.catch(() => undefined);
    return run;
  }

  /**
   * Watchdog: one question per probe, in turn LAMP (hours, a health metric), POWR (answers even
   * in standby), ERST (lamp, fan, filter faults), POWR. One reply per probe keeps the probe's time the display's reply
   * time, so a display taking 1–2 s per reply is slow, not silent.
   */
  async probe(): Promise<void> {
    const question = PROBE_ROUND[this.probeTurn++ % PROBE_ROUND.length]!;
    if (question === 'POWR') await this.readPower();
    else if (question === 'ERST') this.applyErrorStatus(await this.session.exchange({ pjlinkClass: 1, command: 'ERST', param: '?' }));
    else this.applyLampHours(await this.session.exchange({ pjlinkClass: 1, command: 'LAMP', param: '?' }));
  }

  /** Lamp hours are a health metric (numeric state becomes MQTT health metrics); flat panels answer ERR1 and have none. */
  private applyLampHours(reply: PjlinkReply): void {
    const lamps = reply.kind === 'value' ? parseLampStatus(reply.value) : undefined;
    if (!lamps || lamps.length === 0) return;
    const hours = Math.max(...lamps.map((l) => l.hours));
    if (hours !== this.lampHours) this.ctx.publishState({ lampHours: hours });
    this.lampHours = hours;
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<PjlinkCapabilities> = {
    power: async (params) => {
      await this.send({ pjlinkClass: 1, command: 'POWR', param: params.on ? '1' : '0' });
      await this.readPower();
      return { power: this.power };
    },
    input: async (params) => {
      const code = String(params.input);
      const pjlinkClass = isValidInputCode(code, 1) ? 1 : 2;
      if (!isValidInputCode(code, pjlinkClass) || pjlinkClass > this.pjlinkClass) {
        throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `${JSON.stringify(code)} is not a PJLink class ${this.pjlinkClass} input code`);
      }
      if (this.opts.inputs && !this.opts.inputs.includes(code)) {
        throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `input ${code} is not among this room's inputs (${this.opts.inputs.join(', ')})`);
      }
      await this.send({ pjlinkClass, command: 'INPT', param: code });
      this.ctx.publishState({ input: code });
      return { input: code };
    },
    mute: async (params) => {
      // `mute` is the sound mute (AVMT 21/20), the one the room mute drives: muting the room
      // never blanks the picture people are looking at. Some class 1 displays only know
      // AVMT 31/30 (sound and picture together): refused, not silently widened to a blank.
      const on = Boolean(params.on);
      await this.send({ pjlinkClass: 1, command: 'AVMT', param: encodeMute('audio', on) }).catch((err: unknown) => {
        if (err instanceof RoomctlError && err.code === 'ROOMCTL_E_ACTION_PARAMS') {
          throw new RoomctlError(
            'ROOMCTL_E_NOT_SUPPORTED',
            'this display cannot mute its sound alone (it refuses AVMT 21/20; it only mutes sound and picture together, AVMT 31/30)',
            err.details,
          );
        }
        throw err;
      });
      this.ctx.publishState({ mute: on });
      return { mute: on };
    },
    blank: async (params) => {
      const on = Boolean(params.on);
      await this.send({ pjlinkClass: 1, command: 'AVMT', param: encodeMute('video', on) });
      this.ctx.publishState({ blank: on });
      return { blank: on };
    },
    volume: async (params) => this.setVolume(Number(params.level)),
    status: async () => {
      const status: PjlinkStatus = await readPjlinkStatus((cmd) => this.session.exchange(cmd), this.pjlinkClass);
      if (status.power) this.power = status.power;
      if (status.errors) this.setCondition(describeErrorStatus(status.errors));
      this.ctx.publishState({
        power: status.power,
        input: status.input,
        mute: status.mute,
        blank: status.videoMuted,
        lampHours: status.lampHours,
        name: status.name,
        errors: status.errors,
      });
      return status;
    },
  };

  /**
   * Class 2 only has SVOL up/down steps and no way to read the level. We drive the volume to
   * the bottom once (`volumeSteps` downs), then step relative to that estimate. Someone using
   * the remote control makes the estimate wrong until the driver restarts.
   */
  private async setVolume(level: number): Promise<unknown> {
    if (this.pjlinkClass < 2) throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', 'volume needs a PJLink class 2 display; this one is class 1');
    const steps = this.opts.volumeSteps;
    const target = Math.round((Math.min(100, Math.max(0, level)) * steps) / 100);
    if (this.volumeStep === undefined) {
      for (let i = 0; i < steps; i++) await this.send({ pjlinkClass: 2, command: 'SVOL', param: '0' });
      this.volumeStep = 0;
    }
    while (this.volumeStep !== target) {
      const up = target > this.volumeStep;
      await this.send({ pjlinkClass: 2, command: 'SVOL', param: up ? '1' : '0' });
      this.volumeStep += up ? 1 : -1;
    }
    const reached = Math.round((target * 100) / steps);
    this.ctx.publishState({ volume: reached });
    return { volume: reached };
  }

  /** A command that must succeed, held while the display warms up or cools down (pjlink-warm-up-hold.ts). */
  private send(cmd: PjlinkCommand): Promise<PjlinkReply> {
    return sendThroughWarmUp(cmd, {
      exchange: (c) => this.session.exchange(c),
      readPower: () => this.readPower(),
      power: () => this.power,
      ctx: this.ctx,
      readyTimeoutMs: this.opts.readyTimeoutMs,
      readyPollMs: this.opts.readyPollMs,
    });
  }

  /** ERST: any warning or error makes the device degraded, with words; all zeros clears it. */
  private applyErrorStatus(reply: PjlinkReply): void {
    // A display without ERST (ERR1) or busy (ERR3) tells us nothing new about its health.
    const status = reply.kind === 'value' ? parseErrorStatus(reply.value) : undefined;
    if (status) this.setCondition(describeErrorStatus(status));
  }

  private async readPower(): Promise<void> {
    this.applyPower(await this.session.exchange({ pjlinkClass: 1, command: 'POWR', param: '?' }));
  }

  private applyPower(answer: PjlinkReply): void {
    const reply = checkReply(answer, { command: 'POWR' });
    const power = reply.kind === 'value' ? parsePowerState(reply.value) : undefined;
    if (!power) throw new RoomctlError('ROOMCTL_E_PROTOCOL', `display answered POWR ? with ${JSON.stringify(reply)}`);
    if (power !== this.power) this.ctx.publishState({ power });
    this.power = power;
  }

  private setCondition(detail: string): void {
    if (detail === this.conditionKey) return;
    this.conditionKey = detail;
    this.ctx.setCondition(detail ? { degraded: true, detail } : { degraded: false });
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
