import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { Logger } from '../logger.js';
import type { H264Encoder } from './encoder-choice.js';
import { renderLaunch } from './launch-render.js';
import type { MediaSettings } from './media-config.js';
import type { FromHost, ToHost } from './media-ipc.js';
import { recordingPipeline } from './pipeline-plan.js';
import { FILE_NAME, type Recording, type RecordingsRepository } from './recordings-repository.js';
import { PRIVATE_DIR_MODE } from '../store/private-files.js';

interface RecordingControlDeps {
  repo: RecordingsRepository;
  /** <storage>/recordings: one folder per recording below it. */
  dir: string;
  settings: MediaSettings;
  log: Logger;
  now: () => number;
  /** Sends to the media host; false when it is not running (the recording resumes on 'ready'). */
  send(message: ToHost): boolean;
  encoder(): Promise<H264Encoder>;
  changed(): void;
}

interface Active {
  id: string;
  meetingId: string | null;
  files: Set<string>;
  stopping: ((state: 'stopped' | 'failed', detail: string | null) => void) | null;
}

const STOP_TIMEOUT_MS = 8000;

export function newRecordingId(now: Date): string {
  return `rec-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/**
 * One recording at a time: a row and a folder per recording, a row per segment file as
 * the media host reports them. Survives media host restarts: the recording resumes with
 * the next file number once a new host is ready.
 */
export class RecordingControl {
  private active: Active | null = null;
  private encoder: H264Encoder | null = null;

  constructor(private readonly deps: RecordingControlDeps) {}

  get current(): Recording | null {
    return this.active ? (this.deps.repo.get(this.active.id) ?? null) : null;
  }

  get activeId(): string | null {
    return this.active?.id ?? null;
  }

  get activeMeetingId(): string | null {
    return this.active?.meetingId ?? null;
  }

  async start(meetingId: string | null): Promise<Recording> {
    const { settings, repo } = this.deps;
    if (!settings.recording.allowed) {
      throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'Recording is not allowed in this room (media.recording.allowed is false)');
    }
    if (this.active) return this.current!;
    this.encoder ??= await this.deps.encoder();
    const now = new Date(this.deps.now());
    const id = newRecordingId(now);
    const folder = join(this.deps.dir, id);
    // Check the description before anything is written: a storage path the validator refuses fails here.
    renderLaunch(this.spec(id, 0));
    await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    repo.create({ id, meetingId, format: settings.recording.format, startedAt: now.toISOString() });
    this.active = { id, meetingId, files: new Set(), stopping: null };
    this.resume();
    this.deps.log.info({ recording: id, meetingId }, 'recording started');
    this.deps.changed();
    return this.current!;
  }

  /** Sends the recording to the host; after a host restart, numbering goes on from the files seen. */
  resume(): void {
    const active = this.active;
    if (!active || active.stopping) return;
    this.deps.send({ type: 'record.start', recordingId: active.id, spec: this.spec(active.id, active.files.size) });
  }

  async stop(): Promise<Recording | null> {
    const active = this.active;
    if (!active) return null;
    const finished = new Promise<{ state: 'stopped' | 'failed'; detail: string | null }>((resolve) => {
      const timer = setTimeout(() => resolve({ state: 'stopped', detail: 'the media host did not confirm the end of the recording' }), STOP_TIMEOUT_MS);
      active.stopping = (state, detail) => {
        clearTimeout(timer);
        resolve({ state, detail });
      };
    });
    if (!this.deps.send({ type: 'record.stop', recordingId: active.id })) active.stopping?.('stopped', 'the media host was not running at the end');
    const { state, detail } = await finished;
    await this.close(active, state === 'failed' ? 'failed' : 'complete', detail);
    return this.deps.repo.get(active.id) ?? null;
  }

  /** Messages from the host about recordings. */
  async onMessage(message: FromHost): Promise<void> {
    const active = this.active;
    if (message.type === 'record.segment') {
      if (!active || message.recordingId !== active.id) return;
      const name = basename(message.location);
      if (!FILE_NAME.test(name) || dirname(message.location) !== join(this.deps.dir, active.id)) return;
      const at = new Date(this.deps.now()).toISOString();
      if (message.event === 'opened') {
        active.files.add(name);
        this.deps.repo.fileOpened(active.id, name, at);
      } else {
        const bytes = await stat(message.location).then(
          (s) => s.size,
          () => 0,
        );
        this.deps.repo.fileClosed(active.id, name, bytes, at);
      }
      this.deps.changed();
    } else if (message.type === 'record.state' && active && message.recordingId === active.id) {
      if (message.state === 'recording') return;
      if (active.stopping) {
        active.stopping(message.state, message.detail);
        return;
      }
      // Stopped or failed without being asked: an encoder or disk error. Keep what was written.
      this.deps.log.error({ recording: active.id, detail: message.detail }, 'recording ended by itself');
      await this.close(active, 'failed', message.detail);
    }
  }

  private async close(active: Active, status: 'complete' | 'failed', detail: string | null): Promise<void> {
    if (this.active !== active) return;
    this.active = null;
    for (const file of this.deps.repo.get(active.id)?.files ?? []) {
      if (file.complete) continue;
      const bytes = await stat(join(this.deps.dir, active.id, file.name)).then(
        (s) => s.size,
        () => 0,
      );
      this.deps.repo.fileSize(active.id, file.name, bytes);
    }
    this.deps.repo.finish(active.id, status, new Date(this.deps.now()).toISOString(), detail);
    this.deps.log.info({ recording: active.id, status, detail }, 'recording ended');
    this.deps.changed();
  }

  private spec(id: string, startIndex: number) {
    const { settings } = this.deps;
    return recordingPipeline({
      video: settings.video,
      recording: settings.recording,
      encoder: this.encoder ?? 'x264enc',
      location: join(this.deps.dir, id, `part-%05d.${settings.recording.format}`),
      withAudio: settings.audio !== null,
      startIndex,
    });
  }
}
