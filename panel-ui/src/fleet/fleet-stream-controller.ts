import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ReconnectingSocket } from '../reconnecting-socket.js';
import type { FleetEvent, FleetIssue, FleetRoomSummary, FleetStreamMessage } from '../../../fleet/fleet-api-types.js';

const RECENT_EVENTS = 100;

function fleetStreamUrl(loc: Location = window.location): string {
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

  private readonly link: ReconnectingSocket;

  constructor(
    private readonly host: ReactiveControllerHost,
    url: () => string = () => fleetStreamUrl(),
  ) {
    this.link = new ReconnectingSocket(url, {
      message: (text) => this.onMessage(text),
      closed: () => {
        this.connected = false;
        this.changed();
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.link.start();
  }

  hostDisconnected(): void {
    this.link.stop('dashboard closed');
    this.connected = false;
  }

  /** Applies an issue the API returned (acknowledge/resolve) without waiting for the push. */
  putIssue(issue: FleetIssue): void {
    this.issues.set(issue.id, issue);
    this.changed();
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
        this.link.resetBackoff();
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
