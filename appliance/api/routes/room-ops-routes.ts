import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import { figuresBetween } from '../../meetings/daily-jobs.js';
import { personalFeedback, submitFeedback, submitPersonalFeedback } from '../../meetings/feedback-service.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import { purgeLog } from '../../meetings/retention.js';
import { selfTestJob } from '../../meetings/selftest-job.js';
import { CalendarHealthSchema, errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import { FeedbackBody, IdParams } from './meeting-schemas.js';
import { declareRoutes } from '../declare-routes.js';

const SelfTestSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  passed: Type.Boolean(),
  results: Type.Array(
    Type.Object({
      deviceId: Type.String(),
      check: Type.String({
        description:
          'reachable · power-on (waking as the start scene would failed) · answers · camera-home · display-power · mic-level · call-host · call-browser',
      }),
      ok: Type.Boolean(),
      ran: Type.Boolean(),
      detail: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed, as the device or the room said it' }),
      code: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The coded error behind a failure' })),
      faultCode: Type.Optional(
        Type.String({ description: 'Failed checks: what failed, one ROOMCTL_E_SELFTEST_… code per kind of check (the code of the fault the room raises)' }),
      ),
      advice: Type.Optional(
        Type.Union([Type.String(), Type.Null()], {
          description:
            'Failed checks: what to do, as a stable key (check-link, check-config, check-login, power-on-failed, device-refused, no-answer, device-busy, mic-silent, call-unreachable, call-browser, try-again)',
        }),
      ),
      nextStep: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Failed checks: what to do, in words' })),
      heard: Type.Optional(
        Type.Object(
          { aboveDb: Type.Number(), withinMs: Type.Number(), peakDb: Type.Union([Type.Number(), Type.Null()]) },
          { description: 'A failed mic-level check: the level listened for (dBFS), for how long (ms), and the loudest heard (null: none)' },
        ),
      ),
      status: Type.Optional(Type.String({ description: 'A device the check could not reach: its status then (offline, auth-failed, bad_config…)' })),
      said: Type.Optional(
        Type.Union([Type.String(), Type.Null()], { description: "A device the check could not reach: what it said itself, without the room's words" }),
      ),
      waitedMs: Type.Optional(Type.Number({ description: 'A check the room stopped waiting for: how long it waited (ms)' })),
    }),
  ),
});
const Figures = Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()]));

/** Feedback, problem reports, self-test, figures, calendar, notifications, retention. */
export async function roomOpsRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const api = declareRoutes(app, { errors: errorResponses });
  const ctx = room.ctx;
  const feedbackResult = Type.Object({
    id: Type.String(),
    meetingId: Type.Union([Type.String(), Type.Null()]),
    rating: Type.Union([Type.Integer(), Type.Null()]),
    categories: Type.Array(Type.String()),
    at: Type.String(),
  });
  const shape = (r: ReturnType<typeof submitFeedback>) => ({ id: r.id, meetingId: r.meetingId, rating: r.rating, categories: r.categories, at: r.at });

  api.post(
    '/api/v1/meetings/:id/feedback',
    {
      access: 'room',
      pace: 'feedback',
      summary: 'Rate the meeting room 1–5 and/or report a problem (carries a snapshot of every device health)',
      tags: ['feedback'],
      params: IdParams,
      body: FeedbackBody,
      response: { 201: feedbackResult },
    },
    async (request, reply) => reply.status(201).send(shape(submitFeedback(ctx, request.params.id, request.body))),
  );
  api.post(
    '/api/v1/meetings/:id/feedback/mine',
    {
      access: 'meeting-code',
      pace: 'feedback',
      summary:
        "One person's rating 1–5 and/or problem report, from the personal link of their minutes email (X-Minutes-Reader; a meeting code or the room's token is 403): one each, a second is 409 ROOMCTL_E_FEEDBACK_GIVEN; counted in the room's figures as the panel's rating is",
      tags: ['feedback'],
      params: IdParams,
      body: FeedbackBody,
      response: { 201: feedbackResult },
    },
    async (request, reply) => {
      const meeting = room.meeting(request.params.id);
      return reply.status(201).send(shape(submitPersonalFeedback(ctx, meeting, auth.personOf(request, meeting), request.body)));
    },
  );
  api.get(
    '/api/v1/meetings/:id/feedback/mine',
    {
      access: 'meeting-code',
      summary:
        "That person's own rating of the meeting, from the personal link of their minutes email (X-Minutes-Reader; a meeting code or the room's token is 403): given or not, and their rating (null: none, or a problem told without one); nobody else's",
      tags: ['feedback'],
      params: IdParams,
      response: {
        200: Type.Object({ given: Type.Boolean(), rating: Type.Union([Type.Integer(), Type.Null()]), at: Type.Union([Type.String(), Type.Null()]) }),
      },
    },
    async (request) => {
      const meeting = room.meeting(request.params.id);
      return personalFeedback(ctx, meeting, auth.personOf(request, meeting));
    },
  );
  api.post(
    '/api/v1/problems',
    {
      access: 'room',
      pace: 'feedback',
      summary: 'Report a problem with the room outside a meeting',
      tags: ['feedback'],
      body: FeedbackBody,
      response: { 201: feedbackResult },
    },
    async (request, reply) => reply.status(201).send(shape(submitFeedback(ctx, null, request.body))),
  );

  api.post(
    '/api/v1/selftests',
    {
      access: 'room',
      pace: 'selftest',
      summary: 'Run the equipment self-test now',
      tags: ['self-test'],
      response: { 200: SelfTestSchema },
    },
    async () => selfTestJob(ctx, room.roomState().current),
  );
  api.get(
    '/api/v1/selftests/latest',
    {
      access: 'room',
      summary: 'The last self-test report',
      tags: ['self-test'],
      response: { 200: SelfTestSchema },
    },
    async () => {
      const report = room.latestSelfTest();
      if (!report) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', 'No self-test has run yet');
      return report;
    },
  );

  api.get(
    '/api/v1/figures',
    {
      access: 'room',
      summary: 'Utilisation, no-show rate, auto-releases, on-time starts, overrun, attendance and ratings (default: the last 7 days)',
      tags: ['figures'],
      querystring: Type.Object(
        { from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) },
        { additionalProperties: false },
      ),
      response: { 200: Figures },
    },
    async (request) => {
      const to = request.query.to ? new Date(request.query.to) : ctx.clock.now();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 7 * 86_400_000);
      if (from >= to || to.getTime() - from.getTime() > 400 * 86_400_000)
        throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'from must be before to, at most 400 days apart');
      return figuresBetween(ctx, from, to);
    },
  );

  const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
  const FeedStateSchema = Type.Object({
    url: Nullable(Type.String()),
    goodAt: Nullable(Type.String()),
    triedAt: Nullable(Type.String()),
    lastError: Nullable(Type.String()),
    health: CalendarHealthSchema,
    skipped: Type.Array(Type.String(), { description: 'What the last good read left out, and why' }),
    shown: Type.Array(
      Type.Object({
        key: Type.String(),
        title: Type.String(),
        start: Type.String(),
        end: Type.String(),
        allDay: Type.Boolean(),
        reason: Type.Union([Type.Literal('all-day'), Type.Literal('free')]),
        confidential: Type.Boolean(),
      }),
      { description: 'All-day and free entries in the horizon: shown, never booking the room' },
    ),
  });
  api.get(
    '/api/v1/calendar',
    {
      access: 'room',
      summary: 'Calendar feed state: health, last good read, last error, what was left out, entries shown but not booked',
      tags: ['calendar'],
      response: { 200: FeedStateSchema },
    },
    async (request) => {
      const state = room.calendar.state();
      // The feed URL usually carries a secret, and titles are personal: only for the bearer token.
      return auth.hasToken(request)
        ? state
        : {
            ...state,
            url: state.url ? '(hidden)' : null,
            skipped: state.skipped.map(() => '(hidden)'),
            shown: state.shown.map((s) => ({ ...s, title: '(hidden)' })),
          };
    },
  );
  api.post(
    '/api/v1/calendar/refresh',
    {
      access: 'room',
      summary: 'Read the calendar feed now',
      tags: ['calendar'],
      response: { 200: Type.Object({ ok: Type.Boolean(), added: Type.Integer(), updated: Type.Integer(), cancelled: Type.Integer() }) },
    },
    async () => {
      const result = await room.calendar.refresh();
      return result ? { ok: true, ...result } : { ok: false, added: 0, updated: 0, cancelled: 0 };
    },
  );

  const OutboxEntry = Type.Object({
    id: Type.Integer(),
    channel: Type.String(),
    kind: Type.String(),
    meetingId: Type.Union([Type.String(), Type.Null()]),
    recipients: Type.Array(Type.String()),
    title: Type.String(),
    status: Type.String(),
    attempts: Type.Integer(),
    nextAttemptAt: Type.String(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    failure: Type.Union([Type.Literal('permanent'), Type.Literal('temporary'), Type.Null()], {
      description: 'The last failure: temporary (retried by itself) or permanent (given up: fix the channel or the message, then retry)',
    }),
    createdAt: Type.String(),
    sentAt: Type.Union([Type.String(), Type.Null()]),
  });
  api.get(
    '/api/v1/notifications',
    {
      access: 'room',
      summary: 'The notification outbox (pending, sent, dead)',
      tags: ['notifications'],
      querystring: Type.Object(
        { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('dead')])) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Array(OutboxEntry) },
    },
    async (request) => {
      auth.requireToken(request);
      return room.outbox.list({ status: request.query.status }).map(({ message, ...e }) => ({ ...e, title: message.title }));
    },
  );
  api.post(
    '/api/v1/notifications/:id/retry',
    {
      access: 'room',
      summary: 'Send a dead or pending notification again now',
      tags: ['notifications'],
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      response: { 200: Type.Object({ ok: Type.Literal(true) }) },
    },
    async (request) => {
      if (!room.outbox.retry(Number(request.params.id), ctx.clock.now()))
        throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No unsent notification ${request.params.id}`);
      room.dispatcher.kick();
      return { ok: true as const };
    },
  );

  api.get(
    '/api/v1/retention',
    {
      access: 'room',
      summary: 'Retention period and the log of purges',
      tags: ['records'],
      response: {
        200: Type.Object({
          retentionDays: Type.Integer(),
          purges: Type.Array(Type.Object({ at: Type.String(), cutoff: Type.String(), removed: Type.Record(Type.String(), Type.Integer()) })),
        }),
      },
    },
    async (request) => {
      auth.requireToken(request);
      return { retentionDays: ctx.rules.retentionDays, purges: purgeLog(ctx.db) };
    },
  );
}
