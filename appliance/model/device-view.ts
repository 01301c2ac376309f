/**
 * A device as the room shows it: the API, the panel, health, telemetry and the fleet all read
 * this one shape. It lives on the ground floor so no module has to reach up into the API for it.
 */
import type { DeviceKind, DeviceStatus } from '../../drivers/core/definition.js';

export type { DeviceKind, DeviceStatus };

export interface ActionView {
  name: string;
  description: string;
  /** JSON Schema of the request body for POST /api/v1/devices/:id/actions/:name */
  params: unknown;
}

/** A device's last error, kept as its code and its words (never flattened into one string). */
export interface DeviceError {
  code: string;
  message: string;
}

/** The one line a person reads for an error (the room's API and panel); health and MQTT keep the two parts. */
export function deviceErrorLine(error: DeviceError): string {
  return `${error.code}: ${error.message}`;
}

/**
 * What the room itself says of a device's status (a `detail` that comes without an error: the
 * device said nothing). The self-test passes it on as the room's words, never as the device's,
 * and the panel and the fleet word it in their language.
 */
export const ROOM_DEVICE_NOTES = { restarted: 'restarted from the admin view' } as const;

export interface DeviceView {
  id: string;
  /** The name in English (or the one name the config gives): logs, MQTT, the fleet. */
  name: string;
  /** The name in each of the panel's languages, when the config names the device per language. */
  names?: { en: string; 'zh-CN': string };
  driver: string;
  kind: DeviceKind;
  status: DeviceStatus;
  /** ISO time the status last changed */
  since: string;
  /** What a person needs to know about the status (e.g. the last error) */
  detail: string | null;
  /** The coded error behind the status, when the last failure had a code. */
  error?: DeviceError | null;
  /** Last-known device state published by the driver: power, input, lastPreset, position... */
  state: Record<string, unknown>;
  capabilities: { name: string; traits?: Record<string, unknown> }[];
  actions: ActionView[];
  /**
   * Cameras: the presets that have a still (GET /api/v1/devices/:id/presets/:preset/still.jpg),
   * taken when the preset was saved. `version` changes with each new still.
   */
  presetStills?: PresetStillView[];
}

/** One preset's still, as the device view lists it. */
export interface PresetStillView {
  preset: number;
  version: string;
  /** ISO time the still was taken */
  savedAt: string;
  bytes: number;
}

/** What `preset.save` adds to its result: whether a still was taken for the preset, and why not. */
export interface StillOutcome {
  taken: boolean;
  /** Where the still came from: the camera's own snapshot, or the room's media picture. */
  source: 'camera' | 'media' | null;
  /** When not taken: a confidential meeting is running; nothing can give a still of this camera; or every source failed. */
  reason?: 'confidential-meeting' | 'no-source' | 'failed';
  detail?: string;
  version?: string;
}
