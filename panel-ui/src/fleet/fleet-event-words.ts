/**
 * A room event as a sentence in the operator's language, worded here from its type and
 * parameters (a device by its name, a fault by its code — a device's error or a failed
 * self-test check — or its status); the room's own text (English, naming the device by its
 * id) stays beside it as the detail. Every event type of
 * the contract has its sentences in both languages (fleet-alert-words.test.ts fails otherwise).
 */
import type { FleetEvent, FleetNames } from '../../../fleet/fleet-api-types.js';
import type { FeedbackVia } from '../../../appliance/model/room-events.js';
import { HELP_REASONS } from '../help-reasons.js';
import { reasonSentence, silenceSentence } from '../../../appliance/meetings/self-test-advice.js';
import { deviceFaultWords } from './fleet-device-fault-words.js';
import { ft, nameIn, statusWord } from './fleet-words.js';

/** Per event type, its sentences: which one fits is chosen from the event's parameters below. */
export const EVENT_SENTENCES: Record<string, Record<string, string>> = {
  'fault.raised': {
    fault: '{device}: {fault}',
    device: '{device} has a fault',
    roomFault: 'The room: {fault}',
    room: 'The room has a fault',
    // A failed self-test check with its reason: the device's status then, the room's wait, or what a silent microphone heard.
    faultWhy: '{device}: {fault} — {reason}',
    roomFaultWhy: 'The room: {fault} — {reason}',
  },
  'fault.cleared': {
    device: '{device} works again',
    room: "The room's fault is over",
    // A failed self-test check's fault, cleared by the next self-test (the device itself may have worked all along).
    selfTest: '{device} passes the self-test again',
    roomSelfTest: 'The room passes the self-test again',
  },
  'help.requested': { message: 'Help requested: “{message}”', plain: 'Help requested' },
  'help.acknowledged': { by: '{by} saw the help call', plain: 'The help call was seen' },
  'help.resolved': { by: '{by} dealt with the help call', plain: 'The help call was dealt with' },
  'problem.reported': { categories: 'Problem reported: {categories}', plain: 'Problem reported' },
  feedback: { rating: 'Rated {n} of 5' },
  'selftest.result': { passed: 'Self-test passed', failed: 'Self-test failed: {n} of {total} checks' },
  'meeting.started': { title: 'Meeting started: {title}', plain: 'Meeting started' },
  'meeting.ended': { title: 'Meeting ended: {title}', plain: 'Meeting ended' },
  // By its reason; `plain` without a title (a confidential meeting); `released` for a reason a newer room may send.
  'meeting.released': {
    'no-check-in': '{title} released: nobody checked in',
    'no-check-in.plain': 'Booking released: nobody checked in',
    'by-hand': '{title} freed by hand',
    'by-hand.plain': 'Booking freed by hand',
    'ahead-of-time': '{title} cancelled ahead of time',
    'ahead-of-time.plain': 'Booking cancelled ahead of time',
    released: '{title} released',
    'released.plain': 'Booking released',
  },
  'room.figures': { day: "The day's figures for {day}" },
  'link.refused': { from: 'Refused a linked meeting from {from}' },
  'call.changed': {
    idle: 'No online call',
    joining: 'Joining the online call',
    'in-call': 'In the online call',
    ended: 'The online call ended',
    failed: 'The online call failed',
  },
};

/** A problem report's categories (the panel's ids) in words. */
export const PROBLEM_CATEGORY_WORDS: Record<string, string> = {
  camera: 'Camera',
  audio: 'Audio',
  display: 'Display',
  network: 'Network',
  cleanliness: 'Cleanliness',
  other: 'Other',
};

/** Where a rating or a problem report came from, as the room said (`via`). */
export const REPORT_VIA: Record<FeedbackVia, string> = { panel: "from the room's panel", phone: "from a person's phone (their minutes email)" };

/** A help call's message: one of the panel's reasons in the operator's language, anything else as the room wrote it. */
export function helpMessageWords(message: string): string {
  return HELP_REASONS.includes(message) ? ft(message) : message;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const RELEASE_REASONS = new Set(['no-check-in', 'by-hand', 'ahead-of-time']);

/** Which sentence of its type an event takes, and what fills it. */
function choose(e: FleetEvent, device: string | null): [variant: string, vars: Record<string, string | number>] {
  const b = e.body;
  switch (e.type) {
    case 'fault.raised': {
      const fault = deviceFaultWords(str(b.code)) ?? (str(b.status) ? statusWord(str(b.status)!) : null);
      const reason = fault ? selfTestReason(b.selfTest) : null;
      if (device === null) return fault ? (reason ? ['roomFaultWhy', { fault, reason }] : ['roomFault', { fault }]) : ['room', {}];
      return fault ? (reason ? ['faultWhy', { device, fault, reason }] : ['fault', { device, fault }]) : ['device', { device }];
    }
    case 'fault.cleared':
      if (str(b.faultId)?.startsWith('selftest-')) return device === null ? ['roomSelfTest', {}] : ['selfTest', { device }];
      return device === null ? ['room', {}] : ['device', { device }];
    case 'help.requested':
      return str(b.message) ? ['message', { message: helpMessageWords(str(b.message)!) }] : ['plain', {}];
    case 'help.acknowledged':
    case 'help.resolved':
      return str(b.by) ? ['by', { by: str(b.by)! }] : ['plain', {}];
    case 'problem.reported': {
      const categories = Array.isArray(b.categories)
        ? b.categories
            .filter((c): c is string => typeof c === 'string')
            .map((c) => (PROBLEM_CATEGORY_WORDS[c] ? ft(PROBLEM_CATEGORY_WORDS[c]) : c))
            .join(ft(', '))
        : '';
      return categories ? ['categories', { categories }] : ['plain', {}];
    }
    case 'feedback':
      return ['rating', { n: typeof b.rating === 'number' ? b.rating : '?' }];
    case 'selftest.result': {
      const results = Array.isArray(b.results) ? (b.results as { ok?: unknown }[]) : [];
      return b.passed ? ['passed', {}] : ['failed', { n: results.filter((r) => r.ok === false).length, total: results.length }];
    }
    case 'meeting.started':
    case 'meeting.ended':
      return str(b.title) ? ['title', { title: str(b.title)! }] : ['plain', {}];
    case 'meeting.released': {
      const by = str(b.releasedBy);
      const reason = by && RELEASE_REASONS.has(by) ? by : 'released';
      return str(b.title) ? [reason, { title: str(b.title)! }] : [`${reason}.plain`, {}];
    }
    case 'room.figures':
      return ['day', { day: str(b.day) ?? '' }];
    case 'link.refused':
      return ['from', { from: str(b.from) ?? '' }];
    case 'call.changed':
      return [str(b.state) ?? 'idle', {}];
    default:
      return ['', {}];
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * Why a failed self-test check failed, from what the room sent with its fault (`selfTest`; a room
 * of an earlier release sends none): how long it waited, what a silent microphone heard, or the
 * device's status then — in the operator's words, the device's own words left to the detail.
 */
export function selfTestReason(value: unknown): string | null {
  const r = record(value);
  if (!r) return null;
  const heard = record(r.heard);
  const aboveDb = num(heard?.aboveDb);
  const withinMs = num(heard?.withinMs);
  const sentence =
    heard && aboveDb !== null && withinMs !== null
      ? silenceSentence({ aboveDb, withinMs, peakDb: num(heard.peakDb) })
      : reasonSentence({ ...(str(r.status) ? { status: str(r.status)! } : {}), ...(num(r.waitedMs) !== null ? { waitedMs: num(r.waitedMs)! } : {}) });
  return sentence ? ft(sentence.words, sentence.values) : null;
}

/**
 * Whose words a failed self-test check carries, labelled: the device's own, as it said them; else
 * the room's own note on the device's status (a device restarting from the admin view), in the
 * reader's language; null when there are none.
 */
export function selfTestSays(reason: { said?: unknown; roomSaid?: unknown }): string | null {
  const said = str(reason.said);
  if (said) return ft('The device says: {detail}', { detail: said });
  const note = str(reason.roomSaid);
  return note ? ft('The room says: {detail}', { detail: ft(note) }) : null;
}

/**
 * What the room shows beside its sentence: a self-test check's device's own words, labelled as its
 * own, or the room's note labelled as the room's (a check passed again says nothing more than its sentence); a release by hand, whose
 * credential freed it; a rating or a problem report, where it came from; else the room's detail or reason.
 */
function detailOf(e: FleetEvent, worded: boolean): string | null {
  // Whose credential freed a booking by hand.
  if (e.type === 'meeting.released')
    return e.body.via === 'panel' ? ft("from the room's panel") : e.body.via === 'token' ? ft("with one of the room's tokens (its API)") : null;
  // Where a rating or a problem report came from (a room of an earlier release does not say).
  if (e.type === 'feedback' || e.type === 'problem.reported') return e.body.via === 'panel' || e.body.via === 'phone' ? ft(REPORT_VIA[e.body.via]) : null;
  if (worded) return selfTestSays(record(e.body.selfTest) ?? {});
  // A device back says so in its sentence; the room's English ("display is answering again") is the room's, not the device's, and adds nothing.
  if (e.type === 'fault.cleared' && e.deviceId && str(e.body.detail) === `${e.deviceId} is answering again`) return null;
  return str(e.body.detail) ?? str(e.body.reason);
}

/**
 * What the dashboard says of a room event: its sentence, and the room's own words (its detail
 * or reason) to show beside it. A type a newer room sends, without sentences here, shows as it came.
 */
export function roomEventWords(e: FleetEvent, names: Record<string, FleetNames | null>): { text: string; detail: string | null } {
  const device = e.deviceId ? nameIn(names[e.deviceId], e.deviceId) : null;
  const [variant, vars] = choose(e, device);
  const sentence = EVENT_SENTENCES[e.type]?.[variant];
  // A self-test check worded with its reason says all the room's English did, but for what the device itself said.
  const detail = detailOf(e, variant === 'faultWhy' || variant === 'roomFaultWhy' || variant === 'selfTest' || variant === 'roomSelfTest');
  if (!sentence) return { text: device ? `${e.type} (${device})` : e.type, detail };
  return { text: ft(sentence, vars), detail };
}
