import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeviceView, MeetingNotice, RoomNowView, StatusView, StreamMessage } from '../../appliance/api/api-types.js';
import { announceHelpChange } from './help-watch-controller.js';
import { ReconnectingSocket } from './reconnecting-socket.js';
import { noteServerTime } from './server-time.js';

/**
 * ws: or wss: to match the page, so the panel works behind a TLS proxy too. The stream needs
 * the panel's credential, and a browser's WebSocket cannot send headers: it goes as `?token=`.
 */
export function streamUrl(loc: Location = window.location, token: string | null = null): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/api/v1/stream${token ? `?token=${encodeURIComponent(token)}` : ''}`;
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
  /** Called when the link drops, with the server's close code if it closed it (4401: unpaired). */
  onClosed: ((code: number | undefined) => void) | undefined;

  private readonly link: ReconnectingSocket;

  constructor(
    private readonly host: ReactiveControllerHost,
    url: () => string | null = () => streamUrl(),
  ) {
    this.link = new ReconnectingSocket(url, {
      message: (text) => this.onMessage(text),
      closed: (code) => {
        this.setConnected(false);
        this.onClosed?.(code);
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    this.link.start();
  }

  /** A request just failed for want of a network: drop the link now and let it reconnect. */
  suspect(): void {
    this.link.drop();
  }

  /** The address is known now (the panel was handed its API client): open the link at once if it is not open. */
  connectNow(): void {
    this.link.reconnectNow();
  }

  /** The credential changed (pairing): reconnect at once with it. */
  reconnect(): void {
    this.link.drop();
    this.link.reconnectNow();
  }

  private readonly wentOffline = () => this.suspect();
  private readonly cameOnline = () => this.link.reconnectNow();

  hostDisconnected(): void {
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    this.link.stop('panel closed');
    this.setConnected(false);
  }

  private onMessage(data: string): void {
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
        this.link.resetBackoff();
        this.connected = true;
        this.onSnapshot?.();
        // Screens that follow something (a help call) ask for what they missed while offline.
        window.dispatchEvent(new Event('roomctl-resync'));
        break;
      case 'help':
        announceHelpChange(message.request);
        return;
      case 'meeting':
        this.now = message.now;
        noteServerTime(message.now.time);
        if (message.notice) this.onNotice?.(message.notice);
        break;
      case 'device': {
        const index = this.devices.findIndex((d) => d.id === message.device.id);
        this.devices = index === -1 ? [...this.devices, message.device] : this.devices.map((d, i) => (i === index ? message.device : d));
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
