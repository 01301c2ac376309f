import type { FastifyInstance } from 'fastify';
import type { ApiLimits } from '../http/connection-limits.js';
import { ClientRateLimit } from '../panel/client-rate-limit.js';

/**
 * What the room as a whole does at a bounded pace, whoever asks (a panel, a token, several of
 * them): calls for help, feedback and a failed self-test end up in facilities' inbox and on the
 * fleet (a self-test also wakes and probes every device), so one stuck button or a script with
 * a panel's credential must not flood either.
 */
export type RoomPace = 'help' | 'feedback' | 'selftest';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The room-wide pace this route's calls count toward (room-pace.ts). */
    pace?: RoomPace;
  }
}

const WHAT: Record<RoomPace, string> = { help: 'calls for help', feedback: 'ratings and problem reports', selftest: 'self-tests' };

/**
 * Counts each call to a paced route once its caller is let in (route-access.ts refuses the
 * others first, so a guest without a credential cannot use up the room's help button), before
 * its body is read; past the pace: 429 ROOMCTL_E_RATE_LIMITED with `retryAfterSeconds`, and
 * nothing of the call is kept or sent.
 */
export function installRoomPace(app: FastifyInstance, limits: Pick<ApiLimits, 'helpCallsPerMinute' | 'feedbackPerMinute' | 'selfTestsPerMinute'>): void {
  const paces: Record<RoomPace, ClientRateLimit> = {
    help: new ClientRateLimit(limits.helpCallsPerMinute, 60_000),
    feedback: new ClientRateLimit(limits.feedbackPerMinute, 60_000),
    selftest: new ClientRateLimit(limits.selfTestsPerMinute, 60_000),
  };
  app.addHook('onRequest', async (request) => {
    const pace = request.routeOptions.config?.pace;
    if (pace) paces[pace].take('room', WHAT[pace], 'this room');
  });
}
