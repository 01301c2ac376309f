import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { bookFromDoor, doorSchedule } from '../../meetings/door-booking.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import { ErrorBodySchema, errorResponses } from '../schemas.js';
import { DoorAccessSchema, DoorBookingResult, doorBookingBody, DoorCodeHeaders, DoorScheduleSchema, type DoorBookingBody } from './door-schemas.js';
import { checkDoorCode, type MeetingAuth } from './meeting-auth.js';
import { sendQrSvg } from './qr-svg.js';

/** The bearer token, or the door code: OpenAPI lists both ways in. */
const tokenOrDoorCode: Record<string, string[]>[] = [{ bearer: [] }, { doorCode: [] }];
const tokenOnly = [{ bearer: [] }];

/**
 * Booking from a phone: the door panel shows a QR code with the booking page and a door code
 * (access, qr.svg: the panel's credential only); the phone reads today's schedule and books
 * with the door code (auth: 'door-code', checked here by MeetingAuth.forDoor).
 */
export async function doorRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const ctx = room.ctx;
  const codes = room.doorCodes;

  app.get(
    '/api/v1/door/schedule',
    {
      config: { access: 'door-code' },
      schema: {
        summary: "The rest of the room's day, busy and free (no confidential title), for the booking page a door QR code opens",
        tags: ['door'],
        headers: DoorCodeHeaders,
        security: tokenOrDoorCode,
        response: { 200: DoorScheduleSchema, ...errorResponses },
      },
    },
    async (request) => doorSchedule(ctx, auth.forDoor(request, codes)),
  );

  app.post<{ Body: DoorBookingBody }>(
    '/api/v1/door/bookings',
    {
      config: { access: 'door-code' },
      schema: {
        summary: `Book the room from a phone: today, ${ctx.rules.adHocMinutes.join('/')} min, with a title and the organiser — refused with ROOMCTL_E_BOOKING_CONFLICT when taken, ROOMCTL_E_DOOR_CODE_EXPIRED for an old code, ROOMCTL_E_DOOR_CODE_USED_UP after a few bookings with one code`,
        tags: ['door'],
        headers: DoorCodeHeaders,
        body: doorBookingBody(ctx.rules.adHocMinutes),
        security: tokenOrDoorCode,
        response: { 201: DoorBookingResult, ...errorResponses, 403: Type.Ref(ErrorBodySchema), 429: Type.Ref(ErrorBodySchema) },
      },
    },
    async (request, reply) => {
      const meeting = bookFromDoor(ctx, request.body, auth.forDoor(request, codes));
      // The meeting's own page (with its code): the person who booked checks in from it.
      return reply.status(201).send({ meeting: room.view(meeting, true), meetingUrl: room.checkInUrl(meeting) });
    },
  );

  app.get(
    '/api/v1/door/access',
    {
      config: { access: 'room' },
      schema: {
        summary: "The booking page URL with the current door code, for the door panel's QR code, and when to ask for the next one",
        tags: ['door'],
        security: tokenOnly,
        response: { 200: DoorAccessSchema, ...errorResponses },
      },
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

  app.get<{ Querystring: { code?: string } }>(
    '/api/v1/door/qr.svg',
    {
      config: { access: 'room' },
      schema: {
        summary: 'QR code (SVG) of the booking page with a door code (default: the current one; a given one must still be taken)',
        tags: ['door'],
        querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 32 })) }, { additionalProperties: false }),
        security: tokenOnly,
        produces: ['image/svg+xml'],
        response: { 200: Type.String({ description: 'SVG document' }), ...errorResponses },
      },
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
