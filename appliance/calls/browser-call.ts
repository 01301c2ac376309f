import { spawn, type ChildProcess } from 'node:child_process';
import { TypedBus } from '../model/typed-bus.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CdpPipe, type CdpEvent } from './cdp-pipe.js';
import type { CallState } from '../model/call-status.js';
import type { OnlineMeeting } from './online-meeting-link.js';

export type { CallState };

/** What `GET /api/v1/call` answers. */
export interface CallView {
  state: CallState;
  provider: string | null;
  meetingId: string | null;
  since: string;
  detail: string | null;
}

interface BrowserCallOptions {
  /** The browser to start (Debian: /usr/bin/chromium). */
  executable: string;
  /** The X display of the room's screen (the one the panel kiosk is not on), e.g. ":0". */
  display?: string;
  /** Added to the browser's command line (a test adds --headless and fake camera and microphone). */
  extraArgs?: readonly string[];
  /** Where each call's throw-away browser profile is made. */
  profileParent: string;
  /** How long the join page may take to load. */
  joinTimeoutMs?: number;
  now?: () => Date;
}

/** The tail of what the browser printed, kept for the failure's detail. */
const STDERR_KEEP = 2000;

/**
 * One online call on the room's screen, in a browser of its own: a fresh profile, the
 * join page in app (kiosk) mode, and camera and microphone granted to that page's origin
 * alone, never to anything it navigates to. The browser is driven over a DevTools pipe
 * (no port is opened). It is supervised: a browser that dies mid-call turns the call
 * `failed`; leaving closes it, and nothing of it outlives the call. Emits 'change'.
 */
export class BrowserCall extends TypedBus<{ change: [CallView] }> {
  private current: CallView;
  private child: ChildProcess | undefined;
  private cdp: CdpPipe | undefined;
  private profile: string | undefined;
  private stderr = '';
  private removal: Promise<void> = Promise.resolve();

  constructor(private readonly options: BrowserCallOptions) {
    super();
    this.current = { state: 'idle', provider: null, meetingId: null, since: this.now(), detail: null };
  }

  view(): CallView {
    return { ...this.current };
  }

  /** Opens the meeting's join page; resolves once it has loaded (`in-call`) or the join failed. */
  async join(meeting: Pick<OnlineMeeting, 'provider' | 'url' | 'meetingId'>): Promise<CallView> {
    if (this.child) await this.leave('replaced by another call');
    const url = new URL(meeting.url);
    this.set({ state: 'joining', provider: meeting.provider, meetingId: meeting.meetingId ?? null, detail: null });
    try {
      await this.start();
      const cdp = this.cdp!;
      await cdp.send('Browser.grantPermissions', { origin: url.origin, permissions: ['audioCapture', 'videoCapture'] });
      const session = await this.pageSession(cdp);
      await cdp.send('Page.enable', {}, session);
      const loaded = this.loadOf(cdp, session);
      // Settled below, or abandoned when the navigation itself fails: never an unhandled rejection.
      loaded.catch(() => undefined);
      const navigation = await cdp.send('Page.navigate', { url: url.href }, session);
      if (typeof navigation.errorText === 'string' && navigation.errorText) throw new Error(`the join page could not be opened: ${navigation.errorText}`);
      await loaded;
      if (this.current.state === 'joining') this.set({ state: 'in-call', detail: null });
    } catch (err) {
      if (this.current.state === 'joining') {
        await this.stopBrowser();
        this.set({ state: 'failed', detail: (err as Error).message });
      }
    }
    return this.view();
  }

  /** Ends the call (the meeting ended, was released, or someone pressed Leave). */
  async leave(reason = 'left'): Promise<CallView> {
    if (this.current.state === 'joining' || this.current.state === 'in-call') this.set({ state: 'ended', detail: reason });
    await this.stopBrowser();
    return this.view();
  }

  /** Whether a browser process of this call is running (tests, and the appliance's stop). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private async start(): Promise<void> {
    this.profile = await mkdtemp(join(this.options.profileParent, 'call-browser-'));
    const args = [
      '--remote-debugging-pipe',
      `--user-data-dir=${this.profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-sync',
      '--disable-translate',
      '--autoplay-policy=no-user-gesture-required',
      '--kiosk',
      ...(this.options.extraArgs ?? []),
      '--app=about:blank',
    ];
    const env = { ...process.env, ...(this.options.display ? { DISPLAY: this.options.display } : {}) };
    // A process group of its own, as the media host has: a Ctrl-C at the demo's terminal (SIGINT to
    // the foreground group) reaches the room, which leaves the call, not the browser under the call
    // (that would end the call as failed). It still dies with the room: its DevTools pipe closes.
    const child = spawn(this.options.executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], env, detached: true });
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (err) => reject(new Error(`the call's browser ${this.options.executable} could not start: ${err.message}`)));
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    await spawned;
    this.cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    this.cdp.on('event', (event: CdpEvent) => this.onEvent(event));
  }

  private async pageSession(cdp: CdpPipe): Promise<string> {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos?: { targetId: string; type: string }[] };
    const page = targetInfos?.find((t) => t.type === 'page')?.targetId ?? ((await cdp.send('Target.createTarget', { url: 'about:blank' })).targetId as string);
    return (await cdp.send('Target.attachToTarget', { targetId: page, flatten: true })).sessionId as string;
  }

  private loadOf(cdp: CdpPipe, session: string): Promise<void> {
    const timeoutMs = this.options.joinTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`the join page did not load within ${timeoutMs / 1000} s`)), timeoutMs);
      const onEvent = (event: CdpEvent) => {
        if (event.sessionId === session && event.method === 'Page.loadEventFired') done();
      };
      const onClosed = (reason: Error) => done(reason);
      const done = (err?: Error) => {
        clearTimeout(timer);
        cdp.off('event', onEvent);
        cdp.off('closed', onClosed);
        if (err) reject(err);
        else resolve();
      };
      cdp.on('event', onEvent);
      cdp.on('closed', onClosed);
    });
  }

  private onEvent(event: CdpEvent): void {
    if (event.method === 'Inspector.targetCrashed' || event.method === 'Target.targetCrashed') {
      if (this.current.state === 'in-call' || this.current.state === 'joining') this.set({ state: 'failed', detail: 'the call page crashed' });
      void this.stopBrowser();
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.cdp?.close(new Error('the browser stopped'));
    this.child = undefined;
    this.cdp = undefined;
    if (this.current.state === 'in-call' || this.current.state === 'joining') {
      // Chromium's own log prefix ("[6348:6348:1206/103823.282742:ERROR:x11.cc(240)] ") says nothing to a person.
      const last = (this.stderr.trim().split('\n').at(-1) ?? '').replace(/^\[[^\]]*\]\s*/, '');
      this.set({ state: 'failed', detail: `the call's browser stopped (${signal ?? `exit ${code}`})${last ? `: ${last.slice(0, 200)}` : ''}` });
    }
    void this.removeProfile();
  }

  private async stopBrowser(): Promise<void> {
    const child = this.child;
    if (!child) return this.removeProfile();
    const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    await this.cdp?.send('Browser.close', {}, undefined, 2000).catch(() => undefined);
    const term = setTimeout(() => child.kill('SIGTERM'), 2000);
    const kill = setTimeout(() => child.kill('SIGKILL'), 4000);
    await exited;
    clearTimeout(term);
    clearTimeout(kill);
    await this.removeProfile();
  }

  /** Removes this call's profile; every caller waits for the same removal. */
  private removeProfile(): Promise<void> {
    const profile = this.profile;
    this.profile = undefined;
    if (profile) this.removal = this.removal.then(() => rm(profile, { recursive: true, force: true })).catch(() => undefined);
    return this.removal;
  }

  private set(patch: Partial<CallView>): void {
    this.current = { ...this.current, ...patch, since: this.now() };
    this.emit('change', this.view());
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
