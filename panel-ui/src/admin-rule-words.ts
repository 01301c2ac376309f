import { t } from './i18n.js';

/**
 * The meeting rules in the admin view's settings, in words: what each rule does and its value
 * with its unit. The config's own name for it stays beside it (whoever changes it edits the
 * config). A rule new to this panel shows as its config name and its value.
 */
/** Worded when shown (the language may change meanwhile). */
const RULES: Record<string, { words: () => string; unit?: 'min' | 'h' | 'days' }> = {
  reminderMinutes: { words: () => t('Reminder to attendees, before the start'), unit: 'min' },
  selfTestMinutes: { words: () => t('Self-test, before the start'), unit: 'min' },
  checkInOpensMinutes: { words: () => t('Check-in opens, before the start'), unit: 'min' },
  autoReleaseMinutes: { words: () => t('Released when nobody checked in, after the start'), unit: 'min' },
  lateAfterMinutes: { words: () => t('A check-in counts as late, after the start'), unit: 'min' },
  endGraceMinutes: { words: () => t('The meeting ends by itself, after the booked end'), unit: 'min' },
  startOnFirstCheckIn: { words: () => t('The first check-in starts the meeting') },
  missedInARowFlag: { words: () => t('A recurring booking is flagged after this many releases in a row') },
  minutesReviewMinutes: { words: () => t('The minutes are sent, after the end'), unit: 'min' },
  followUpHours: { words: () => t('Action item owners are reminded, before the deadline'), unit: 'h' },
  retentionDays: { words: () => t('Meeting records are kept'), unit: 'days' },
  dailyAt: { words: () => t('Daily jobs (figures, purge) at') },
  displayInput: { words: () => t('Input the meeting start switches displays to') },
  publicUrl: { words: () => t('Address of the room for phones (old place)') },
  keepMuteAfterMeeting: { words: () => t('The room mute stays as it is after a meeting') },
};

/** A rule's label and value in the panel's words. */
export function ruleWords(key: string, value: unknown): { label: string; value: string } {
  const rule = RULES[key];
  const shown =
    typeof value === 'boolean'
      ? value
        ? t('On')
        : t('Off')
      : rule?.unit === 'min'
        ? t('{n} min', { n: String(value) })
        : rule?.unit === 'h'
          ? t('{n} h', { n: String(value) })
          : rule?.unit === 'days'
            ? t('{n} days', { n: String(value) })
            : String(value);
  return { label: rule ? rule.words() : key, value: shown };
}
