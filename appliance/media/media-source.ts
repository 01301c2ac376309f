import { existsSync } from 'node:fs';
import type { MediaStatusView, PipelineView } from './media-api-types.js';
import type { MediaSettings } from './media-config.js';
import type { HostStatus } from './media-host-supervisor.js';
import type { PipelineRole, PipelineState } from './media-ipc.js';
import { rtspUriProblem } from './media-values.js';
import { videoPipeline, type DisplaySink } from './pipeline-plan.js';
import type { PipelineSpec } from './pipeline-spec.js';
import type { SignalVerdict } from './signal-health.js';

/** The local display sink this machine can run, or none (it would fail the whole pipeline). */
export function displaySinkFor(setting: MediaSettings['display'], env: NodeJS.ProcessEnv = process.env): DisplaySink | null {
  switch (setting) {
    case 'auto':
      // autovideosink without a desktop session errors: no session, no display branch.
      return env.DISPLAY || env.WAYLAND_DISPLAY ? 'autovideosink' : null;
    case 'kms':
      return existsSync('/dev/dri/card0') ? 'kmssink' : null;
    case 'none':
      return null;
  }
}

/**
 * The video pipeline for the current source. An RTSP source tied to an ONVIF camera takes
 * the camera's reported `streamUri` — device data, so it is checked like config is, and a
 * refused or missing URI leaves the pipeline waiting with a reason rather than built.
 */
export function resolveVideoSpec(
  settings: MediaSettings,
  display: DisplaySink | null,
  cameraState: (id: string) => Record<string, unknown> | undefined,
): { spec: PipelineSpec | { waiting: string }; uri?: string; refused?: string } {
  const source = settings.video.source;
  const input = (rtspUri?: string) => ({ video: settings.video, preview: settings.preview, rtspUri, display });
  if (source.type !== 'rtsp' || !source.camera) return { spec: videoPipeline(input()) };
  const state = cameraState(source.camera);
  if (!state) return { spec: { waiting: `the camera "${source.camera}" is not in this room` } };
  const uri = typeof state.streamUri === 'string' ? state.streamUri : undefined;
  if (!uri) return { spec: { waiting: `waiting for ${source.camera} to report its stream URI` } };
  const problem = rtspUriProblem(uri);
  if (problem) return { spec: { waiting: `the stream URI from ${source.camera} was refused: it ${problem}` }, uri, refused: problem };
  return { spec: videoPipeline(input(uri)), uri };
}

interface PipelineSnapshot {
  state: PipelineState | 'stopped';
  detail: string | null;
  rebuilds: number;
}

export interface SignalHealth {
  /** False while the pipeline is down or recovering: the pseudo-device is offline. */
  available: boolean;
  detail: string | null;
  verdict: SignalVerdict;
  state: Record<string, number | string | boolean | null>;
}

const OK: SignalVerdict = { degraded: false, detail: null };

/** Whether a signal is there to judge, and the verdict on it; `idle` is an on-demand host at rest. */
export function signalHealthOf(
  role: PipelineRole,
  s: {
    started: boolean;
    idle: boolean;
    waking: boolean;
    host: HostStatus;
    pipeline: PipelineSnapshot;
    verdict: SignalVerdict;
    metrics: Record<string, number | null>;
  },
): SignalHealth {
  const state = { pipeline: s.pipeline.state, rebuilds: s.pipeline.rebuilds, hostRestarts: s.host.restarts, ...s.metrics };
  if (!s.started) return { available: false, detail: 'media stopped', verdict: OK, state };
  if (s.idle) return { available: true, detail: null, verdict: OK, state: { ...state, active: false } };
  // An on-demand pipeline waking for a viewer (a preview, a preset's still) is not a fault:
  // it reads as idle until it plays, unless it fails on the way or outstays the wake grace.
  const troubled = s.host.state === 'recovering' || s.pipeline.state === 'recovering' || s.pipeline.state === 'waiting';
  if (s.waking && !troubled && s.pipeline.state !== 'playing') return { available: true, detail: null, verdict: OK, state: { ...state, active: false } };
  if (s.host.state !== 'running') return { available: false, detail: s.host.detail ?? `${role} starting`, verdict: OK, state };
  if (s.pipeline.state !== 'playing') {
    const words = s.pipeline.state === 'stopped' ? 'starting' : s.pipeline.state;
    return { available: false, detail: `${role} ${words}${s.pipeline.detail ? `: ${s.pipeline.detail}` : ''}`, verdict: OK, state };
  }
  return { available: true, detail: null, verdict: s.verdict, state: { ...state, active: true } };
}

/** The one word (and sentence) the panel shows for the picture. */
export function summarize(idle: boolean, host: HostStatus, video: PipelineView): Pick<MediaStatusView, 'summary' | 'detail'> {
  if (idle) return { summary: 'idle', detail: null };
  if (host.state !== 'running') return { summary: host.state === 'recovering' ? 'recovering' : 'starting', detail: host.detail };
  if (video.state === 'recovering') return { summary: 'recovering', detail: `video recovering: ${video.detail ?? 'restarting the pipeline'}` };
  if (video.state === 'waiting') return { summary: 'waiting', detail: video.detail };
  if (video.state !== 'playing') return { summary: 'starting', detail: null };
  if (video.signal.degraded) return { summary: 'degraded', detail: video.signal.detail };
  return { summary: 'live', detail: null };
}
