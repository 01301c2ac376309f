/**
 * Which item of an agenda an incoming item is, so the times it ran and its speakers stay with
 * it when items are inserted, removed, moved or renamed (here, or in another linked room).
 * - An item is known by its id; one whose id is not here (the rooms have not agreed on ids
 *   yet) by its title.
 * - In a list that carries ids (the agenda editor's save, another room's clock), an item
 *   without one is new.
 * - A list without any ids (a save through the API that sends none, a clock from a room of an
 *   earlier release) is matched by title, then by place — so renaming an item in place keeps
 *   its times.
 */
export function matchItems(
  incoming: readonly { id?: string | undefined; title: string }[],
  existing: readonly { id: string; title: string }[],
): (number | null)[] {
  const knowsIds = incoming.some((i) => i.id !== undefined);
  const claimed = new Set<number>();
  const claim = (n: number | undefined): number | null => {
    if (n === undefined || n < 0 || claimed.has(n)) return null;
    claimed.add(n);
    return n;
  };
  const byId = new Map(existing.map((e, n) => [e.id, n]));
  const matched = incoming.map((i) => (i.id === undefined ? null : claim(byId.get(i.id))));
  incoming.forEach((i, n) => {
    if (matched[n] !== null || (knowsIds && i.id === undefined)) return;
    matched[n] = claim(existing.findIndex((e, k) => e.title === i.title && !claimed.has(k)));
  });
  if (!knowsIds)
    incoming.forEach((_, n) => {
      if (matched[n] === null && n < existing.length) matched[n] = claim(n);
    });
  return matched;
}
