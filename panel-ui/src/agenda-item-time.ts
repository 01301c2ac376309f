import type { AgendaNowView } from '../../appliance/api/api-types.js';
import { isSkipped } from '../../appliance/meetings/agenda-clock.js';
import { i18n, t } from './i18n.js';

type AgendaItemTimes = Pick<AgendaNowView['items'][number], 'minutes' | 'startedAt' | 'endedAt'>;

/**
 * An agenda item's time while it is not the one running: its planned minutes until it has
 * finished; then the minutes it took, from its start to its end as the room recorded them,
 * with the planned ones beside them when they differ ("12 min (planned 10)"); "Skipped" for
 * one passed over. Shown by the panel's meeting screen and the meeting's phone page.
 */
export function agendaItemTime(item: AgendaItemTimes): string {
  const planned = t('{n} min', { n: item.minutes });
  if (item.startedAt === null || item.endedAt === null) return planned;
  if (isSkipped(item)) return t('Skipped');
  const seconds = (Date.parse(item.endedAt) - Date.parse(item.startedAt)) / 1000;
  const minutes = Math.round(seconds / 60);
  if (minutes === item.minutes) return planned;
  // Under half a minute (moved on at once) says its seconds rather than "0 min".
  return t('{took} (planned {n})', { took: minutes < 1 ? i18n.duration(seconds) : t('{n} min', { n: minutes }), n: item.minutes });
}
