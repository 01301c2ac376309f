import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RoomctlError } from '../../../drivers/core/errors.js';
import type { ApplianceCore } from '../../appliance-core.js';
import type { SelfTestReport } from '../../meetings/self-test.js';
import type { PanelServices } from '../../panel/panel-services.js';
import { ROOM_LOCALES } from '../../room/room-language.js';
import type { Outbox } from '../../notify/outbox.js';
import type { AdminOverview } from '../api-types.js';
import { CalendarHealthSchema, DeviceParams, DeviceViewSchema, ErrorBodySchema, errorResponses, PanelParams, StorageViewSchema } from '../schemas.js';
import { declareRoutes } from '../declare-routes.js';

const refused = { ...errorResponses, 403: Type.Ref(ErrorBodySchema) };
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Locale = Type.Union(ROOM_LOCALES.map((l) => Type.Literal(l)));

const PanelRecordSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  pairCode: Type.String(),
  approvedVia: Type.String(),
  createdAt: Type.String(),
  lastSeenAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
const SettingsSchema = Type.Object({
  locale: Locale,
  configLocale: Locale,
  timezone: Type.String(),
  roomName: Type.String(),
  rules: Type.Record(Type.String(), Type.Unknown(), { description: 'The meeting rules in force (from the config; read-only here)' }),
});
const OverviewSchema = Type.Object({
  devices: Type.Array(DeviceViewSchema),
  selfTest: Type.Union([
    Type.Object({
      id: Type.String(),
      at: Type.String(),
      passed: Type.Boolean(),
      failed: Type.Array(Type.String()),
      failures: Type.Array(
        Type.Object({
          deviceId: Type.String(),
          check: Type.String(),
          detail: Nullable(Type.String()),
          code: Nullable(Type.String()),
          advice: Nullable(Type.String()),
          nextStep: Nullable(Type.String()),
          heard: Type.Union([
            Type.Object(
              { aboveDb: Type.Number(), withinMs: Type.Number(), peakDb: Type.Union([Type.Number(), Type.Null()]) },
              { description: 'A microphone that heard nothing: the level listened for, for how long, and the loudest heard (null: none)' },
            ),
            Type.Null(),
          ]),
          status: Nullable(Type.String({ description: 'A device the check could not reach: its status then (offline, auth-failed, bad_config…)' })),
          said: Nullable(Type.String({ description: "A device the check could not reach: what it said itself, without the room's words" })),
          roomSaid: Nullable(
            Type.String({
              description: "A device the check could not reach that said nothing itself: the room's own note on its status (restarted from the admin view)",
            }),
          ),
          waitedMs: Type.Union([Type.Number(), Type.Null()], { description: 'A check the room stopped waiting for: how long it waited (ms)' }),
        }),
        {
          description:
            'Each failed check with its reason (detail, code, heard, status, said, roomSaid, waitedMs) and what to do (advice key, nextStep in words)',
        },
      ),
    }),
    Type.Null(),
  ]),
  panels: Type.Array(PanelRecordSchema),
  waiting: Type.Array(
    Type.Object({
      requestId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      since: Type.String(),
      from: Type.String({ description: 'The address the request came from' }),
      askedBy: Type.Integer({ description: "How many clients asked with this code; more than 1: someone else typed the panel's code" }),
    }),
  ),
  notifications: Type.Object({
    pending: Type.Integer(),
    dead: Type.Integer(),
    failing: Type.Array(
      Type.Object({
        id: Type.Integer(),
        channel: Type.String(),
        kind: Type.String(),
        title: Type.String(),
        status: Type.Union([Type.Literal('pending'), Type.Literal('dead')]),
        failure: Type.Union([Type.Literal('permanent'), Type.Literal('temporary')]),
        attempts: Type.Integer(),
        lastError: Type.String(),
        nextAttemptAt: Type.String(),
      }),
    ),
  }),
  settings: SettingsSchema,
  calendar: Type.Union([CalendarHealthSchema, Type.Null()], { description: 'The calendar feed; null when the room reads none' }),
  storage: Type.Union([StorageViewSchema, Type.Null()], {
    description: 'The data folder: what it can still take, its free space; null when the room watches none',
  }),
});
const LogLineSchema = Type.Object({ at: Type.String(), level: Type.String(), msg: Type.String(), source: Nullable(Type.String()) });

const selfTestFailures = (report: SelfTestReport) =>
  report.results
    .filter((r) => !r.ok)
    .map((r) => ({
      deviceId: r.deviceId,
      check: r.check,
      detail: r.detail,
      code: r.code ?? null,
      advice: r.advice ?? null,
      nextStep: r.nextStep ?? null,
      heard: r.heard ?? null,
      status: r.status ?? null,
      said: r.said ?? null,
      roomSaid: r.roomSaid ?? null,
      waitedMs: r.waitedMs ?? null,
    }));

/** The admin view: devices and health, last self-test, logs, restart, paired panels, settings. Every route needs the admin session. */
export async function adminRoutes(app: FastifyInstance, core: ApplianceCore, panel: PanelServices): Promise<void> {
  const api = declareRoutes(app, { tags: ['admin'], errors: refused });
  const { access } = panel;
  const settings = () => ({
    locale: panel.language.locale,
    configLocale: core.config.room.locale ?? ('en' as const),
    timezone: core.config.room.timezone,
    roomName: core.config.room.name,
    rules: core.meetings ? ({ ...core.meetings.ctx.rules } as Record<string, unknown>) : {},
  });

  api.get(
    '/api/v1/admin/overview',
    {
      access: 'admin',
      summary: 'Devices with health, the last self-test, paired and waiting panels, settings, the calendar feed, the data folder',
      response: { 200: OverviewSchema },
    },
    async () => {
      const test = core.meetings?.latestSelfTest();
      return {
        devices: core.devices.list(),
        selfTest: test
          ? {
              id: test.id,
              at: test.at,
              passed: test.passed,
              failed: [...new Set(test.results.filter((r) => !r.ok).map((r) => r.deviceId))],
              failures: selfTestFailures(test),
            }
          : null,
        panels: access.pairedPanels(),
        waiting: access.pairing.waiting(),
        notifications: notificationsOverview(core.meetings?.outbox),
        settings: settings(),
        calendar: core.status().calendar ?? null,
        storage: core.storage?.view() ?? null,
      };
    },
  );

  api.get(
    '/api/v1/admin/logs',
    {
      access: 'admin',
      summary: 'Recent log lines (a ring buffer of the last 500), newest last',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(LogLineSchema) },
    },
    async (request) => panel.logs.recent(request.query.limit ?? 200),
  );

  api.post(
    '/api/v1/admin/devices/:id/restart',
    {
      access: 'admin',
      summary: 'Reconnect one device (drop its link, connect again now)',
      params: DeviceParams,
      response: { 200: DeviceViewSchema },
    },
    async (request) => {
      await core.devices.restart(request.params.id);
      request.log.info({ device: request.params.id }, 'device restarted from the admin view');
      return core.devices.get(request.params.id);
    },
  );

  api.delete(
    '/api/v1/admin/panels/:id',
    {
      access: 'admin',
      summary: 'Unpair a panel: its credential stops working at once',
      params: PanelParams,
      noContent: true,
    },
    async (request) => {
      if (!access.unpair(request.params.id)) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No paired panel "${request.params.id}"`);
      request.log.info({ panel: request.params.id }, 'panel unpaired');
    },
  );

  api.put(
    '/api/v1/admin/settings',
    {
      access: 'admin',
      summary: "Room settings: the room's language, for its panels and its messages (minutes, reminders, nudges); null: back to the config's room.locale",
      body: Type.Object({ locale: Type.Union([Locale, Type.Null()]) }, { additionalProperties: false }),
      response: { 200: SettingsSchema },
    },
    async (request) => {
      panel.language.setLocale(request.body.locale);
      return settings();
    },
  );
}

/** What the admin sees of the outbox: counts and the latest failures with their reason. */
function notificationsOverview(outbox: Outbox | undefined): AdminOverview['notifications'] {
  if (!outbox) return { pending: 0, dead: 0, failing: [] };
  const failing = outbox.failing().flatMap((e) =>
    e.status === 'sent' || !e.failure
      ? []
      : [
          {
            id: e.id,
            channel: e.channel,
            kind: e.kind,
            title: e.message.title,
            status: e.status,
            failure: e.failure,
            attempts: e.attempts,
            lastError: e.lastError ?? '',
            nextAttemptAt: e.nextAttemptAt,
          },
        ],
  );
  return { ...outbox.counts(), failing };
}
