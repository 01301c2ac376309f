/**
 * Shapes the API sends, shared by the appliance and the panel (type-only imports in the
 * panel, so nothing of the appliance ends up in the browser bundle).
 */
import type { DeviceView } from '../model/device-view.js';
import type { CalendarHealth, StatusView } from '../model/room-status.js';
import type { HelpRequestView } from '../help/help-desk.js';
import type { MeetingStreamMessage } from '../meetings/meeting-views.js';

// The room's domain shapes live on the model floor; the panel reads them through here.
export type { ActionView, DeviceError, DeviceKind, DeviceStatus, DeviceView, PresetStillView, StillOutcome } from '../model/device-view.js';
export type { CalendarHealth, RoomState, RoomView, StatusView } from '../model/room-status.js';
export type { HealthStatus } from '../model/health.js';

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

export type { CallState, CallStatus } from '../model/call-status.js';
export type { OnlineMeetingView } from '../calls/online-meeting-view.js';

// The touch panel: shapes of the panel, pairing, help and admin routes.
export type { AgendaNowView, DoorAccessView, DoorBookingView, DoorScheduleView, MeetingNotice, MeetingView, RoomNowView } from '../meetings/meeting-views.js';
export type { CheckIn } from '../meetings/checkin-repository.js';
export type { ConversationView, FloorView, HandView, PollView, SpeakingView } from '../conversation/conversation-views.js';
export type { Attendee, Person } from '../meetings/meeting-types.js';
export type { ActionItem, MinutesEntry } from '../meetings/minutes-repository.js';
export type { Minutes } from '../meetings/minutes-assemble.js';
export type { ProblemCategory } from '../meetings/feedback-repository.js';
export type { HelpRequestView } from '../help/help-desk.js';
export type { PairingAnswer } from '../panel/panel-pairing.js';
export type { PanelRecord } from '../panel/panel-repository.js';
export type { LogLine } from '../log-ring.js';
export type { RoomLocale } from '../room/room-language.js';

/** GET /api/v1/panel/info */
export interface PanelInfo {
  room: { id: string; name: string; timezone: string };
  locale: import('../room/room-language.js').RoomLocale;
  adminPin: boolean;
  credential: 'token' | 'panel' | 'none';
  panelId: string | null;
  /** Named camera presets from the config (panel.presets); empty: presets by number */
  presets: { device: string; preset: number; name: string; nameZh?: string }[];
  /** The camera the live media preview shows (media.video.camera); null: no preview */
  previewCamera: string | null;
  /** A phone can open the room's QR codes (api.publicUrl, or a listen address beyond this machine). */
  phonesReach: boolean;
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
  settings: {
    locale: import('../room/room-language.js').RoomLocale;
    configLocale: import('../room/room-language.js').RoomLocale;
    timezone: string;
    roomName: string;
    rules: Record<string, unknown>;
  };
  /** The calendar feed's health; null when the room reads none. */
  calendar: CalendarHealth | null;
  /** What the data folder can still take, as /status says it; null when the room watches none. */
  storage: NonNullable<StatusView['storage']> | null;
}

/** A failed self-test check, as the admin view shows it: the reason and what to do. */
export interface SelfTestFailureView {
  deviceId: string;
  check: string;
  detail: string | null;
  code: string | null;
  advice: string | null;
  nextStep: string | null;
  /** A microphone that heard nothing: what it was listened for and the loudest level (the panel words it). */
  heard: import('../meetings/self-test-advice.js').SilenceHeard | null;
  /** A device the check could not reach: its status then, and what it said itself (the panel words the status). */
  status: string | null;
  said: string | null;
  /** A device the check could not reach that said nothing itself: the room's own note on its status (the panel labels it the room's). */
  roomSaid: string | null;
  /** A check the room stopped waiting for: how long it waited (ms). */
  waitedMs: number | null;
}

/** One undelivered message in the admin view. `permanent`: it will not go through until the channel or message is fixed. */
export interface NotificationFailureView {
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
