/** Home Assistant's `online` is answered after this long, so a burst of them is answered once. */
const DEBOUNCE_MS = 1000;
/** Default of `mqtt.homeAssistant.republishMinSeconds`. */
const REPUBLISH_MIN_S = 60;

/**
 * When the room's Home Assistant discovery set goes out: on every connect, and again when Home
 * Assistant says `online` on `<prefix>/status`. It says so when it starts, and anyone on the
 * broker can say it too: the set goes out once, a second after the first `online`, and then at
 * most once per `republishMinSeconds` however many follow.
 */
export class HaDiscoveryPublisher {
  readonly statusTopic: string;
  private readonly republishMinMs: number;
  private timer: NodeJS.Timeout | undefined;
  private lastRepublishAt = Number.NEGATIVE_INFINITY;
  /** Times the set went out again for an `online` (not counting connects). */
  republishes = 0;

  constructor(
    readonly prefix: string,
    republishMinSeconds: number | undefined,
    /** Sends the whole set under `prefix` (retained), on the link as it is now. */
    private readonly sendSet: (prefix: string) => void,
  ) {
    this.statusTopic = `${prefix}/status`;
    this.republishMinMs = (republishMinSeconds ?? REPUBLISH_MIN_S) * 1000;
  }

  /** The link is up: the set goes out now. */
  connected(): void {
    this.sendSet(this.prefix);
  }

  /** A message on `statusTopic`. A retained `online` is old news: it arrives with the subscription, just after the connect's own set. */
  heard(payload: Buffer, retained: boolean): void {
    if (retained || payload.toString() !== 'online' || this.timer) return;
    const wait = Math.max(DEBOUNCE_MS, this.lastRepublishAt + this.republishMinMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRepublishAt = Date.now();
      this.republishes++;
      this.sendSet(this.prefix);
    }, wait);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
