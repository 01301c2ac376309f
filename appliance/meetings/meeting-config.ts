import { Type, type Static } from '@sinclair/typebox';

const minutes = (def: number, description: string, max = 240) => Type.Optional(Type.Integer({ minimum: 0, maximum: max, default: def, description }));

/** A room, or every room of a site, or every room: how `meetings.links` names the rooms it trusts. */
const ROOM_PATTERN = Type.String({
  pattern: '^([A-Za-z0-9_.-]+|\\*)/([A-Za-z0-9_.-]+|\\*)$',
  description: 'A room as "site/room", every room of a site as "site/*", or every room as "*/*"',
});

const SceneStep = Type.Object(
  {
    device: Type.String({ minLength: 1, description: 'Device id' }),
    action: Type.String({ minLength: 1, description: 'Action name, e.g. power, input, home, mute' }),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "Action parameters, validated by the action's schema" })),
  },
  { additionalProperties: false },
);

const DirectoryEntry = Type.Object(
  {
    email: Type.Optional(Type.String({ minLength: 3 })),
    badge: Type.Optional(Type.String({ minLength: 1 })),
    name: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

/** `meetings:` — the room's meeting rules. Every time is in minutes. */
export const MeetingsSection = Type.Object(
  {
    reminderMinutes: minutes(15, 'Reminder to attendees this long before the start'),
    selfTestMinutes: minutes(10, 'Equipment self-test this long before the start'),
    checkInOpensMinutes: minutes(10, 'Check-in window opens this long before the start'),
    autoReleaseMinutes: minutes(10, 'Release a booking nobody checked in to this long after the start'),
    lateAfterMinutes: minutes(5, 'A check-in later than this after the start counts as late'),
    endGraceMinutes: minutes(5, 'Meeting ends by itself this long after the booked end'),
    endWarningMinutes: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 60 }), { default: [5, 1], description: 'Warnings this long before the end' }),
    ),
    agendaWarningPercents: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 200 }), { default: [80, 100], description: "Warnings at these shares of an agenda item's time" }),
    ),
    startOnFirstCheckIn: Type.Optional(Type.Boolean({ default: false, description: 'Start the meeting (and its scene) on the first check-in' })),
    missedInARowFlag: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, default: 3, description: 'Flag a recurring booking auto-released this many times in a row' }),
    ),
    adHocMinutes: Type.Optional(
      Type.Array(Type.Integer({ minimum: 5, maximum: 480 }), { default: [15, 30, 60], description: 'Durations offered by "book now"' }),
    ),
    minutesReviewMinutes: minutes(
      10,
      'The minutes are sent this long after the end; until then notes, decisions and action items can be corrected or deleted on the panel and the phone page (0: sent at the end)',
      1440,
    ),
    followUpHours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 720, default: 24, description: 'Remind an action item owner this long before the deadline' }),
    ),
    retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 365, description: 'Meeting records older than this are purged daily' })),
    dailyAt: Type.Optional(
      Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: '00:15', description: 'Local time of the daily jobs (figures, purge)' }),
    ),
    businessHours: Type.Optional(
      Type.Object(
        { start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), end: Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' }) },
        { additionalProperties: false, default: { start: '08:00', end: '18:00' }, description: 'Hours that utilisation is measured against' },
      ),
    ),
    publicUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'Old place of api.publicUrl (still read; move it there)' })),
    displayInput: Type.Optional(Type.String({ minLength: 1, description: 'Input the start scene switches displays to, e.g. "31"' })),
    startScene: Type.Optional(Type.Array(SceneStep, { description: 'Replaces the default start scene (displays on, cameras home, unmute)' })),
    endScene: Type.Optional(Type.Array(SceneStep, { description: 'Replaces the default end scene (devices to standby)' })),
    keepMuteAfterMeeting: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Keep the room mute as it is when a meeting ends (by default the end clears it, so the next meeting does not start muted)',
      }),
    ),
    directory: Type.Optional(Type.Array(DirectoryEntry, { description: 'People known to the room: badge ids for calendar invitees' })),
    floor: Type.Optional(
      Type.Object(
        {
          speakerMinutes: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 60,
              default: 3,
              description: 'Speaking time of a raised hand given the floor (named agenda speakers bring their own)',
            }),
          ),
          muteOthers: Type.Optional(Type.Boolean({ default: false, description: "Mute this room (room mute) while a linked room's speaker holds the floor" })),
        },
        { additionalProperties: false, description: 'The floor: raised hands, the speaking order, speaking time' },
      ),
    ),
    links: Type.Optional(
      Type.Object(
        {
          acceptFrom: Type.Optional(
            Type.Array(ROOM_PATTERN, {
              maxItems: 500,
              description:
                "Rooms whose invitations to a linked meeting this room takes (it books the meeting when free); others are refused. Default: this room's own site",
            }),
          ),
          withoutProof: Type.Optional(
            Type.Array(ROOM_PATTERN, {
              maxItems: 500,
              description:
                "Rooms heard on this room's linked meetings without showing they hold the invite: rooms of an earlier release, which show no proof, while the site upgrades (remove them once upgraded). Default: none — a room takes part by holding the invite or being linked by the organiser",
            }),
          ),
        },
        { additionalProperties: false, description: 'Linked meetings: which rooms may link this room to their meetings, and which take part without proof' },
      ),
    ),
  },
  { additionalProperties: false },
);

export type MeetingsConfig = Static<typeof MeetingsSection>;
export type SceneStepConfig = Static<typeof SceneStep>;

const MEETING_DEFAULTS = {
  reminderMinutes: 15,
  selfTestMinutes: 10,
  checkInOpensMinutes: 10,
  autoReleaseMinutes: 10,
  lateAfterMinutes: 5,
  endGraceMinutes: 5,
  endWarningMinutes: [5, 1],
  agendaWarningPercents: [80, 100],
  startOnFirstCheckIn: false,
  missedInARowFlag: 3,
  adHocMinutes: [15, 30, 60],
  minutesReviewMinutes: 10,
  followUpHours: 24,
  retentionDays: 365,
  dailyAt: '00:15',
  businessHours: { start: '08:00', end: '18:00' },
} as const;

/** The rules with every default filled in. */
export type MeetingRules = Omit<MeetingsConfig, keyof typeof MEETING_DEFAULTS> & {
  -readonly [K in keyof typeof MEETING_DEFAULTS]: (typeof MEETING_DEFAULTS)[K] extends readonly number[]
    ? number[]
    : (typeof MEETING_DEFAULTS)[K] extends object
      ? { start: string; end: string }
      : (typeof MEETING_DEFAULTS)[K] extends boolean
        ? boolean
        : (typeof MEETING_DEFAULTS)[K] extends string
          ? string
          : number;
};

export function meetingRules(config: MeetingsConfig | undefined): MeetingRules {
  return { ...MEETING_DEFAULTS, endWarningMinutes: [5, 1], agendaWarningPercents: [80, 100], adHocMinutes: [15, 30, 60], ...(config ?? {}) } as MeetingRules;
}
