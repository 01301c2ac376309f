import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { ApplianceCore } from '../../appliance-core.js';
import { assertOrganiserChangeFits } from '../../linked/organiser-changes-bounded.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import { errorResponses } from '../schemas.js';
import { IdParams, MeetingViewSchema } from './meeting-schemas.js';
import { declareRoutes } from '../declare-routes.js';

const RoomKey = Type.String({ pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$', description: '"site/room"' });

/** Linking rooms to a meeting and handing its timer over (docs/LINKED-ROOMS.md). */
export async function linkedRoomRoutes(app: FastifyInstance, room: MeetingRoom, core: ApplianceCore): Promise<void> {
  const api = declareRoutes(app, { tags: ['meetings'], errors: errorResponses });
  const linked = () => {
    if (!core.linked) throw new RoomctlError('ROOMCTL_E_LINK_UNAVAILABLE', 'This room has no MQTT broker configured: it cannot link rooms');
    return core.linked;
  };
  const meetingOr404 = (id: string) => {
    const m = room.ctx.meetings.get(id);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${id}" in this room`);
    return m;
  };

  api.get(
    '/api/v1/linked-rooms',
    {
      access: 'room',
      summary: 'The rooms seen on the broker (their online/offline status), to link a meeting with',
      response: {
        200: Type.Object({ self: Type.String(), rooms: Type.Array(Type.Object({ site: Type.String(), room: Type.String(), online: Type.Boolean() })) }),
      },
    },
    async () => ({ self: linked().self, rooms: linked().knownRooms() }),
  );

  api.post(
    '/api/v1/meetings/:id/links',
    {
      access: 'room',
      summary:
        'Link other rooms to this meeting: one agenda, roll call and set of minutes, hosted here (ROOMCTL_E_LINK_ROOM for a bad room name; 409 ROOMCTL_E_MEETING_LIMIT past 20 requests per meeting)',
      params: IdParams,
      body: Type.Object({ rooms: Type.Array(RoomKey, { minItems: 1, maxItems: 50, uniqueItems: true }) }, { additionalProperties: false }),
      response: { 200: Type.Ref(MeetingViewSchema) },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      assertOrganiserChangeFits(room.ctx.db, m, linked().self, 'links');
      return room.view(linked().link(m.id, request.body.rooms), true);
    },
  );

  api.post(
    '/api/v1/meetings/:id/host',
    {
      access: 'room',
      summary:
        'Hand the agenda timer, the roll call and the minutes to another linked room (or take them here); 409 ROOMCTL_E_MEETING_LIMIT past 50 per meeting',
      params: IdParams,
      body: Type.Object({ room: RoomKey }, { additionalProperties: false }),
      response: { 200: Type.Ref(MeetingViewSchema) },
    },
    async (request) => {
      const m = meetingOr404(request.params.id);
      assertOrganiserChangeFits(room.ctx.db, m, linked().self, 'handOvers');
      linked().handOver(m.id, request.body.room);
      return room.view(m, true);
    },
  );
}
