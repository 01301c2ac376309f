import { Type, type Static } from '@sinclair/typebox';

/** `calendar:` — where the room's bookings come from. */
export const CalendarSection = Type.Object(
  {
    url: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'Published ICS feed of the room (Exchange, Google, …), http(s)://…' })),
    refreshMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, default: 5, description: 'How often the feed is read' })),
    horizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 14, description: 'How far ahead bookings are expanded and cached' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 500, maximum: 120_000, default: 15_000, description: 'How long one read of the feed may take' })),
    maxFeedBytes: Type.Optional(
      Type.Integer({
        minimum: 1024,
        maximum: 64 * 1024 * 1024,
        default: 8 * 1024 * 1024,
        description: 'Largest feed read, counted after decompression; a longer one is refused',
      }),
    ),
    maxBookings: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 20_000,
        default: 2000,
        description: 'Most bookings kept from the feed within the horizon (the earliest); the rest is reported as skipped',
      }),
    ),
    roomAddresses: Type.Optional(
      Type.Array(Type.String({ minLength: 3, maxLength: 254 }), {
        maxItems: 10,
        description: "The room's own mailbox(es): an invitee with one of these addresses is the room, not a person expected at roll call",
      }),
    ),
    redirectHosts: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
        maxItems: 20,
        description: "Hosts besides the feed's own that a redirect may lead to (`*.example.com` for a domain)",
      }),
    ),
    privateRedirects: Type.Optional(Type.Boolean({ default: false, description: 'Follow a redirect to a loopback, private or link-local address' })),
  },
  { additionalProperties: false },
);

export type CalendarConfig = Static<typeof CalendarSection>;

export const CALENDAR_DEFAULTS = { refreshMinutes: 5, horizonDays: 14, timeoutMs: 15_000, maxFeedBytes: 8 * 1024 * 1024, maxBookings: 2000 } as const;
