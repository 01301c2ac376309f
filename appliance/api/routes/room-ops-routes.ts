import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import { figuresBetween } from '../../meetings/daily-jobs.js';
import { submitFeedback } from '../../meetings/feedback-service.js';
import type { MeetingRoom } from '../../meetings/meeting-room.js';
import { purgeLog } from '../../meetings/retention.js';
import { selfTestJob } from '../../meetings/selftest-job.js';
import type { OutboxStatus } from '../../notify/outbox.js';
import { CalendarHealthSchema, errorResponses } from '../schemas.js';
import type { MeetingAuth } from './meeting-auth.js';
import { FeedbackBody, IdParams } from './meeting-schemas.js';

const secured = { security: [{ bearer: [] }] };
const SelfTestSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  passed: Type.Boolean(),
  results: Type.Array(
    Type.Object({
      deviceId: Type.String(),
      check: Type.String({ description: 'reachable · power-on (waking as the start scene would failed) · answers · camera-home · display-power · mic-level' }),
      ok: Type.Boolean(),
      ran: Type.Boolean(),
      detail: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed, as the device or the room said it' }),
      code: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The coded error behind a failure' })),
      advice: Type.Optional(
        Type.Union([Type.String(), Type.Null()], {
          description:
            'Failed checks: what to do, as a stable key (check-link, check-config, check-login, power-on-failed, device-refused, no-answer, device-busy, mic-silent, call-unreachable, call-browser, try-again)',
        }),
      ),
      nextStep: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Failed checks: what to do, in words' })),
    }),
  ),
});
const Figures = Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()]));

/** Feedback, problem reports, self-test, figures, calendar, notifications, retention. */
export async function roomOpsRoutes(app: FastifyInstance, room: MeetingRoom, auth: MeetingAuth): Promise<void> {
  const ctx = room.ctx;
  const feedbackResult = Type.Object({
    id: Type.String(),
    meetingId: Type.Union([Type.String(), Type.Null()]),
    rating: Type.Union([Type.Integer(), Type.Null()]),
    categories: Type.Array(Type.String()),
    at: Type.String(),
  });
  const shape = (r: ReturnType<typeof submitFeedback>) => ({ id: r.id, meetingId: r.meetingId, rating: r.rating, categories: r.categories, at: r.at });

  app.post<{ Params: { id: string }; Body: typeof FeedbackBody.static }>(
    '/api/v1/meetings/:id/feedback',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Rate the meeting room 1–5 and/or report a problem (carries a snapshot of every device health)',
        tags: ['feedback'],
        params: IdParams,
        body: FeedbackBody,
        ...secured,
        response: { 201: feedbackResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(shape(submitFeedback(ctx, request.params.id, request.body))),
  );
  app.post<{ Body: typeof FeedbackBody.static }>(
    '/api/v1/problems',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Report a problem with the room outside a meeting',
        tags: ['feedback'],
        body: FeedbackBody,
        ...secured,
        response: { 201: feedbackResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(shape(submitFeedback(ctx, null, request.body))),
  );

  app.post(
    '/api/v1/selftests',
    {
      config: { access: 'room' },
      schema: { summary: 'Run the equipment self-test now', tags: ['self-test'], ...secured, response: { 200: SelfTestSchema, ...errorResponses } },
    },
    async () => selfTestJob(ctx, room.roomState().current),
  );
  app.get(
    '/api/v1/selftests/latest',
    {
      config: { access: 'room' },
      schema: { summary: 'The last self-test report', tags: ['self-test'], ...secured, response: { 200: SelfTestSchema, ...errorResponses } },
    },
    async () => {
      const report = room.latestSelfTest();
      if (!report) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', 'No self-test has run yet');
      return report;
    },
  );

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/v1/figures',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Utilisation, no-show rate, auto-releases, on-time starts, overrun, attendance and ratings (default: the last 7 days)',
        tags: ['figures'],
        querystring: Type.Object(
          { from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) },
          { additionalProperties: false },
        ),
        ...secured,
        response: { 200: Figures, ...errorResponses },
      },
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
  app.get(
    '/api/v1/calendar',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Calendar feed state: health, last good read, last error, what was left out, entries shown but not booked',
        tags: ['calendar'],
        ...secured,
        response: { 200: FeedStateSchema, ...errorResponses },
      },
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
  app.post(
    '/api/v1/calendar/refresh',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Read the calendar feed now',
        tags: ['calendar'],
        ...secured,
        response: { 200: Type.Object({ ok: Type.Boolean(), added: Type.Integer(), updated: Type.Integer(), cancelled: Type.Integer() }), ...errorResponses },
      },
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
  app.get<{ Querystring: { status?: OutboxStatus } }>(
    '/api/v1/notifications',
    {
      config: { access: 'room' },
      schema: {
        summary: 'The notification outbox (pending, sent, dead)',
        tags: ['notifications'],
        querystring: Type.Object(
          { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('dead')])) },
          { additionalProperties: false },
        ),
        ...secured,
        response: { 200: Type.Array(OutboxEntry), ...errorResponses },
      },
    },
    async (request) => {
      auth.requireToken(request);
      return room.outbox.list({ status: request.query.status }).map(({ message, ...e }) => ({ ...e, title: message.title }));
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/v1/notifications/:id/retry',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Send a dead or pending notification again now',
        tags: ['notifications'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        ...secured,
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      if (!room.outbox.retry(Number(request.params.id), ctx.clock.now()))
        throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No unsent notification ${request.params.id}`);
      room.dispatcher.kick();
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/retention',
    {
      config: { access: 'room' },
      schema: {
        summary: 'Retention period and the log of purges',
        tags: ['records'],
        ...secured,
        response: {
          200: Type.Object({
            retentionDays: Type.Integer(),
            purges: Type.Array(Type.Object({ at: Type.String(), cutoff: Type.String(), removed: Type.Record(Type.String(), Type.Integer()) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      auth.requireToken(request);
      return { retentionDays: ctx.rules.retentionDays, purges: purgeLog(ctx.db) };
    },
  );
}
