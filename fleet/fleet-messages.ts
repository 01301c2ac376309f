import { readers } from '../contract/readers.js';
import { parseRoomTopic } from '../contract/topics.js';
import { type ContractError, oversized } from '../contract/validate.js';
import type { DeviceError } from '../appliance/model/device-view.js';
import type { HealthStatus } from './fleet-api-types.js';

/** One MQTT message from a room, parsed and checked; the store takes only these. */
export type FleetMessage =
  | { kind: 'status'; site: string; room: string; online: 'online' | 'offline' }
  | { kind: 'state'; site: string; room: string; state: Record<string, unknown> }
  | { kind: 'health'; site: string; room: string; deviceId: string; health: ParsedHealth }
  | { kind: 'event'; site: string; room: string; event: ParsedEvent };

interface ParsedHealth {
  status: HealthStatus;
  since: string | null;
  detail: string | null;
  code: string | null;
  /** The coded error, as `{code, message}`; from a room of the previous release (code alone), the detail stands in for the message. */
  error: DeviceError | null;
  metrics: Record<string, number>;
  /** The device's signal with its unit (fps, dBFS); null (the parser) or absent from rooms that send none. */
  signal?: { value: number; unit: string } | null;
  /** When the room published it (ms), for ordering and lag. */
  at: number | null;
}

interface ParsedEvent {
  id: string;
  at: string;
  type: string;
  deviceId: string | null;
  body: Record<string, unknown>;
}

/** Why a message is not one the fleet can take: a coded error the ingest counts and logs. */
type FleetMessageError = { error: string; code: ContractError['code'] };

const refused = (e: ContractError, topic: string): FleetMessageError => ({ error: `${topic}: ${e.message}`, code: e.code });

/**
 * `roomctl/<site>/<room>/<rest>` + payload → a FleetMessage, or a coded reason it is not one
 * (the caller counts and logs those; a bad room must not stop the fleet view). Topics and
 * payloads are read with the contract's compiled schemas. Command topics and answers
 * (`cmd/…`, `reply/…`) are not the store's business and come back as null.
 */
export function parseFleetMessage(topic: string, payload: Buffer): FleetMessage | null | FleetMessageError {
  const where = parseRoomTopic(topic);
  if ('error' in where) return { error: where.error, code: 'ROOMCTL_E_MQTT_TOPIC' };
  const { site, room } = where;
  // Measured before it is decoded: a room's stolen login must not make the fleet parse 100 MB.
  const tooBig =
    where.kind === 'status' || where.kind === 'state' || where.kind === 'health' || where.kind === 'events' ? oversized(where.kind, payload) : undefined;
  if (tooBig) return refused(tooBig, topic);
  const text = payload.toString('utf8');
  // An empty retained payload deletes the retained message: nothing to record.
  if (text === '') return null;
  switch (where.kind) {
    case 'status': {
      const online = readers.online.check(text);
      if (!online.ok) return { error: `status must be online or offline, got ${JSON.stringify(text.slice(0, 40))}`, code: 'ROOMCTL_E_MQTT_PAYLOAD' };
      return { kind: 'status', site, room, online: online.value };
    }
    case 'state': {
      const state = readers.state.read(text);
      return state.ok ? { kind: 'state', site, room, state: state.value } : refused(state.error, topic);
    }
    case 'health': {
      const read = readers.health.read(text);
      if (!read.ok) return refused(read.error, topic);
      const o = read.value;
      const metrics: Record<string, number> = {};
      for (const [k, v] of Object.entries(o.metrics ?? {})) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
      const at = typeof o.at === 'string' ? Date.parse(o.at) : typeof o.at === 'number' ? o.at : Number.NaN;
      const detail = o.detail ?? null;
      const code = o.error?.code ?? o.code ?? null;
      const error = o.error ?? (o.code ? { code: o.code, message: detail ?? o.code } : null);
      return {
        kind: 'health',
        site,
        room,
        deviceId: where.deviceId,
        health: { status: o.status, since: o.since ?? null, detail, code, error, metrics, signal: o.signal ?? null, at: Number.isFinite(at) ? at : null },
      };
    }
    case 'events': {
      const read = readers.event.read(text);
      if (!read.ok) return refused(read.error, topic);
      const o = read.value;
      return { kind: 'event', site, room, event: { id: o.id, at: o.at, type: o.type, deviceId: o.deviceId ?? null, body: o } };
    }
    default:
      return null;
  }
}
