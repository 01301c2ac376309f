/**
 * "Did you mean …" for a mistyped key, driver id, time zone, locale or enum value. The
 * distance is Damerau–Levenshtein (optimal string alignment), so a swapped pair of letters
 * (`visca-serail`) costs one edit, like a missing one (`usename`); case is free, because
 * `zh-cn` for `zh-CN` is the same word to the person typing it.
 */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[rows - 1]![cols - 1]!;
}

/**
 * The candidate closest to what was typed, when it is close enough to be what was meant:
 * at most one edit for short words, a third of the length for long ones (`Asia/Shangai`).
 * Failing that, the one candidate whose first part is what was typed: `zh` for `zh-CN` is
 * three edits from it, yet it is the language without its region, as `en` is `en` whole.
 */
export function closestMatch(typed: string, candidates: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const budget = Math.max(1, Math.floor(typed.length / 3));
  let best: { value: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === typed) return undefined;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= budget && (!best || distance < best.distance)) best = { value: candidate, distance };
  }
  if (best || lower === '') return best?.value;
  const extended = candidates.filter((c) => c.toLowerCase().startsWith(`${lower}-`));
  return extended.length === 1 ? extended[0] : undefined;
}

/** The suffix a message gets: ` Did you mean "username"?`, or nothing. */
export function didYouMean(typed: unknown, candidates: readonly string[]): string {
  // Numbers are not typos: 3 for 4 is a different value, not a slip of the finger.
  if (typeof typed !== 'string') return '';
  const match = closestMatch(String(typed), candidates);
  return match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
}
