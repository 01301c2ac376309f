import { Type, type Static } from '@sinclair/typebox';

/** `calendar:` — where the room's bookings come from. */
export const CalendarSection = Type.Object(
  {
    url: Type.Optional(
      Type.String({ pattern: '^https?://[^\\s]+$', description: 'Published ICS feed of the room (Exchange, Google, …), http(s)://…' }),
    ),
    refreshMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, default: 5, description: 'How often the feed is read' })),
    horizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 14, description: 'How far ahead bookings are expanded and cached' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 500, maximum: 120_000, default: 15_000, description: 'How long one read of the feed may take' })),
  },
  { additionalProperties: false },
);

export type CalendarConfig = Static<typeof CalendarSection>;

export const CALENDAR_DEFAULTS = { refreshMinutes: 5, horizonDays: 14, timeoutMs: 15_000 } as const;
