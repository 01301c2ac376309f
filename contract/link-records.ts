/**
 * What linked rooms tell each other about one meeting, as records, and the invitation an
 * organiser's room sends (docs/LINKED-ROOMS.md). Each record has a globally unique id and is
 * applied once by id wherever it arrives, so replays after a broker outage, a re-sent outbox or
 * a room catching up change nothing the second time. A room publishes only records about itself
 * (`room` is the sender, and the broker lets it write only under its own topics). Both ends of
 * the link read and write exactly these shapes; `link-readers.ts` checks them compiled.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const S = Type.String;

/** A `site/room` that can stand in a topic: two plain segments. */
export const ROOM_KEY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** An instant as rooms write it: `Date.toISOString()`. */
const ISO_INSTANT = '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$';
/** A date or time as a room's own store may hold it (an agenda item's start, an action's deadline, which may be a day): ISO 8601. */
const ISO_TIME = S({ maxLength: 40, pattern: '^\\d{4}-\\d\\d-\\d\\d(T[0-9:.]+(Z|[+-]\\d\\d:?\\d\\d)?)?$' });
/**
 * The bounds of what a room shows and stores from another: the same its own HTTP API puts on
 * the same fields (appliance/api/routes/meeting-schemas.ts), so a room whose broker login was
 * stolen cannot put more on every linked room's panel and disk than a person can type into one.
 */
export const LINK_BOUNDS = {
  title: 200,
  /** A person's name (an owner, a speaker, an author). */
  name: 120,
  email: 254,
  note: 5000,
  action: 2000,
  /** An id made by the sending room (a record's, an item's, a note's). */
  id: 100,
  /** A `site/room`: two slugs of at most 63. */
  room: 127,
  /** The people an invitation names (the first of a longer invite's). */
  attendees: 500,
  /** The joins one re-send names (`resentFor`). */
  joinsAnswered: 100,
};

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const OneOf = <T extends string>(...values: T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const RoomKeySchema = S({ pattern: ROOM_KEY.source, maxLength: LINK_BOUNDS.room });
/** A link key (link-key.ts): 32 hex digits. */
const LinkKeySchema = S({ pattern: '^[0-9a-f]{32}$' });

/** `site/room`. */
export type RoomKey = string;

/** What every record carries besides its kind's own fields. */
const RecordBase = {
  /** Globally unique: the record's identity in every room. */
  id: S({ maxLength: LINK_BOUNDS.id }),
  /** The meeting across rooms: a digest of the invite's iCalendar UID and occurrence (link-key.ts). */
  link: LinkKeySchema,
  /** The room that made the record. */
  room: RoomKeySchema,
  /** ISO instant on the sending room's clock; records of one kind are ordered by (at, id). */
  at: S({ pattern: ISO_INSTANT }),
  /**
   * That `room` is one of the meeting's: the meeting's signature of it, under a key made from the
   * invite's occurrence key (appliance/linked/link-key.ts), which the link key does not reveal.
   * Optional: rooms of an earlier release send none, and are members only by the receiver's other rules.
   */
  proof: Type.Optional(S({ pattern: '^[0-9a-f]{128}$' })),
  /**
   * Only on a room's join sent again because rooms joined (in the re-send that brings them what
   * they may have missed): the ids of those rooms' joins. A room whose join is among them was heard by the
   * sender, so the sender was on the link first and has heard all this room sent since it joined:
   * it needs no re-send from this room. Not stored; rooms of an earlier release ignore it.
   */
  resentFor: Type.Optional(Type.Array(S({ maxLength: LINK_BOUNDS.id }), { maxItems: LINK_BOUNDS.joinsAnswered })),
};

/**
 * An agenda item as the host's clock has it: planned minutes and the times it actually ran. `id`
 * and `speakers` are later additions, optional so that rooms of an earlier release still read
 * these records (they ignore fields they do not know) and are still read here: an item without
 * an id is matched by its title, then its place; one without `speakers` (absent, not empty)
 * keeps the speakers its match has here.
 */
const ClockItemSchema = Type.Object({
  /** The item's identity in every room: its times and speakers stay with it wherever it moves. */
  id: Type.Optional(S({ maxLength: LINK_BOUNDS.id })),
  title: S({ maxLength: LINK_BOUNDS.title }),
  owner: Type.Optional(S({ maxLength: LINK_BOUNDS.name })),
  minutes: Type.Number({ exclusiveMinimum: 0 }),
  /** Who speaks, in order, with their minutes; sent for every item (empty when none). */
  speakers: Type.Optional(
    Type.Array(Type.Object({ name: S({ maxLength: LINK_BOUNDS.name }), minutes: Type.Number({ exclusiveMinimum: 0 }) }), { maxItems: 30 }),
  ),
  startedAt: Nullable(ISO_TIME),
  endedAt: Nullable(ISO_TIME),
});
export type ClockItem = Static<typeof ClockItemSchema>;

/** An item as an edit found it (`itemsBase`): what a person can change of it, without the times it ran. */
const AgendaBaseItemSchema = Type.Omit(ClockItemSchema, ['startedAt', 'endedAt']);
export type AgendaBaseItem = Static<typeof AgendaBaseItemSchema>;

/** Each kind's own fields. */
const CHANGES = {
  /** The room takes part (sent on every connect): its name. */
  'room.joined': { name: S({ maxLength: 200 }) },
  /** Its devices: the worst status and a short line per device that is not ok. */
  'room.health': { status: OneOf('ok', 'degraded', 'offline', 'unknown'), problems: Type.Array(S({ maxLength: 200 }), { maxItems: 100 }) },
  /** The organiser's room names the rooms of the meeting. */
  'links.set': { rooms: Type.Array(RoomKeySchema, { maxItems: 51 }) },
  /** Who keeps the timer: the organiser's room, the first to start, a hand-over, or the next room when the host died. */
  'host.set': { host: RoomKeySchema, reason: OneOf('organiser', 'started', 'handover', 'failover') },
  /**
   * The agenda clock's state (never ticks): the latest by (at, id) gives the status and the times
   * every room shows. Its items are the latest *edit* of them by (itemsAt, itemsBy, id) — so a room
   * moving the clock on with the items it had does not undo an edit made meanwhile in another.
   * A room of an earlier release sends neither field: its items count as set at `at` by `room`.
   */
  'agenda.clock': {
    status: OneOf('booked', 'in_progress', 'ended'),
    items: Type.Array(ClockItemSchema, { maxItems: 100 }),
    /** When the items were set (an edit, the calendar, a booking), on the clock of the room that set them. */
    itemsAt: Type.Optional(S({ pattern: ISO_INSTANT })),
    /** The room that set them. */
    itemsBy: Type.Optional(RoomKeySchema),
    /**
     * Only on the clock that carries an edit made in its room: the items as that room had them
     * when the edit was made. Another room's edit made meanwhile on the same items is merged
     * with it item by item (appliance/linked/agenda-merge.ts), so neither is lost. Absent (a
     * clock that only moves the time, or a room of an earlier release): the latest items by
     * (itemsAt, itemsBy) are the items.
     */
    itemsBase: Type.Optional(Type.Array(AgendaBaseItemSchema, { maxItems: 100 })),
  },
  /** One person checked in at `room`; `person` is an opaque digest, `name` null when the meeting is confidential. */
  checkin: { person: S({ maxLength: LINK_BOUNDS.id }), name: Nullable(S({ maxLength: LINK_BOUNDS.email })) },
  'minutes.entry': {
    entryId: S({ maxLength: LINK_BOUNDS.id }),
    entryKind: OneOf('note', 'decision'),
    text: S({ maxLength: LINK_BOUNDS.note }),
    author: Nullable(S({ maxLength: LINK_BOUNDS.name })),
  },
  'minutes.action': {
    actionId: S({ maxLength: LINK_BOUNDS.id }),
    text: S({ maxLength: LINK_BOUNDS.action }),
    owner: S({ maxLength: LINK_BOUNDS.name }),
    ownerEmail: Nullable(S({ maxLength: LINK_BOUNDS.email })),
    deadline: Nullable(ISO_TIME),
  },
  /** A record of another module replicated as it is (the floor, polls): `channel` names the module. */
  channel: { channel: S({ maxLength: 64 }), record: Type.Union([Type.Record(S(), Type.Unknown()), Type.Array(Type.Unknown())]) },
} satisfies Record<string, Record<string, TSchema>>;
const LinkChangeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('room.joined'), ...CHANGES['room.joined'] }),
  Type.Object({ kind: Type.Literal('room.health'), ...CHANGES['room.health'] }),
  Type.Object({ kind: Type.Literal('links.set'), ...CHANGES['links.set'] }),
  Type.Object({ kind: Type.Literal('host.set'), ...CHANGES['host.set'] }),
  Type.Object({ kind: Type.Literal('agenda.clock'), ...CHANGES['agenda.clock'] }),
  Type.Object({ kind: Type.Literal('checkin'), ...CHANGES['checkin'] }),
  Type.Object({ kind: Type.Literal('minutes.entry'), ...CHANGES['minutes.entry'] }),
  Type.Object({ kind: Type.Literal('minutes.action'), ...CHANGES['minutes.action'] }),
  Type.Object({ kind: Type.Literal('channel'), ...CHANGES['channel'] }),
]);
/** What a record says, without its id, meeting, room and time. */
export type LinkChange = Static<typeof LinkChangeSchema>;

/** One record on `roomctl/<site>/<room>/meetings/<link>/records`. */
export const LinkRecordSchema = Type.Union([
  Type.Object({ ...RecordBase, kind: Type.Literal('room.joined'), ...CHANGES['room.joined'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('room.health'), ...CHANGES['room.health'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('links.set'), ...CHANGES['links.set'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('host.set'), ...CHANGES['host.set'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('agenda.clock'), ...CHANGES['agenda.clock'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('checkin'), ...CHANGES['checkin'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('minutes.entry'), ...CHANGES['minutes.entry'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('minutes.action'), ...CHANGES['minutes.action'] }),
  Type.Object({ ...RecordBase, kind: Type.Literal('channel'), ...CHANGES['channel'] }),
]);
export type LinkRecord = Static<typeof LinkRecordSchema>;

/** What an organiser's room sends a room it links that may not hold the invite (`roomctl/<from>/links/<to>`): enough to book it there and prove it is one of the meeting's. */
export const LinkInvitationSchema = Type.Object({
  id: S({ maxLength: LINK_BOUNDS.id }),
  link: LinkKeySchema,
  room: RoomKeySchema,
  at: S({ pattern: ISO_INSTANT }),
  kind: Type.Literal('invitation'),
  /**
   * The invite's iCalendar UID and occurrence (UIDs are often addresses, rarely longer than a few
   * hundred characters): only to a room the inviting room lets in without proof (a room of an
   * earlier release, which needs it); whoever holds it can bring rooms in.
   */
  occurrenceKey: Type.Optional(S({ maxLength: 1000 })),
  /** The invited room's own proof that it is one of the meeting's (its `site/room` signed; link-key.ts). */
  ticket: Type.Optional(S({ pattern: '^[0-9a-f]{128}$' })),
  /** What checks the proofs of the meeting's rooms: the invited room cannot make any with it. */
  verifyKey: Type.Optional(S({ pattern: '^[0-9a-f]{64}$' })),
  title: S({ maxLength: LINK_BOUNDS.title }),
  start: S({ pattern: ISO_INSTANT }),
  end: S({ pattern: ISO_INSTANT }),
  confidentiality: OneOf('normal', 'confidential'),
  rooms: Type.Array(RoomKeySchema, { maxItems: 51 }),
  /**
   * The meeting's people as the organiser's room holds them (no badge: a badge is read by one room's
   * reader): the room that keeps the time after it reminds them and sends them the minutes, as it
   * would. Optional: a room of an earlier release sends none (its invited rooms keep none).
   */
  organiser: Type.Optional(Type.Object({ name: Type.Optional(S({ maxLength: LINK_BOUNDS.name })), email: Type.Optional(S({ maxLength: LINK_BOUNDS.email })) })),
  attendees: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.Optional(S({ maxLength: LINK_BOUNDS.name })),
        email: Type.Optional(S({ maxLength: LINK_BOUNDS.email })),
        required: Type.Boolean(),
      }),
      { maxItems: LINK_BOUNDS.attendees },
    ),
  ),
});
export type LinkInvitation = Static<typeof LinkInvitationSchema>;
