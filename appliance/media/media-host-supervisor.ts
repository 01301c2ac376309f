import { fork, type ChildProcess } from 'node:child_process';
import { TypedBus } from '../model/typed-bus.js';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Backoff } from '../devices/backoff.js';
import type { Logger } from '../logger.js';
import { RECYCLE_EXIT_CODE, type FromHost, type ToHost } from './media-ipc.js';

export type HostState = 'stopped' | 'starting' | 'running' | 'recovering';

export interface HostStatus {
  state: HostState;
  pid: number | null;
  /** Restarts since the appliance started (crashes, kills, hangs, recycles). */
  restarts: number;
  since: string;
  detail: string | null;
}

interface MediaHostOptions {
  log: Logger;
  /** Extra environment for the child (GST_DEBUG, GST_TRACERS for the benchmark). */
  env?: Record<string, string>;
  /** No heartbeat for this long: the host is hung (a GStreamer deadlock) and is killed. */
  heartbeatTimeoutMs?: number;
  /** Stable this long after a restart: the next failure restarts fast again. */
  stableAfterMs?: number;
  backoff?: Backoff;
}

/** The entry next to this file: .ts from source (through tsx's loader), .js once built. */
function hostEntry(): { path: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith('.ts') ? 'ts' : 'js';
  const path = here.replace(/media-host-supervisor\.(ts|js)$/, `media-host-main.${ext}`);
  if (ext === 'js') return { path, execArgv: [] };
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return { path, execArgv: ['--import', pathToFileURL(tsx).href] };
}

/**
 * Runs the media host child and keeps it running: restarts it with backoff when it exits,
 * crashes or is killed, kills it when its heartbeat stops, and restarts at once when it
 * recycles itself. Events: 'status' (HostStatus), 'message' (FromHost), 'ready' (pid),
 * 'stderr' (string: GStreamer's own output, e.g. tracer lines).
 */
export class MediaHostSupervisor extends TypedBus<{ stderr: [string]; ready: [number]; message: [FromHost]; status: [HostStatus] }> {
  private child: ChildProcess | undefined;
  private current: HostStatus = { state: 'stopped', pid: null, restarts: 0, since: new Date().toISOString(), detail: null };
  private running = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lastHeartbeat = 0;
  private readyAt = 0;
  private readonly backoff: Backoff;

  constructor(private readonly options: MediaHostOptions) {
    super();
    this.backoff = options.backoff ?? new Backoff(250, 2000);
  }

  get status(): HostStatus {
    return this.current;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.spawn();
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => this.checkHeartbeat(), 500);
  }

  /** Asks the host to finish its files and leave; kills it if it does not within `graceMs`. */
  async stop(graceMs = 7000): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    clearInterval(this.watchdog);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // A host that is not ready yet has no files to finish: no need to ask.
      if (!this.send({ type: 'shutdown' })) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    // A start() while this one was stopping owns the new child: leave it alone.
    if (this.running) return;
    if (this.child === child) this.child = undefined;
    this.setStatus({ state: 'stopped', pid: null, detail: null });
  }

  send(message: ToHost): boolean {
    const child = this.child;
    if (!child?.connected || this.current.state !== 'running') return false;
    child.send(message);
    return true;
  }

  private spawn(): void {
    const entry = hostEntry();
    const child = fork(entry.path, [], {
      execArgv: entry.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: a Ctrl-C at the terminal reaches the room, which asks the host to
      // finish its files. The host leaves by itself when the room goes (its IPC channel closes).
      detached: true,
      // Every appsink pull and bus poll holds a libuv worker while it waits.
      env: { ...process.env, UV_THREADPOOL_SIZE: '16', ...this.options.env },
    });
    this.child = child;
    this.setStatus({ state: this.current.restarts > 0 ? 'recovering' : 'starting', pid: child.pid ?? null, detail: this.current.detail });
    child.stdout?.on('data', (chunk: Buffer) => this.options.log.debug({ out: chunk.toString().trimEnd() }, 'media host stdout'));
    child.stderr?.on('data', (chunk: Buffer) => this.emit('stderr', chunk.toString()));
    child.on('message', (raw) => this.onMessage(child, raw as FromHost));
    child.on('error', (err) => this.options.log.warn({ err: err.message }, 'media host process error'));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
  }

  private onMessage(child: ChildProcess, message: FromHost): void {
    if (child !== this.child) return;
    if (message.type === 'ready') {
      this.lastHeartbeat = Date.now();
      this.readyAt = Date.now();
      this.setStatus({ state: 'running', pid: message.pid, detail: null });
      this.emit('ready', message.pid);
      return;
    }
    if (message.type === 'heartbeat') {
      this.lastHeartbeat = Date.now();
      if (this.readyAt && Date.now() - this.readyAt > (this.options.stableAfterMs ?? 10_000)) this.backoff.reset();
    }
    if (message.type === 'log') {
      this.options.log[message.level]({ ...message.data, component: 'media-host' }, message.msg);
      return;
    }
    this.emit('message', message);
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = undefined;
    this.readyAt = 0;
    if (!this.running) return;
    const recycled = code === RECYCLE_EXIT_CODE;
    const detail = recycled
      ? 'video restarting (routine recycle of the media host)'
      : `video recovering: the media host ${signal ? `was killed (${signal})` : `exited with code ${code}`}`;
    if (!recycled) this.options.log.warn({ code, signal }, 'media host exited; restarting');
    const delay = recycled ? 0 : this.backoff.next();
    this.current = { ...this.current, restarts: this.current.restarts + 1 };
    this.setStatus({ state: 'recovering', pid: null, detail });
    this.restartTimer = setTimeout(() => {
      if (this.running) this.spawn();
    }, delay);
  }

  private checkHeartbeat(): void {
    const child = this.child;
    if (!child || this.current.state !== 'running') return;
    if (Date.now() - this.lastHeartbeat > (this.options.heartbeatTimeoutMs ?? 5000)) {
      this.options.log.warn({ pid: child.pid }, 'media host stopped answering; killing it');
      child.kill('SIGKILL');
    }
  }

  private setStatus(patch: Pick<HostStatus, 'state' | 'pid' | 'detail'>): void {
    const next = { ...this.current, ...patch };
    if (next.state === this.current.state && next.pid === this.current.pid && next.detail === this.current.detail) return;
    this.current = { ...next, since: new Date().toISOString() };
    this.emit('status', this.current);
  }
}
