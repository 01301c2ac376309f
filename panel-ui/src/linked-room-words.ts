import type { DeviceKind } from '../../appliance/api/api-types.js';
import type { LinkedRoomView } from '../../appliance/meetings/linked-port.js';
import { kindLabel } from './device-words.js';
import { t } from './i18n.js';

/**
 * What the other rooms of a linked meeting send in codes, in the panel's words. The tables'
 * words are keys of the panel's table (panel-translations.test.ts holds them to it).
 */

/** A device's status as the other room sends it ("camera offline"). */
export const STATUS_WORDS: Record<string, string> = { offline: 'offline', degraded: 'degraded', unknown: 'not answering yet' };
/** A room that released its booking there: it left the meeting, and how (its booking only; this room's is its own). */
export const LEFT_WORDS: Record<NonNullable<LinkedRoomView['released']>['by'], string> = {
  'no-check-in': 'left: nobody checked in',
  'by-hand': 'left: freed by hand',
  'ahead-of-time': 'left: cancelled ahead of time',
};

/** "camera offline" → "Camera offline"; a kind or status new to this panel leaves the line as it came. */
export function problemWords(line: string): string {
  const [kind = '', status = ''] = line.split(' ');
  // kindLabel gives a kind it has no words for back as it came.
  const device = kindLabel(kind as DeviceKind);
  const s = STATUS_WORDS[status];
  return device !== kind && s ? t('{device} {status}', { device, status: t(s) }) : line;
}

export function leftWords(by: keyof typeof LEFT_WORDS): string {
  return t(LEFT_WORDS[by]);
}
