/**
 * The room's `events` topic: one JSON object per event, flat (`{id, at, type, …}`) so Home
 * Assistant templates and Node-RED read `type` directly. `id` is for de-duplication (delivery
 * is at least once).
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const event = <T extends string, P extends Record<string, TSchema>>(type: T, fields: P) => Type.Object({ type: Type.Literal(type), ...fields });
const opt = Type.Optional;
const S = Type.String;

/**
 * Why a failed self-test check's fault was raised, for the fleet to word in its operator's
 * language (the room's English stays in `detail`): the device's status then (`offline`,
 * `auth-failed`, `bad_config`, `unknown` …) and what the device itself said (or, when it said
 * nothing, `roomSaid`: the room's own note on its status, e.g. restarted from the admin view), or how long the room
 * waited, or the loudest level a silent microphone heard. Optional throughout: a room of an
 * earlier release sends none of it, and a check sends only what it has.
 */
const SelfTestFaultReasonSchema = Type.Object({
  status: opt(S({ maxLength: 32 })),
  said: opt(Type.Union([S(), Type.Null()])),
  roomSaid: opt(Type.Union([S({ maxLength: 200 }), Type.Null()])),
  waitedMs: opt(Type.Number()),
  heard: opt(Type.Object({ aboveDb: Type.Number(), withinMs: Type.Number(), peakDb: Type.Union([Type.Number(), Type.Null()]) })),
});

/**
 * Where a rating or a problem report came from: the room's panel, or a person's phone (the
 * personal link of their minutes email). Optional: a room of an earlier release does not say.
 */
const FeedbackViaSchema = Type.Union([Type.Literal('panel'), Type.Literal('phone')]);

/** Every event a room sends today; a newer room may send types not listed here, and the fleet keeps those too. */
export const RoomEventSchema = Type.Union([
  /**
   * `status` and `code` (a device's health status and its error's code, or a failed self-test
   * check's `ROOMCTL_E_SELFTEST_…` code) let the fleet word the fault in its operator's language.
   */
  event('fault.raised', {
    faultId: S(),
    deviceId: opt(S()),
    detail: S(),
    status: opt(Type.Union([Type.Literal('offline'), Type.Literal('degraded'), Type.Literal('auth-failed')])),
    code: opt(S()),
    selfTest: opt(SelfTestFaultReasonSchema),
  }),
  event('fault.cleared', { faultId: S(), deviceId: opt(S()), detail: opt(S()) }),
  event('help.requested', { requestId: S(), message: opt(S()) }),
  event('help.acknowledged', { requestId: S(), by: opt(S()) }),
  /** Facilities dealt with the call (`cmd/resolve-help`). */
  event('help.resolved', { requestId: S(), by: opt(S()) }),
  event('problem.reported', {
    reportId: S(),
    categories: Type.Array(S()),
    rating: opt(Type.Number()),
    comment: opt(S()),
    meetingId: opt(S()),
    deviceHealth: Type.Record(S(), Type.Unknown()),
    via: opt(FeedbackViaSchema),
  }),
  event('feedback', { meetingId: S(), rating: Type.Number(), via: opt(FeedbackViaSchema) }),
  event('selftest.result', { reportId: S(), meetingId: opt(S()), passed: Type.Boolean(), results: Type.Array(Type.Record(S(), Type.Unknown())) }),
  /** `confidential`: no title is sent, and the room does not record it. */
  event('meeting.started', { meetingId: S(), title: opt(S()), confidential: opt(Type.Literal(true)) }),
  event('meeting.ended', { meetingId: S(), title: opt(S()) }),
  /**
   * A booking released before it took place: nobody checked in (`no-check-in`), freed by hand once
   * its check-in had opened (`by-hand`), or before, a cancellation ahead of time (`ahead-of-time`).
   * A release by hand says whose credential freed it (`via`: a paired panel's, or one of the room's
   * tokens). No `title` for a confidential meeting. Rooms of an earlier release send no such event.
   */
  event('meeting.released', {
    meetingId: S(),
    title: opt(S()),
    releasedBy: Type.Union([Type.Literal('no-check-in'), Type.Literal('by-hand'), Type.Literal('ahead-of-time')]),
    via: opt(Type.Union([Type.Literal('panel'), Type.Literal('token')])),
  }),
  event('room.figures', { day: S(), figures: Type.Record(S(), Type.Number()) }),
  /** Another room's invitation to a linked meeting was refused by this room's `meetings.links.acceptFrom`; nothing was booked. */
  event('link.refused', { invitationId: S(), from: S(), code: Type.Literal('ROOMCTL_E_LINK_REFUSED'), reason: S() }),
  event('call.changed', {
    state: Type.Union([Type.Literal('idle'), Type.Literal('joining'), Type.Literal('in-call'), Type.Literal('ended'), Type.Literal('failed')]),
    provider: Type.Union([S(), Type.Null()]),
    meetingId: Type.Union([S(), Type.Null()]),
    detail: Type.Union([S(), Type.Null()]),
  }),
]);
export type RoomEventBody = Static<typeof RoomEventSchema>;

/** What the fleet requires of any event, known type or not. */
export const EventEnvelopeSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 128 }),
    at: Type.String({ maxLength: 40 }),
    type: Type.String({ minLength: 1, maxLength: 64 }),
    deviceId: opt(S({ maxLength: 64 })),
  },
  { additionalProperties: true },
);

/** One message on `events`, as the room sends it. */
export type RoomEventMessage = { id: string; at: string } & RoomEventBody;
