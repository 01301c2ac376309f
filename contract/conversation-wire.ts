/**
 * The floor and polls as they cross between linked rooms: a `channel` record named
 * `conversation` carries one of these (appliance/conversation/conversation-records.ts builds
 * them). Bounded as the room's own API bounds the same fields, so another room cannot put more
 * on this room's panel — a longer question, more options, a larger show of hands — than a
 * person could here.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { LINK_BOUNDS, ROOM_KEY } from './link-records.js';

const S = Type.String;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = S({ minLength: 1, maxLength: LINK_BOUNDS.id });
const Option = S({ minLength: 1, maxLength: 80 });
const Speaker = Type.Object({ name: Nullable(S({ maxLength: LINK_BOUNDS.name })), key: Id });

const base = {
  id: Id,
  meetingId: Id,
  room: S({ pattern: ROOM_KEY.source, maxLength: LINK_BOUNDS.room }),
  at: S({ pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$' }),
};
const record = <K extends string, F extends Record<string, TSchema>>(kind: K, fields: F) => Type.Object({ ...base, kind: Type.Literal(kind), ...fields });

/** The channel whose records are these. */
export const CONVERSATION_CHANNEL = 'conversation';

export const ConversationWireSchema = Type.Union([
  record('hand.raised', { handId: Id, who: Speaker }),
  record('hand.lowered', { handId: Id }),
  record('floor.given', {
    floorId: Id,
    handId: Nullable(Id),
    speaker: Speaker,
    speakerRoom: S({ pattern: ROOM_KEY.source, maxLength: LINK_BOUNDS.room }),
    minutes: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 60 }),
    agendaPosition: Nullable(Type.Integer({ minimum: 0, maximum: 1000 })),
  }),
  record('floor.released', { floorId: Id }),
  record('poll.opened', { pollId: Id, question: S({ minLength: 1, maxLength: 300 }), options: Type.Array(Option, { minItems: 1, maxItems: 10 }) }),
  record('vote.cast', { pollId: Id, option: Option, voter: Id }),
  record('hands.counted', { pollId: Id, counts: Type.Record(Option, Type.Integer({ minimum: 0, maximum: 10_000 }), { maxProperties: 10 }) }),
  record('poll.closed', { pollId: Id }),
]);
