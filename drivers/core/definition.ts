import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { RoomctlError } from './errors.js';
import type { LocalizedText } from './localized-text.js';
import type { DriverProvisioning } from './device-discovery.js';
import type { SimulatorDefinition } from '../sim/simulator.js';

/**
 * One status vocabulary for every device, everywhere (API, panel, MQTT, store).
 * `auth-failed`: the device answers but refuses the credentials in the config; retried
 * slowly so the device does not lock the account.
 */
export const DEVICE_STATUSES = ['connecting', 'ok', 'degraded', 'offline', 'auth-failed', 'bad_config'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const DEVICE_KINDS = ['camera', 'display', 'dsp', 'microphone', 'speakerphone', 'badge-reader'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/**
 * An action a device can run. `params` is a JSON Schema (TypeBox) that the API validates with;
 * the name and schema types flow into the driver's handler table (`ActionHandlers`).
 */
export interface ActionDefinition<N extends string = string, P extends TSchema = TSchema> {
  name: N;
  description: string;
  params: P;
}

/**
 * A composable capability (`ptz({presets: 255})`, `power()`): it contributes actions, and
 * `traits` tell the panel which widgets to draw (e.g. the preset range, the input list).
 */
export interface Capability<A extends ActionDefinition = ActionDefinition> {
  name: string;
  actions: A[];
  traits?: Record<string, unknown>;
}

export interface DriverLogger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** What the device host hands a driver: the only way a driver talks back to the room. */
export interface DriverContext {
  readonly deviceId: string;
  readonly log: DriverLogger;
  /**
   * The link dropped or stopped making sense; the host marks the device offline and reconnects.
   * With code ROOMCTL_E_DEVICE_AUTH the device refused the credentials: `auth-failed`, retried slowly.
   */
  linkLost(error: RoomctlError): void;
  /** A condition short of losing the link (lamp failure, fan error): the device is `degraded`. */
  setCondition(condition: { degraded: boolean; detail?: string }): void;
  /** Last-known device state for the panel (power, input, position, ...), merged into the previous one. */
  publishState(patch: Record<string, unknown>): void;
  /**
   * An action waits for the device to be ready (a display warming up or in standby answered
   * "not now"; the driver waits, then asks again). Wrap that wait and its recheck, never the
   * command itself: while `wait` runs the action is held, not talking, so the host's watchdog
   * keeps counting and its probe, not the held action's next reply timeout, tells a device
   * that went silent meanwhile. Resolves or rejects as `wait` does.
   */
  held<T>(wait: () => Promise<T>): Promise<T>;
  /**
   * What a driver learned about the device that a reconnect must not forget (an estimated
   * volume step, a model's quirks): the same object for every driver the host builds for
   * this device, for as long as the room runs.
   */
  readonly memory: Record<string, unknown>;
}

/** The small class behind a definition: one lifecycle for every driver. */
export interface DeviceDriver {
  /** Open the link and do the handshake. Resolves when the device answers; throws a RoomctlError otherwise. */
  connect(): Promise<void>;
  /** Close the link and release every handle; must be safe to call twice or after a failed connect. */
  disconnect(): Promise<void>;
  /** Run one action with params already validated against the action's schema. */
  execute(action: string, params: Record<string, unknown>): Promise<unknown>;
  /** Watchdog: ask the device something cheap; throw if it does not answer. */
  probe?(): Promise<void>;
  /**
   * The handlers behind `execute`, one per declared action (typed with `ActionHandlers` from
   * the definition's capabilities); the registry test checks they cover every declared action.
   */
  readonly handlers?: ActionHandlerTable;
}

/** Any driver's handler table, with its param types erased (see `ActionHandlers` for the typed form). */
export type ActionHandlerTable = Readonly<Record<string, (params: never) => Promise<unknown>>>;

/** Config fields every device has; the driver's own fields come from `DriverDefinition.config`. */
export interface DeviceBaseConfig {
  id: string;
  driver: string;
  /** One name, or one per language (`{ en, zh-CN }`). */
  name?: LocalizedText;
}

/** How often a device is probed when its definition does not say: a link found lost within seconds, without keeping a slow device busy. */
const DEFAULT_PROBE_INTERVAL_MS = 5000;

/** How often the host probes a device of this definition when nothing else happens (ms). */
export function probeIntervalOf(definition: { probeIntervalMs?: number }): number {
  return definition.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
}

/**
 * A driver is data first: what it is, what it needs in the config, what it can do.
 * `config` lists only the driver's own fields; the config schema adds `id`, `driver` and `name`.
 */
export interface DriverDefinition<S extends TObject = TObject> {
  id: string;
  kind: DeviceKind;
  description: string;
  /** Transport the driver speaks over, for docs and provisioning ('local': in-appliance pseudo-devices such as the media signal). */
  transport: 'serial' | 'tcp' | 'udp' | 'http' | 'hid' | 'local';
  config: S;
  capabilities: readonly Capability[];
  /**
   * The capabilities of one configured device, when they depend on its config (a VISCA
   * model's preset range, a display's `inputs` list and their names); `capabilities`
   * otherwise. Listings and action schemas of a device read `capabilitiesOf(definition, config)`.
   */
  capabilitiesFor?(config: Static<S> & DeviceBaseConfig): readonly Capability[];
  /**
   * What the device turned out to offer once connected (an ONVIF camera's preset count comes
   * from the camera itself), from its published state; undefined while it has not said.
   * The listing and the action checks narrow to it.
   */
  capabilitiesFromState?(config: Static<S> & DeviceBaseConfig, state: Record<string, unknown>): readonly Capability[] | undefined;
  /** How often the host probes the device when nothing else happens (ms; probeIntervalOf gives the default); a camera a person steers wants less. */
  probeIntervalMs?: number;
  /**
   * The least time a probe may take before the device counts as silent (ms, default 3000).
   * The host stretches it to a few times the device's measured reply time, and a device's
   * config may set its own (`probeTimeoutMs`).
   */
  probeTimeoutMs?: number;
  /** Replies slower than this (median, ms) make the device `degraded` ("answers in 1.8 s"); default 1000. */
  slowReplyMs?: number;
  create(config: Static<S> & DeviceBaseConfig, ctx: DriverContext): DeviceDriver;
  /**
   * The device played over its real protocol, for tests, `roomctl sim <id>` and the demo
   * room (none for USB HID, which is faked at the node-hid object instead). A loader
   * (`async () => (await import('./x-simulator.js')).xSimulator`): a room drives its devices
   * and never plays them, so it does not load the simulators with the registry.
   */
  loadSimulator?: () => Promise<SimulatorDefinition>;
  /**
   * How provisioning finds this driver's devices and the entry it proposes for one (its
   * search, its question, its answers section: see `DriverProvisioning`). A loader
   * (`async () => (await import('./x-probe.js')).xProvisioning`), for the reason the simulator
   * is one: a room never provisions, so it does not load them with the registry.
   */
  loadProvisioning?: () => Promise<DriverProvisioning>;
}

export function actionsOf(definition: Pick<DriverDefinition, 'capabilities'>): ActionDefinition[] {
  return definition.capabilities.flatMap((c) => c.actions);
}

/** What one configured device can do: the definition's `capabilitiesFor(config)` when it has one. */
export function capabilitiesOf<S extends TObject>(definition: DriverDefinition<S>, config: Static<S> & DeviceBaseConfig): readonly Capability[] {
  return definition.capabilitiesFor?.(config) ?? definition.capabilities;
}

/** Identity helper that keeps the config type of a definition. */
export function defineDriver<S extends TObject>(definition: DriverDefinition<S>): DriverDefinition<S> {
  return definition;
}

/**
 * A definition with its config type erased, for the registry array. `any` because a
 * definition's `create` takes its own config type, which is contravariant and so would
 * not be assignable to the general `TObject` form.
 */
// biome-ignore lint/suspicious/noExplicitAny: create() takes each definition's own config type (see above)
export type AnyDriverDefinition = DriverDefinition<any>;
