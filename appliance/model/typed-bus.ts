/**
 * The room's typed bus: a map from event name to the arguments its listeners get, so a
 * module that says `on('device', …)` is checked against what the emitter sends. A listener
 * that throws (or rejects) is logged and skipped: it cannot stop the emitter or the other
 * listeners — a bug in the stills cannot keep the health monitor from hearing a fault.
 */

/** Event name → the arguments of its listeners, as a tuple (`{ device: [DeviceView] }`). */
type BusEvents = { [name: string]: unknown[] };

type BusListener<Args extends unknown[]> = (...args: Args) => unknown;

/** Where a listener's failure is told (pino's signature; the room passes its logger). */
interface BusLog {
  error(fields: Record<string, unknown>, message: string): void;
}

const stderrLog: BusLog = {
  error: (fields, message) => console.error(message, fields),
};

export class TypedBus<Events extends BusEvents> {
  // ES private fields: the modules that extend the bus keep every name of their own.
  readonly #listeners = new Map<keyof Events, Set<BusListener<never>>>();
  #log: BusLog;

  constructor(log: BusLog = stderrLog) {
    this.#log = log;
  }

  /** Where listeners' failures are logged from now on. */
  logListenerErrorsTo(log: BusLog): void {
    this.#log = log;
  }

  on<K extends keyof Events>(name: K, listener: BusListener<Events[K]>): this {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as BusListener<never>);
    return this;
  }

  off<K extends keyof Events>(name: K, listener: BusListener<Events[K]>): this {
    this.#listeners.get(name)?.delete(listener as BusListener<never>);
    return this;
  }

  listenerCount(name: keyof Events): number {
    return this.#listeners.get(name)?.size ?? 0;
  }

  /** Calls every listener of `name` in the order they were added; returns whether there was one. */
  emit<K extends keyof Events>(name: K, ...args: Events[K]): boolean {
    const set = this.#listeners.get(name);
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) {
      try {
        const result = (listener as BusListener<Events[K]>)(...args);
        if (result instanceof Promise) result.catch((error: unknown) => this.#failed(name, error));
      } catch (error) {
        this.#failed(name, error);
      }
    }
    return true;
  }

  #failed(name: keyof Events, error: unknown): void {
    this.#log.error(
      { event: String(name), err: error instanceof Error ? error.message : String(error) },
      'an event listener failed; the emitter and the other listeners went on',
    );
  }
}
