import { Type, type TSchema } from '@sinclair/typebox';
import { CONFIDENTIALITY, MEETING_STATUSES, RELEASE_REASONS, RELEASE_VIAS } from '../../meetings/meeting-types.js';
import { PROBLEM_CATEGORIES } from '../../meetings/feedback-repository.js';
import { ACTION_STATUSES } from '../../meetings/minutes-repository.js';

/** Route schemas for meetings: they validate every input and write the OpenAPI document. */
export const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const DateTime = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });
export const Email = Type.String({ format: 'email', maxLength: 254 });

export const PersonSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    email: Type.Optional(Email),
    badge: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
const AttendeeSchema = Type.Object(
  { ...PersonSchema.properties, required: Type.Boolean({ default: true, description: 'Required (true) or optional (false)' }) },
  { additionalProperties: false },
);
const AgendaSpeakerSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 120 }), minutes: Type.Integer({ minimum: 1, maximum: 120, description: 'Speaking time' }) },
  { additionalProperties: false },
);
export const AgendaDraftSchema = Type.Object(
  {
    id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          "The item's id as the agenda read gave it: the times it ran and its speakers stay with it wherever it moves or however it is renamed. A new item has none",
      }),
    ),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    minutes: Type.Integer({ minimum: 1, maximum: 480 }),
    speakers: Type.Optional(
      Type.Array(AgendaSpeakerSchema, {
        maxItems: 30,
        description: 'Named speakers in speaking order; "next" on the floor gives them the floor before raised hands',
      }),
    ),
  },
  { additionalProperties: false },
);

const Counts = Type.Record(Type.String(), Type.Integer({ minimum: 0 }));
export const HandViewSchema = Type.Object({
  handId: Type.String(),
  name: Nullable(Type.String({ description: 'null when hidden (confidential)' })),
  room: Type.String({ description: 'site/room' }),
  raisedAt: DateTime(),
});
export const FloorViewSchema = Type.Object(
  {
    queue: Type.Array(HandViewSchema, { description: 'Raised hands, first raised first' }),
    speaking: Nullable(
      Type.Object({
        floorId: Type.String(),
        handId: Nullable(Type.String({ description: 'null for a speaker the agenda names' })),
        name: Nullable(Type.String()),
        room: Type.String({ description: 'site/room the speaker sits in' }),
        since: DateTime(),
        minutes: Type.Integer(),
        agendaPosition: Nullable(Type.Integer()),
        remainingSeconds: Type.Integer({ description: 'Negative: over time' }),
      }),
    ),
  },
  { $id: 'FloorView' },
);
export const PollViewSchema = Type.Object(
  {
    pollId: Type.String(),
    question: Nullable(Type.String({ description: 'null when hidden (confidential)' })),
    options: Type.Array(Type.String()),
    status: literals(['open', 'closed']),
    openedAt: DateTime(),
    closedAt: Nullable(DateTime()),
    counts: Counts,
    votes: Type.Integer({ description: 'Votes cast by phone' }),
    roomCounts: Type.Array(Type.Object({ room: Type.String(), counts: Counts }), { description: "Each room's show of hands" }),
    outcome: Nullable(Type.String({ description: '"Approved 7–2, 1 abstained", once closed' })),
  },
  { $id: 'PollView' },
);

export const OnlineMeetingSchema = Type.Object(
  {
    provider: Type.String({
      description:
        'teams · zoom · webex · google-meet · tencent-meeting · feishu · dingtalk · wecom · jitsi · web (an allowed domain) · sip (a dial string, shown only)',
    }),
    name: Type.String({ description: "The service's name, for the Join button" }),
    url: Type.Optional(Type.String({ description: 'The join link (absent for a confidential meeting shown without its details)' })),
    meetingId: Type.Optional(Type.String()),
    passcode: Type.Optional(Type.String()),
    dialString: Type.Optional(Type.String({ description: 'SIP/H.323 address for a video system' })),
  },
  { $id: 'OnlineMeeting', description: "The meeting's online meeting, from its invitation or the booking's online.url" },
);

export const MeetingViewSchema = Type.Object(
  {
    id: Type.String(),
    source: literals(['calendar', 'adhoc']),
    seriesKey: Nullable(Type.String()),
    title: Nullable(Type.String({ description: 'null when hidden (confidential)' })),
    hidden: Type.Boolean(),
    organiser: Nullable(PersonSchema),
    attendees: Type.Array(AttendeeSchema),
    description: Type.String(),
    start: DateTime(),
    end: DateTime(),
    status: literals(MEETING_STATUSES),
    confidentiality: literals(CONFIDENTIALITY),
    startedAt: Nullable(DateTime()),
    endedAt: Nullable(DateTime()),
    releasedAt: Nullable(DateTime()),
    releasedBy: Type.Union([literals(RELEASE_REASONS), Type.Null()], {
      description:
        'How the booking was released: nobody checked in within the rule (no-check-in), freed by hand once its check-in window had opened (by-hand), or before it opened: cancelled ahead of time (ahead-of-time)',
    }),
    releasedVia: Type.Union([literals(RELEASE_VIAS), Type.Null()], {
      description:
        "A release by hand: whose credential freed it, the room's panel's (panel: a paired panel, or a token of api.panelTokens) or one of the room's tokens (token); null otherwise and for releases stored before it was recorded",
    }),
    checkInOpensAt: DateTime(),
    autoReleaseAt: DateTime(),
    checkIns: Type.Integer(),
    seriesFlagged: Type.Boolean({
      description: 'The recurring series was released unused (no check-in, or freed by hand once check-in had opened) too often in a row',
    }),
    rooms: Type.Array(
      Type.Object({
        site: Type.String(),
        room: Type.String(),
        name: Type.String(),
        host: Type.Boolean({ description: 'keeps the agenda timer, the roll call and the minutes' }),
        present: Type.Integer({ description: 'people checked in there' }),
        expected: Type.Boolean({ description: 'linked, not heard from yet' }),
        online: Type.Boolean(),
        health: Type.Object({ status: literals(['ok', 'degraded', 'offline', 'unknown']), problems: Type.Array(Type.String()) }),
        released: Nullable(
          Type.Object(
            { by: literals(RELEASE_REASONS), at: DateTime() },
            {
              description:
                "The room released its booking and left the meeting: nobody checked in there (no-check-in), freed by hand (by-hand) or cancelled ahead of time (ahead-of-time); null while it holds it. Each room keeps its own booking: one room's release frees no other's",
            },
          ),
        ),
      }),
      { description: 'The rooms of a linked meeting, this one included; empty when held in this room only' },
    ),
    linksRooms: Type.Optional(
      Type.Boolean({
        description: 'With a broker: this room may link rooms to the meeting (its calendar holds the invite); false in a room an invitation brought it to',
      }),
    ),
    handsTimeOver: Type.Optional(
      Type.Boolean({
        description:
          'With a broker: this room may hand the time to another room (POST …/host): always where its calendar holds the invite; in a room an invitation brought it to, only while that room keeps the time',
      }),
    ),
    online: Nullable(Type.Ref(OnlineMeetingSchema)),
    floor: Type.Ref(FloorViewSchema),
    polls: Type.Array(Type.Ref(PollViewSchema)),
  },
  { $id: 'MeetingView' },
);

export const AgendaNowSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        id: Type.String({ description: "The item's identity, the same in every linked room; send it back with the item in a save" }),
        position: Type.Integer(),
        title: Type.String(),
        owner: Nullable(Type.String()),
        minutes: Type.Integer(),
        speakers: Type.Array(AgendaSpeakerSchema),
        startedAt: Nullable(DateTime()),
        endedAt: Nullable(DateTime()),
        overrunMinutes: Nullable(Type.Number()),
      }),
    ),
    currentPosition: Nullable(Type.Integer()),
    remainingSeconds: Nullable(Type.Integer()),
    revision: Type.Integer({
      minimum: 0,
      description: "Moves on every change of the items (not on the clock moving through them); send it back as a save's ifRevision",
    }),
    usedPercent: Nullable(Type.Number()),
    maxItems: Type.Integer({
      minimum: 1,
      description: "Items a save over this agenda may hold: 50, or as many as a merge of linked rooms' edits left (up to 100)",
    }),
  },
  { $id: 'AgendaNow' },
);

export const RoomNowSchema = Type.Object(
  {
    state: literals(['idle', 'booked', 'in_meeting']),
    current: Nullable(Type.Ref(MeetingViewSchema)),
    next: Nullable(Type.Ref(MeetingViewSchema)),
    agenda: Nullable(Type.Ref(AgendaNowSchema)),
    selfTest: Nullable(Type.Object({ id: Type.String(), at: DateTime(), passed: Type.Boolean(), failed: Type.Array(Type.String()) })),
    bookNowMinutes: Type.Array(Type.Integer()),
    alsoToday: Type.Optional(
      Type.Array(Type.Object({ title: Nullable(Type.String()), start: DateTime(), end: DateTime(), allDay: Type.Boolean() }), {
        description: 'Calendar entries for the rest of today that do not book the room (all-day, marked free); a confidential one has no title',
      }),
    ),
    linkable: Type.Optional(Type.Boolean({ description: 'The room can link its meetings with other rooms (it has a broker)' })),
    time: DateTime(),
  },
  { $id: 'RoomNow' },
);

export const BookingBody = Type.Object(
  {
    minutes: Type.Integer({ minimum: 5, maximum: 480, description: 'Length; "book now" offers 15, 30, 60' }),
    start: Type.Optional(DateTime('Default: now')),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    organiser: Type.Optional(PersonSchema),
    attendees: Type.Optional(Type.Array(AttendeeSchema, { maxItems: 200 })),
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
    agenda: Type.Optional(Type.Array(AgendaDraftSchema, { maxItems: 50 })),
    confidentiality: Type.Optional(literals(CONFIDENTIALITY)),
    online: Type.Optional(
      Type.Object(
        {
          url: Type.String({
            minLength: 4,
            maxLength: 2000,
            pattern: '^\\S+$',
            description: 'A join link of a known service or an allowed domain, or a sip:/h323: address (else ROOMCTL_E_ONLINE_LINK_REFUSED)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CheckInBody = Type.Object(
  {
    badge: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    email: Type.Optional(Email),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    walkIn: Type.Optional(Type.Boolean({ description: 'Add a person who was not invited' })),
    method: Type.Optional(literals(['tap', 'qr', 'badge'])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CheckInResult = Type.Object({
  meetingId: Type.String(),
  invited: Type.Boolean(),
  checkIn: Type.Object({
    personKey: Type.String(),
    name: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    badge: Type.Optional(Type.String()),
    method: Type.String(),
    walkIn: Type.Boolean(),
    at: DateTime(),
  }),
  meetingStatus: literals(MEETING_STATUSES),
});

export const EntryBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000 }), author: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })) },
  { additionalProperties: false },
);
export const EntrySchema = Type.Object({
  id: Type.String(),
  kind: literals(['note', 'decision']),
  text: Type.String(),
  author: Nullable(Type.String()),
  at: DateTime(),
});

export const ActionBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    owner: Type.String({ minLength: 1, maxLength: 120 }),
    ownerEmail: Type.Optional(Email),
    deadline: Type.Optional(DateTime()),
  },
  { additionalProperties: false },
);
export const ActionPatch = Type.Object(
  {
    status: Type.Optional(literals(ACTION_STATUSES)),
    deadline: Type.Optional(Nullable(DateTime())),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    ownerEmail: Type.Optional(Nullable(Email)),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const ActionItemSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  text: Type.String(),
  owner: Type.String(),
  ownerEmail: Nullable(Type.String()),
  deadline: Nullable(DateTime()),
  status: literals(ACTION_STATUSES),
  createdAt: DateTime(),
  updatedAt: DateTime(),
  remindedAt: Nullable(DateTime()),
});

export const FeedbackBody = Type.Object(
  {
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    problems: Type.Optional(Type.Array(literals(PROBLEM_CATEGORIES), { uniqueItems: true, maxItems: PROBLEM_CATEGORIES.length })),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const CodeHeaders = Type.Object({
  'x-meeting-code': Type.Optional(Type.String({ maxLength: 32, description: 'The meeting code from its QR page (instead of the bearer token)' })),
  'x-minutes-reader': Type.Optional(
    Type.String({
      maxLength: 512,
      description:
        'The token of a personal link from the minutes email (`reader=` in the link): proves who reads confidential minutes, and lets the organiser amend minutes once sent',
    }),
  ),
});
