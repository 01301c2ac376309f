/**
 * Shared by the panel's end-to-end flows: a headless Debian Chromium, the panel of a test
 * room opened with its token, screenshots of a step (the small panel landscape in English and
 * portrait in Chinese; with ROOMCTL_FULL=1 both panels both ways in both languages), and the
 * accessibility check (every control named, every target at least 48 px).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../appliance/paths.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The sizes of the room's panels: 10" table panel and 8" door panel. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 800, height: 480 },
] as const;

/** The same two panels mounted on their side (a door panel is often portrait). */
export const PORTRAIT_VIEWPORTS = [
  { width: 800, height: 1280 },
  { width: 480, height: 800 },
] as const;

export const SCREENSHOT_ROOT = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

/** A Chromium process of the caller's own, closed by its `close()` (the benchmarks'). */
export function launchChromiumProcess(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Files one browser process serves before the next file gets a new one: what a process gathers over a long run stays bounded. */
const LENDS_PER_PROCESS = 8;

interface Lender {
  browser: Promise<Browser>;
  lent: number;
  /** Leases not closed yet: a retired process is closed with its last one. */
  open: number;
}

let lender: Lender | undefined;

async function usable(l: Lender | undefined): Promise<boolean> {
  if (!l || l.lent >= LENDS_PER_PROCESS) return false;
  return l.browser.then((b) => b.isConnected()).catch(() => false);
}

/** A retired process that no lease holds any more is closed now; one still held closes with its last lease. */
async function retire(l: Lender | undefined): Promise<void> {
  if (l && l.open === 0) await l.browser.then((b) => b.close()).catch(() => undefined);
}

/**
 * A Chromium for one test file: a browser process lent to the files of a worker in turn, each
 * file with contexts of its own (own storage, cookies, viewport) that its `close()` closes. A
 * launch costs about 1.1 s and 1.5 CPU-s, and some 80 files launch one; a process serves
 * LENDS_PER_PROCESS files, then the next file gets a new one. A process that crashed or failed
 * to start is not lent again. Playwright ends the processes with the worker.
 */
export async function launchChromium(): Promise<Browser> {
  if (!(await usable(lender))) {
    const old = lender;
    lender = { browser: launchChromiumProcess(), lent: 0, open: 0 };
    await retire(old);
  }
  const from = lender!;
  from.lent++;
  from.open++;
  let browser: Browser;
  try {
    browser = await from.browser;
  } catch (err) {
    from.open--;
    throw err;
  }
  const opened = new Set<BrowserContext>();
  let closed = false;
  const newContext = async (options?: Parameters<Browser['newContext']>[0]) => {
    const context = await browser.newContext(options);
    opened.add(context);
    context.once('close', () => opened.delete(context));
    return context;
  };
  const lease: Partial<Browser> = {
    newContext,
    newPage: async (options) => (await newContext(options)).newPage(),
    contexts: () => [...opened],
    close: async () => {
      await Promise.all([...opened].map((c) => c.close().catch(() => undefined)));
      if (closed) return;
      closed = true;
      from.open--;
      if (from !== lender) await retire(from);
    },
  };
  return new Proxy(browser, {
    get: (target, key) => {
      if (key in lease) return lease[key as keyof Browser];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface PanelPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh context (own localStorage) with the panel open; `token` null opens it unpaired. */
export async function openPanel(
  browser: Browser,
  baseUrl: string,
  token: string | null,
  viewport: { width: number; height: number } = VIEWPORTS[0],
): Promise<PanelPage> {
  const context = await browser.newContext({ viewport, timezoneId: 'UTC', locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(token ? `${baseUrl}/?token=${encodeURIComponent(token)}` : `${baseUrl}/`);
  await page.getByTestId('room-name').waitFor();
  return { context, page, errors };
}

/** Chromium launched with the panel open in it (closed again when the panel does not open). */
export async function launchWithPanel(baseUrl: string, token: string): Promise<PanelPage & { browser: Browser }> {
  const browser = await launchChromium();
  try {
    return { browser, ...(await openPanel(browser, baseUrl, token)) };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** A page in a fresh phone-sized touch context (own localStorage), not yet opened on anything. */
export async function phonePage(browser: Browser, locale?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ...(locale ? { locale } : {}) });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Sets the panel's language with its own switch (a person's choice). */
export async function setLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current === locale) return;
  await page.getByTestId('language').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/**
 * What a flow's steps are photographed at: by default the small panel landscape in English and
 * portrait in Chinese, so each step is seen in each language and each way round, where things
 * fail to fit (a picture with its checks costs about 0.3 s, some 500 a run); with ROOMCTL_FULL=1 both
 * panels both ways in both languages. Every size in both languages is still walked at every
 * step by the fit tests (panel-fit.ts).
 */
const STEP_SHOTS: ReadonlyArray<{ locale: 'en' | 'zh-CN'; viewports: ReadonlyArray<{ width: number; height: number }> }> =
  process.env.ROOMCTL_FULL === '1'
    ? [
        { locale: 'en', viewports: [...VIEWPORTS, ...PORTRAIT_VIEWPORTS] },
        { locale: 'zh-CN', viewports: [...VIEWPORTS, ...PORTRAIT_VIEWPORTS] },
      ]
    : [
        { locale: 'en', viewports: [VIEWPORTS[1]] },
        { locale: 'zh-CN', viewports: [PORTRAIT_VIEWPORTS[1]] },
      ];

/**
 * Saves `<flow>/<step>-<w>x<h>-<lang>.png` as STEP_SHOTS says,
 * checking the accessibility rules on each, and leaves the page at 1280×800
 * in English. A step that shows a modal dialog passes `modal`: the rest of the panel (its
 * language switch too) is inert while it is open, so it is closed for each switch and opened
 * again.
 */
export async function captureStep(page: Page, flow: string, step: string, modal?: { open(): Promise<void>; close(): Promise<void> }): Promise<void> {
  const dir = join(SCREENSHOT_ROOT, flow);
  mkdirSync(dir, { recursive: true });
  // A passing toast would cover the header in the pictures: tap it away, as a person would.
  const toast = page.locator('[data-testid="toast"]:not([hidden])');
  for (let i = 0; i < 5 && (await toast.count()) > 0; i++) await toast.click().catch(() => undefined);
  for (const { locale, viewports } of STEP_SHOTS) {
    await modal?.close();
    await setLanguage(page, locale);
    await modal?.open();
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      // Lit re-renders in a microtask; one frame lets layout settle for the picture.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await expectAccessibleControls(page, `${flow}/${step} ${viewport.width}x${viewport.height} ${locale}`);
      await page.screenshot({ path: join(dir, `${step}-${viewport.width}x${viewport.height}-${locale}.png`) });
    }
  }
  await modal?.close();
  await setLanguage(page, 'en');
  await page.setViewportSize(VIEWPORTS[0]);
  await modal?.open();
}

const INTERACTIVE_ROLES = new Set([
  'button',
  'textbox',
  'slider',
  'checkbox',
  'radio',
  'combobox',
  'link',
  'tab',
  'spinbutton',
  'switch',
  'menuitem',
  'searchbox',
  'listbox',
]);

/**
 * Every control has an accessible name — as Chromium computes it (the accessibility tree,
 * through every shadow root) — and a touch target of at least 48×48 CSS px.
 */
export async function expectAccessibleControls(page: Page, where: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number }[];
    };
    const controls = nodes.filter((n) => !n.ignored && INTERACTIVE_ROLES.has(String(n.role?.value)));
    const unnamed = controls.filter((n) => !String(n.name?.value ?? '').trim()).map((n) => `${n.role?.value} #${n.backendDOMNodeId}`);
    if (controls.length === 0) throw new Error(`${where}: no controls in the accessibility tree`);
    if (unnamed.length > 0) throw new Error(`${where}: controls without an accessible name: ${unnamed.join(', ')}`);
  } finally {
    await cdp.detach();
  }
  const small = await page.$$eval('button, [role="button"], input:not([type="hidden"]), select, textarea, a[href]', (elements) =>
    elements
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const box = el.getBoundingClientRect();
        return { html: el.outerHTML.slice(0, 90), width: Math.round(box.width), height: Math.round(box.height) };
      })
      .filter((c) => c.width < 48 || c.height < 48),
  );
  if (small.length > 0) throw new Error(`${where}: touch targets under 48 px: ${small.map((s) => `${s.html} ${s.width}×${s.height}`).join(' | ')}`);
}

/** Builds panel-ui/dist when it is missing or older than the panel's sources (never test a stale build). */
export function buildPanelIfStale(): void {
  // Two test workers may both find the build stale: one builds, the other waits for it.
  const lock = join(PROJECT_ROOT, 'test-artifacts', '.panel-build.lock');
  mkdirSync(join(PROJECT_ROOT, 'test-artifacts'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the deadline is left over from a killed run.
      if (Date.now() > deadline || Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 120_000)
        rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    buildUnlocked();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildUnlocked(): void {
  const panelDir = join(PROJECT_ROOT, 'panel-ui');
  const built = newestMtime(join(panelDir, 'dist'), true);
  const sources = Math.max(
    newestMtime(join(panelDir, 'src')),
    newestMtime(join(panelDir, 'index.html')),
    newestMtime(join(panelDir, 'meeting.html')),
    newestMtime(join(panelDir, 'book.html')),
    newestMtime(join(panelDir, 'fleet.html')),
    newestMtime(join(panelDir, 'vite.config.ts')),
    newestMtime(join(panelDir, 'minify-templates.ts')),
  );
  if (built !== 0 && built >= sources) return;
  // NODE_ENV=production: under vitest it is "test", and Vite would then bundle Lit's development build (4 KiB more, and not what a room runs).
  execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', join(panelDir, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

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
export function containsBytes(frames: Uint8Array[], needle: number[]): boolean {
  return Buffer.concat(frames.map((f) => Buffer.from(f))).indexOf(Buffer.from(needle)) !== -1;
}
