import type { FastifyInstance } from 'fastify';
import type { ApplianceCore } from '../../appliance-core.js';
import { AgendaNowSchema, FloorViewSchema, MeetingViewSchema, OnlineMeetingSchema, PollViewSchema, RoomNowSchema } from './meeting-schemas.js';
import { conversationRoutes } from './conversation-routes.js';
import { checkInRoutes } from './checkin-routes.js';
import { doorRoutes } from './door-routes.js';
import { linkedRoomRoutes } from './linked-room-routes.js';
import { MeetingAuth } from './meeting-auth.js';
import { meetingRoutes } from './meeting-routes.js';
import { minutesRoutes } from './minutes-routes.js';
import { roomOpsRoutes } from './room-ops-routes.js';
import { strictValidator } from './strict-validator.js';
import { roomTokens, TokenAuth } from '../../http/auth.js';

/** Every meeting route, registered when the appliance runs a meeting room. */
export async function meetingApi(app: FastifyInstance, core: ApplianceCore): Promise<void> {
  const room = core.meetings;
  if (!room) return;
  app.addSchema(OnlineMeetingSchema);
  app.addSchema(FloorViewSchema);
  app.addSchema(PollViewSchema);
  app.addSchema(MeetingViewSchema);
  app.addSchema(AgendaNowSchema);
  app.addSchema(RoomNowSchema);
  const auth = new MeetingAuth(new TokenAuth(roomTokens(core.config.api)), room.ctx.readerLinks);
  // Own scope, so the strict validator applies to these routes only.
  await app.register(async (scope) => {
    scope.setValidatorCompiler(strictValidator);
    await meetingRoutes(scope, room, auth);
    await checkInRoutes(scope, room, auth);
    await minutesRoutes(scope, room, auth);
    await conversationRoutes(scope, room, auth);
    await roomOpsRoutes(scope, room, auth);
    await doorRoutes(scope, room, auth);
    await linkedRoomRoutes(scope, room, core);
  });
}
