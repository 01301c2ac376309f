/**
 * Shapes the fleet view's API sends, shared with the dashboard (type-only imports there).
 */
import type { HealthStatus } from '../appliance/model/health.js';

/** `auth-failed`: the device answers but refuses the password in the room's config. */
export type { HealthStatus };
/** A room tile's colour: its worst device, or `offline` when the appliance itself is gone. */
export type RoomWorst = HealthStatus;

export interface FleetRoomSummary {
  site: string;
  room: string;
  name: string | null;
  /** The appliance's own retained status (its last will says offline). */
  online: 'online' | 'offline' | 'unknown';
  worst: RoomWorst;
  counts: Record<HealthStatus, number>;
  openIssues: number;
  updatedAt: number;
}

export interface FleetDevice {
  deviceId: string;
  status: HealthStatus;
  since: string | null;
  detail: string | null;
  code: string | null;
  /** The device's last error as the room reported it: its code and its own words (null when none). */
  error: { code: string; message: string } | null;
  metrics: Record<string, number>;
  receivedAt: number;
}

export interface FleetEvent {
  seq: number;
  id: string;
  site: string;
  room: string;
  type: string;
  deviceId: string | null;
  at: string;
  body: Record<string, unknown>;
}

export type IssueState = 'open' | 'acknowledged' | 'resolved';

export interface FleetIssue {
  id: string;
  kind: 'problem' | 'help';
  site: string;
  room: string;
  summary: string;
  openedAt: string;
  state: IssueState;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** Help calls: when the room recorded that staff have seen it (its panel shows it from then on). */
  roomSeenAt: string | null;
  /** Help calls: why the room refused the acknowledgement the fleet sent it (code: message). */
  roomError: string | null;
}

export interface FleetRoomDetail {
  room: FleetRoomSummary;
  state: Record<string, unknown> | null;
  devices: FleetDevice[];
  events: FleetEvent[];
  issues: FleetIssue[];
}

/** Messages on the dashboard's WebSocket /api/fleet/stream. */
export type FleetStreamMessage =
  | { type: 'snapshot'; rooms: FleetRoomSummary[]; issues: FleetIssue[] }
  | { type: 'rooms'; rooms: FleetRoomSummary[] }
  | { type: 'issues'; issues: FleetIssue[] }
  | { type: 'events'; events: FleetEvent[] };
