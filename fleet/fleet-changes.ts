import type { FleetEvent, HealthStatus } from './fleet-api-types.js';

/** A device down: dead, or refusing the room's password, which makes it as unusable (same issue, same alert; its detail says why). */
export type DownStatus = Extract<HealthStatus, 'offline' | 'auth-failed'>;
const DOWN_STATUSES: readonly DownStatus[] = ['offline', 'auth-failed'];
/** The down statuses as an SQL list (`'offline', 'auth-failed'`): constants of this file, never input. */
export const DOWN_STATUSES_SQL = DOWN_STATUSES.map((s) => `'${s}'`).join(', ');
export const isDown = (status: string | undefined): status is DownStatus => (DOWN_STATUSES as readonly (string | undefined)[]).includes(status);

/** What one batch changed: the dashboard and the alert rules work from this. */
export interface FleetChanges {
  rooms: Set<string>;
  events: FleetEvent[];
  issues: Set<string>;
  /** Status changes in the order they happened (one device may change more than once in a batch); `at` is the room's report time (its clock). */
  devices: Array<{
    site: string;
    room: string;
    deviceId: string;
    status: HealthStatus;
    previous: HealthStatus | undefined;
    detail: string | null;
    /** The coded error behind a failed status (the dashboard words it in the operator's language), when the room sent one. */
    code?: string | null;
    at?: number | null;
  }>;
  /**
   * Reports of a device not ok that repeated its status (a room restarting or reconnecting sends it
   * again; a copy of a report already written is not one): a device whose fault staff ended by hand,
   * still down, opens a fresh issue with its next one, and its alert rule starts over.
   */
  repeated: Array<{ site: string; room: string; deviceId: string; status: HealthStatus; detail: string | null; code: string | null }>;
  roomStatus: Array<{ site: string; room: string; online: 'online' | 'offline' }>;
  /** Devices whose issue staff resolved by hand (fleet-issue-desk.ts): their device-offline alert is resolved with it. */
  resolvedByHand: Array<{ site: string; room: string; deviceId: string; by: string; at: string }>;
  /** Health messages older than what is stored (a resend after a room restart), ignored. */
  stale: number;
  duplicates: number;
  /** Health of a device past the room's MAX_DEVICES_PER_ROOM, ignored (ROOMCTL_E_MQTT_PAYLOAD). */
  overBound: number;
  /** Messages of rooms past the fleet's MAX_ROOMS, ignored (ROOMCTL_E_MQTT_TOPIC). */
  roomsOverBound: number;
  /** Events kept whose issue was not opened: their room opened ISSUES_PER_ROOM_PER_MINUTE already. */
  issuesHeldBack: number;
  /** room key → events past the room's bound (EventBudget): counted on the room, not stored. */
  eventsHeldBack: Map<string, number>;
}

export const emptyChanges = (): FleetChanges => ({
  rooms: new Set(),
  events: [],
  issues: new Set(),
  devices: [],
  repeated: [],
  roomStatus: [],
  resolvedByHand: [],
  stale: 0,
  duplicates: 0,
  overBound: 0,
  roomsOverBound: 0,
  issuesHeldBack: 0,
  eventsHeldBack: new Map(),
});

export const roomKey = (site: string, room: string) => `${site}/${room}`;
