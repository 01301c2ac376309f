/** First reconnect delay; it doubles on every failed attempt up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

export interface ReconnectingSocketHandlers {
  /** A text message from the server (binary frames are not ours and are dropped). */
  message(text: string): void;
  /**
   * The link went down (closed by the server, the network, or `drop()`); a reconnect is
   * scheduled. `code` is the close code when the server closed it (4401: credential no longer valid).
   */
  closed(code?: number): void;
}

/**
 * A WebSocket that reopens itself with backoff until stopped: what the panel's room stream
 * and the fleet dashboard's stream both need. A socket replaced or dropped by us never
 * reports again, so a late `close` of an old socket cannot tear down the new one.
 */
export class ReconnectingSocket {
  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: number | undefined;
  private active = false;

  constructor(
    /** The address to open; null: not yet (e.g. the panel's credential is not known yet): `reconnectNow()` opens it once it is. */
    private readonly url: () => string | null,
    private readonly handlers: ReconnectingSocketHandlers,
  ) {}

  start(): void {
    this.active = true;
    this.open();
  }

  stop(reason: string): void {
    this.active = false;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, reason);
  }

  /** The link proved itself (a snapshot arrived): the next failure starts from the first delay. */
  resetBackoff(): void {
    this.retryMs = FIRST_RETRY_MS;
  }

  /** Drop the link now and reconnect with backoff (the network is suspected gone). */
  drop(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.close();
    this.handlers.closed();
    this.scheduleReconnect();
  }

  /** Reconnect at once, skipping any wait (the browser says it is online again). */
  reconnectNow(): void {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryMs = FIRST_RETRY_MS;
    this.open();
  }

  private open(): void {
    if (!this.active || this.socket) return;
    const url = this.url();
    if (url === null) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      if (this.socket === socket && typeof event.data === 'string') this.handlers.message(event.data);
    });
    // A failed connection fires `error` then `close`; `close` alone drives the reconnect.
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.handlers.closed(event.code);
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (!this.active || this.retryTimer !== undefined) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, delay);
  }
}
