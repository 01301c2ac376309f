import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { ApplianceCore } from '../../appliance-core.js';
import { errorResponses } from '../schemas.js';
import { declareRoutes } from '../declare-routes.js';

const RoomMuteViewSchema = Type.Object(
  {
    on: Type.Boolean(),
    since: Type.String({ format: 'date-time' }),
    source: Type.String({ description: '`panel`, `start`, or the id of the device whose button changed it' }),
    devices: Type.Array(
      Type.Object({
        id: Type.String(),
        reported: Type.Union([Type.Boolean(), Type.Null()], { description: 'What the device last reported; null before it has said' }),
        agrees: Type.Boolean(),
        pending: Type.Boolean({ description: 'A command to follow the room is in flight' }),
      }),
    ),
  },
  { $id: 'RoomMuteView', description: "The room's one microphone mute and how each mute-capable device follows it" },
);

/** GET and POST /api/v1/room/mute: the room's one mute state (panel button, API). */
export async function roomMuteRoutes(app: FastifyInstance, core: ApplianceCore): Promise<void> {
  const api = declareRoutes(app, { tags: ['room'], errors: errorResponses });
  const roomMute = () => {
    if (!core.roomMute) throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', 'this appliance runs without room mute');
    return core.roomMute;
  };
  api.get(
    '/api/v1/room/mute',
    {
      access: 'open',
      summary: "The room mute and each device's agreement",
      response: { 200: RoomMuteViewSchema },
      errors: {},
    },
    async () => roomMute().view(),
  );
  api.post(
    '/api/v1/room/mute',
    {
      access: 'room',
      summary: 'Mute or unmute the room (every mute-capable device follows)',
      description:
        "Answers once every connected device has taken the command, or after 2.5 s with the slow ones still pending (a display warming up); the 2.5 s count time the room was listening, so a device that answered while the room's own process was held up (a loaded room PC) is not left pending. A device that failed is corrected when it is back.",
      body: Type.Object({ on: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: RoomMuteViewSchema },
    },
    async (request) => roomMute().set(request.body.on, { kind: 'panel' }),
  );
}
