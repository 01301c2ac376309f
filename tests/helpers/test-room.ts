import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoRoom, type DemoOptions, type DemoRoom } from '../../appliance/demo/demo-room.js';
import { createLogger } from '../../appliance/logger.js';
import { processLogRing } from '../../appliance/log-ring.js';
import { PANEL_DIST, PROJECT_ROOT } from '../../appliance/paths.js';

export interface TestRoom {
  baseUrl: string;
  token: string;
  demo: DemoRoom;
  camera: DemoRoom['camera'];
  display: DemoRoom['display'];
  close(): Promise<void>;
}

/** Builds the panel once if this checkout has no build yet (the e2e tests serve it). */
export function ensurePanelBuilt(): void {
  if (existsSync(join(PANEL_DIST, 'index.html'))) return;
  // The production build even under vitest (NODE_ENV=test would bundle Lit's development build).
  execFileSync('npx', ['vite', 'build', '--config', 'panel-ui/vite.config.ts', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/**
 * The demo room on random loopback ports with its data in a temp folder: the real appliance
 * with real simulators (a socat PTY pair for the camera, TCP for the display).
 */
export async function startTestRoom(
  options: {
    warmupMs?: number;
    probeIntervalMs?: number;
    logLevel?: string;
    configure?: DemoOptions['configure'];
    logsInRingOnly?: boolean;
    /**
     * The test's phones are on this machine: the room's QR codes carry its loopback address as if
     * api.publicUrl named it (the port is known only once it listens). Without it, a loopback room
     * shows no codes, only the words saying phones cannot open it.
     */
    phonesOnThisMachine?: boolean;
    /** The data folder (on a small disk a test fills); by default a new temp folder. Removed on close either way. */
    dataDir?: string;
  } = {},
): Promise<TestRoom> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'roomctl-test-room-')));
  // logsInRingOnly: lines go to the in-process ring the admin view reads, not to the test output.
  const log = options.logsInRingOnly
    ? createLogger({ level: options.logLevel ?? 'info', destination: processLogRing })
    : createLogger({ level: options.logLevel ?? process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
  const demo = await startDemoRoom({
    log,
    listen: '127.0.0.1:0',
    dataDir,
    mqttPort: 0,
    warmupMs: options.warmupMs ?? 200,
    probeIntervalMs: options.probeIntervalMs,
    configure: options.configure,
  });
  if (options.phonesOnThisMachine) demo.appliance.core.meetings?.setBaseUrl(demo.appliance.url, true);
  return {
    baseUrl: demo.appliance.url,
    token: demo.token,
    demo,
    camera: demo.camera,
    display: demo.display,
    async close() {
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 3000, what = 'condition'): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, undefined | null | false | 0 | ''>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One call to the room's API with its token, the answer's JSON body as `T` (the e2e tests' setup and checks). */
export async function callRoom<T>(room: TestRoom, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(room.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${room.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await r.json()) as T;
}

/** Books an hour's meeting and starts it (the running meeting the minutes and agenda tests work on); its id. */
export async function startMeeting(room: TestRoom, title = 'Budget review'): Promise<string> {
  const { id } = await callRoom<{ id: string }>(room, 'POST', '/api/v1/bookings', { minutes: 60, title });
  await callRoom(room, 'POST', `/api/v1/meetings/${id}/start`);
  return id;
}

/** The address a phone opens from the meeting's QR code: its page, with the meeting code. */
export async function meetingPageUrl(room: TestRoom, meetingId: string): Promise<string> {
  const access = await callRoom<{ url: string; code: string }>(room, 'GET', `/api/v1/meetings/${meetingId}/access`);
  return `${room.baseUrl}${new URL(access.url).pathname}?code=${access.code}`;
}
