import { type TObject, Type } from '@sinclair/typebox';
import type { ActionDefinition } from './definition.js';
import type { LocalizedNames } from './localized-text.js';

/**
 * Composable capabilities. Shared action names (README, Interfaces): power {on}, move {pan,tilt,zoom},
 * stop, home, preset.recall {preset}, preset.save {preset}, input {input}, volume {level},
 * mute {on}, snapshot {}. One place builds their schemas so the API, the panel and MQTT discovery agree.
 * Each capability keeps its actions' names and schemas in its type, so a driver's handler
 * table (`ActionHandlers`, drivers/core/action-handlers.ts) is typed from them.
 */

/** One action, its name and schema kept in its type. */
export function action<N extends string, P extends TObject>(name: N, description: string, params: P): ActionDefinition<N, P> {
  return { name, description, params };
}

/**
 * A capability's actions written as object literals, their names kept as literal types (the
 * `const` type parameter stops `'channel.mute'` widening to `string`), so a handler table can
 * be typed from them as from `action()`.
 */
export function actionList<const A extends ActionDefinition>(actions: readonly A[]): A[] {
  return [...actions];
}

const noParams = () => Type.Object({}, { additionalProperties: false });

export function power() {
  return {
    name: 'power',
    actions: [action('power', 'Turn the device on (true) or to standby (false).', Type.Object({ on: Type.Boolean() }, { additionalProperties: false }))],
  };
}

export interface PtzOptions {
  /** Highest preset number the model supports. */
  presets: number;
  /** Lowest preset number (0 unless the camera counts from 1, as ONVIF presets do here). */
  firstPreset?: number;
}

const axis = (description: string) => Type.Number({ minimum: -1, maximum: 1, description });

export function ptz(options: PtzOptions) {
  const first = options.firstPreset ?? 0;
  const preset = Type.Integer({ minimum: first, maximum: options.presets, description: `Preset number ${first}..${options.presets}` });
  return {
    name: 'ptz',
    traits: { presets: options.presets, ...(first !== 0 ? { firstPreset: first } : {}) },
    actions: [
      action(
        'move',
        'Drive pan, tilt and zoom at a speed from -1 to 1 each; 0 stops that axis.',
        Type.Object(
          { pan: Type.Optional(axis('-1 left .. 1 right')), tilt: Type.Optional(axis('-1 down .. 1 up')), zoom: Type.Optional(axis('-1 wide .. 1 tele')) },
          { additionalProperties: false },
        ),
      ),
      action('stop', 'Stop every movement.', noParams()),
      action('home', 'Go to the home position.', noParams()),
      action('preset.recall', 'Go to a stored preset.', Type.Object({ preset }, { additionalProperties: false })),
      action('preset.save', 'Store the current position as a preset.', Type.Object({ preset }, { additionalProperties: false })),
    ],
  };
}

export interface InputOptions {
  /** Input names the device accepts, e.g. PJLink codes "31" or names "hdmi1". */
  inputs: readonly string[];
  /** What people call each input, per language (the config's `inputs`), for the panel. */
  labels?: Record<string, LocalizedNames>;
}

export function input(options: InputOptions) {
  return {
    name: 'input',
    traits: options.labels && Object.keys(options.labels).length > 0 ? { inputs: options.inputs, labels: options.labels } : { inputs: options.inputs },
    actions: [
      action('input', 'Switch to an input.', Type.Object({ input: Type.Union(options.inputs.map((i) => Type.Literal(i))) }, { additionalProperties: false })),
    ],
  };
}

export function mute() {
  return { name: 'mute', actions: [action('mute', 'Mute (true) or unmute (false).', Type.Object({ on: Type.Boolean() }, { additionalProperties: false }))] };
}

export function volume() {
  return {
    name: 'volume',
    actions: [action('volume', 'Set the volume, 0..100.', Type.Object({ level: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }))],
  };
}

/** A display's `status` action: read what it reports (power, and the rest when on); `reads` says what, for the listing. */
export function displayStatus(reads: string) {
  return { name: 'display-status', actions: [action('status', reads, noParams())] };
}

/** What every display driver declares, in this order: its handler table is typed from it (`ActionHandlers<DisplayCapabilities>`). */
export function displayCapabilities(inputs: InputOptions, reads: string) {
  return [power(), input(inputs), volume(), mute(), displayStatus(reads)] as const;
}

export type DisplayCapabilities = ReturnType<typeof displayCapabilities>;

/** The largest still a camera may hand over: a 1080p JPEG at high quality is well under 1 MB. */
export const SNAPSHOT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * What a `snapshot` action answers. JSON-safe (the JPEG as base64), so the API, MQTT and
 * the appliance's preset stills read the same thing.
 */
export interface SnapshotResult {
  contentType: 'image/jpeg';
  width: number;
  height: number;
  bytes: number;
  /** The JPEG, base64. */
  data: string;
}

/** A camera that can hand over a still of what it sees (ONVIF GetSnapshotUri, a camera's own HTTP still). */
export function snapshot() {
  return {
    name: 'snapshot',
    traits: { format: 'image/jpeg', maxBytes: SNAPSHOT_MAX_BYTES },
    actions: [
      action('snapshot', `Take a still of what the camera sees now: a JPEG of at most ${SNAPSHOT_MAX_BYTES / 1024 / 1024} MB, base64 in \`data\`.`, noParams()),
    ],
  };
}
