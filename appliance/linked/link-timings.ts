/**
 * The linked rooms' timings, and the bounds of what this room remembers of the other rooms, in one
 * place: a timing that rests on another is written from it. The bounds of what a record may carry
 * are the records' own (LINK_BOUNDS in contract/link-records.ts).
 */

/** Joins within this long share one re-send of this room's records (OwnRecords): fifty rooms starting get one, not fifty. */
export const RESEND_DELAY_MS = 500;

/** Slack on a busy machine for the others' re-sends to reach this room, past the re-send delay. */
const RESEND_SLACK_MS = 2500;

/**
 * The least a room listens after its "I take part" record came back from the broker before it
 * decides alone (the roll call, the minutes): every other room got that record when it did and
 * starts re-sending its own within RESEND_DELAY_MS; a room this one has never heard of is known by
 * then. The rest is slack for a busy machine.
 */
export const HEAR_THE_OTHERS_MS = RESEND_DELAY_MS + RESEND_SLACK_MS;

/** The most it waits for a known room's re-send to end: a room that is online but holds the meeting no more never re-sends. */
export const RESENDS_AT_MOST_MS = 15_000;

/**
 * A join not heard back this long after the room first took part in the link (no broker, a
 * subscription the broker never confirmed, or an outbox that cannot publish): the room decides
 * alone rather than never.
 */
export const ALONE_AFTER_MS = 60_000;

/** Proofs kept per link (a link's proof never changes: it is made from the meeting's occurrence key). */
export const PROOFS_KEPT = 1000;

/** Refused invitations remembered, so a re-delivered one is not logged or reported again; also the inviting rooms whose reports are counted. */
export const REFUSALS_KEPT = 1000;

/**
 * The minute refusals are paced over: a reason's refusals are logged one line a minute at most
 * (RefusalLog), and an inviting room's reported REFUSALS_REPORTED_PER_MINUTE times.
 */
export const REFUSALS_MINUTE_MS = 60_000;

/**
 * Refusals reported (logged and sent to the fleet as `link.refused`) per inviting room a minute;
 * the rest are counted in the next report. A room of another site whose login was stolen would
 * otherwise fill this room's log and its telemetry outbox with one report per invitation it makes up.
 */
export const REFUSALS_REPORTED_PER_MINUTE = 5;
