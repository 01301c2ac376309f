import { YES_NO_ABSTAIN } from './conversation-records.js';

const isYesNo = (options: readonly string[]) => options.length === YES_NO_ABSTAIN.length && options.every((o, i) => o === YES_NO_ABSTAIN[i]);

/**
 * A poll's count in the words of minutes: "Approved 7–2, 1 abstained" for yes/no/abstain
 * (approved only with more yes than no), else each option with its count, most first.
 */
export function pollOutcome(options: readonly string[], tally: Readonly<Record<string, number>>): string {
  const n = (o: string) => tally[o] ?? 0;
  if (isYesNo(options)) {
    const [yes, no, abstain] = [n('yes'), n('no'), n('abstain')];
    const verdict = yes > no ? 'Approved' : yes < no ? 'Rejected' : 'Tied, not approved';
    return `${verdict} ${yes}–${no}${abstain > 0 ? `, ${abstain} abstained` : ''}`;
  }
  return [...options]
    .sort((a, b) => n(b) - n(a) || options.indexOf(a) - options.indexOf(b))
    .map((o) => `${o} ${n(o)}`)
    .join(', ');
}

/** The decision a closed poll leaves in the minutes. */
export function pollDecision(question: string, options: readonly string[], tally: Readonly<Record<string, number>>): string {
  return `${question} — ${pollOutcome(options, tally)}`;
}
