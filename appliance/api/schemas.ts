import { Type } from '@sinclair/typebox';
import { DEVICE_KINDS, DEVICE_STATUSES } from '../../drivers/core/definition.js';
import { ERROR_CATALOG } from '../../drivers/core/errors.js';

/** Route schemas: they validate requests, shape responses and write /openapi.json. */
export const ErrorBodySchema = Type.Object(
  {
    code: Type.Union(Object.keys(ERROR_CATALOG).map((c) => Type.Literal(c))),
    message: Type.String(),
    hint: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorBody', description: 'A coded error (ROOMCTL_E_...) with a message a person can act on' },
);

const StatusEnum = Type.Union(DEVICE_STATUSES.map((s) => Type.Literal(s)));

export const DeviceViewSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: 'In English, or the one name the config gives' }),
    names: Type.Optional(Type.Object({ en: Type.String(), 'zh-CN': Type.String() }, { description: 'Per language, when the config names the device so' })),
    driver: Type.String(),
    kind: Type.Union(DEVICE_KINDS.map((k) => Type.Literal(k))),
    status: StatusEnum,
    since: Type.String({ format: 'date-time' }),
    detail: Type.Union([Type.String(), Type.Null()]),
    error: Type.Optional(
      Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()], {
        description: 'The coded error behind the status, in two parts (detail has them in one line)',
      }),
    ),
    state: Type.Record(Type.String(), Type.Unknown()),
    capabilities: Type.Array(Type.Object({ name: Type.String(), traits: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
    actions: Type.Array(Type.Object({ name: Type.String(), description: Type.String(), params: Type.Unknown({ description: 'JSON Schema of the body' }) })),
    presetStills: Type.Optional(
      Type.Array(
        Type.Object({
          preset: Type.Integer(),
          version: Type.String({ description: 'Changes with each new still (the ETag of still.jpg)' }),
          savedAt: Type.String({ format: 'date-time' }),
          bytes: Type.Integer(),
        }),
        { description: 'Cameras: presets with a still, taken when the preset was saved (GET /api/v1/devices/{id}/presets/{preset}/still.jpg)' },
      ),
    ),
  },
  { $id: 'DeviceView' },
);

/** The calendar feed's health (GET /api/v1/calendar has the details). */
export const CalendarHealthSchema = Type.Object(
  {
    state: Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('holding'), Type.Literal('off')]),
    detail: Type.Union([Type.String(), Type.Null()]),
    since: Type.Union([Type.String(), Type.Null()]),
    goodAt: Type.Union([Type.String(), Type.Null()]),
    skipped: Type.Integer({ description: 'Parts of the last good read left out (bad properties, events, occurrences over a cap)' }),
  },
  { description: 'The calendar feed: failing (the last read failed) and holding (it came back empty) keep the last good schedule' },
);

/** GET /api/v1/call, and `call` in the status (the stream, MQTT `state`). */
export const CallStatusSchema = Type.Object(
  {
    state: Type.Union(['idle', 'joining', 'in-call', 'ended', 'failed'].map((s) => Type.Literal(s))),
    provider: Type.Union([Type.String(), Type.Null()], {
      description: 'teams, zoom, webex, google-meet, tencent-meeting, feishu, dingtalk, wecom, jitsi, web',
    }),
    meetingId: Type.Union([Type.String(), Type.Null()], { description: "The room's meeting the call is for" }),
    since: Type.String({ format: 'date-time' }),
    detail: Type.Union([Type.String(), Type.Null()], { description: 'Why it ended or failed' }),
  },
  { description: "The room's online call" },
);

/** What the data folder can still take (StorageHealth's view), in /status and the admin overview. */
export const StorageViewSchema = Type.Object(
  {
    state: Type.Union([Type.Literal('ok'), Type.Literal('low'), Type.Literal('full')]),
    freeBytes: Type.Union([Type.Integer(), Type.Null()]),
    detail: Type.Union([Type.String(), Type.Null()]),
    code: Type.Union([Type.Literal('ROOMCTL_E_STORAGE'), Type.Literal('ROOMCTL_E_STORAGE_TELEMETRY_HELD'), Type.Null()], {
      description: "Why it is full: a write refused, or telemetry's writes refused (its messages held in memory, lost past its bounds)",
    }),
    since: Type.String({ format: 'date-time' }),
  },
  { description: 'What the data folder can still take; full: writes are refused with ROOMCTL_E_STORAGE while the room keeps running' },
);

export const StatusViewSchema = Type.Object(
  {
    room: Type.Object({ id: Type.String(), name: Type.String(), site: Type.String(), timezone: Type.String() }),
    roomState: Type.Union([Type.Literal('idle'), Type.Literal('booked'), Type.Literal('in_meeting')]),
    devices: Type.Object({ total: Type.Integer(), ...Object.fromEntries(DEVICE_STATUSES.map((s) => [s, Type.Integer()])) }),
    version: Type.String(),
    time: Type.String({ format: 'date-time' }),
    mute: Type.Optional(Type.Boolean({ description: 'The room microphone mute (GET /api/v1/room/mute for each device)' })),
    storage: Type.Optional(StorageViewSchema),
    calendar: Type.Optional(CalendarHealthSchema),
    call: Type.Optional(CallStatusSchema),
  },
  { $id: 'StatusView' },
);

/**
 * The ids a route's path names, one schema per kind of id: a kind has one bound in every route
 * that takes it. A device id is a slug of the room config (at most 63 characters); a panel's and
 * a help request's are made by the room (at most 64). A meeting's is `IdParams` (routes/meeting-schemas.ts).
 */
export const DeviceId = Type.String({ maxLength: 63, description: 'Device id' });
export const DeviceParams = Type.Object({ id: DeviceId });
export const PanelParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const HelpParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const errorResponses = {
  400: Type.Ref(ErrorBodySchema),
  401: Type.Ref(ErrorBodySchema),
  404: Type.Ref(ErrorBodySchema),
  409: Type.Ref(ErrorBodySchema),
  500: Type.Ref(ErrorBodySchema),
  502: Type.Ref(ErrorBodySchema),
  503: Type.Ref(ErrorBodySchema),
  504: Type.Ref(ErrorBodySchema),
};
