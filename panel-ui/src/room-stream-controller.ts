import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeviceView, MeetingNotice, RoomNowView, StatusView, StreamMessage } from '../../appliance/api/api-types.js';
import { noteServerTime } from './server-time.js';

/** First reconnect delay; it doubles on every failed attempt up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

/** ws: or wss: to match the page, so the panel works behind a TLS proxy too. */
export function streamUrl(loc: Location = window.location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/api/v1/stream`;
}

/**
 * Owns the live WebSocket to /api/v1/stream for its host element: opens it when the host
 * connects, closes it when the host leaves, and reconnects by itself with backoff.
 *
 * The appliance sends a snapshot first on every connection, so a reconnect resyncs
 * everything that changed while the link was down; `connected` only turns true once that
 * snapshot has arrived, so the offline banner stays up until the state on screen is fresh.
 * The browser's own offline/online events cut and restore the link at once (a socket can
 * sit half-open for a long time after the network went away).
 */
export class RoomStreamController implements ReactiveController {
  status: StatusView | null = null;
  devices: DeviceView[] = [];
  /** The meeting side of the room (state, current and next meeting, agenda clock). */
  now: RoomNowView | null = null;
  /** True from the first snapshot of a connection until that connection drops. */
  connected = false;
  /** Called on every fresh snapshot (after a reconnect too): resync and flush what waited. */
  onSnapshot: (() => void) | undefined;
  /** Called for each notice (warnings, check-ins, start/end) as it happens. */
  onNotice: ((notice: MeetingNotice) => void) | undefined;

  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: number | undefined;
  private active = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: () => string = () => streamUrl(),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.active = true;
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    this.open();
  }

  /** A request just failed for want of a network: drop the link now and let it reconnect. */
  suspect(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.close();
    this.setConnected(false);
    this.scheduleReconnect();
  }

  private readonly wentOffline = () => this.suspect();
  private readonly cameOnline = () => {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retryMs = FIRST_RETRY_MS;
    this.open();
  };

  hostDisconnected(): void {
    this.active = false;
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'panel closed');
    this.setConnected(false);
  }

  private open(): void {
    if (!this.active || this.socket) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket) return;
      this.onMessage(event.data);
    });
    // A failed connection fires `error` then `close`; `close` alone drives the reconnect.
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setConnected(false);
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

  private onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: StreamMessage;
    try {
      message = JSON.parse(data) as StreamMessage;
    } catch {
      return; // Not ours to crash on; the next snapshot puts things right.
    }
    switch (message.type) {
      case 'snapshot':
        this.status = message.status;
        this.devices = message.devices;
        this.retryMs = FIRST_RETRY_MS;
        this.connected = true;
        this.onSnapshot?.();
        break;
      case 'meeting':
        this.now = message.now;
        noteServerTime(message.now.time);
        if (message.notice) this.onNotice?.(message.notice);
        break;
      case 'device': {
        const index = this.devices.findIndex((d) => d.id === message.device.id);
        this.devices =
          index === -1 ? [...this.devices, message.device] : this.devices.map((d, i) => (i === index ? message.device : d));
        break;
      }
      case 'status':
        this.status = message.status;
        break;
      default:
        return; // A newer appliance may send more types; ignore what this panel does not know.
    }
    this.host.requestUpdate();
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.host.requestUpdate();
  }
}
