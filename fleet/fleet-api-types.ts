/**
 * Shapes the fleet view's API sends, shared with the dashboard (type-only imports there).
 */
import type { HealthStatus } from '../appliance/model/health.js';
import type { FeedbackVia, SelfTestFaultReason } from '../appliance/model/room-events.js';

/** `auth-failed`: the device answers but refuses the password in the room's config. */
export type { HealthStatus };
/**
 * A room tile's colour: `offline` only when the appliance itself is gone; a room whose devices
 * are offline or degraded is `degraded` (still usable); `auth-failed` when a device refuses the
 * room's password (someone must fix the config).
 */
type RoomWorst = HealthStatus;

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
  /**
   * Events the room sent past its bound (`roomEventsPerMinute`), counted and not stored, since
   * the fleet's database began: how many, and when the last came (fleet clock, ms). Null when none.
   */
  eventsHeldBack: { events: number; lastAt: number } | null;
}

/** A name in the dashboard's two languages (the room's config may name a device per language). */
export interface FleetNames {
  en: string;
  'zh-CN': string;
}

/** The meeting running in a room, from its meeting.started / meeting.ended events. */
export interface FleetMeeting {
  meetingId: string;
  /** null when the meeting is confidential: the room never publishes its title. */
  title: string | null;
  confidential: boolean;
  since: string;
}

export interface FleetDevice {
  deviceId: string;
  /** From the room's config (its retained state carries the names); null when it names none. */
  names: FleetNames | null;
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
  /**
   * `device`: a device went offline or refused the password (opened and cleared by the fleet itself).
   * `call`: the room's online call failed (cleared by itself when its next call goes through).
   */
  kind: 'problem' | 'help' | 'device' | 'call';
  site: string;
  room: string;
  /** Device issues: which device, and its names from the room's config. */
  deviceId: string | null;
  deviceNames: FleetNames | null;
  /** In English: the device's own words, or the room's (the dashboard prefers `errorCode`'s words in the operator's language). */
  summary: string;
  /** Device issues: the coded error the device failed with (its first fault), when the room sent one. */
  errorCode: string | null;
  /** A failed self-test check's issue: why the check failed, as the room sent it (null from a room of an earlier release). */
  selfTest: SelfTestFaultReason | null;
  openedAt: string;
  state: IssueState;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** The operator the issue is given to. */
  assignedTo: string | null;
  /** null with a resolvedAt: a device fault that cleared before anyone acknowledged it. */
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** Device issues: when the fault ended (null while it lasts; a flap reopens it). */
  clearedAt: string | null;
  /** Device issues: the meeting running when the fault began (its title, or null when confidential or none). */
  meeting: string | null;
  /** Problem reports: the rating (1-5) and the words the people in the room gave. */
  rating: number | null;
  comment: string | null;
  /** Problem reports: told at the room's panel or from a person's phone; null when the room (an earlier release) did not say. */
  reportVia: FeedbackVia | null;
  /** Help calls: when the room recorded that staff have seen it (its panel shows it from then on). */
  roomSeenAt: string | null;
  /** Help calls: why the room refused the acknowledgement the fleet sent it (code: message). */
  roomError: string | null;
  /** Help calls: when the room recorded that facilities resolved it (its panel says so from then on). */
  roomResolvedAt: string | null;
}

/**
 * The answer to acknowledging or resolving an issue: the issue, and for a device's issue this
 * press resolved while the room's last report said the device was down, that status (the room
 * does not repeat an unchanged status: a fresh issue opens when it next reports the device down).
 */
export type FleetIssueAnswer = FleetIssue & { stillDown?: 'offline' | 'auth-failed' };

/** One step in an issue's story, with who took it (null: the fleet or the room itself). */
export interface FleetIssueLogEntry {
  id: string;
  issueId: string;
  at: string;
  actor: string | null;
  action: 'opened' | 'acknowledged' | 'assigned' | 'resolved' | 'note' | 'cleared' | 'reopened';
  text: string | null;
}

/** An alert the rules fired (or resolved), as the dashboard lists it. */
export interface FleetAlertView {
  id: string;
  key: string;
  rule: string;
  state: 'firing' | 'resolved';
  site: string;
  room: string;
  deviceId: string | null;
  /** The English words a webhook gets; the dashboard words the rule, state and params in the operator's language. */
  title: string;
  text: string;
  /**
   * The alert's parameters (AlertParams), plus `deviceNames` from the room's config when it names the device,
   * and on a device's alert resolved by hand `backAt`: when the room reported the device back since (absent until it does).
   */
  params: Record<string, string | number | null | FleetNames>;
  at: string;
}

export interface FleetRoomDetail {
  room: FleetRoomSummary;
  state: Record<string, unknown> | null;
  meeting: FleetMeeting | null;
  devices: FleetDevice[];
  events: FleetEvent[];
  issues: FleetIssue[];
}

/** The windows uptime is given for. */
export type UptimeWindow = '24h' | '7d' | '30d';

export interface FaultSpan {
  issueId: string;
  deviceId: string;
  status: string;
  /** The device's own words (English). */
  detail: string | null;
  /** The coded error behind it, when the room sent one (the dashboard words it in the operator's language). */
  errorCode: string | null;
  startedAt: number;
  /** null while the fault lasts. */
  endedAt: number | null;
  /** The operator who ended it by resolving its issue while the device was still down; null when the device came back. */
  endedBy: string | null;
  durationMs: number;
}

export interface LampForecast {
  hours: number;
  /** Lamp hours gained per day over the samples (null until a day's worth is there). */
  perDay: number | null;
  /** When the lamp reaches its rated life at that pace (ISO), or null when it cannot be told. */
  replaceBy: string | null;
  ratedHours: number;
}

export interface DeviceHistory {
  deviceId: string;
  uptime: Record<UptimeWindow, number>;
  faults: FaultSpan[];
  replyMs: Array<{ at: number; value: number }>;
  /** The device's signal over 7 days (frame rate, audio level) in its unit; null for devices that report none. */
  signal: { unit: string; points: Array<{ at: number; value: number }> } | null;
  lamp: LampForecast | null;
}

export interface RoomHistory {
  site: string;
  room: string;
  uptime: Record<UptimeWindow, number>;
  faults: FaultSpan[];
  devices: DeviceHistory[];
}

/** Messages on the dashboard's WebSocket /api/fleet/stream. */
export type FleetStreamMessage =
  /** `brokerConnected`: false while the fleet cannot reach the broker (the rooms shown are as last heard). */
  | { type: 'snapshot'; rooms: FleetRoomSummary[]; issues: FleetIssue[]; alerts: FleetAlertView[]; brokerConnected: boolean }
  | { type: 'broker'; connected: boolean }
  | { type: 'rooms'; rooms: FleetRoomSummary[] }
  | { type: 'issues'; issues: FleetIssue[] }
  | { type: 'events'; events: FleetEvent[] }
  | { type: 'alerts'; alerts: FleetAlertView[] };
