/** `devices/<id>/health` and the room `status`, as schemas: the room builds them, the fleet checks them. */
import { type Static, Type } from '@sinclair/typebox';

/** The room's `status` topic (plain text, not JSON): `offline` is also the last will. */
export const RoomOnlineSchema = Type.Union([Type.Literal('online'), Type.Literal('offline')]);
export type RoomOnline = Static<typeof RoomOnlineSchema>;

/** `auth-failed`: the device answers but refuses the password in the room's config. */
export const HealthStatusSchema = Type.Union(
  [Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('offline'), Type.Literal('auth-failed'), Type.Literal('unknown')],
  {
    errorMessage: 'must be ok, degraded, offline, auth-failed or unknown',
  },
);

/** A device's last error, as its code and its words, never flattened into one string. */
export const DeviceErrorSchema = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  message: Type.String({ maxLength: 2000 }),
});
export type DeviceErrorPayload = Static<typeof DeviceErrorSchema>;

/**
 * A device's signal, as the device itself measures it: how much of what it carries is getting
 * through. The room's picture: the frame rate the media pipeline sees from the camera (`fps`,
 * 0 when no frame comes); its microphone: the level it hears (`dBFS`, -120 is silence). One
 * number a device, with its unit, so the fleet can draw it over time without knowing drivers.
 */
export const DeviceSignalSchema = Type.Object({
  value: Type.Number(),
  unit: Type.String({ minLength: 1, maxLength: 16 }),
});
export type DeviceSignalPayload = Static<typeof DeviceSignalSchema>;

/**
 * Retained on `devices/<id>/health`. The room always sends `since`, `detail`, `metrics`, `at`
 * and, when the status has a coded cause, `error` (plus `code`, the same code, which rooms of
 * the previous release send alone). Other publishers may leave out all but `status`.
 */
export const DeviceHealthSchema = Type.Object({
  status: HealthStatusSchema,
  /** ISO time the status last changed. */
  since: Type.Optional(Type.String({ maxLength: 40 })),
  /** What a person needs to know: the error's message and what to do about it. */
  detail: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
  /** The coded error behind an offline, degraded or auth-failed status. */
  error: Type.Optional(Type.Union([DeviceErrorSchema, Type.Null()])),
  /** The error's code alone: what rooms of the previous release send (read for one release). */
  code: Type.Optional(Type.String({ maxLength: 64 })),
  /** Numbers worth a graph (replyMs, lampHours…); values that are not finite numbers are ignored. */
  metrics: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 64 })),
  /** The device's signal, for devices that measure one (rooms of earlier releases send none; null: none now). */
  signal: Type.Optional(Type.Union([DeviceSignalSchema, Type.Null()])),
  /** When the room published it: ISO time (ms since the epoch from other publishers). */
  at: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Number()])),
});
export type DeviceHealthPayload = Static<typeof DeviceHealthSchema>;

/** The retained room `state`: the room's status view plus `at`; the fleet keeps it as it came. */
export const RoomStateSchema = Type.Object(
  {
    /** Bounded as the room's config bounds them: the fleet lists every room's name on each dashboard load. */
    room: Type.Optional(
      Type.Object({
        id: Type.String({ maxLength: 63 }),
        name: Type.String({ maxLength: 80 }),
        site: Type.String({ maxLength: 63 }),
        timezone: Type.String({ maxLength: 64 }),
      }),
    ),
    roomState: Type.Optional(Type.String({ maxLength: 64 })),
    version: Type.Optional(Type.String({ maxLength: 64 })),
    /** The room's online call, when it joins calls (`calls:`). */
    call: Type.Optional(
      Type.Object({
        state: Type.Union([Type.Literal('idle'), Type.Literal('joining'), Type.Literal('in-call'), Type.Literal('ended'), Type.Literal('failed')]),
        provider: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
        meetingId: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
        since: Type.String({ maxLength: 40 }),
        detail: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
      }),
    ),
    at: Type.Optional(Type.String({ maxLength: 40 })),
    /** The devices' names from the room's config, in the panel's languages (the fleet shows them). */
    deviceNames: Type.Optional(
      Type.Record(Type.String(), Type.Object({ en: Type.String({ maxLength: 80 }), 'zh-CN': Type.String({ maxLength: 80 }) }), { maxProperties: 256 }),
    ),
    /** The meeting in progress and its online meeting (as the room's public view shows it: a confidential one names its service only); null: none. */
    meeting: Type.Optional(
      Type.Union([Type.Object({ id: Type.String(), online: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]) }), Type.Null()]),
    ),
  },
  { additionalProperties: true },
);
export type RoomStatePayload = Static<typeof RoomStateSchema>;
