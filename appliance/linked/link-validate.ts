import type { LinkChange, LinkInvitation, LinkRecord, RoomKey } from './link-records.js';
import { isRoomKey } from './link-topics.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown) => v === null || typeof v === 'string';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * Each kind's own fields, checked before anything is stored: a malformed record is dropped, never
 * half-applied. A kind without its check here does not compile.
 */
const FIELDS_OK: { [K in LinkChange['kind']]: (r: Record<string, unknown>) => boolean } = {
  'room.joined': (r) => isString(r.name) && r.name.length <= 200,
  'room.health': (r) =>
    ['ok', 'degraded', 'offline', 'unknown'].includes(r.status as string) &&
    Array.isArray(r.problems) &&
    r.problems.length <= 100 &&
    r.problems.every(isString),
  'links.set': (r) => Array.isArray(r.rooms) && r.rooms.length <= 51 && r.rooms.every((x) => isString(x) && isRoomKey(x)),
  'host.set': (r) => isString(r.host) && isRoomKey(r.host) && ['organiser', 'started', 'handover', 'failover'].includes(r.reason as string),
  'agenda.clock': (r) =>
    ['booked', 'in_progress', 'ended'].includes(r.status as string) &&
    Array.isArray(r.items) &&
    r.items.length <= 100 &&
    r.items.every(
      (i: Record<string, unknown>) =>
        isString(i.title) && typeof i.minutes === 'number' && i.minutes > 0 && isNullableString(i.startedAt) && isNullableString(i.endedAt),
    ),
  checkin: (r) => isString(r.person) && isNullableString(r.name),
  'minutes.entry': (r) => isString(r.entryId) && (r.entryKind === 'note' || r.entryKind === 'decision') && isString(r.text) && isNullableString(r.author),
  'minutes.action': (r) => isString(r.actionId) && isString(r.text) && isString(r.owner) && isNullableString(r.ownerEmail) && isNullableString(r.deadline),
  channel: (r) => isString(r.channel) && typeof r.record === 'object' && r.record !== null,
};

/**
 * A record from the broker, or why not: it must come from the room whose topic carried it
 * (the broker lets a room write only its own topics, so `room` cannot be another's) and be
 * about the meeting the topic names.
 */
export function readRecord(payload: Buffer, sender: RoomKey, link: string): LinkRecord | string {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'not JSON';
  }
  if (typeof r !== 'object' || r === null) return 'not an object';
  if (r.room !== sender) return `claims room ${String(r.room)} on ${sender}'s topic`;
  if (r.link !== link) return 'names another meeting than its topic';
  if (!isString(r.id) || r.id.length > 100 || !isString(r.at) || !ISO.test(r.at)) return 'no id or time';
  const fieldsOk = typeof r.kind === 'string' && Object.hasOwn(FIELDS_OK, r.kind) ? FIELDS_OK[r.kind as LinkChange['kind']] : undefined;
  if (!fieldsOk?.(r)) return `bad ${String(r.kind)} record`;
  return r as unknown as LinkRecord;
}

/** An invitation addressed to this room, from the room whose topic carried it. */
export function readInvitation(payload: Buffer, sender: RoomKey): LinkInvitation | string {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'not JSON';
  }
  if (r.kind !== 'invitation' || r.room !== sender) return 'not an invitation from its sender';
  const ok =
    isString(r.id) &&
    isString(r.link) &&
    /^[0-9a-f]{32}$/.test(r.link) &&
    isString(r.occurrenceKey) &&
    isString(r.title) &&
    isString(r.start) &&
    ISO.test(r.start) &&
    isString(r.end) &&
    ISO.test(r.end) &&
    (r.confidentiality === 'normal' || r.confidentiality === 'confidential') &&
    Array.isArray(r.rooms) &&
    r.rooms.every((x) => isString(x) && isRoomKey(x));
  return ok ? (r as unknown as LinkInvitation) : 'bad invitation';
}
