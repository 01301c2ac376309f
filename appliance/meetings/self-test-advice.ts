import type { ErrorCode } from '../../drivers/core/errors.js';

/**
 * What to do about a failed self-test check, for the admin view, the self-test API and the
 * facilities email. `advice` is a stable key (the panel and facilities' message word it in the
 * language they speak, from self-test-words-zh-cn.ts); `nextStep` is the same advice in English
 * for everything else.
 */
export type SelfTestAdvice =
  | 'check-link'
  | 'check-config'
  | 'check-login'
  | 'power-on-failed'
  | 'device-refused'
  | 'no-answer'
  | 'device-busy'
  | 'mic-silent'
  | 'try-again'
  | 'call-unreachable'
  | 'call-browser';

export const NEXT_STEPS: Record<SelfTestAdvice, string> = {
  'check-link':
    'Check that the device has power and that its cable or network is plugged in; the room reconnects by itself. If it stays offline, restart it under Devices.',
  'check-config': "Correct the device's entry in the room's config (the detail names the field), then reload the config.",
  'check-login': "The device refused the room's login: check the user name and password of the device in the room's config.",
  'power-on-failed': 'The device did not power on: check its power supply, and that control while in standby is enabled in its own menu.',
  'device-refused': 'The device refused the command: check that it is on and not busy (a menu open, another controller), then run the self-test again.',
  'no-answer': 'The device did not answer in time: check its cable or network, then run the self-test again.',
  'device-busy': 'The device was busy (warming up): run the self-test again in a minute.',
  'mic-silent': 'The microphone hears nothing: check that it is connected, not muted on the device itself, and that its gain is up.',
  'call-unreachable':
    "The meeting service's server did not answer from the room: check the room's internet access and firewall (HTTPS to the service). Meanwhile people join with the link or dial-in from their own devices.",
  'call-browser':
    "The call's browser did not start: check calls.browser.executable in the room's config, and that the browser is installed (Debian: apt install chromium).",
  'try-again': 'Run the self-test again; if it fails the same way, give the detail above to whoever installed the room.',
};

/** The advice for a check that could not reach its device (by the device's status). */
export function adviceForStatus(status: string): SelfTestAdvice {
  if (status === 'bad_config') return 'check-config';
  if (status === 'auth-failed') return 'check-login';
  return 'check-link';
}

/** The advice for a check that ran and failed (by the check and the error's code). */
export function adviceForError(check: string, code: string | null): SelfTestAdvice {
  if (check === 'power-on') return code === 'ROOMCTL_E_DEVICE_BUSY' ? 'device-busy' : 'power-on-failed';
  switch (code) {
    case 'ROOMCTL_E_DEVICE_OFFLINE':
    case 'ROOMCTL_E_CONNECT_FAILED':
    case 'ROOMCTL_E_PORT_NOT_FOUND':
      return 'check-link';
    case 'ROOMCTL_E_DEVICE_AUTH':
      return 'check-login';
    case 'ROOMCTL_E_DEVICE_REJECTED':
      return 'device-refused';
    case 'ROOMCTL_E_DEVICE_BUSY':
      return 'device-busy';
    case 'ROOMCTL_E_DEVICE_TIMEOUT':
      return 'no-answer';
    default:
      return check === 'mic-level' ? 'mic-silent' : 'try-again';
  }
}

/** The checks the self-test runs; a meeting with an online call adds the last two. */
export type SelfTestCheckName = 'reachable' | 'power-on' | 'answers' | 'camera-home' | 'display-power' | 'mic-level' | 'call-host' | 'call-browser';

/** What each check tried, in words (the panel's admin view and facilities' message word them in their language). */
export const SELF_TEST_CHECK_WORDS: Record<SelfTestCheckName, string> = {
  reachable: 'Connection',
  'power-on': 'Power on (waking it as the meeting start would)',
  answers: 'Answers a question',
  'camera-home': 'Camera to its home position',
  'display-power': 'Display on',
  'mic-level': 'Microphone hears the room',
  'call-host': 'The meeting service answers',
  'call-browser': "The call's browser starts",
};

/**
 * One code per kind of check that fails, whatever the device said: the fault the room raises
 * carries it (`fault.raised` `code`), so the fleet words "the microphone heard nothing" in its
 * operator's language. The device's own error, when there was one, stays the check's `code`.
 */
export const SELF_TEST_FAULT_CODES = {
  reachable: 'ROOMCTL_E_SELFTEST_UNREACHABLE',
  'power-on': 'ROOMCTL_E_SELFTEST_NO_POWER',
  answers: 'ROOMCTL_E_SELFTEST_NO_ANSWER',
  'camera-home': 'ROOMCTL_E_SELFTEST_CAMERA_STUCK',
  'display-power': 'ROOMCTL_E_SELFTEST_NO_PICTURE',
  'mic-level': 'ROOMCTL_E_SELFTEST_MIC_SILENT',
  'call-host': 'ROOMCTL_E_SELFTEST_CALL_UNREACHABLE',
  'call-browser': 'ROOMCTL_E_SELFTEST_CALL_BROWSER',
} as const satisfies Record<SelfTestCheckName, ErrorCode>;

/** A failed mic-level check's measurement: no level above `aboveDb` (dBFS) within `withinMs`, the loudest `peakDb` (null: no level at all). */
export interface SilenceHeard {
  aboveDb: number;
  withinMs: number;
  peakDb: number | null;
}

/** A silent microphone's measurement in words: nothing at all, or the loudest level heard. */
export const SILENCE_WORDS = {
  none: 'No level above {above} dB in {s} s; no level at all',
  loudest: 'No level above {above} dB in {s} s; the loudest {peak} dB',
} as const;

/**
 * A silent microphone's measurement as a sentence and its values (the panel's admin view and
 * facilities' message word the sentence in their language, from self-test-words-zh-cn.ts).
 */
export function silenceSentence(h: SilenceHeard): { words: string; values: Record<string, number> } {
  const values = { above: h.aboveDb, s: Math.round(h.withinMs / 100) / 10, peak: Math.round(h.peakDb ?? 0) };
  return { words: h.peakDb === null ? SILENCE_WORDS.none : SILENCE_WORDS.loudest, values };
}

/**
 * A check that could not reach its device, or that the room stopped waiting for, in words:
 * the device's status ("Offline") or the wait, then what the device itself said (its own
 * words, with its code) when it said anything, else the room's own note on the status,
 * labelled as the room's. The panel's admin view and facilities' message word the sentence in
 * their language; `detail` keeps the room's English for everything else.
 */
export const REASON_WORDS = {
  offline: 'Offline',
  'offline-said': 'Offline: {said}',
  'offline-room': 'Offline (the room: {note})',
  'auth-failed': 'Login refused',
  'auth-failed-said': 'Login refused: {said}',
  'auth-failed-room': 'Login refused (the room: {note})',
  bad_config: 'Config error',
  'bad_config-said': 'Config error: {said}',
  'bad_config-room': 'Config error (the room: {note})',
  unknown: 'Not answering yet',
  'unknown-said': 'Not answering yet: {said}',
  'unknown-room': 'Not answering yet (the room: {note})',
  waited: 'No answer within {s} s',
} as const;

/** What a failed check carries besides its English `detail`, for `reasonSentence`. */
interface FailureReason {
  /** A device it could not reach: the device's status then (offline, auth-failed, bad_config …). */
  status?: string;
  /** What the device itself said (its detail or error, with its code), without the room's words around it. */
  said?: string | null;
  /** When the device said nothing: the room's own note on its status (ROOM_DEVICE_NOTES). */
  roomSaid?: string | null;
  /** A check the room stopped waiting for: how long it waited (ms). */
  waitedMs?: number;
}

/**
 * The reason as a sentence and its values; null when the check carries no structured reason (its `detail` is all there is).
 * `word` says the room's note in the reader's language (the device's own words stay as it said them).
 */
export function reasonSentence(
  r: FailureReason,
  word: (english: string) => string = (s) => s,
): { words: string; values: Record<string, string | number> } | null {
  if (r.waitedMs !== undefined) return { words: REASON_WORDS.waited, values: { s: Math.round(r.waitedMs / 100) / 10 } };
  if (r.status === undefined) return null;
  const key = (r.status in REASON_WORDS ? r.status : 'unknown') as 'offline' | 'auth-failed' | 'bad_config' | 'unknown';
  if (r.said) return { words: REASON_WORDS[`${key}-said`], values: { said: r.said } };
  return r.roomSaid ? { words: REASON_WORDS[`${key}-room`], values: { note: word(r.roomSaid) } } : { words: REASON_WORDS[key], values: {} };
}
