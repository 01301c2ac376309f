import type { DriverContext } from '../core/definition.js';
import type { RoomctlError } from '../core/errors.js';

/** A DriverContext for tests: records what the driver tells the room. */
export interface RecordingContext extends DriverContext {
  readonly lost: RoomctlError[];
  /** Every publishState patch, in order. */
  readonly patches: Record<string, unknown>[];
  /** All patches merged, as the host would hold them. */
  readonly state: Record<string, unknown>;
  readonly conditions: { degraded: boolean; detail?: string }[];
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export function recordingContext(deviceId = 'cam-test'): RecordingContext {
  const lost: RoomctlError[] = [];
  const patches: Record<string, unknown>[] = [];
  const conditions: { degraded: boolean; detail?: string }[] = [];
  const state: Record<string, unknown> = {};
  return {
    deviceId,
    log: quiet,
    lost,
    patches,
    state,
    conditions,
    linkLost: (error) => void lost.push(error),
    setCondition: (condition) => void conditions.push(condition),
    publishState: (patch) => {
      patches.push(patch);
      Object.assign(state, patch);
    },
  };
}

/** Wait until `condition()` holds, checking every few ms; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** `'81 01 04 00 02 FF'` → bytes, so tests read like the protocol table. */
export const bytes = (text: string): Uint8Array => Uint8Array.from(text.trim().split(/\s+/), (b) => parseInt(b, 16));

/** Bytes → `'81 01 04 00 02 FF'`. */
export const hex = (frame: Uint8Array): string => [...frame].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
