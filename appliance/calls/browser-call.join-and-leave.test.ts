/**
 * The call's browser for real: Debian's Chromium, headless, with a fake camera and
 * microphone, opens a local "provider" page that asks for both and reports what it got.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../notify/testing/http-receiver.js';
import { BrowserCall, type CallView } from './browser-call.js';

const PAGE = (next?: string) => `<!doctype html><title>Provider</title><script>
navigator.mediaDevices.getUserMedia({ audio: true, video: true })
  .then((s) => ({ audio: s.getAudioTracks().length, video: s.getVideoTracks().length }), (e) => ({ error: e.name }))
  .then((r) => fetch('/report', { method: 'POST', body: JSON.stringify({ origin: location.origin, ...r }) }))
  .then(() => { ${next ? `location.href = ${JSON.stringify(next)};` : ''} });
</script>`;

let server: Server;
let base: string;
let reports: Record<string, unknown>[];
let profiles: string;
let call: BrowserCall | undefined;

beforeEach(async () => {
  reports = [];
  profiles = await mkdtemp(join(tmpdir(), 'roomctl-calls-'));
  server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/report') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        reports.push(JSON.parse(body) as Record<string, unknown>);
        res.end();
      });
      return;
    }
    const port = (server.address() as AddressInfo).port;
    res.setHeader('content-type', 'text/html');
    // /leave-origin: the provider's page sends the browser on to another origin, which asks too.
    res.end(req.url === '/leave-origin' ? PAGE(`http://127.0.0.2:${port}/elsewhere`) : PAGE());
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await call?.leave('test over');
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(profiles, { recursive: true, force: true });
});

const headless = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--use-fake-device-for-media-stream',
];
const start = () => (call = new BrowserCall({ executable: '/usr/bin/chromium', extraArgs: headless, profileParent: profiles }));

it('join opens the page with camera and microphone; leave closes the browser and its profile', async () => {
  const seen: CallView['state'][] = [];
  start().on('change', (v: CallView) => seen.push(v.state));
  const view = await call!.join({ provider: 'web', url: `${base}/j/123`, meetingId: '123' });
  expect(view).toMatchObject({ state: 'in-call', provider: 'web', meetingId: '123' });
  await expect.poll(() => reports, { timeout: 15_000 }).toEqual([{ origin: base, audio: 1, video: 1 }]);
  const pid = call!.pid!;

  await call!.leave('meeting ended');
  expect(call!.view()).toMatchObject({ state: 'ended', detail: 'meeting ended' });
  expect(seen).toEqual(['joining', 'in-call', 'ended']);
  expect(() => process.kill(pid, 0)).toThrow();
  expect(await readdir(profiles)).toEqual([]);
});

it('camera and microphone are granted to the provider origin only, not to a page it sends the browser to', async () => {
  start();
  await call!.join({ provider: 'web', url: `${base}/leave-origin` });
  await expect.poll(() => reports.length, { timeout: 15_000 }).toBe(2);
  expect(reports[0]).toMatchObject({ origin: base, audio: 1, video: 1 });
  expect(reports[1]).toMatchObject({ origin: expect.stringContaining('127.0.0.2'), error: 'NotAllowedError' });
});

it('a browser killed mid-call turns the call failed, saying so', async () => {
  start();
  await call!.join({ provider: 'web', url: `${base}/j/1` });
  const failed = new Promise<CallView>((resolve) => call!.on('change', (v: CallView) => v.state === 'failed' && resolve(v)));
  process.kill(call!.pid!, 'SIGKILL');
  expect(await failed).toMatchObject({ state: 'failed', detail: expect.stringContaining('SIGKILL') });
  expect(call!.running).toBe(false);
});

it('a join page that cannot be reached fails the call and leaves no browser running', async () => {
  start();
  const view = await call!.join({ provider: 'web', url: `http://127.0.0.1:${await freePort()}/j/1` });
  expect(view.state).toBe('failed');
  expect(view.detail).toMatch(/join page could not be opened: net::ERR_CONNECTION_REFUSED/);
  expect(call!.running).toBe(false);
});
