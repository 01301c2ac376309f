/**
 * panel: what the touch panel costs a weak panel computer.
 * - Size: the gzip size of every JavaScript file the panel page can load (its entry, the
 *   chunks it imports, and the screens it loads on first use), followed from
 *   panel-ui/dist/index.html through the built files' own import statements. The fleet
 *   dashboard and the phones' meeting and booking pages are other entries and are not
 *   counted; the booking page a door QR code opens is reported on its own (a phone on the
 *   building's Wi-Fi loads it while standing at the door).
 * - First render: from starting the navigation in headless Chromium (Debian's, a fresh
 *   context each time, so nothing is cached) to the room's state on screen — the panel has
 *   loaded, rendered, opened its WebSocket and drawn the first snapshot. Reference from the
 *   same run and browser: loading a blank page (about:blank) and a small JSON page from the
 *   same appliance, so the ratio says what the panel adds over any navigation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PANEL_DIST } from '../../appliance/paths.js';
import { buildPanelIfStale, launchChromiumProcess } from '../helpers/panel-browser.js';
import { startTestRoom } from '../helpers/test-room.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

const BUDGET_KB = 80;
const FIRST_RENDER_MS = 500;

/** Every JS file reachable from a page (default: the panel's index.html): static imports, dynamic imports, preloads. */
export function panelScripts(dist = PANEL_DIST, page = 'index.html'): { initial: Set<string>; all: Set<string> } {
  const html = readFileSync(join(dist, page), 'utf8');
  const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const walk = (start: string[], dynamic: boolean): Set<string> => {
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const code = readFileSync(join(dist, file), 'utf8');
      const statics = [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]!);
      // The build quotes a dynamic import's file name with backticks.
      const dynamics = dynamic ? [...code.matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1]!) : [];
      // Vite lists a dynamic import's own dependencies in a preload map of plain strings (where the page's build keeps one).
      const preloads = dynamic ? [...code.matchAll(/["'](?:\.\/|assets\/)([\w.-]+\.js)["']/g)].map((m) => m[1]!) : [];
      for (const dep of [...statics, ...dynamics, ...preloads]) queue.push(`assets/${dep.replace(/^assets\//, '')}`);
    }
    return seen;
  };
  return { initial: walk(entries, false), all: walk(entries, true) };
}

const gzipKb = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(PANEL_DIST, f)), { level: 9 }).length, 0) / 1024;

const bench: Benchmark = {
  name: 'panel',
  async run({ quick }) {
    buildPanelIfStale();
    const scripts = panelScripts();
    const bookPage = panelScripts(PANEL_DIST, 'book.html');
    const loads = quick ? 5 : 12;
    const room = await startTestRoom();
    const browser = await launchChromiumProcess();
    const panelMs: number[] = [];
    const blankMs: number[] = [];
    const jsonMs: number[] = [];
    try {
      // Let every device come up first: the figure is the panel's, not the devices' start.
      await new Promise((r) => setTimeout(r, 1500));
      const url = `${room.baseUrl}/?token=${encodeURIComponent(room.token)}`;
      for (let i = 0; i < loads + 2; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        let t0 = performance.now();
        await page.goto('about:blank');
        const blank = performance.now() - t0;
        t0 = performance.now();
        await page.goto(`${room.baseUrl}/api/v1/status`);
        const json = performance.now() - t0;
        t0 = performance.now();
        await page.goto(url, { waitUntil: 'commit' });
        await page.waitForFunction(() => !!document.querySelector('room-panel')?.shadowRoot?.querySelector('[data-testid="room-state"]'), undefined, {
          polling: 'raf',
        });
        const panel = performance.now() - t0;
        await context.close();
        // The first two warm the browser and the appliance's file cache.
        if (i < 2) continue;
        blankMs.push(blank);
        jsonMs.push(json);
        panelMs.push(panel);
      }
    } finally {
      await browser.close();
      await room.close();
    }
    const p = summarize(panelMs);
    const b = summarize(blankMs);
    const j = summarize(jsonMs);
    return {
      name: 'panel',
      figures: {
        js_gzip_kb: round(gzipKb(scripts.all), 1),
        js_gzip_initial_kb: round(gzipKb(scripts.initial), 1),
        js_files: scripts.all.size,
        book_page_js_gzip_kb: round(gzipKb(bookPage.all), 1),
        first_render_p50_ms: round(p.p50, 1),
        first_render_p99_ms: round(p.p99, 1),
        blank_page_p50_ms: round(b.p50, 1),
        json_page_p50_ms: round(j.p50, 1),
        first_render_vs_json_page: round(p.p50 / j.p50, 2),
        loads: p.n,
      },
      units: {
        js_gzip_kb: 'KiB',
        js_gzip_initial_kb: 'KiB',
        js_files: 'files',
        book_page_js_gzip_kb: 'KiB',
        first_render_p50_ms: 'ms',
        first_render_p99_ms: 'ms',
        blank_page_p50_ms: 'ms',
        json_page_p50_ms: 'ms',
        first_render_vs_json_page: 'ratio',
        loads: 'loads',
      },
      targets: { js_gzip_kb: { max: BUDGET_KB }, first_render_p99_ms: { max: FIRST_RENDER_MS } },
      notes: `Panel entry only (fleet and meeting pages excluded): ${[...scripts.all].join(', ')}. Booking page (book.html, not in the panel's budget): ${[...bookPage.all].join(', ')}. First render = navigation start → room state drawn from the live snapshot, fresh browser context per load, appliance in-process on loopback.`,
    };
  },
};

export default bench;
