import type { GstModule, GstPipelineHandle } from './gst-binding.js';
import { renderLaunch } from './launch-render.js';
import type { FromHost } from './media-ipc.js';
import type { PipelineSpec } from './pipeline-spec.js';

/** How long a stopping recording may take to finish its last file before it is cut. */
const FINALIZE_TIMEOUT_MS = 5000;

/**
 * The recording pipeline inside the media host: reads the live feeds (inter elements) and
 * writes segment files through splitmuxsink. Stopping sends EOS so the last MP4 gets its
 * index; only then is the pipeline set to NULL.
 */
export class Recorder {
  private active: { id: string; pipeline: GstPipelineHandle; stopping: boolean } | undefined;

  constructor(
    private readonly gst: GstModule,
    private readonly send: (message: FromHost) => void,
  ) {}

  start(recordingId: string, spec: PipelineSpec): void {
    if (this.active) this.finish(this.active.id, 'stopped', 'replaced by a new recording');
    let pipeline: GstPipelineHandle;
    try {
      pipeline = new this.gst.Pipeline(renderLaunch(spec));
    } catch (err) {
      this.send({ type: 'record.state', recordingId, state: 'failed', detail: (err as Error).message });
      return;
    }
    const active = { id: recordingId, pipeline, stopping: false };
    this.active = active;
    pipeline.pollBus((message) => {
      if (this.active !== active) return;
      if (message.type === 'element' && typeof message.location === 'string' && message.name?.startsWith('splitmuxsink-fragment-')) {
        const event = message.name === 'splitmuxsink-fragment-opened' ? 'opened' : 'closed';
        this.send({ type: 'record.segment', recordingId, event, location: message.location });
      } else if (message.type === 'eos') {
        this.finish(recordingId, 'stopped', null);
      } else if (message.type === 'error') {
        this.finish(recordingId, 'failed', `${message._src_element_name ?? 'recording'}: ${message.message ?? 'error'}`);
      }
    });
    pipeline.play();
    this.send({ type: 'record.state', recordingId, state: 'recording', detail: null });
  }

  /** Resolves once the files are finished (EOS came through) or the timeout cut them. */
  stop(recordingId: string): Promise<void> {
    const active = this.active;
    if (!active || active.id !== recordingId) return Promise.resolve();
    active.stopping = true;
    active.pipeline.sendEOS();
    return new Promise((resolve) => {
      const poll = setInterval(() => {
        if (this.active !== active) done();
      }, 20);
      const timer = setTimeout(() => {
        this.finish(recordingId, 'stopped', `the last file was cut after ${FINALIZE_TIMEOUT_MS / 1000} s without finishing`);
        done();
      }, FINALIZE_TIMEOUT_MS);
      const done = () => {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      };
    });
  }

  get recordingId(): string | null {
    return this.active?.id ?? null;
  }

  private finish(recordingId: string, state: 'stopped' | 'failed', detail: string | null): void {
    const active = this.active;
    if (!active || active.id !== recordingId) return;
    this.active = undefined;
    active.pipeline.stop();
    this.send({ type: 'record.state', recordingId, state, detail });
  }
}
