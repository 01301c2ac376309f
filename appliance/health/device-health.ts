import { ERROR_CATALOG, type ErrorCode } from '../../drivers/core/errors.js';
import type { DeviceView } from '../model/device-view.js';
import type { HealthStatus } from '../model/health.js';

/** Payload of the retained `devices/<id>/health` topic. */
export interface DeviceHealth {
  status: HealthStatus;
  /** ISO time the status last changed. */
  since: string;
  /** What a person needs to know, e.g. "The device could not be reached; check …". */
  detail: string | null;
  /** The coded error behind an offline or degraded status, when there is one. */
  code?: ErrorCode;
  /** Numbers worth a graph: reply time (ms), lamp hours, temperature, levels… */
  metrics: Record<string, number>;
}

const CODED = /^(ROOMCTL_E_[A-Z_]+): ?(.*)$/s;

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

/** Splits "ROOMCTL_E_X: message" and adds the catalog's hint, so the detail says what to do. */
function describeDetail(detail: string | null): { detail: string | null; code?: ErrorCode } {
  if (!detail) return { detail: null };
  const match = CODED.exec(detail);
  if (!match || !(match[1]! in ERROR_CATALOG)) return { detail };
  const code = match[1] as ErrorCode;
  return { detail: `${match[2] || code} — ${ERROR_CATALOG[code].hint}`, code };
}

/** Every finite number at the top of a driver's state is a metric (lampHours, volume, zoom…). */
function metricsFromState(state: Record<string, unknown>): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(state)) if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
  return metrics;
}

/** Health of a device view, without reply times (the monitor adds those). */
export function healthOfView(device: DeviceView): DeviceHealth {
  const status = healthStatusOf(device.status);
  const described = status === 'ok' ? { detail: null } : describeDetail(device.detail);
  const health: DeviceHealth = { status, since: device.since, detail: described.detail, metrics: metricsFromState(device.state) };
  if (described.code) health.code = described.code;
  return health;
}
