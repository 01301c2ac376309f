import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ReconnectingSocket } from '../reconnecting-socket.js';
import type { FleetAlertView, FleetEvent, FleetIssue, FleetRoomSummary, FleetStreamMessage } from '../../../fleet/fleet-api-types.js';

const RECENT_EVENTS = 100;

const RECENT_ALERTS = 30;

/** The stream's address; the token rides in the query (a browser cannot set a WebSocket's headers). */
export function fleetStreamUrl(token: string | null, loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/fleet/stream${token ? `?token=${encodeURIComponent(token)}` : ''}`;
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
  alerts: FleetAlertView[] = [];
  connected = false;
  /** False while the fleet cannot reach the broker: the rooms shown are as last heard, not live. */
  brokerConnected = true;
  /** Bumped on every change, so elements below can tell something moved. */
  revision = 0;

  private readonly link: ReconnectingSocket;
  private wanted = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    url: () => string,
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

  /** Opens the stream (once the operator is signed in). */
  start(): void {
    this.wanted = true;
    this.link.start();
  }

  hostConnected(): void {
    if (this.wanted) this.link.start();
  }

  hostDisconnected(): void {
    this.link.stop('dashboard closed');
    this.connected = false;
  }

  /** Applies issues the API returned (acknowledge/resolve, a further page of the open ones) without waiting for the push. */
  putIssue(...issues: FleetIssue[]): void {
    // A new map, so hosts can tell the issues changed by identity.
    this.issues = new Map(this.issues);
    for (const issue of issues) this.issues.set(issue.id, issue);
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
        this.alerts = message.alerts;
        this.brokerConnected = message.brokerConnected;
        this.connected = true;
        this.link.resetBackoff();
        break;
      case 'rooms':
        for (const r of message.rooms) this.rooms.set(`${r.site}/${r.room}`, r);
        break;
      case 'issues':
        this.issues = new Map(this.issues);
        for (const i of message.issues) this.issues.set(i.id, i);
        break;
      case 'alerts':
        this.alerts = [...message.alerts, ...this.alerts].slice(0, RECENT_ALERTS);
        break;
      case 'broker':
        this.brokerConnected = message.connected;
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
