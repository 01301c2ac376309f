import { createRequire } from 'node:module';
import { RoomctlError } from '../../drivers/core/errors.js';

/**
 * Types over gstreamer-superficial (a CommonJS native addon with no typings). Loaded only
 * in the media host child process — never in the appliance — so a GStreamer crash takes
 * the child, not the room.
 *
 * Known limits of the binding that shape the host: a Pipeline is never unref'd (every
 * rebuilt pipeline leaks its buffers, hence media-host-main's recycling); bus structures
 * arrive with non-basic values (level's rms arrays) as strings; appsink pull() blocks a
 * libuv worker thread until a sample, EOS or a state change to READY/NULL.
 */
export interface GstBusMessage {
  type: string;
  /** Structure name of element messages, e.g. "level" or "splitmuxsink-fragment-closed". */
  name?: string;
  _src_element_name?: string;
  /** Error and warning text. */
  message?: string;
  [field: string]: unknown;
}

interface GstElementHandle {
  [property: string]: unknown;
}

interface GstAppSinkHandle extends GstElementHandle {
  pull(callback: (buffer: Buffer | null, caps: Record<string, unknown>) => void): void;
}

export interface GstPipelineHandle {
  play(): void;
  pause(): void;
  stop(): void;
  sendEOS(): void;
  findChild(name: string): GstElementHandle | undefined;
  pollBus(callback: (message: GstBusMessage) => void): void;
  queryDuration(): number;
  queryPosition(): number;
}

export interface GstModule {
  Pipeline: new (launch: string) => GstPipelineHandle;
}

let loaded: GstModule | undefined;

export function loadGstreamer(): GstModule {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  try {
    loaded = require('gstreamer-superficial') as GstModule;
  } catch (err) {
    throw new RoomctlError('ROOMCTL_E_DEPENDENCY_MISSING', `gstreamer-superficial cannot be loaded: ${(err as Error).message}`, undefined, { cause: err });
  }
  return loaded;
}

export function isAppSink(element: GstElementHandle | undefined): element is GstAppSinkHandle {
  return typeof element?.pull === 'function';
}

/** "< -20.5, -700 >" (a GValueArray as the binding stringifies it) → [-20.5, -700]. */
export function parseNumberList(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number).filter(Number.isFinite);
  if (typeof value === 'number') return [value];
  if (typeof value !== 'string') return [];
  return value
    .replace(/[<>{}]/g, '')
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((n) => Number.isFinite(n));
}
