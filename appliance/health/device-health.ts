import { ERROR_CATALOG, type ErrorCode } from '../../drivers/core/errors.js';
import type { DeviceError, DeviceView } from '../model/device-view.js';
import type { HealthStatus } from '../model/health.js';

/** Payload of the retained `devices/<id>/health` topic. */
export interface DeviceHealth {
  status: HealthStatus;
  /** ISO time the status last changed. */
  since: string;
  /** What a person needs to know, e.g. "The device could not be reached; check …". */
  detail: string | null;
  /** The coded error behind an offline, degraded or auth-failed status, when there is one: its code and its own words. */
  error?: DeviceError;
  /** The error's code alone, as rooms of the previous release sent it (kept on the wire for one release). */
  code?: ErrorCode;
  /** Numbers worth a graph: reply time (ms), lamp hours, temperature, levels… */
  metrics: Record<string, number>;
  /** The device's signal (frame rate, audio level) when its driver measures one: `signal: {value, unit}` in its state. */
  signal?: { value: number; unit: string };
}

/**
 * Room status → fleet health. `connecting` is `unknown` (not yet known, not yet a fault);
 * a device the config makes unusable is `offline` (facilities must act either way).
 */
function healthStatusOf(status: DeviceView['status']): HealthStatus {
  switch (status) {
    case 'ok':
      return 'ok';
    case 'degraded':
      return 'degraded';
    case 'connecting':
      return 'unknown';
    case 'auth-failed':
      return 'auth-failed';
    case 'offline':
    case 'bad_config':
      return 'offline';
  }
}

/** The detail a person can act on: the error's own words and the catalog's hint for its code. */
function describeError(error: DeviceError): string {
  const hint = error.code in ERROR_CATALOG ? ERROR_CATALOG[error.code as ErrorCode].hint : undefined;
  const words = error.message || error.code;
  return hint ? `${words} — ${hint}` : words;
}

/** Every finite number at the top of a driver's state is a metric (lampHours, volume, zoom…). */
function metricsFromState(state: Record<string, unknown>): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(state)) if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
  return metrics;
}

/** A driver that measures a signal puts `signal: {value, unit}` in its state; anything else there is not one. */
function signalFromState(state: Record<string, unknown>): DeviceHealth['signal'] {
  const s = state.signal as { value?: unknown; unit?: unknown } | null | undefined;
  if (!s || typeof s !== 'object' || typeof s.value !== 'number' || !Number.isFinite(s.value) || typeof s.unit !== 'string' || !s.unit) return undefined;
  return { value: s.value, unit: s.unit };
}

/** Health of a device view, without reply times (the monitor adds those). */
export function healthOfView(device: DeviceView): DeviceHealth {
  const status = healthStatusOf(device.status);
  const error = status === 'ok' ? null : (device.error ?? null);
  const detail = status === 'ok' ? null : error ? describeError(error) : device.detail;
  const health: DeviceHealth = { status, since: device.since, detail, metrics: metricsFromState(device.state) };
  const signal = signalFromState(device.state);
  if (signal) health.signal = signal;
  if (error) {
    health.error = { code: error.code, message: error.message };
    if (error.code in ERROR_CATALOG) health.code = error.code as ErrorCode;
  }
  return health;
}
