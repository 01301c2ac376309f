import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { badgeCheckIn } from '../../meetings/checkin-service.js';
import { checkIn } from '../../meetings/meeting-lifecycle.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import { errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import { sendQrSvg } from './qr-svg.js';
import { CheckInBody, CheckInResult, IdParams } from './meeting-schemas.js';
import { declareRoutes } from '../declare-routes.js';

/** Check-ins: the badge reader, a tap on a name, the QR page on a phone, walk-ins. */
export async function checkInRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const api = declareRoutes(app, { tags: ['check-in'], errors: errorResponses });
  const ctx = room.ctx;
  const meetingOr404 = (id: string) => room.meeting(id);
  const result = (r: ReturnType<typeof checkIn>) => ({ meetingId: r.meeting.id, invited: r.invited, checkIn: r.checkIn, meetingStatus: r.meeting.status });

  api.post(
    '/api/v1/checkins',
    {
      access: 'room',
      summary: 'A badge read by the room: checks its holder in to the meeting open now (unknown badges are walk-ins)',
      body: Type.Object({ badge: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
      response: { 200: CheckInResult },
    },
    async (request) => result(badgeCheckIn(ctx, room.roomState(), request.body.badge)),
  );

  api.post(
    '/api/v1/meetings/:id/checkins',
    {
      access: 'meeting-code',
      summary: 'Check a person in: tap on a name (panel), the QR page (meeting code), or a walk-in (walkIn: true)',
      params: IdParams,
      body: CheckInBody,
      response: { 200: CheckInResult },
    },
    async (request) => {
      const meeting = meetingOr404(request.params.id);
      const reader = auth.forMeeting(request, meeting);
      const { method, ...who } = request.body;
      const how = reader.via === 'meeting-code' ? 'qr' : (method ?? 'tap');
      return result(checkIn(ctx, meeting.id, who, how));
    },
  );

  api.get(
    '/api/v1/meetings/:id/checkins',
    {
      access: 'room',
      summary: 'Who checked in, and how',
      params: IdParams,
      response: { 200: Type.Array(CheckInResult.properties.checkIn) },
    },
    async (request) => {
      auth.requireToken(request);
      return room.checkInsOf(meetingOr404(request.params.id).id);
    },
  );

  api.get(
    '/api/v1/meetings/:id/access',
    {
      access: 'room',
      summary: "The meeting's code and the phone page URL (for the panel's QR)",
      params: IdParams,
      response: { 200: Type.Object({ code: Type.String(), url: Type.String() }) },
    },
    async (request) => {
      auth.requireToken(request);
      const meeting = meetingOr404(request.params.id);
      return { code: meeting.code, url: room.checkInUrl(meeting) };
    },
  );

  api.get(
    '/api/v1/meetings/:id/qr.svg',
    {
      access: 'room',
      summary: 'QR code (SVG) of the meeting page a phone opens to check in and take minutes',
      params: IdParams,
      produces: ['image/svg+xml'],
      response: { 200: Type.String({ description: 'SVG document' }) },
    },
    async (request, reply) => {
      auth.requireToken(request);
      return sendQrSvg(reply, room.checkInUrl(meetingOr404(request.params.id)));
    },
  );
}
