/**
 * Alerts in the operator's language. The server sends an alert as its rule, state and
 * parameters (its English title and text are for webhooks and chats); the words are chosen
 * here, and every rule has them in both languages (fleet-alert-words.test.ts fails otherwise).
 * Room events are worded in fleet-event-words.ts.
 */
import type { FleetAlertView, FleetNames } from '../../../fleet/fleet-api-types.js';
import { deviceFaultWords } from './fleet-device-fault-words.js';
import { helpMessageWords } from './fleet-event-words.js';
import { duration, ft, nameIn } from './fleet-words.js';

interface AlertTexts {
  title: string;
  text: string;
}

/** Per rule, the words when it fires and, for conditions that end, when it resolves. */
export const ALERT_WORDS: Record<string, { firing: AlertTexts; resolved?: AlertTexts }> = {
  'device-offline': {
    firing: { title: '{device} offline in {room}', text: '{device} has been offline for {d}.' },
    resolved: { title: '{device} back in {room}', text: '{device} is back after {d}.' },
  },
  'room-offline': {
    firing: { title: 'Room {room} offline', text: 'The appliance has been unreachable for {d} (its last will).' },
    resolved: { title: 'Room {room} back online', text: 'The appliance is back after {d}.' },
  },
  'problem-report': { firing: { title: 'Problem reported in {room}', text: 'A problem was reported from the room panel.' } },
  'help-request': {
    firing: { title: 'Help requested in {room}', text: 'Someone in the room asked for help.' },
    resolved: { title: 'Help call in {room} dealt with', text: 'The help call was dealt with.' },
  },
  // The text of a firing one is the failed check's words (by its code) when the dashboard has them.
  'self-test': {
    firing: { title: '{device} failed the self-test in {room}', text: 'A check of the self-test failed.' },
    resolved: { title: '{device} passes the self-test again in {room}', text: 'The check passed at the next self-test.' },
  },
};

/** A device's alert resolved because staff resolved its issue by hand (`params.by`): the device may still be down. */
export const HAND_RESOLVED_WORDS: AlertTexts = {
  title: '{device} offline in {room}: issue resolved by hand',
  text: '{by} resolved the issue by hand after {d} offline; the room has not reported the device back.',
};

/** The same, once the room has reported the device back: saying it has not would send staff to a working device. */
export const HAND_RESOLVED_BACK_WORDS: AlertTexts = {
  title: HAND_RESOLVED_WORDS.title,
  text: '{by} resolved the issue by hand after {d} offline; the room has since reported the device back.',
};

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

const helpMessage = (v: unknown): string | null => {
  const message = text(v);
  return message ? helpMessageWords(message) : null;
};

/**
 * An alert's title and text in the operator's language; an alert kept without parameters keeps its English.
 * `deviceBack`: the room reported the alert's device back since (a device's alert resolved by hand says so).
 */
export function alertWords(a: FleetAlertView, roomName: string, deviceBack = false): AlertTexts {
  const p = a.params;
  const byHand = a.rule === 'device-offline' && a.state === 'resolved' ? text(p.by) : null;
  const words = byHand ? (deviceBack || text(p.backAt) ? HAND_RESOLVED_BACK_WORDS : HAND_RESOLVED_WORDS) : ALERT_WORDS[a.rule]?.[a.state];
  if (!words || Object.keys(p).length === 0) return { title: a.title, text: a.text };
  const vars = {
    room: roomName,
    device: nameIn(typeof p.deviceNames === 'object' ? (p.deviceNames as FleetNames | null) : null, a.deviceId ?? ''),
    d: typeof p.forS === 'number' ? duration(p.forS * 1000) : '',
    by: byHand ?? '',
  };
  const title = ft(words.title, vars);
  // The room's and the device's own words stay as they were written.
  const own =
    a.rule === 'problem-report'
      ? [text(p.categories), text(p.comment)].filter(Boolean).join(': ')
      : a.rule === 'help-request'
        ? (helpMessage(p.message) ?? (text(p.by) ? ft('{by} dealt with the help call.', { by: text(p.by) ?? '' }) : null))
        : text(p.detail);
  if (a.rule === 'problem-report' || a.rule === 'help-request') return { title, text: own || ft(words.text, vars) };
  if (a.rule === 'self-test') return { title, text: (a.state === 'firing' ? deviceFaultWords(text(p.code)) : null) ?? ft(words.text, vars) };
  // What the device said is English (its port or address in it): said as its own words, as an issue says them.
  return { title, text: own ? `${ft(words.text, vars)} ${ft('The device says: {detail}', { detail: own })}` : ft(words.text, vars) };
}
