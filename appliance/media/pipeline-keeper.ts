import type { GstBusMessage, GstModule, GstPipelineHandle } from './gst-binding.js';
import { renderLaunch } from './launch-render.js';
import type { PipelineRole, PipelineState, PipelineTiming } from './media-ipc.js';
import type { PipelineSpec } from './pipeline-spec.js';

interface KeeperHooks {
  /** Attach appsink loops and the like to a freshly built pipeline; call `alive()` on every frame. */
  attach(pipeline: GstPipelineHandle, alive: () => void, current: () => boolean): void;
  /** Element messages (level, …) of the current pipeline. */
  message?(message: GstBusMessage, alive: () => void): void;
  state(state: PipelineState, detail: string | null, rebuilds: number): void;
  /** After a teardown: the host may decide to recycle itself. */
  tornDown?(rebuilds: number): void;
}

/**
 * Keeps one pipeline playing inside the media host: build, watch, rebuild with backoff.
 * Failure is anything that stops the picture: a bus error (camera gone, RTSP refused), EOS,
 * no first frame in time, or frames that stop coming. Each rebuild is a new Pipeline; the
 * old one is set to NULL and dropped.
 */
export class PipelineKeeper {
  private pipeline: GstPipelineHandle | undefined;
  private generation = 0;
  private spec: PipelineSpec | null = null;
  private state: PipelineState = 'waiting';
  private builtAt = 0;
  private lastAlive = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly watchdog: NodeJS.Timeout;
  rebuilds = 0;

  constructor(
    readonly role: PipelineRole,
    private readonly gst: GstModule,
    private timing: PipelineTiming,
    private readonly hooks: KeeperHooks,
  ) {
    this.watchdog = setInterval(() => this.check(), 100);
  }

  /** A new description (or none): tear down and build it at once. */
  configure(spec: PipelineSpec | { waiting: string } | null, timing: PipelineTiming): void {
    this.timing = timing;
    this.teardown();
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    if (spec && 'waiting' in spec) {
      this.spec = null;
      this.setState('waiting', spec.waiting);
      return;
    }
    this.spec = spec;
    if (spec) this.build();
    else this.setState('waiting', null);
  }

  stop(): void {
    clearInterval(this.watchdog);
    clearTimeout(this.retryTimer);
    this.spec = null;
    this.teardown();
  }

  private build(): void {
    if (!this.spec) return;
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const alive = () => {
      if (!current()) return;
      this.lastAlive = Date.now();
      if (this.state !== 'playing') {
        this.attempt = 0;
        this.setState('playing', null);
      }
    };
    this.setState('starting', this.state === 'recovering' ? this.lastDetail : null);
    this.builtAt = Date.now();
    let pipeline: GstPipelineHandle;
    try {
      pipeline = new this.gst.Pipeline(renderLaunch(this.spec));
    } catch (err) {
      this.fail(generation, `the pipeline could not be built: ${(err as Error).message}`);
      return;
    }
    this.pipeline = pipeline;
    pipeline.pollBus((message) => {
      if (!current()) return;
      if (message.type === 'error') this.fail(generation, `${message._src_element_name ?? 'pipeline'}: ${message.message ?? 'error'}`);
      else if (message.type === 'eos') this.fail(generation, 'the source ended');
      else if (message.type === 'element') this.hooks.message?.(message, alive);
    });
    // Play first: an appsink pulled before it leaves NULL answers "no sample" at once.
    pipeline.play();
    this.hooks.attach(pipeline, alive, current);
  }

  private lastDetail: string | null = null;

  private fail(generation: number, detail: string): void {
    if (generation !== this.generation || !this.spec) return;
    this.teardown();
    this.rebuilds++;
    this.setState('recovering', detail);
    this.hooks.tornDown?.(this.rebuilds);
    const delay = Math.min(this.timing.retryMaxMs, this.timing.retryInitialMs * 2 ** this.attempt++);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.build(), delay);
  }

  private teardown(): void {
    const pipeline = this.pipeline;
    this.pipeline = undefined;
    this.generation++;
    // Setting NULL releases the devices and sockets and wakes pending appsink pulls.
    pipeline?.stop();
  }

  private check(): void {
    if (!this.pipeline) return;
    const now = Date.now();
    if (this.state === 'starting' && now - this.builtAt > this.timing.startTimeoutMs) {
      this.fail(this.generation, `no ${this.role} within ${Math.round(this.timing.startTimeoutMs / 100) / 10} s of starting`);
    } else if (this.state === 'playing' && now - this.lastAlive > this.timing.stallMs) {
      this.fail(this.generation, `the ${this.role} stopped for ${Math.round(this.timing.stallMs / 100) / 10} s`);
    }
  }

  private setState(state: PipelineState, detail: string | null): void {
    if (state === this.state && detail === this.lastDetail) return;
    this.state = state;
    this.lastDetail = detail;
    this.hooks.state(state, detail, this.rebuilds);
  }
}
