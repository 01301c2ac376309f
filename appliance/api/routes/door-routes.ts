import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { bookFromDoor, doorSchedule } from '../../meetings/door-booking.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import { ErrorBodySchema, errorResponses } from '../schemas.js';
import { DoorAccessSchema, DoorBookingResult, doorBookingBody, DoorScheduleSchema } from './door-schemas.js';
import { checkDoorCode, type MeetingAuth } from './meeting-auth.js';
import { sendQrSvg } from './qr-svg.js';
import { declareRoutes } from '../declare-routes.js';

/**
 * Booking from a phone: the door panel shows a QR code with the booking page and a door code
 * (access, qr.svg: the panel's credential only); the phone reads today's schedule and books
 * with the door code (auth: 'door-code', checked here by MeetingAuth.forDoor).
 */
export async function doorRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const api = declareRoutes(app, { tags: ['door'], errors: errorResponses });
  const ctx = room.ctx;
  const codes = room.doorCodes;

  api.get(
    '/api/v1/door/schedule',
    {
      access: 'door-code',
      summary: "The rest of the room's day, busy and free (no confidential title), for the booking page a door QR code opens",
      response: { 200: DoorScheduleSchema },
    },
    async (request) => doorSchedule(ctx, auth.forDoor(request, codes)),
  );

  api.post(
    '/api/v1/door/bookings',
    {
      access: 'door-code',
      summary: `Book the room from a phone: today, ${ctx.rules.adHocMinutes.join('/')} min, with a title and the organiser — refused with ROOMCTL_E_BOOKING_CONFLICT when taken, ROOMCTL_E_DOOR_CODE_EXPIRED for an old code, ROOMCTL_E_DOOR_CODE_USED_UP after a few bookings with one code`,
      body: doorBookingBody(ctx.rules.adHocMinutes),
      response: { 201: DoorBookingResult, 403: Type.Ref(ErrorBodySchema), 429: Type.Ref(ErrorBodySchema) },
    },
    async (request, reply) => {
      const meeting = bookFromDoor(ctx, request.body, auth.forDoor(request, codes));
      // The meeting's own page (with its code): the person who booked checks in from it.
      return reply.status(201).send({ meeting: room.view(meeting, true), meetingUrl: room.checkInUrl(meeting) });
    },
  );

  api.get(
    '/api/v1/door/access',
    {
      access: 'room',
      summary: "The booking page URL with the current door code, for the door panel's QR code, and when to ask for the next one",
      response: { 200: DoorAccessSchema },
    },
    async (request) => {
      auth.requireToken(request);
      const current = codes.current();
      const refreshMs = current.refreshAt.getTime() - ctx.clock.now().getTime();
      return {
        url: room.bookingUrl(current.code),
        code: current.code,
        expiresAt: current.expiresAt.toISOString(),
        refreshInSeconds: Math.max(1, Math.ceil(refreshMs / 1000)),
      };
    },
  );

  api.get(
    '/api/v1/door/qr.svg',
    {
      access: 'room',
      summary: 'QR code (SVG) of the booking page with a door code (default: the current one; a given one must still be taken)',
      querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 32 })) }, { additionalProperties: false }),
      produces: ['image/svg+xml'],
      response: { 200: Type.String({ description: 'SVG document' }) },
    },
    async (request, reply) => {
      auth.requireToken(request);
      const code = request.query.code ?? codes.current().code;
      // Never draw a made-up or stale code: a QR that cannot book would send people away.
      checkDoorCode(code, codes);
      return sendQrSvg(reply, room.bookingUrl(code.trim().toUpperCase()));
    },
  );
}
