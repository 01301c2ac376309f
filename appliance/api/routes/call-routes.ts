import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { ApplianceCore } from '../../appliance-core.js';
import type { CallStatus } from '../../calls/call-service.js';
import { CallStatusSchema, ErrorBodySchema, errorResponses } from '../schemas.js';
import { IdParams } from './meeting-schemas.js';
import { declareRoutes } from '../declare-routes.js';

const IDLE_SINCE = new Date(0).toISOString();

/**
 * The room's online call: join a meeting's call on the room's display, leave it, and what it
 * is doing. The panel's credential (`room`) may do all three; joining answers at once
 * (`joining`) and the rest arrives on the stream's status (`call`) and here.
 */
export async function callRoutes(app: FastifyInstance, core: ApplianceCore): Promise<void> {
  const api = declareRoutes(app, { tags: ['calls'], errors: errorResponses });
  const calls = () => {
    if (!core.calls) throw new RoomctlError('ROOMCTL_E_NO_CALL_LAUNCHER', 'This room joins no online meetings: its config has no calls: section');
    return core.calls;
  };
  const idle = (): CallStatus => ({ state: 'idle', provider: null, meetingId: null, since: IDLE_SINCE, detail: null });

  api.get(
    '/api/v1/call',
    {
      access: 'room',
      summary: "The room's online call: idle, joining, in-call, ended or failed (with why)",
      response: { 200: CallStatusSchema },
    },
    async () => core.calls?.view() ?? idle(),
  );

  api.post(
    '/api/v1/meetings/:id/join',
    {
      access: 'room',
      summary: "Join the meeting's online call on the room's display",
      description:
        "Answers 202 with the call `joining` once the browser is asked to open the join page; `GET /api/v1/call` (and `call` in the stream's status) says when it is `in-call` or `failed`. Refused with ROOMCTL_E_MEETING_STATE for a meeting without a link the room may open, or outside its time (from 10 min before the start to the end), ROOMCTL_E_NOT_SUPPORTED for a SIP-only meeting, ROOMCTL_E_NO_CALL_LAUNCHER without `calls:` in the config.",
      params: IdParams,
      response: { 202: CallStatusSchema, 501: Type.Ref(ErrorBodySchema) },
    },
    async (request, reply) => {
      const { view, done } = calls().begin(request.params.id);
      done.catch((err: Error) => request.log.warn({ err: err.message }, 'call join failed'));
      return reply.status(202).send(view);
    },
  );

  api.post(
    '/api/v1/call/leave',
    {
      access: 'room',
      summary: 'Leave the online call: the call browser closes',
      response: { 200: CallStatusSchema },
    },
    async () => (core.calls ? core.calls.leave('left from the panel') : idle()),
  );
}
