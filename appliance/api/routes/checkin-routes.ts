import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { badgeCheckIn } from '../../meetings/checkin-service.js';
import { checkIn } from '../../meetings/meeting-lifecycle.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import { errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import { sendQrSvg } from './qr-svg.js';
import { CheckInBody, CheckInResult, CodeHeaders, IdParams } from './meeting-schemas.js';

/** Check-ins: the badge reader, a tap on a name, the QR page on a phone, walk-ins. */
export async function checkInRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const ctx = room.ctx;
  const meetingOr404 = (id: string) => room.meeting(id);
  const result = (r: ReturnType<typeof checkIn>) => ({ meetingId: r.meeting.id, invited: r.invited, checkIn: r.checkIn, meetingStatus: r.meeting.status });

  app.post<{ Body: { badge: string } }>(
    '/api/v1/checkins',
    {
      config: { access: 'room' },
      schema: {
        summary: 'A badge read by the room: checks its holder in to the meeting open now (unknown badges are walk-ins)',
        tags: ['check-in'],
        body: Type.Object({ badge: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        security: [{ bearer: [] }],
        response: { 200: CheckInResult, ...errorResponses },
      },
    },
    async (request) => result(badgeCheckIn(ctx, room.roomState(), request.body.badge)),
  );

  app.post<{ Params: { id: string }; Body: typeof CheckInBody.static }>(
    '/api/v1/meetings/:id/checkins',
    {
      config: { access: 'meeting-code' },
      schema: {
        summary: 'Check a person in: tap on a name (panel), the QR page (meeting code), or a walk-in (walkIn: true)',
        tags: ['check-in'],
        params: IdParams,
        headers: CodeHeaders,
        body: CheckInBody,
        security: [{ bearer: [] }, {}] as Record<string, string[]>[],
        response: { 200: CheckInResult, ...errorResponses },
      },
    },
    async (request) => {
      const meeting = meetingOr404(request.params.id);
      const reader = auth.forMeeting(request, meeting);
      const { method, ...who } = request.body;
      const how = reader.via === 'meeting-code' ? 'qr' : (method ?? 'tap');
      return result(checkIn(ctx, meeting.id, who, how));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/meetings/:id/checkins',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Who checked in, and how',
        tags: ['check-in'],
        params: IdParams,
        security: [{ bearer: [] }],
        response: { 200: Type.Array(CheckInResult.properties.checkIn), ...errorResponses },
      },
    },
    async (request) => {
      auth.requireToken(request);
      return room.checkInsOf(meetingOr404(request.params.id).id);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/meetings/:id/access',
    {
      config: { access: 'room' },
      schema: {
        summary: "The meeting's code and the phone page URL (for the panel's QR)",
        tags: ['check-in'],
        params: IdParams,
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ code: Type.String(), url: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      auth.requireToken(request);
      const meeting = meetingOr404(request.params.id);
      return { code: meeting.code, url: room.checkInUrl(meeting) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/meetings/:id/qr.svg',
    {
      config: { access: 'room' },
      schema: {
        summary: 'QR code (SVG) of the meeting page a phone opens to check in and take minutes',
        tags: ['check-in'],
        params: IdParams,
        security: [{ bearer: [] }],
        produces: ['image/svg+xml'],
        response: { 200: Type.String({ description: 'SVG document' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      auth.requireToken(request);
      return sendQrSvg(reply, room.checkInUrl(meetingOr404(request.params.id)));
    },
  );
}
