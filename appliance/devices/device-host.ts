import { TypedBus } from '../model/typed-bus.js';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { namesOf, textIn } from '../../drivers/core/localized-text.js';
import {
  capabilitiesOf,
  probeIntervalOf,
  DEVICE_STATUSES,
  type AnyDriverDefinition,
  type DeviceStatus,
  type DriverLogger,
} from '../../drivers/core/definition.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { DeviceView } from '../model/device-view.js';
import type { DeviceConfig } from '../config/config-schema.js';
import { allowedBy, readablePath } from '../config/config-validate.js';
import type { DriverClock as Clock } from '../model/clock.js';
import { DeviceSupervisor, type ReplyTiming } from './device-supervisor.js';
import { DRIVE_ACTIONS, DriveLane } from './drive-lane.js';
import { MoveWatchdog } from './move-watchdog.js';

interface HostedDevice {
  config: DeviceConfig;
  definition: AnyDriverDefinition;
  supervisor: DeviceSupervisor;
  checks: Map<string, TypeCheck<TSchema>>;
  /** The parts of the view that never change, built once. */
  fixed: Pick<DeviceView, 'id' | 'name' | 'driver' | 'kind' | 'capabilities' | 'actions'>;
  /** Motor commands in the order accepted (cameras). */
  lane: DriveLane;
}

/**
 * Takes an action away from the device and answers it another way (a display's `mute` goes
 * to the room mute it follows). Returns undefined to let the device run it.
 */
type ActionRedirect = (device: DeviceView, params: Record<string, unknown>) => Promise<unknown> | undefined;

/** Who asks for an action: `room-mute` is the room mute commanding its followers (never redirected). */
interface ExecuteOptions {
  via?: 'room-mute';
}

/**
 * Runs after an action succeeded (e.g. the still of a saved preset). What it answers is
 * merged into the action's result; it must not throw (the host logs it if it does, and the
 * action still succeeds).
 */
type ActionFollowUp = (deviceId: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Facts the appliance adds to a device's view beyond what its driver says (the stills of its presets). */
type ViewAddition = (deviceId: string) => Partial<Pick<DeviceView, 'presetStills'>> | undefined;

export interface DeviceHostOptions {
  drivers: readonly AnyDriverDefinition[];
  devices: readonly DeviceConfig[];
  log: DriverLogger & { child(bindings: object): DriverLogger };
  /** Override every driver's watchdog interval (tests, benchmarks). */
  probeIntervalMs?: number;
  /** The least time a watchdog probe may take before the device counts as silent (default: the driver's, else 3 s). */
  probeTimeoutMs?: number;
  /** The joystick's dead-man's switch: a `move` not renewed within this is followed by `stop` (0: off). Default 500. */
  moveWatchdogMs?: number;
  /** Timers of the supervisors (tests move time by hand). */
  clock?: Clock;
}

/**
 * Runs the room's devices: one supervisor each, one place to run an action. Emits 'device'
 * (DeviceView) whenever a device's status or state changes, and 'reply' (deviceId,
 * ReplyTiming) after every probe and action, for the health metrics.
 */
export class DeviceHost extends TypedBus<{ device: [DeviceView]; reply: [string, ReplyTiming] }> {
  private readonly devices = new Map<string, HostedDevice>();
  private readonly followUps = new Map<string, ActionFollowUp[]>();
  private readonly additions = new Set<ViewAddition>();
  private readonly redirects = new Map<string, ActionRedirect>();
  private readonly log: DriverLogger;
  /** The joystick's dead-man's switch for every camera, whoever sends the moves. */
  readonly moveWatchdog: MoveWatchdog;

  constructor(options: DeviceHostOptions) {
    super();
    this.log = options.log;
    this.moveWatchdog = new MoveWatchdog(this, options.moveWatchdogMs ?? 500, options.log.child({ component: 'move-watchdog' }));
    for (const config of options.devices) {
      const definition = options.drivers.find((d) => d.id === config.driver);
      if (!definition) throw new RoomctlError('ROOMCTL_E_UNKNOWN_DRIVER', `Device ${config.id}: unknown driver "${config.driver}"`);
      const log = options.log.child({ device: config.id, driver: config.driver });
      const supervisor = new DeviceSupervisor({
        deviceId: config.id,
        log,
        probeIntervalMs: options.probeIntervalMs ?? probeIntervalOf(definition),
        probeTimeoutMs: probeTimeoutOf(config) ?? options.probeTimeoutMs ?? definition.probeTimeoutMs,
        slowReplyMs: definition.slowReplyMs,
        clock: options.clock,
        createDriver: (ctx) => definition.create(config, ctx),
      });
      // This device's capabilities: a display's inputs (codes and names) come from its config.
      const capabilities = capabilitiesOf(definition, config);
      const actions = capabilities.flatMap((c) => c.actions);
      const checks = new Map(actions.map((a) => [a.name, TypeCompiler.Compile(a.params)] as const));
      const fixed = {
        id: config.id,
        // One string for logs, MQTT and the fleet (English first); every language's for the panel.
        name: config.name ? textIn(config.name, 'en') : config.id,
        ...(config.name && typeof config.name !== 'string' ? { names: namesOf(config.name) } : {}),
        driver: definition.id,
        kind: definition.kind,
        capabilities: capabilities.map((c) => (c.traits ? { name: c.name, traits: c.traits } : { name: c.name })),
        actions: actions.map((a) => ({ name: a.name, description: a.description, params: a.params })),
      };
      const hosted: HostedDevice = { config, definition, supervisor, checks, fixed, lane: new DriveLane() };
      supervisor.on('status', () => this.emit('device', this.view(hosted)));
      supervisor.on('state', () => {
        this.narrowToState(hosted);
        this.emit('device', this.view(hosted));
      });
      supervisor.on('reply', (timing: ReplyTiming) => this.emit('reply', config.id, timing));
      this.devices.set(config.id, hosted);
    }
  }

  start(): void {
    for (const d of this.devices.values()) d.supervisor.start();
  }

  /** A device that said what it really offers (an ONVIF camera's preset count): its listing and checks follow. */
  private narrowToState(hosted: HostedDevice): void {
    const capabilities = hosted.definition.capabilitiesFromState?.(hosted.config, hosted.supervisor.lastState);
    if (!capabilities) return;
    const listed = capabilities.map((c) => (c.traits ? { name: c.name, traits: c.traits } : { name: c.name }));
    if (JSON.stringify(listed) === JSON.stringify(hosted.fixed.capabilities)) return;
    const actions = capabilities.flatMap((c) => c.actions);
    hosted.checks = new Map(actions.map((a) => [a.name, TypeCompiler.Compile(a.params)] as const));
    hosted.fixed = { ...hosted.fixed, capabilities: listed, actions: actions.map((a) => ({ name: a.name, description: a.description, params: a.params })) };
  }

  async stop(): Promise<void> {
    this.moveWatchdog.close();
    await Promise.all([...this.devices.values()].map((d) => d.supervisor.stop()));
  }

  list(): DeviceView[] {
    return [...this.devices.values()].map((d) => this.view(d));
  }

  get(id: string): DeviceView {
    return this.view(this.hosted(id));
  }

  summary(): Record<DeviceStatus, number> & { total: number } {
    const counts = Object.fromEntries(DEVICE_STATUSES.map((s) => [s, 0])) as Record<DeviceStatus, number>;
    for (const d of this.devices.values()) counts[d.supervisor.status.status]++;
    return { ...counts, total: this.devices.size };
  }

  /**
   * Runs an action after checking the params against the action's schema. Every path (API,
   * MQTT, scenes) comes here, so the move watchdog sees every move and a camera's motor
   * commands keep the order they were accepted in.
   */
  async execute(id: string, action: string, params: unknown, options: ExecuteOptions = {}): Promise<unknown> {
    const device = this.hosted(id);
    const check = device.checks.get(action);
    if (!check) {
      throw new RoomctlError('ROOMCTL_E_ACTION_NOT_FOUND', `Device ${id} has no action "${action}"`, {
        allowed: [...device.checks.keys()],
      });
    }
    const body = params ?? {};
    if (!check.Check(body)) {
      const issues = [...check.Errors(body)].map((e) => ({ path: readablePath(e.path, 'body'), message: e.message, allowed: allowedBy(e.schema) }));
      throw new RoomctlError(
        'ROOMCTL_E_ACTION_PARAMS',
        `Invalid parameters for ${id} ${action}: ${issues.map((i) => `${i.path}: ${i.message}${i.allowed ? ` (allowed: ${i.allowed})` : ''}`).join('; ')}`,
        { issues },
      );
    }
    const args = body as Record<string, unknown>;
    const redirect = options.via === 'room-mute' ? undefined : this.redirects.get(action)?.(this.view(device), args);
    if (redirect) return redirect;
    const running = DRIVE_ACTIONS.has(action)
      ? device.lane.run(action, args, (a, p) => device.supervisor.execute(a, p))
      : device.supervisor.execute(action, args);
    // Armed (or disarmed) once the command is on its way: its work is not between a joystick move and the wire.
    this.moveWatchdog.observe(id, action, args);
    const result = await running;
    let merged = result;
    for (const followUp of this.followUps.get(action) ?? []) {
      try {
        merged = mergeResult(merged, await followUp(id, body as Record<string, unknown>));
      } catch (err) {
        this.log.error({ device: id, action, err: (err as Error).message }, 'action follow-up failed; the action itself succeeded');
      }
    }
    return merged;
  }

  /** Runs `followUp` after every successful `action`, whoever asked for it (API, MQTT, scenes). Returns the undo. */
  follow(action: string, followUp: ActionFollowUp): () => void {
    this.followUps.set(action, [...(this.followUps.get(action) ?? []), followUp]);
    return () =>
      this.followUps.set(
        action,
        (this.followUps.get(action) ?? []).filter((f) => f !== followUp),
      );
  }

  /** Answers `action` another way for the devices `redirect` picks (see ActionRedirect). Returns the undo. */
  redirect(action: string, redirect: ActionRedirect): () => void {
    this.redirects.set(action, redirect);
    return () => {
      if (this.redirects.get(action) === redirect) this.redirects.delete(action);
    };
  }

  /** Adds facts to every device view from now on. Returns the undo. */
  addToViews(addition: ViewAddition): () => void {
    this.additions.add(addition);
    return () => this.additions.delete(addition);
  }

  /** Sends a device's view again: something a view addition reads has changed. */
  refresh(id: string): void {
    this.emit('device', this.view(this.hosted(id)));
  }

  /** Reconnects one device (its supervisor drops the link and connects again). */
  async restart(id: string): Promise<void> {
    await this.hosted(id).supervisor.restart();
  }

  private hosted(id: string): HostedDevice {
    const device = this.devices.get(id);
    if (!device) throw new RoomctlError('ROOMCTL_E_DEVICE_NOT_FOUND', `No device "${id}" in this room`, { allowed: [...this.devices.keys()] });
    return device;
  }

  private view({ fixed, supervisor }: HostedDevice): DeviceView {
    const { status, since, detail, error } = supervisor.status;
    const view: DeviceView = { ...fixed, status, since: since.toISOString(), detail, error, state: supervisor.lastState };
    for (const addition of this.additions) Object.assign(view, addition(fixed.id));
    return view;
  }
}

/** A device's own probe timeout from its config entry, when it sets one. */
function probeTimeoutOf(config: DeviceConfig): number | undefined {
  return typeof config.probeTimeoutMs === 'number' ? config.probeTimeoutMs : undefined;
}

/** A follow-up's fields on top of the driver's result (most actions answer nothing; some an object). */
function mergeResult(result: unknown, extra: Record<string, unknown>): unknown {
  if (result === undefined || result === null) return extra;
  if (typeof result === 'object' && !Array.isArray(result)) return { ...result, ...extra };
  return { value: result, ...extra };
}
