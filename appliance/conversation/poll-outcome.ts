import { YES_NO_ABSTAIN } from './conversation-records.js';

const isYesNo = (options: readonly string[]) => options.length === YES_NO_ABSTAIN.length && options.every((o, i) => o === YES_NO_ABSTAIN[i]);

/**
 * How a poll's result is worded in a language: `t` translates the English text (the key) and
 * fills its placeholders; `option` words a listed option. The room's minutes and the panel
 * each pass their own table, so the result reads the same wherever it is shown.
 */
interface PollWords {
  t(en: string, vars?: Readonly<Record<string, string | number>>): string;
  option?(option: string): string;
}

const ENGLISH: PollWords = { t: (en, vars = {}) => en.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) };

/**
 * A poll's count in the words of minutes: "Approved 7–2, 1 abstained" for yes/no/abstain
 * (approved only with more yes than no), else each option with its count, most first.
 * English unless `words` says otherwise.
 */
export function pollOutcome(options: readonly string[], tally: Readonly<Record<string, number>>, words: PollWords = ENGLISH): string {
  const { t } = words;
  const n = (o: string) => tally[o] ?? 0;
  if (isYesNo(options)) {
    const counts = { yes: n('yes'), no: n('no') };
    const verdict =
      counts.yes > counts.no
        ? t('Approved {yes}–{no}', counts)
        : counts.yes < counts.no
          ? t('Rejected {yes}–{no}', counts)
          : t('Tied, not approved {yes}–{no}', counts);
    return n('abstain') > 0 ? t('{verdict}, {n} abstained', { verdict, n: n('abstain') }) : verdict;
  }
  return [...options]
    .sort((a, b) => n(b) - n(a) || options.indexOf(a) - options.indexOf(b))
    .map((o) => `${words.option?.(o) ?? o} ${n(o)}`)
    .join(t(', '));
}

/** The decision a closed poll leaves in the minutes. */
export function pollDecision(question: string, options: readonly string[], tally: Readonly<Record<string, number>>): string {
  return `${question} — ${pollOutcome(options, tally)}`;
}

/**
 * A decision in words: a closed poll's, as the poll left it, worded from its count (in `words`'
 * language); once a person has corrected it, as they typed it, wherever it is shown (the
 * panel, the minutes' mail and archive).
 */
export function decisionWords(
  decision: { text: string; poll?: { question: string; options: readonly string[]; counts: Readonly<Record<string, number>> } | undefined },
  words: PollWords = ENGLISH,
): string {
  const poll = decision.poll;
  if (!poll || decision.text !== pollDecision(poll.question, poll.options, poll.counts)) return decision.text;
  return `${poll.question} — ${pollOutcome(poll.options, poll.counts, words)}`;
}
