import { spawn } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { SelfTestCheck } from '../meetings/self-test.js';
import { NEXT_STEPS, SELF_TEST_FAULT_CODES } from '../meetings/self-test-advice.js';
import { CdpPipe } from './cdp-pipe.js';
import type { OnlineMeeting } from './online-meeting-link.js';

export interface CallCheckOptions {
  /** The call's browser, as `calls.browser` gives it. */
  browser: { executable: string; extraArgs?: readonly string[] };
  /** Where the probe's throw-away profile is made. */
  profileParent: string;
  /** Name → addresses (default: the system resolver). Tests answer with loopback. */
  lookup?: (host: string) => Promise<string[]>;
  /** The port tried (default: the link's own, else 443). Tests give a loopback server's. */
  port?: number;
  timeoutMs?: number;
  /** True while a call runs: its browser is proof enough, none is started beside it. */
  callRunning?: () => boolean;
}

const defaultLookup = async (host: string) => (await dnsLookup(host, { all: true })).map((a) => a.address);

function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms))),
  ]);
}

const passed = (check: 'call-host' | 'call-browser', detail: string): SelfTestCheck => ({ deviceId: 'call', check, ok: true, ran: true, detail });
const failed = (check: 'call-host' | 'call-browser', detail: string, advice: 'call-unreachable' | 'call-browser'): SelfTestCheck => ({
  deviceId: 'call',
  check,
  ok: false,
  ran: true,
  detail,
  code: 'ROOMCTL_E_CALL_CHECK',
  faultCode: SELF_TEST_FAULT_CODES[check],
  advice,
  nextStep: NEXT_STEPS[advice],
});

/** Does the meeting service's host answer: its name resolves, and a TCP connection to its port opens. */
async function checkCallHost(online: OnlineMeeting, options: Pick<CallCheckOptions, 'lookup' | 'port' | 'timeoutMs'>): Promise<SelfTestCheck> {
  const url = new URL(online.url);
  const port = options.port ?? (Number(url.port) || 443);
  const ms = options.timeoutMs ?? 5000;
  let addresses: string[];
  try {
    addresses = await within((options.lookup ?? defaultLookup)(url.hostname), ms, `DNS ${url.hostname}`);
    if (addresses.length === 0) throw new Error('no address');
  } catch (err) {
    return failed('call-host', `${url.hostname} does not resolve: ${(err as Error).message}`, 'call-unreachable');
  }
  try {
    await within(
      new Promise<void>((resolve, reject) => {
        const socket = connect({ host: addresses[0]!, port }, () => (socket.destroy(), resolve()));
        socket.on('error', reject);
      }),
      ms,
      `TCP ${url.hostname}:${port}`,
    );
    return passed('call-host', `${url.hostname} answers on port ${port}`);
  } catch (err) {
    return failed(
      'call-host',
      `${url.hostname} (${addresses[0]}) port ${port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'call-unreachable',
    );
  }
}

/** Does the call's browser start: run it headless on a fresh profile and ask for its version over its DevTools pipe. */
export async function checkCallBrowser(options: Pick<CallCheckOptions, 'browser' | 'profileParent' | 'timeoutMs' | 'callRunning'>): Promise<SelfTestCheck> {
  if (options.callRunning?.()) return passed('call-browser', 'a call is running in it');
  const profile = await mkdtemp(join(options.profileParent, 'probe-'));
  const extra = (options.browser.extraArgs ?? []).filter((a) => a !== '--headless' && a !== '--kiosk');
  const child = spawn(
    options.browser.executable,
    ['--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--no-first-run', ...extra, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const spawned = new Promise<void>((resolve, reject) => (child.once('spawn', resolve), child.once('error', reject)));
    await spawned;
    const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const version = await cdp.send('Browser.getVersion', {}, undefined, options.timeoutMs ?? 15_000);
    await cdp.send('Browser.close', {}, undefined, 2000).catch(() => undefined);
    return passed('call-browser', String(version.product ?? 'started'));
  } catch (err) {
    return failed('call-browser', `${options.browser.executable} did not start: ${(err as Error).message}`, 'call-browser');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (child.pid !== undefined) await exited;
    await rm(profile, { recursive: true, force: true });
  }
}

/** The checks before a meeting with an online call: the service answers, the browser starts. */
export async function checkCall(online: OnlineMeeting, options: CallCheckOptions): Promise<SelfTestCheck[]> {
  return Promise.all([checkCallHost(online, options), checkCallBrowser(options)]);
}
