import type { ClockItem, LinkRecord, RoomKey } from '../../contract/link-records.js';
import { ROOM_RELEASED_CHANNEL, type RoomReleasedWire } from '../../contract/room-release-wire.js';
import { CHECKIN_SET_ASIDE_CHANNEL, type CheckInSetAsideWire } from '../../contract/checkin-set-aside-wire.js';
import { type LinkedDuty, reminderDuty } from '../meetings/linked-port.js';
import { mergeAgendaEdit } from './agenda-merge.js';

/** (at, id) order: the same in every room, whatever order the records arrived in. */
export function byTime(a: Pick<LinkRecord, 'at' | 'id'>, b: Pick<LinkRecord, 'at' | 'id'>): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type ClockRecord = Extract<LinkRecord, { kind: 'agenda.clock' }>;

/** Where a clock's items come from, as every room compares them (an earlier release's clock: set at its `at` by its room). */
export function itemsKey(clock: Pick<ClockRecord, 'at' | 'room' | 'itemsAt' | 'itemsBy'>): { at: string; by: string } {
  return { at: clock.itemsAt ?? clock.at, by: clock.itemsBy ?? clock.room };
}

/** Whose items are the later edit: (itemsAt, itemsBy), then the record's id. */
function itemsOrder(a: ClockRecord, b: ClockRecord): number {
  const x = itemsKey(a);
  const y = itemsKey(b);
  return x.at < y.at ? -1 : x.at > y.at ? 1 : x.by < y.by ? -1 : x.by > y.by ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
type HealthRecord = Extract<LinkRecord, { kind: 'room.health' }>;

interface FoldedRoom {
  room: RoomKey;
  name: string | null;
  /** It has said it takes part (room.joined), or sent anything at all. */
  heard: boolean;
  health: Pick<HealthRecord, 'status' | 'problems'> | null;
  /** person digest → name (null when confidential) and when: the check-ins that count there. */
  checkIns: Map<string, { name: string | null; at: string }>;
  /** The check-ins that room set aside (its booking moved): kept, counted nowhere until it says they count again. */
  setAside: Map<string, { name: string | null; at: string }>;
  /** It released its booking: it left the meeting (how, and when); null while it holds it. */
  released: { by: NonNullable<RoomReleasedWire['releasedBy']>; at: string } | null;
}

export interface FoldedLink {
  rooms: Map<RoomKey, FoldedRoom>;
  /** The host as the records say (hand-overs and fail-overs included); null before anyone claimed it. */
  host: RoomKey | null;
  /** Rooms another room's `links.set` named: brought in by an invitation, they hand the time on only while they keep it. */
  invited: Set<RoomKey>;
  /** The latest agenda clock by (at, id) — once one started the meeting, the latest that did: the meeting's status and the items' times. */
  clock: ClockRecord | null;
  /** The clock with the latest edit of the items by (itemsAt, itemsBy, id): where the items come from, as every room says it. */
  itemsClock: ClockRecord | null;
  /**
   * The items every room shows: the edits' in (at, id) order, an edit made on the items as they
   * stood taking their place, one made meanwhile on older items merged with them (`itemsBase`,
   * agenda-merge.ts); a clock without `itemsBase` (one that moves the time, a room of an earlier
   * release) gives the items when it is the latest by (itemsAt, itemsBy).
   */
  items: ClockItem[] | null;
  /** The room that did each once-only duty (the roll call, sending the minutes), first by (at, id); absent before any did. */
  done: Map<LinkedDuty, RoomKey>;
  /** The last record folded in, by (at, id): a record after it is folded in one step (`foldStep`). */
  last: Pick<LinkRecord, 'at' | 'id'> | null;
}

/** A duty is recorded as an empty record on the channel of its name (`rollcall`, `minutes`, `reminder@<start>`), so no other room does it again. */
const DUTIES: readonly string[] = ['rollcall', 'minutes'] satisfies LinkedDuty[];
const isDuty = (channel: string): channel is LinkedDuty => DUTIES.includes(channel) || channel.startsWith(reminderDuty(''));

function roomOf(state: FoldedLink, room: RoomKey): FoldedRoom {
  let r = state.rooms.get(room);
  if (!r) state.rooms.set(room, (r = { room, name: null, heard: false, health: null, checkIns: new Map(), setAside: new Map(), released: null }));
  return r;
}

/**
 * The state of a linked meeting from its records, in (at, id) order, so every room that holds
 * the same records comes to the same state whatever order they arrived in. A "started" claim
 * makes a host only while there is none (the first room to start); the organiser's room, a
 * hand-over and a fail-over always do.
 */
export function foldLink(records: readonly LinkRecord[]): FoldedLink {
  const state: FoldedLink = { rooms: new Map(), host: null, invited: new Set(), clock: null, itemsClock: null, items: null, done: new Map(), last: null };
  for (const r of [...records].sort(byTime)) foldStep(state, r);
  return state;
}

/**
 * Folds one record into `state`, which it changes. Only for a record after `state.last` by
 * (at, id) — the usual case, records arriving in order; one before it needs the whole fold
 * again. In order, a linked meeting of thousands of records costs one step a record, not a
 * read and parse of all of them.
 */
export function foldStep(state: FoldedLink, r: LinkRecord): void {
  state.last = { at: r.at, id: r.id };
  const sender = roomOf(state, r.room);
  sender.heard = true;
  switch (r.kind) {
    case 'room.joined':
      sender.name = r.name;
      break;
    case 'room.health':
      sender.health = { status: r.status, problems: r.problems };
      break;
    case 'links.set':
      // Listed as expected until heard from; being named lets no room in (link-membership.ts: each room proves it holds the invite).
      for (const named of r.rooms) {
        roomOf(state, named);
        if (named !== r.room) state.invited.add(named);
      }
      break;
    case 'host.set':
      if (!handOverTaken(state, r) || !claimTaken(state, r)) break;
      if (r.reason !== 'started' || state.host === null) state.host = r.host;
      roomOf(state, r.host);
      break;
    case 'agenda.clock': {
      // A booked clock after one that started the meeting comes from a room that had not heard the start (its first, say): it says nothing of the status or the times.
      if (r.status !== 'booked' || state.clock === null || state.clock.status === 'booked') state.clock = r;
      const latest = !state.itemsClock || itemsOrder(state.itemsClock, r) < 0;
      if (r.itemsBase && state.items) state.items = mergeAgendaEdit(state.items, r.itemsBase, r.items);
      else if (latest) state.items = r.items;
      if (latest) state.itemsClock = r;
      break;
    }
    case 'checkin':
      if (!sender.checkIns.has(r.person) && !sender.setAside.has(r.person)) sender.checkIns.set(r.person, { name: r.name, at: r.at });
      break;
    case 'channel':
      if (isDuty(r.channel) && !state.done.has(r.channel)) state.done.set(r.channel, r.room);
      else if (r.channel === CHECKIN_SET_ASIDE_CHANNEL) {
        // Checked against its schema when it arrived (link-readers.ts), or made here.
        const { person, setAside } = r.record as CheckInSetAsideWire;
        const [from, to] = setAside ? [sender.checkIns, sender.setAside] : [sender.setAside, sender.checkIns];
        const checkIn = from.get(person);
        if (checkIn) {
          from.delete(person);
          to.set(person, checkIn);
        }
      } else if (r.channel === ROOM_RELEASED_CHANNEL) {
        // Checked against its schema when it arrived (link-readers.ts), or made here.
        const by = (r.record as RoomReleasedWire).releasedBy;
        sender.released = by === null ? null : { by, at: r.at };
      }
      break;
    default:
      break;
  }
}

/**
 * Whether a `host.set` counts, `state` being the fold of the records before it: a hand-over from a
 * room an invitation brought in only while that room keeps the time (OrganiserLinks.handsTimeOver),
 * so a stolen login of a guest room cannot take the time (or give it away) by writing one.
 */
export function handOverTaken(state: Pick<FoldedLink, 'host' | 'invited'>, r: Pick<LinkRecord, 'room'> & { reason: string }): boolean {
  return r.reason !== 'handover' || !state.invited.has(r.room) || state.host === r.room;
}

/**
 * Whether a fail-over (or an organiser's claim) counts, `state` being the fold of the records before
 * it. A fail-over is a room's word that the host is gone, which the others cannot check alike (each
 * sees the rooms' statuses at its own moment), so it counts only from a room that may take the time
 * at will: one that another room's `links.set` did not name (an invitation did not bring it in),
 * claiming the time for itself. So does an organiser's claim: a room an invitation brought in is not
 * the organiser's. A room an invitation brought in keeps the time while the host is offline as every
 * room computes it (effectiveHost), without a record: a stolen login of it cannot take the time from
 * a host that is there, nor give it to a room that is not.
 */
export function claimTaken(state: Pick<FoldedLink, 'invited'>, r: Pick<LinkRecord, 'room'> & { reason: string; host: RoomKey }): boolean {
  if (r.reason !== 'failover' && r.reason !== 'organiser') return true;
  return r.host === r.room && !state.invited.has(r.room);
}

/**
 * Who keeps the timer now: the recorded host while it is online and in the meeting, else the
 * next such room after it in sorted `site/room` order (every room computes the same one).
 * `online` says what each room's retained status said last; this room counts itself online. A
 * room that released its booking left the meeting: online or not, it keeps no time for the others.
 */
export function effectiveHost(state: FoldedLink, online: (room: RoomKey) => boolean): RoomKey | null {
  const host = state.host;
  const there = (room: RoomKey) => online(room) && !state.rooms.get(room)?.released;
  if (host === null || there(host)) return host;
  const keys = [...state.rooms.keys()].sort();
  const after = [...keys.filter((k) => k > host), ...keys.filter((k) => k < host)];
  return after.find(there) ?? host;
}
