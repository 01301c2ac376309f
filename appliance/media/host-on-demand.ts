import type { MediaHostSupervisor } from './media-host-supervisor.js';

interface HostOnDemandDeps {
  host: Pick<MediaHostSupervisor, 'start' | 'stop' | 'status'>;
  /** `media.start: on-demand`: the host runs only while someone watches or records. */
  onDemand(): boolean;
  /** How long a pipeline may take to start: waking is not a fault for that long. */
  startTimeoutMs: number;
  /** How long after the last viewer and recording the host stops (default 30 s). */
  idleStopMs: number | undefined;
  now(): number;
  /** Whether the media service runs (a stopped one wakes nothing). */
  running(): boolean;
  /** Whether someone still watches or records. */
  busy(): boolean;
  /** Judge the signals again (a wake that did not bring a picture in time is a fault). */
  rejudge(): void;
}

/**
 * The media host on demand: woken by the first viewer or recording, stopped a while after the
 * last, and the time it takes to wake not counted as a fault.
 */
export class HostOnDemand {
  private idleTimer: NodeJS.Timeout | undefined;
  /** When the host was last woken from idle (null: not waking). */
  private wokeAt: number | null = null;
  private wakeTimer: NodeJS.Timeout | undefined;
  /**
   * The stop asked for because nobody watches, until the host has left. The pipeline stops
   * sending frames at once, but a loaded machine can take seconds to let the process go: a
   * picture judged in between would read as frozen, a fault raised for a planned rest.
   */
  private resting: Promise<void> | null = null;

  constructor(private readonly deps: HostOnDemandDeps) {}

  /** Stopped because nobody needs it (not a fault). */
  get idle(): boolean {
    return this.deps.onDemand() && (this.deps.host.status.state === 'stopped' || this.resting !== null);
  }

  /** Woken a moment ago and still within the time a pipeline may take to start. */
  get waking(): boolean {
    return this.wokeAt !== null && this.deps.now() - this.wokeAt < this.deps.startTimeoutMs;
  }

  /** A start like waking (the camera given back): not a fault while the pipeline comes up again. */
  restarting(): void {
    this.wokeAt = this.deps.now();
  }

  /** Someone needs the host: it runs (woken when idle). */
  demand(): void {
    clearTimeout(this.idleTimer);
    if (!this.deps.running()) return;
    // Woken while still leaving: the host's own start() takes over the new child.
    const wasIdle = this.idle;
    this.resting = null;
    if (wasIdle) {
      // Waking is not a fault for as long as a pipeline may take to start (timing.startTimeoutMs);
      // judged again then: one still not playing is.
      this.wokeAt = this.deps.now();
      clearTimeout(this.wakeTimer);
      this.wakeTimer = setTimeout(() => this.deps.rejudge(), this.deps.startTimeoutMs + 10);
      this.wakeTimer.unref?.();
    }
    this.deps.host.start();
  }

  /** Someone stopped watching or recording: an on-demand host nobody needs stops after a while. */
  scheduleIdleStop(): void {
    if (!this.deps.onDemand() || this.deps.busy()) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.rest(), this.deps.idleStopMs ?? 30_000);
  }

  private rest(): void {
    const stopping = this.deps.host.stop();
    this.resting = stopping;
    this.deps.rejudge();
    void stopping.finally(() => {
      if (this.resting === stopping) this.resting = null;
    });
  }

  stop(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.wakeTimer);
  }
}
