/**
 * Shapes the API sends, shared by the appliance and the panel (type-only imports in the
 * panel, so nothing of the appliance ends up in the browser bundle).
 */
import type { DeviceKind, DeviceStatus } from '../../drivers/core/definition.js';
import type { HelpRequestView } from '../help/help-desk.js';
import type { MeetingStreamMessage } from '../meetings/meeting-views.js';
import type { CalendarHealth } from '../schedule/calendar-feed.js';
import type { RoomState } from '../meetings/room-state.js';

export type { CalendarHealth, DeviceKind, DeviceStatus };

interface ActionView {
  name: string;
  description: string;
  /** JSON Schema of the request body for POST /api/v1/devices/:id/actions/:name */
  params: unknown;
}

export interface DeviceView {
  id: string;
  /** The name in English (or the one name the config gives): logs, MQTT, the fleet. */
  name: string;
  /** The name in each of the panel's languages, when the config names the device per language. */
  names?: { en: string; 'zh-CN': string };
  driver: string;
  kind: DeviceKind;
  status: DeviceStatus;
  /** ISO time the status last changed */
  since: string;
  /** What a person needs to know about the status (e.g. the last error) */
  detail: string | null;
  /** Last-known device state published by the driver: power, input, lastPreset, position... */
  state: Record<string, unknown>;
  capabilities: { name: string; traits?: Record<string, unknown> }[];
  actions: ActionView[];
  /**
   * Cameras: the presets that have a still (GET /api/v1/devices/:id/presets/:preset/still.jpg),
   * taken when the preset was saved. `version` changes with each new still.
   */
  presetStills?: PresetStillView[];
}

/** One preset's still, as the device view lists it. */
export interface PresetStillView {
  preset: number;
  version: string;
  /** ISO time the still was taken */
  savedAt: string;
  bytes: number;
}

/** What `preset.save` adds to its result: whether a still was taken for the preset, and why not. */
export interface StillOutcome {
  taken: boolean;
  /** Where the still came from: the camera's own snapshot, or the room's media picture. */
  source: 'camera' | 'media' | null;
  /** When not taken: a confidential meeting is running; nothing can give a still of this camera; or every source failed. */
  reason?: 'confidential-meeting' | 'no-source' | 'failed';
  detail?: string;
  version?: string;
}

interface RoomView {
  id: string;
  name: string;
  site: string;
  timezone: string;
}

export type { RoomState };

export interface StatusView {
  room: RoomView;
  roomState: RoomState;
  devices: Record<DeviceStatus, number> & { total: number };
  version: string;
  /** Appliance time, ISO */
  time: string;
  /** The room's one microphone mute (GET /api/v1/room/mute has each device's agreement). */
  mute?: boolean;
  /** What the data folder can still take: `full` means some things are not being saved (detail says what). */
  storage?: { state: 'ok' | 'low' | 'full'; freeBytes: number | null; detail: string | null; since: string };
  /** The calendar feed, when the room reads one: `failing` and `holding` keep the last good schedule (detail says why). */
  calendar?: CalendarHealth;
}

export interface ActionResult {
  ok: true;
  result: unknown;
}

/** Messages on WebSocket /api/v1/stream, newest state first on connect. */
export type StreamMessage =
  | { type: 'snapshot'; status: StatusView; devices: DeviceView[] }
  | { type: 'device'; device: DeviceView }
  | { type: 'status'; status: StatusView }
  /** A help request was made or acknowledged (facilities have seen it). */
  | { type: 'help'; request: HelpRequestView }
  | MeetingStreamMessage;

// The touch panel: shapes of the panel, pairing, help and admin routes.
export type { AgendaNowView, DoorAccessView, DoorBookingView, DoorScheduleView, MeetingNotice, MeetingView, RoomNowView } from '../meetings/meeting-views.js';
export type { CheckIn } from '../meetings/checkin-repository.js';
export type { Attendee, Person } from '../meetings/meeting-types.js';
export type { ActionItem, MinutesEntry } from '../meetings/minutes-repository.js';
export type { Minutes } from '../meetings/minutes-assemble.js';
export type { ProblemCategory } from '../meetings/feedback-repository.js';
export type { HelpRequestView } from '../help/help-desk.js';
export type { PairingAnswer } from '../panel/panel-pairing.js';
export type { PanelRecord } from '../panel/panel-repository.js';
export type { LogLine } from '../log-ring.js';
export type { PanelLocale } from '../panel/panel-settings.js';

/** GET /api/v1/panel/info */
export interface PanelInfo {
  room: { id: string; name: string; timezone: string };
  locale: import('../panel/panel-settings.js').PanelLocale;
  adminPin: boolean;
  credential: 'token' | 'panel' | 'none';
  panelId: string | null;
  /** Named camera presets from the config (panel.presets); empty: presets by number */
  presets: { device: string; preset: number; name: string; nameZh?: string }[];
  /** The camera the live media preview shows (media.video.camera); null: no preview */
  previewCamera: string | null;
  /** The room reports device faults to facilities (an MQTT link): "facilities have been told". */
  faultsReported?: boolean;
}

/** GET /api/v1/admin/overview */
export interface AdminOverview {
  devices: DeviceView[];
  selfTest: { id: string; at: string; passed: boolean; failed: string[]; failures: SelfTestFailureView[] } | null;
  panels: import('../panel/panel-repository.js').PanelRecord[];
  waiting: import('../panel/panel-pairing.js').WaitingPanel[];
  /** Messages not yet delivered: how many wait, how many were given up, and the latest failures with their reason. */
  notifications: { pending: number; dead: number; failing: NotificationFailureView[] };
  settings: { locale: import('../panel/panel-settings.js').PanelLocale; configLocale: import('../panel/panel-settings.js').PanelLocale; timezone: string; roomName: string; rules: Record<string, unknown> };
  /** The calendar feed's health; null when the room reads none. */
  calendar: CalendarHealth | null;
}

/** A failed self-test check, as the admin view shows it: the reason and what to do. */
export interface SelfTestFailureView {
  deviceId: string;
  check: string;
  detail: string | null;
  code: string | null;
  advice: string | null;
  nextStep: string | null;
}

/** One undelivered message in the admin view. `permanent`: it will not go through until the channel or message is fixed. */
interface NotificationFailureView {
  id: number;
  channel: string;
  kind: string;
  title: string;
  status: 'pending' | 'dead';
  failure: 'permanent' | 'temporary';
  attempts: number;
  lastError: string;
  nextAttemptAt: string;
}

/** Result of a check-in (POST /api/v1/meetings/:id/checkins). */
export interface CheckInResultView {
  meetingId: string;
  invited: boolean;
  checkIn: import('../meetings/checkin-repository.js').CheckIn;
  meetingStatus: string;
}
