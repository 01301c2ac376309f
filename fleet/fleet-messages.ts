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
  metrics: Record<string, number>;
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

const STATUSES = new Set<string>(['ok', 'degraded', 'offline', 'auth-failed', 'unknown'] satisfies HealthStatus[]);
const SEGMENT = /^[a-z0-9][a-z0-9-]{0,62}$/;
// Device ids follow the config's slug rule, a little looser for other publishers.
const DEVICE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/**
 * `roomctl/<site>/<room>/<rest>` + payload → a FleetMessage, or a reason it is not one
 * (the caller counts and logs those; a bad room must not stop the fleet view).
 * Command topics and answers (`cmd/…`) are not the fleet's business and come back as null.
 */
export function parseFleetMessage(topic: string, payload: Buffer): FleetMessage | null | { error: string } {
  const parts = topic.split('/');
  if (parts[0] !== 'roomctl' || parts.length < 4) return { error: `not a room topic: ${topic}` };
  const [, site, room, ...rest] = parts as [string, string, string, ...string[]];
  if (!SEGMENT.test(site) || !SEGMENT.test(room)) return { error: `bad site or room in ${topic}` };
  const text = payload.toString('utf8');
  if (rest.length === 1 && rest[0] === 'status') {
    // An empty retained payload deletes the retained status: nothing to record.
    if (text === '') return null;
    if (text !== 'online' && text !== 'offline') return { error: `status must be online or offline, got ${JSON.stringify(text.slice(0, 40))}` };
    return { kind: 'status', site, room, online: text };
  }
  if (rest[0] === 'cmd') return null;
  if (text === '') return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: `${topic}: payload is not JSON` };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: `${topic}: payload is not a JSON object` };
  const o = body as Record<string, unknown>;
  if (rest.length === 1 && rest[0] === 'state') return { kind: 'state', site, room, state: o };
  if (rest.length === 3 && rest[0] === 'devices' && rest[2] === 'health') {
    const deviceId = rest[1]!;
    if (!DEVICE.test(deviceId)) return { error: `bad device id in ${topic}` };
    if (typeof o.status !== 'string' || !STATUSES.has(o.status)) return { error: `${topic}: status must be ok, degraded, offline, auth-failed or unknown` };
    const metrics: Record<string, number> = {};
    if (o.metrics && typeof o.metrics === 'object') for (const [k, v] of Object.entries(o.metrics)) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
    const at = typeof o.at === 'string' ? Date.parse(o.at) : typeof o.at === 'number' ? o.at : NaN;
    return {
      kind: 'health',
      site,
      room,
      deviceId,
      health: {
        status: o.status as HealthStatus,
        since: typeof o.since === 'string' ? o.since : null,
        detail: typeof o.detail === 'string' ? o.detail : null,
        code: typeof o.code === 'string' ? o.code : null,
        metrics,
        at: Number.isFinite(at) ? at : null,
      },
    };
  }
  if (rest.length === 1 && rest[0] === 'events') {
    if (typeof o.id !== 'string' || o.id.length === 0 || o.id.length > 128) return { error: `${topic}: an event needs an id` };
    if (typeof o.type !== 'string' || typeof o.at !== 'string') return { error: `${topic}: an event needs a type and an at` };
    return { kind: 'event', site, room, event: { id: o.id, at: o.at, type: o.type, deviceId: typeof o.deviceId === 'string' ? o.deviceId : null, body: o } };
  }
  return null;
}
