/**
 * join: from Join pressed to the meeting's page loaded in the room's call browser with
 * camera and microphone — `POST /api/v1/meetings/:id/join` sent → the loopback "provider"
 * page (an allowed domain) has called getUserMedia and posted back its tracks. The call is
 * left after each run, so every join starts its own browser on a fresh profile, as in a room.
 * References from the same run and browser (Debian's Chromium, headless, fake camera and
 * microphone): a bare start of that browser until its DevTools pipe answers, and the same
 * browser started from a shell straight onto the provider page until the page reports.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCallBrowser } from '../../appliance/calls/call-check.js';
import { startClockedRoom } from '../helpers/clocked-room.js';
import { HEADLESS_CALL_BROWSER, startProviderPage } from '../helpers/provider-page.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

/** What the room may add to the browser's own time from start to media (its API, the DevTools pipe, the grant). */
const OVER_BARE_P50 = 1.5;

const bench: Benchmark = {
  name: 'join',
  async run({ quick }) {
    const runs = quick ? 5 : 20;
    const provider = await startProviderPage();
    const profiles = await mkdtemp(join(tmpdir(), 'roomctl-bench-join-'));
    const room = await startClockedRoom({
      start: new Date().toISOString(),
      configure: (c) => void (c.calls = { browser: HEADLESS_CALL_BROWSER, allowDomains: ['127.0.0.1'] }),
    });
    try {
      const id = (await room.call('POST', '/api/v1/bookings', { minutes: 240, online: { url: `${provider.base}/j/bench` } })).body.id as string;
      const join: number[] = [];
      const bareStart: number[] = [];
      const bareToMedia: number[] = [];
      for (let i = 0; i < runs; i++) {
        // Interleaved, so load on the shared machine falls on all three alike.
        let t0 = performance.now();
        const report = provider.nextReport();
        const answer = await room.call('POST', `/api/v1/meetings/${id}/join`);
        if (answer.status !== 202) throw new Error(`join refused: ${answer.text}`);
        const got = await report;
        join.push(performance.now() - t0);
        if (got.video !== 1 || got.audio !== 1) throw new Error(`the page got no media: ${JSON.stringify(got)}`);
        await room.call('POST', '/api/v1/call/leave');

        t0 = performance.now();
        const started = await checkCallBrowser({ browser: HEADLESS_CALL_BROWSER, profileParent: profiles });
        if (!started.ok) throw new Error(started.detail ?? 'the bare browser did not start');
        bareStart.push(performance.now() - t0);

        t0 = performance.now();
        bareToMedia.push(await bareBrowserToMedia(provider, profiles, t0));
      }
      const j = summarize(join);
      const s = summarize(bareStart);
      const b = summarize(bareToMedia);
      return {
        name: 'join',
        figures: {
          join_p50_ms: round(j.p50, 0),
          join_p99_ms: round(j.p99, 0),
          bare_browser_start_p50_ms: round(s.p50, 0),
          bare_browser_start_p99_ms: round(s.p99, 0),
          bare_browser_to_media_p50_ms: round(b.p50, 0),
          bare_browser_to_media_p99_ms: round(b.p99, 0),
          join_over_bare_to_media_p50: round(j.p50 / b.p50, 2),
          join_over_bare_to_media_p99: round(j.p99 / b.p99, 2),
          runs,
        },
        units: {
          join_p50_ms: 'ms',
          join_p99_ms: 'ms',
          bare_browser_start_p50_ms: 'ms',
          bare_browser_start_p99_ms: 'ms',
          bare_browser_to_media_p50_ms: 'ms',
          bare_browser_to_media_p99_ms: 'ms',
          join_over_bare_to_media_p50: '×',
          join_over_bare_to_media_p99: '×',
          runs: '',
        },
        targets: { join_over_bare_to_media_p50: { max: OVER_BARE_P50 } },
        notes: `Join → provider page with camera and microphone, over ${runs} joins (each its own browser); references in the same run: the bare browser's start, and the bare browser opened straight on the same page.`,
      };
    } finally {
      await room.close();
      await provider.close();
      await rm(profiles, { recursive: true, force: true });
    }
  },
};

/** The reference: the same browser and flags started from a shell straight onto the provider page. */
async function bareBrowserToMedia(provider: Awaited<ReturnType<typeof startProviderPage>>, profiles: string, t0: number): Promise<number> {
  const profile = await mkdtemp(join(profiles, 'bare-'));
  const report = provider.nextReport();
  const child = spawn(
    HEADLESS_CALL_BROWSER.executable,
    [`--user-data-dir=${profile}`, '--no-first-run', ...HEADLESS_CALL_BROWSER.extraArgs, `${provider.base}/j/bare`],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await report;
    return performance.now() - t0;
  } finally {
    child.kill('SIGKILL');
    await exited;
    await rm(profile, { recursive: true, force: true });
  }
}

export default bench;
