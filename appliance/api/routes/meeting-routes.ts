import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import { book, end, extend, release, start } from '../../meetings/meeting-lifecycle.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import type { MeetingContext } from '../../meetings/meeting-context.js';
import type { Meeting } from '../../meetings/meeting-types.js';
import { roomNowView } from '../../meetings/meeting-view-builders.js';
import { errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import { BookingBody, IdParams, MeetingViewSchema, RoomNowSchema } from './meeting-schemas.js';
import { declareRoutes } from '../declare-routes.js';

const MeetingRef = Type.Ref(MeetingViewSchema);
const RangeQuery = Type.Object(
  { from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
);

/** The schedule: what is booked, book now, extend, start, end, release. */
export async function meetingRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const api = declareRoutes(app, { tags: ['meetings'], errors: errorResponses });
  const ctx = room.ctx;
  const meetingOr404 = (id: string) => room.meeting(id);

  api.get(
    '/api/v1/room/now',
    {
      access: 'room',
      summary: 'Room state, current and next meeting, agenda clock, last self-test (what the panel shows)',
      response: { 200: Type.Ref(RoomNowSchema) },
    },
    async (request) => roomNowView(ctx, room.roomState(), auth.hasToken(request), room.calendar.shownEntries()),
  );

  api.get(
    '/api/v1/meetings',
    {
      access: 'room',
      summary: 'Meetings overlapping a period (default: today and the next 7 days), to a room credential',
      querystring: RangeQuery,
      response: { 200: Type.Array(MeetingRef) },
    },
    async (request) => {
      const now = ctx.clock.now().getTime();
      const from = request.query.from ?? new Date(now - 12 * 3_600_000).toISOString();
      const to = request.query.to ?? new Date(now + 7 * 86_400_000).toISOString();
      if (Date.parse(to) - Date.parse(from) > 92 * 86_400_000) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'Ask for at most 92 days at a time');
      const authorised = auth.hasToken(request);
      return room.meetingsBetween(new Date(from), new Date(to)).map((m) => room.view(m, authorised));
    },
  );

  api.get(
    '/api/v1/meetings/:id',
    {
      access: 'meeting-code',
      summary: "One meeting: to a room credential, or to the meeting's own code (its phone page)",
      params: IdParams,
      response: { 200: MeetingRef },
    },
    async (request) => {
      const meeting = meetingOr404(request.params.id);
      // A confidential title stays hidden from a phone holding the code, as on the door.
      return room.view(meeting, auth.forMeeting(request, meeting).via === 'token');
    },
  );

  api.post(
    '/api/v1/bookings',
    {
      access: 'room',
      summary: 'Book the room (now, or later) — refused with ROOMCTL_E_BOOKING_CONFLICT when taken',
      body: BookingBody,
      response: { 201: MeetingRef },
    },
    async (request, reply) => {
      const meeting = book(ctx, request.body);
      return reply.status(201).send(room.view(meeting, true));
    },
  );

  api.post(
    '/api/v1/meetings/:id/extend',
    {
      access: 'room',
      summary: 'Extend a meeting if the room is free after it',
      params: IdParams,
      body: Type.Object({ minutes: Type.Integer({ minimum: 5, maximum: 240 }) }, { additionalProperties: false }),
      response: { 200: MeetingRef },
    },
    async (request) => room.view(extend(ctx, request.params.id, request.body.minutes), true),
  );

  const transition = (path: string, summary: string, run: (context: MeetingContext, id: string, request: FastifyRequest) => Meeting) =>
    api.post(
      `/api/v1/meetings/:id/${path}`,
      {
        access: 'room',
        summary,
        params: IdParams,
        response: { 200: MeetingRef },
      },
      async (request) => room.view(run(ctx, meetingOr404(request.params.id).id, request), true),
    );
  transition('start', 'Start the meeting (one touch): runs the start scene', start);
  transition('end', 'End the meeting: runs the end scene, assembles and sends the minutes', end);
  // A person frees it ("We are not meeting"), not the rule: the organiser is told whose credential did (the route takes only a room's).
  transition(
    'release',
    'Release a booking by hand: before its check-in window opens a cancellation ahead of time, from then on "we are not meeting" (a miss of its series)',
    (c, id, request) => release(c, id, request.credential === 'panel' ? 'panel' : 'token'),
  );
}
