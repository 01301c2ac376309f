import { TypedBus } from '../model/typed-bus.js';
import { join } from 'node:path';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { DeviceView } from '../model/device-view.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import { EncoderChooser } from './encoder-choice.js';
import { renderLaunch } from './launch-render.js';
import type { MediaStatusView, PipelineView } from './media-api-types.js';
import type { MediaSettings } from './media-config.js';
import { HostOnDemand } from './host-on-demand.js';
import { MediaHostSupervisor } from './media-host-supervisor.js';
import type { FromHost, PipelineRole, PipelineState, PipelineTiming } from './media-ipc.js';
import { displaySinkFor, resolveVideoSpec, signalHealthOf, summarize, type SignalHealth } from './media-source.js';
import { audioPipeline, videoPipeline, type DisplaySink } from './pipeline-plan.js';
import type { PipelineSpec } from './pipeline-spec.js';
import { deleteRecording, purgeRecordings, type RetentionResult } from './recording-retention.js';
import { PreviewViewers } from './preview-viewers.js';
import { RecordingControl } from './recording-control.js';
import { RecordingsRepository, type Recording } from './recordings-repository.js';
import { MicLivenessMonitor, VideoSignalMonitor } from './signal-health.js';

export type { SignalHealth } from './media-source.js';
export type { Recording } from './recordings-repository.js';

export interface MediaServiceOptions {
  settings: MediaSettings;
  storageDir: string;
  db: Db;
  log: Logger;
  now?: () => number;
  /** Overrides the local display sink (tests and benchmarks: 'fakesink'). */
  display?: DisplaySink | null;
  timing?: Partial<PipelineTiming>;
  hostEnv?: Record<string, string>;
  /** On-demand mode: stop the host this long after the last viewer and recording. */
  idleStopMs?: number;
  heartbeatTimeoutMs?: number;
}

/** Where an RTSP source reads its URI from: the ONVIF camera's published state. */
export interface StreamUriSource {
  get(id: string): DeviceView;
  on(event: 'device', listener: (device: DeviceView) => void): unknown;
  off(event: 'device', listener: (device: DeviceView) => void): unknown;
}

const DEFAULT_TIMING: PipelineTiming = { stallMs: 2000, startTimeoutMs: 10_000, retryInitialMs: 200, retryMaxMs: 1000 };

/**
 * The appliance's side of the media pipeline, and the API other modules use:
 * `startRecording` / `stopRecording` (or `meetingStarted` / `meetingEnded`, which apply the
 * room's recording rules), `subscribePreview`, `status`, `signalHealth`. The pipelines run in
 * the media host child; this class keeps it configured and turns what it reports into health.
 * Events: 'status' (MediaStatusView), 'signal' (role).
 */
export class MediaService extends TypedBus<{ status: [MediaStatusView]; signal: [PipelineRole] }> {
  readonly settings: MediaSettings;
  private readonly recordings: RecordingsRepository;
  readonly recordingsDir: string;
  private readonly host: MediaHostSupervisor;
  private readonly control: RecordingControl;
  private readonly now: () => number;
  private readonly timing: PipelineTiming;
  private readonly videoSignal: VideoSignalMonitor;
  private readonly mic: MicLivenessMonitor;
  private readonly pipelines: Record<PipelineRole, { state: PipelineState | 'stopped'; detail: string | null; rebuilds: number }> = {
    video: { state: 'stopped', detail: null, rebuilds: 0 },
    audio: { state: 'stopped', detail: null, rebuilds: 0 },
  };
  private readonly preview: PreviewViewers;
  private readonly encoder: EncoderChooser;
  private uriSource: StreamUriSource | undefined;
  private lastUri: string | undefined;
  private timers: NodeJS.Timeout[] = [];
  private lastSignals = new Map<PipelineRole, string>();
  private started = false;
  private readonly onDemand: HostOnDemand;
  /** Who holds the USB camera instead of the pipeline (an online call), null: the pipeline has it. */
  private lentTo: string | null = null;

  constructor(private readonly options: MediaServiceOptions) {
    super();
    this.settings = options.settings;
    this.now = options.now ?? Date.now;
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.encoder = new EncoderChooser(this.settings.encoder);
    this.recordings = new RecordingsRepository(options.db);
    this.recordingsDir = join(options.storageDir, 'recordings');
    this.videoSignal = new VideoSignalMonitor(this.settings.health, this.now);
    this.mic = new MicLivenessMonitor(this.settings.health, this.now);
    // A pipeline the validator refuses is a config error: say so at start, not at first use.
    const source = this.settings.video.source;
    if (source.type !== 'rtsp' || source.uri)
      renderLaunch(videoPipeline({ video: this.settings.video, preview: this.settings.preview, rtspUri: source.uri, display: this.display() }));
    this.host = new MediaHostSupervisor({
      log: options.log.child({ component: 'media' }),
      env: options.hostEnv,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs,
    });
    this.control = new RecordingControl({
      repo: this.recordings,
      dir: this.recordingsDir,
      settings: this.settings,
      log: options.log.child({ component: 'recording' }),
      now: this.now,
      send: (m) => this.host.send(m),
      encoder: () => this.encoder.choose(),
      changed: () => this.changed(),
    });
    this.onDemand = new HostOnDemand({
      host: this.host,
      onDemand: () => this.settings.start === 'on-demand',
      startTimeoutMs: this.timing.startTimeoutMs,
      idleStopMs: options.idleStopMs,
      now: this.now,
      running: () => this.started,
      busy: () => this.preview.count > 0 || Boolean(this.control.activeId),
      rejudge: () => this.evaluate(),
    });
    this.preview = new PreviewViewers({
      encode: (on) => this.host.send({ type: 'preview', on }),
      demand: () => this.onDemand.demand(),
      leftAll: () => this.onDemand.scheduleIdleStop(),
      why: () => {
        const status = this.status();
        return status.detail ?? status.summary;
      },
    });
    this.host.on('ready', () => this.onHostReady());
    this.host.on('message', (m: FromHost) => this.onHostMessage(m));
    this.host.on('status', () => {
      if (this.host.status.state !== 'running') for (const p of Object.values(this.pipelines)) p.state = 'stopped';
      this.changed();
    });
  }

  /** The supervisor, for tests and the benchmark (pid, stderr). */
  get mediaHost(): MediaHostSupervisor {
    return this.host;
  }

  /** Lets an RTSP source follow its ONVIF camera's `state.streamUri`. */
  attachDevices(source: StreamUriSource): void {
    this.uriSource = source;
    source.on('device', this.onDevice);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const interrupted = this.recordings.markInterrupted(new Date(this.now()).toISOString());
    if (interrupted > 0) this.options.log.warn({ interrupted }, 'recordings cut short by the last stop');
    if (this.settings.start === 'always') this.host.start();
    this.timers.push(setInterval(() => this.evaluate(), 1000));
    this.timers.push(setInterval(() => void this.purge().catch(() => undefined), 6 * 3_600_000));
    void this.purge().catch((err: Error) => this.options.log.warn({ err: err.message }, 'recording purge failed'));
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const t of this.timers) clearInterval(t);
    this.onDemand.stop();
    this.uriSource?.off('device', this.onDevice);
    await this.control.stop().catch(() => null);
    await this.host.stop();
  }

  /**
   * Lends the USB camera to someone else (the online call's browser) or takes it back
   * (null): a V4L2 device streams to one reader, so the pipeline lets it go meanwhile and
   * the picture's health says why there is none. An IP or test source is not held.
   */
  lendCamera(to: string | null): void {
    if (this.settings.video.source.type !== 'v4l2' || this.lentTo === to) return;
    this.lentTo = to;
    // Taking it back is a start like waking: not a fault while the pipeline comes up again.
    if (!to) this.onDemand.restarting();
    if (this.host.status.state === 'running') this.configure();
    this.changed();
  }

  /** Who holds the USB camera now, when not the pipeline. */
  get cameraLentTo(): string | null {
    return this.lentTo;
  }

  // ---- recording, for the meetings module and the API ----

  async startRecording(options: { meetingId?: string | null } = {}): Promise<Recording> {
    if (!this.settings.recording.allowed) {
      throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'Recording is not allowed in this room (media.recording.allowed is false)');
    }
    this.onDemand.demand();
    return this.control.start(options.meetingId ?? null);
  }

  async stopRecording(): Promise<Recording | null> {
    const recording = await this.control.stop();
    this.onDemand.scheduleIdleStop();
    if (recording) void this.purge().catch(() => undefined);
    return recording;
  }

  /**
   * The meeting started: mic liveness starts counting; recording starts if the room's rules
   * say so, unless the caller vetoes it (`record: false`, e.g. a confidential meeting).
   */
  meetingStarted(meetingId: string, options: { record?: boolean } = {}): void {
    this.mic.meetingStarted();
    const { allowed, withMeetings } = this.settings.recording;
    if (allowed && withMeetings && options.record !== false)
      void this.startRecording({ meetingId }).catch((err: Error) => this.options.log.error({ err: err.message, meetingId }, 'meeting recording did not start'));
    this.evaluate();
  }

  meetingEnded(meetingId: string): void {
    this.mic.meetingEnded();
    if (this.control.activeMeetingId === meetingId) void this.stopRecording().catch(() => null);
    this.evaluate();
  }

  /** The recordings, newest first. */
  listRecordings(): Recording[] {
    return this.recordings.list();
  }

  /** One recording, or ROOMCTL_E_NOT_FOUND. */
  recording(id: string): Recording {
    const recording = this.recordings.get(id);
    if (!recording) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No recording "${id}"`);
    return recording;
  }

  async deleteRecording(id: string): Promise<void> {
    if (this.control.activeId === id) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `Recording ${id} is still running; stop it first`);
    await deleteRecording(this.recordings, this.recordingsDir, id);
  }

  async purge(now = new Date(this.now())): Promise<RetentionResult> {
    const result = await purgeRecordings(this.recordings, this.recordingsDir, this.settings.recording, now, this.control.activeId);
    if (result.deleted.length > 0) this.options.log.info({ deleted: result.deleted }, 'recordings purged by the retention rule');
    return result;
  }

  // ---- preview ----

  /** JPEG frames while subscribed; the host encodes them only while someone watches. */
  subscribePreview(listener: (jpeg: Buffer) => void): () => void {
    return this.preview.subscribe(listener);
  }

  /** The next preview frame (preview-viewers.ts); ROOMCTL_E_MEDIA_UNAVAILABLE after `timeoutMs`. */
  previewFrame(timeoutMs = 10_000): Promise<Buffer> {
    return this.preview.nextFrame(timeoutMs);
  }

  // ---- status and health ----

  status(): MediaStatusView {
    const host = this.host.status;
    const video = this.pipelineView('video');
    return {
      ...summarize(this.onDemand.idle, host, video),
      host: { ...host },
      video,
      audio: this.settings.audio ? this.pipelineView('audio') : null,
      recording: { allowed: this.settings.recording.allowed, withMeetings: this.settings.recording.withMeetings, active: this.control.current },
      encoder: this.encoder.chosen,
      previewViewers: this.preview.count,
    };
  }

  signalHealth(role: PipelineRole): SignalHealth {
    const video = role === 'video';
    // Not a fault: the room's picture is in the call; health says so until it comes back.
    if (video && this.lentTo)
      return {
        available: true,
        detail: null,
        verdict: { degraded: true, detail: `the USB camera is in use by ${this.lentTo}: no room picture, preview or recording until it ends` },
        state: { pipeline: 'waiting', lentTo: this.lentTo },
      };
    return signalHealthOf(role, {
      started: this.started,
      idle: this.onDemand.idle,
      waking: this.onDemand.waking,
      host: this.host.status,
      pipeline: this.pipelines[role],
      verdict: video ? this.videoSignal.verdict() : this.mic.verdict(),
      metrics: video ? this.videoSignal.metrics() : this.mic.metrics(),
    });
  }

  // ---- internals ----

  private readonly onDevice = (device: DeviceView) => {
    const source = this.settings.video.source;
    if (source.type !== 'rtsp' || source.camera !== device.id) return;
    if (device.state.streamUri !== this.lastUri) this.configure();
  };

  private display(): DisplaySink | null {
    return this.options.display !== undefined ? this.options.display : displaySinkFor(this.settings.display);
  }

  private videoSpec(): PipelineSpec | { waiting: string } {
    if (this.lentTo) return { waiting: `the USB camera is in use by ${this.lentTo}` };
    const resolved = resolveVideoSpec(this.settings, this.display(), (id) => {
      try {
        return this.uriSource?.get(id).state;
      } catch {
        return undefined;
      }
    });
    this.lastUri = resolved.uri;
    if (resolved.refused) this.options.log.warn({ camera: this.settings.video.source.camera, problem: resolved.refused }, 'stream URI refused');
    return resolved.spec;
  }

  private configure(): void {
    this.host.send({ type: 'configure', video: this.videoSpec(), audio: this.settings.audio ? audioPipeline(this.settings.audio) : null, timing: this.timing });
  }

  private onHostReady(): void {
    this.configure();
    if (this.preview.count > 0) this.host.send({ type: 'preview', on: true });
    this.control.resume();
  }

  private onHostMessage(message: FromHost): void {
    switch (message.type) {
      case 'pipeline': {
        const was = this.pipelines[message.role].state;
        this.pipelines[message.role] = { state: message.state, detail: message.detail, rebuilds: message.rebuilds };
        if (message.role === 'video' && message.state === 'playing' && was !== 'playing') this.videoSignal.reset();
        this.changed();
        break;
      }
      case 'frame':
        this.videoSignal.frame(message);
        break;
      case 'level':
        this.mic.level(message.rmsDb, message.peakDb);
        break;
      case 'preview': {
        const jpeg = Buffer.from(message.jpeg.buffer, message.jpeg.byteOffset, message.jpeg.byteLength);
        this.preview.deliver(jpeg);
        break;
      }
      case 'record.segment':
      case 'record.state':
        void this.control.onMessage(message);
        break;
    }
  }

  private pipelineView(role: PipelineRole): PipelineView {
    const p = this.pipelines[role];
    const signal = role === 'video' ? this.videoSignal.verdict() : this.mic.verdict();
    const metrics = role === 'video' ? this.videoSignal.metrics() : this.mic.metrics();
    return { state: p.state, detail: p.detail, rebuilds: p.rebuilds, signal: p.state === 'playing' ? signal : { degraded: false, detail: null }, metrics };
  }

  private changed(): void {
    this.emit('status', this.status());
    this.evaluate();
  }

  /** Re-judges both signals (time alone can freeze a picture) and says when one changed. */
  private evaluate(): void {
    for (const role of ['video', 'audio'] as const) {
      if (role === 'audio' && !this.settings.audio) continue;
      const h = this.signalHealth(role);
      const key = JSON.stringify([h.available, h.detail, h.verdict]);
      if (this.lastSignals.get(role) === key) continue;
      this.lastSignals.set(role, key);
      this.emit('signal', role);
    }
  }
}
