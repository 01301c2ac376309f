import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FleetEvent, FleetIssue, FleetRoomSummary, FleetStreamMessage } from '../../../appliance/fleet/fleet-api-types.js';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;
const RECENT_EVENTS = 100;

export function fleetStreamUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/fleet/stream`;
}

/**
 * Owns the dashboard's WebSocket: a snapshot on every (re)connect, then batches of changed
 * rooms, issues and new events. Rooms and issues are kept by key, so a change replaces the
 * old entry; the host re-renders on each message.
 */
export class FleetStreamController implements ReactiveController {
  rooms = new Map<string, FleetRoomSummary>();
  issues = new Map<string, FleetIssue>();
  events: FleetEvent[] = [];
  connected = false;
  /** Bumped on every change, so elements below can tell something moved. */
  revision = 0;

  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: number | undefined;
  private active = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: () => string = () => fleetStreamUrl(),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.active = true;
    this.open();
  }

  hostDisconnected(): void {
    this.active = false;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.socket?.close(1000, 'dashboard closed');
    this.socket = null;
    this.connected = false;
  }

  /** Applies an issue the API returned (acknowledge/resolve) without waiting for the push. */
  putIssue(issue: FleetIssue): void {
    this.issues.set(issue.id, issue);
    this.changed();
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
      if (this.socket === socket && typeof event.data === 'string') this.onMessage(event.data);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.connected = false;
      this.changed();
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

  private onMessage(data: string): void {
    let message: FleetStreamMessage;
    try {
      message = JSON.parse(data) as FleetStreamMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'snapshot':
        this.rooms = new Map(message.rooms.map((r) => [`${r.site}/${r.room}`, r]));
        this.issues = new Map(message.issues.map((i) => [i.id, i]));
        this.connected = true;
        this.retryMs = FIRST_RETRY_MS;
        break;
      case 'rooms':
        for (const r of message.rooms) this.rooms.set(`${r.site}/${r.room}`, r);
        break;
      case 'issues':
        for (const i of message.issues) this.issues.set(i.id, i);
        break;
      case 'events':
        this.events = [...message.events.reverse(), ...this.events].slice(0, RECENT_EVENTS);
        break;
      default:
        return;
    }
    this.changed();
  }

  private changed(): void {
    this.revision++;
    this.host.requestUpdate();
  }
}
