import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { personDigest, stableId } from './link-key.js';
import type { ClockItem, LinkChange, RoomKey } from '../../contract/link-records.js';

/** What a room's devices look like from another room. */
export interface DeviceList {
  list(): readonly { id: string; name: string; kind: string; status: string }[];
}

type ClockStatus = 'booked' | 'in_progress' | 'ended';

/** The items of a meeting whose agenda was never written: older than any edit anywhere. */
const NEVER = new Date(0).toISOString();

/** Where this room's agenda items for a meeting come from, as the rooms compare them: when they were set, and by which room. */
export function localItemsKey(ctx: MeetingContext, meetingId: string, self: RoomKey): { at: string; by: RoomKey } {
  const origin = ctx.agenda.itemsOrigin(meetingId);
  return { at: origin?.at ?? NEVER, by: origin?.by ?? self };
}

/** This room's agenda clock for a meeting: its status, every item (its id, speakers and the times it ran), and where the items come from. */
export function localClock(ctx: MeetingContext, m: Meeting, self: RoomKey): { status: ClockStatus; items: ClockItem[]; itemsAt: string; itemsBy: RoomKey } {
  const status: ClockStatus = m.status === 'booked' || m.status === 'in_progress' ? m.status : 'ended';
  const items = ctx.agenda.list(m.id).map((i) => ({
    id: i.id,
    title: i.title,
    ...(i.owner ? { owner: i.owner } : {}),
    minutes: i.minutes,
    speakers: i.speakers ?? [],
    startedAt: i.startedAt,
    endedAt: i.endedAt,
  }));
  const origin = localItemsKey(ctx, m.id, self);
  return { status, items, itemsAt: origin.at, itemsBy: origin.by };
}

const RANK = { ok: 0, unknown: 1, degraded: 2, offline: 3 } as const;
type HealthStatus = keyof typeof RANK;

/** The room's devices as one line each for the host ("camera offline"), and the worst status. */
export function localHealth(devices: DeviceList): { status: HealthStatus; problems: string[] } {
  let worst: HealthStatus = 'ok';
  const problems: string[] = [];
  for (const d of devices.list()) {
    if (d.status === 'ok') continue;
    const status: HealthStatus = d.status === 'degraded' ? 'degraded' : d.status === 'connecting' ? 'unknown' : 'offline';
    if (RANK[status] > RANK[worst]) worst = status;
    problems.push(`${d.kind} ${status}`);
  }
  return { status: worst, problems: [...new Set(problems)].sort() };
}

/** A fact of this room with the id it always has, so sending it again is harmless. */
interface LocalFact {
  id: string;
  change: LinkChange;
  at: string;
}

/** This room's check-ins, notes, decisions and action items for a linked meeting, each under a stable id. */
export function localFacts(ctx: MeetingContext, m: Meeting, link: string, self: RoomKey, isRemote: (id: string) => boolean): LocalFact[] {
  const confidential = m.confidentiality === 'confidential';
  const facts: LocalFact[] = [];
  for (const c of ctx.checkIns.list(m.id)) {
    const person = personDigest(link, c.personKey);
    facts.push({
      id: stableId(link, self, 'checkin', person),
      at: c.at,
      change: { kind: 'checkin', person, name: confidential ? null : (c.name ?? c.email ?? null) },
    });
  }
  for (const e of ctx.minutes.entries(m.id)) {
    if (isRemote(e.id)) continue;
    facts.push({
      id: stableId(link, 'entry', e.id, e.text),
      at: e.at,
      change: { kind: 'minutes.entry', entryId: e.id, entryKind: e.kind, text: e.text, author: e.author ?? null },
    });
  }
  for (const a of ctx.minutes.actions(m.id)) {
    if (isRemote(a.id)) continue;
    facts.push({
      id: stableId(link, 'action', a.id, a.text, a.owner, a.deadline ?? ''),
      at: a.createdAt,
      change: { kind: 'minutes.action', actionId: a.id, text: a.text, owner: a.owner, ownerEmail: a.ownerEmail ?? null, deadline: a.deadline ?? null },
    });
  }
  return facts;
}
