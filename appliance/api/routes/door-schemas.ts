import { Type } from '@sinclair/typebox';
import { MEETING_STATUSES } from '../../meetings/meeting-types.js';
import { DateTime, Email, literals, MeetingViewSchema, Nullable } from './meeting-schemas.js';

/** Route schemas for booking from a phone at the door (door-routes.ts). */

/** Words a person typed: at least one character that is not a space. */
const Words = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const DoorCodeHeaders = Type.Object({
  'x-door-code': Type.Optional(Type.String({ maxLength: 32, description: 'The door code from the QR code on the door (instead of the bearer token)' })),
});

/** The body of a booking from the door; its lengths are the room's own (meetings.adHocMinutes). */
export function doorBookingBody(durations: readonly number[]) {
  return Type.Object(
    {
      // A room may offer no lengths (meetings.adHocMinutes: []): then the booking itself says the door takes none.
      minutes: Type.Integer({
        minimum: 5,
        maximum: durations.length ? Math.max(...durations) : 480,
        description: `One of the lengths the room offers: ${durations.join(', ') || 'none'}`,
      }),
      start: Type.Optional(DateTime("Default: now. Today (the room's day) only, not in the past")),
      title: Words(200),
      organiser: Type.Object({ name: Words(120), email: Type.Optional(Email) }, { additionalProperties: false }),
    },
    { additionalProperties: false },
  );
}

export const DoorScheduleSchema = Type.Object({
  room: Type.Object({ name: Type.String(), timezone: Type.String() }),
  time: DateTime(),
  dayEnd: DateTime("The end of the room's day: a phone books up to here"),
  durations: Type.Array(Type.Integer()),
  busy: Type.Array(
    Type.Object({
      start: DateTime(),
      end: DateTime(),
      status: literals(MEETING_STATUSES),
      title: Nullable(Type.String({ description: 'null for a confidential meeting' })),
    }),
  ),
  bookingsLeft: Nullable(Type.Integer({ description: 'Bookings this door code may still make (null with the bearer token)' })),
  codeExpiresAt: Nullable(DateTime('When this door code stops working (null with the bearer token)')),
});

export const DoorBookingResult = Type.Object({
  meeting: Type.Ref(MeetingViewSchema),
  meetingUrl: Type.String({ description: "The meeting's own phone page (with its meeting code), to check in from" }),
});

export const DoorAccessSchema = Type.Object({
  url: Type.String({ description: 'The booking page with the current door code' }),
  code: Type.String(),
  expiresAt: DateTime('The last moment the server takes this code'),
  refreshInSeconds: Type.Integer({ description: 'When the next code is out: show it then' }),
});
