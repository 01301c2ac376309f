import type { PipelineSpec } from './pipeline-spec.js';

/**
 * Messages between the appliance and its media host child (child_process.fork with the
 * 'advanced' serialization, so JPEG frames cross as bytes, not base64). Pipelines cross as
 * structured specs; the child renders (and so re-validates) them itself.
 */
export type PipelineRole = 'video' | 'audio';
export type PipelineState = 'starting' | 'playing' | 'recovering' | 'waiting';

export interface PipelineTiming {
  /** No frame (or level message) for this long while playing: the source is stalled. */
  stallMs: number;
  /** No first frame this long after a (re)build: give up on this attempt. */
  startTimeoutMs: number;
  /** Restart delays after a failure: first, then doubling up to max. */
  retryInitialMs: number;
  retryMaxMs: number;
}

export type ToHost =
  | { type: 'configure'; video: PipelineSpec | { waiting: string } | null; audio: PipelineSpec | null; timing: PipelineTiming }
  | { type: 'preview'; on: boolean }
  | { type: 'record.start'; recordingId: string; spec: PipelineSpec }
  | { type: 'record.stop'; recordingId: string }
  | { type: 'shutdown' };

export type FromHost =
  | { type: 'ready'; pid: number }
  | { type: 'heartbeat'; rssMB: number; rebuilds: number }
  | { type: 'pipeline'; role: PipelineRole; state: PipelineState; detail: string | null; rebuilds: number }
  | { type: 'frame'; luma: number; diff: number | null }
  | { type: 'level'; rmsDb: number; peakDb: number }
  | { type: 'preview'; jpeg: Uint8Array }
  | { type: 'record.segment'; recordingId: string; event: 'opened' | 'closed'; location: string }
  | { type: 'record.state'; recordingId: string; state: 'recording' | 'stopped' | 'failed'; detail: string | null }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; msg: string; data?: Record<string, unknown> };

/** Exit code of a host that restarts itself on purpose (to hand back leaked pipeline memory). */
export const RECYCLE_EXIT_CODE = 75;
