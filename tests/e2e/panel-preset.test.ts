/**
 * The walking skeleton end to end: a person presses "Preset 2" for the front camera on the
 * touch panel (real Chromium, the built panel served by the appliance), and the VISCA
 * preset-recall command for preset 2 reaches the camera over a real serial PTY.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const panelDir = join(repoRoot, 'panel-ui');
const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');

/** VISCA "CAM_Memory Recall" for preset 2 on camera address 1. */
const RECALL_PRESET_2 = [0x81, 0x01, 0x04, 0x3f, 0x02, 0x02, 0xff];

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let room: TestRoom;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

describe('panel: a preset button moves the camera', () => {
  beforeAll(async () => {
    buildPanelIfStale();
    room = await startTestRoom();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${room.baseUrl}/?token=${encodeURIComponent(room.token)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await room?.close();
  });

  it('shows the front camera as ok and keeps the token out of the address bar', async () => {
    await page.locator('device-card[data-device-id="cam-front"][data-status="ok"]').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('roomctl.token'))).toBe(room.token);
  });

  it('sends VISCA preset recall 2 to the camera when "Preset 2" is pressed', async () => {
    const camera = page.locator('device-card[data-device-id="cam-front"]');
    const button = camera.getByTestId('preset-recall-2');
    expect((await button.textContent())?.trim()).toBe('Preset 2');
    await button.click();

    const sent = await waitFor(() => containsBytes(room.camera.received, RECALL_PRESET_2), 3_000, 'VISCA preset recall 2 at the camera').catch(() => false);
    expect(sent, `camera received: ${hexFrames(room.camera.received)}`).toBe(true);

    const toast = page.getByTestId('toast');
    await toast.filter({ hasText: 'Preset 2' }).waitFor({ timeout: 3_000 });
    expect(await toast.getAttribute('class')).toContain('ok');
  });

  it('gives every control an accessible name and a touch-sized target, at 1280×800 and 800×480', async () => {
    mkdirSync(screenshotDir, { recursive: true });
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 800, height: 480 },
    ]) {
      await page.setViewportSize(viewport);
      const controls = await page.$$eval('button, [role="button"], input, select, textarea, a[href]', (elements) =>
        elements.map((el) => {
          const root = el.getRootNode() as Document | ShadowRoot;
          const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => root.getElementById(id)?.textContent ?? '')
            .join(' ');
          const name = (el.getAttribute('aria-label') || labelledBy || el.textContent || el.getAttribute('title') || '').trim();
          const box = el.getBoundingClientRect();
          return { html: el.outerHTML.slice(0, 120), name, width: box.width, height: box.height };
        }),
      );
      expect(controls.length, 'the page should show the devices\' buttons').toBeGreaterThanOrEqual(8);
      expect(controls.filter((c) => c.name === '').map((c) => c.html)).toEqual([]);
      expect(controls.filter((c) => c.width < 48 || c.height < 48).map((c) => `${c.name} ${c.width}×${c.height}`)).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, `panel-${viewport.width}x${viewport.height}.png`) });
    }
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Builds panel-ui/dist when it is missing or older than the panel's sources, so the test never
 * passes or fails on a stale build (the helper's ensurePanelBuilt only checks that one exists).
 */
function buildPanelIfStale(): void {
  const built = newestMtime(join(panelDir, 'dist'), true);
  const sources = Math.max(newestMtime(join(panelDir, 'src')), newestMtime(join(panelDir, 'index.html')), newestMtime(join(panelDir, 'vite.config.ts')));
  if (built !== 0 && built >= sources) return;
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--config', join(panelDir, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

/** Newest mtime under a path (0 if missing); `oldest` gives the oldest file instead, for a build's age. */
function newestMtime(path: string, oldest = false): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  const times = readdirSync(path).map((entry) => newestMtime(join(path, entry), oldest));
  if (times.length === 0 || times.includes(0)) return 0;
  return oldest ? Math.min(...times) : Math.max(...times);
}

/** True if `needle` appears anywhere in the bytes the camera received (frames may be split or joined). */
function containsBytes(frames: Uint8Array[], needle: number[]): boolean {
  const stream = Buffer.concat(frames.map((f) => Buffer.from(f)));
  return stream.indexOf(Buffer.from(needle)) !== -1;
}

function hexFrames(frames: Uint8Array[]): string {
  return frames.map((f) => Buffer.from(f).toString('hex').replace(/(..)(?!$)/g, '$1 ')).join(' | ') || '(nothing)';
}
