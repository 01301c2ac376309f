/**
 * Shapes of the media API (GET /api/v1/media, /api/v1/recordings), type-only so the panel
 * can import them without pulling the appliance into its bundle.
 */
import type { HostState } from './media-host-supervisor.js';
import type { PipelineState } from './media-ipc.js';
import type { Recording } from './recordings-repository.js';
import type { SignalVerdict } from './signal-health.js';

export type { Recording, RecordingFile, RecordingStatus } from './recordings-repository.js';

export interface PipelineView {
  state: PipelineState | 'stopped';
  detail: string | null;
  /** Rebuilds of this pipeline since the media host started. */
  rebuilds: number;
  signal: SignalVerdict;
  metrics: Record<string, number | null>;
}

export interface MediaStatusView {
  /**
   * One word for the panel: `live` (picture flowing), `recovering` (the picture is being
   * brought back: host restart or source reconnect), `starting`, `waiting` (e.g. for the
   * camera's stream URI), `idle` (on-demand host not running), `degraded` (frozen, black).
   */
  summary: 'live' | 'recovering' | 'starting' | 'waiting' | 'idle' | 'degraded';
  /** The sentence behind the summary, e.g. "video recovering: the camera stream dropped". */
  detail: string | null;
  host: { state: HostState; pid: number | null; restarts: number; since: string; detail: string | null };
  video: PipelineView;
  audio: PipelineView | null;
  recording: { allowed: boolean; withMeetings: boolean; active: Recording | null };
  encoder: string | null;
  previewViewers: number;
}
