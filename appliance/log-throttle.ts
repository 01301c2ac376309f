/**
 * Repeated log lines, bounded: at most `perKey` lines a second with the same level, source
 * and message, and at most `perSource` lines a second from one source (one device, one
 * component) whatever the message. A device sending garbage, a client hammering a route or
 * a broker refusing every second then writes a few lines and one count of what was left
 * out, instead of megabytes a second. Windows are whole seconds of the given clock.
 */
export const LOG_LINES_PER_KEY_PER_SECOND = 5;
export const LOG_LINES_PER_SOURCE_PER_SECOND = 50;
/** Keys remembered at most; a flood of distinct messages still hits its source's bound. */
const MAX_KEYS = 2000;

export interface Suppressed<T> {
  /** 'key': lines like one message left out; 'source': lines of any message from one source. */
  kind: 'key' | 'source';
  /** What the caller attached when the window opened (its logger, its message). */
  origin: T;
  count: number;
  /** The window (epoch seconds) the lines were left out in. */
  second: number;
}

interface Window<T> {
  second: number;
  lines: number;
  suppressed: number;
  origin: T;
}

type Due<T> = (s: Suppressed<T>) => void;

export class LogThrottle<T> {
  private readonly keys = new Map<string, Window<T>>();
  private readonly sources = new Map<string, Window<T>>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly perKey = LOG_LINES_PER_KEY_PER_SECOND,
    readonly perSource = LOG_LINES_PER_SOURCE_PER_SECOND,
  ) {}

  /**
   * Counts one line; false when it must be left out. `due` receives, first, the counts left
   * out of this key and this source in an earlier second, so they are told before the line.
   */
  admit(key: string, source: string, origin: T, due: Due<T>): boolean {
    const second = Math.floor(this.now() / 1000);
    const bySource = this.current(this.sources, 'source', source, second, origin, due);
    // A source over its bound opens no window per message: distinct garbage stays one count.
    if (bySource.lines >= this.perSource) {
      bySource.suppressed++;
      return false;
    }
    const window = this.current(this.keys, 'key', key, second, origin, due);
    if (window.lines >= this.perKey) {
      window.suppressed++;
      return false;
    }
    window.lines++;
    bySource.lines++;
    return true;
  }

  /** True while some window has lines left out that are not told yet. */
  get holding(): boolean {
    for (const map of [this.sources, this.keys]) for (const w of map.values()) if (w.suppressed > 0) return true;
    return false;
  }

  /** Hands over the counts of every second that has ended, and forgets quiet windows. */
  flush(due: Due<T>): void {
    const second = Math.floor(this.now() / 1000);
    for (const [map, kind] of [
      [this.sources, 'source'],
      [this.keys, 'key'],
    ] as const) {
      for (const [name, window] of map) {
        if (window.second === second) continue;
        if (window.suppressed > 0) due({ kind, origin: window.origin, count: window.suppressed, second: window.second });
        map.delete(name);
      }
    }
  }

  private current(map: Map<string, Window<T>>, kind: Suppressed<T>['kind'], name: string, second: number, origin: T, due: Due<T>): Window<T> {
    let window = map.get(name);
    if (window && window.second !== second) {
      if (window.suppressed > 0) due({ kind, origin: window.origin, count: window.suppressed, second: window.second });
      window = undefined;
    }
    if (window) return window;
    window = { second, lines: 0, suppressed: 0, origin };
    map.delete(name);
    map.set(name, window);
    if (map.size > MAX_KEYS) {
      const [oldest, old] = map.entries().next().value!;
      if (old.suppressed > 0) due({ kind, origin: old.origin, count: old.suppressed, second: old.second });
      map.delete(oldest);
    }
    return window;
  }
}
