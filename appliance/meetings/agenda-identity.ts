/**
 * Which item of an agenda an incoming item is, so the times it ran and its speakers stay with
 * it when items are inserted, removed or moved (here, or in another linked room). An item is
 * known by its id; an item whose id is not here (the rooms have not agreed on ids yet) by its
 * title; an item without an id (a save through the API, a clock from a room of an earlier
 * release) by its title, then by its place — so renaming an item in place keeps its times.
 */
export function matchItems(
  incoming: readonly { id?: string | undefined; title: string }[],
  existing: readonly { id: string; title: string }[],
): (number | null)[] {
  const claimed = new Set<number>();
  const claim = (n: number | undefined): number | null => {
    if (n === undefined || n < 0 || claimed.has(n)) return null;
    claimed.add(n);
    return n;
  };
  const byId = new Map(existing.map((e, n) => [e.id, n]));
  const matched = incoming.map((i) => (i.id === undefined ? null : claim(byId.get(i.id))));
  incoming.forEach((i, n) => {
    if (matched[n] !== null) return;
    matched[n] = claim(existing.findIndex((e, k) => e.title === i.title && !claimed.has(k)));
  });
  incoming.forEach((i, n) => {
    if (matched[n] === null && i.id === undefined && n < existing.length) matched[n] = claim(n);
  });
  return matched;
}
