/**
 * A read anyone may ask for (the open room tiles, the stats): done at most once per `everyMs`,
 * its answer shared by every caller meanwhile. Over a large fleet such a read costs a query over
 * every room; a client on the network asking for it in a loop must not turn that into one query
 * per request (with SQLite each one holds the event loop while it runs).
 */
export function sharedRead<T>(read: () => Promise<T>, everyMs: number, now: () => number = Date.now): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const t = now();
    if (last && t - last.at < everyMs) return last.value;
    const entry = { at: t, value: read() };
    last = entry;
    // A failed read is not kept: the next caller asks again.
    entry.value.catch(() => {
      if (last === entry) last = undefined;
    });
    return entry.value;
  };
}
