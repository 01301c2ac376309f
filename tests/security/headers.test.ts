import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_DIST } from '../../appliance/paths.js';
import { launchChromium, openPanel } from '../helpers/panel-browser.js';
import { ensurePanelBuilt, startTestRoom, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let browser: Browser | undefined;
beforeAll(async () => {
  ensurePanelBuilt();
  room = await startTestRoom();
});
afterAll(async () => {
  await browser?.close();
  await room?.close();
});

const EVIL = 'https://evil.example';

describe('security headers', () => {
  it('sends CSP (self only, no inline script, no framing), nosniff and no-referrer on the panel, the API and the docs', async () => {
    for (const path of ['/', '/api/v1/status', '/docs/static/index.html', '/api/v1/nope']) {
      const res = await fetch(`${room.baseUrl}${path}`);
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).toMatch(/object-src 'none'/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('never answers another origin with CORS headers, even to a preflight', async () => {
    const read = await fetch(`${room.baseUrl}/api/v1/status`, { headers: { origin: EVIL } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${room.baseUrl}/api/v1/devices/cam-front/actions/preset.recall`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    // A form post from another site (no preflight needed) is not taken as a command either.
    const form = await fetch(`${room.baseUrl}/api/v1/room/mute`, {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'on=true',
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
  });

  it('builds pages with no inline script, so the policy costs the panel nothing', () => {
    for (const page of readdirSync(PANEL_DIST).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(PANEL_DIST, page), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, page).toMatch(/\bsrc=/);
      expect(html, page).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });

  it('the panel and the API docs run under the policy: no violation while they load', async () => {
    browser = await launchChromium();
    const violations: string[] = [];
    const watch = (page: Page) => page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
    const panel = await openPanel(browser, room.baseUrl, room.token);
    watch(panel.page);
    // Loaded again with the watch on from the first byte: scripts, styles, the stream, the QR code.
    await panel.page.reload();
    await panel.page.getByTestId('room-name').waitFor();
    await panel.page.waitForTimeout(1000);
    const docs = await panel.context.newPage();
    watch(docs);
    await docs.goto(`${room.baseUrl}/docs`);
    await docs.waitForSelector('.swagger-ui .info', { timeout: 10_000 });
    expect(violations).toEqual([]);
    expect(panel.errors).toEqual([]);
    await panel.context.close();
  }, 60_000);
});
