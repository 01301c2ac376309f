/**
 * "Visible without scrolling", measured the way a person sees it: an element is whole inside
 * the window, inside every box that clips it (the panel's screen area scrolls, so what is
 * below its fold is clipped there), and it is the element found at its own centre (nothing —
 * the nav bar, a toast — lies over it).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessibleControls, SCREENSHOT_ROOT, setLanguage } from './panel-browser.js';

/**
 * The walkers every measurement below uses, through every shadow root: all elements matching
 * a selector, the parent across a shadow boundary, the element found at a point, whether one
 * element holds another, the box that clips an element, and what of it shows. A function
 * handed to page.evaluate cannot call one outside it, so these are defined once on the page's
 * window (`withWalkers`) and each evaluation takes them from there.
 */
function pageWalkers() {
  const all = (root: Document | ShadowRoot, selector: string): Element[] => {
    const found = [...root.querySelectorAll(selector)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...all(el.shadowRoot, selector));
    return found;
  };
  /** The parent across shadow boundaries (a slot's host for shadow children). */
  const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
  const deepest = (x: number, y: number): Element | null => {
    let el = document.elementFromPoint(x, y);
    while (el?.shadowRoot) {
      const inner = el.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    return el;
  };
  const contains = (outer: Element, inner: Element | null): boolean => {
    for (let el = inner; el; el = parentOf(el)) if (el === outer) return true;
    return false;
  };
  /** The first box around `el` that cuts it off (by its tag and first class); '' when none does. */
  const clippedBy = (el: Element): string => {
    const r = el.getBoundingClientRect();
    for (let p = parentOf(el); p; p = parentOf(p)) {
      // An open modal dialog sits in the top layer: only it can clip what it holds.
      const topLayer = p.tagName === 'DIALOG' && (p as HTMLDialogElement).open;
      const style = getComputedStyle(p);
      if (style.overflowX === 'visible' && style.overflowY === 'visible' && !topLayer) continue;
      const c = p.getBoundingClientRect();
      if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5 || r.right > c.right + 0.5)
        return `${p.tagName.toLowerCase()}${p.className ? `.${String(p.className).split(' ')[0]}` : ''}`;
      if (topLayer) break;
    }
    return '';
  };
  /** What shows of `el` vertically: its box cut to every box around it that clips (a scrolled list, the screen area). */
  const shownSpan = (el: Element): { top: number; bottom: number } => {
    const seen = { top: 0, bottom: innerHeight };
    for (let p: Element | null = el; p; p = parentOf(p)) {
      if (getComputedStyle(p).overflowY === 'visible') continue;
      const c = p.getBoundingClientRect();
      seen.top = Math.max(seen.top, c.top);
      seen.bottom = Math.min(seen.bottom, c.bottom);
    }
    return seen;
  };
  return { all, parentOf, deepest, contains, clippedBy, shownSpan };
}

type Walkers = ReturnType<typeof pageWalkers>;
/** The walkers on the page's window, as each evaluation finds them. */
type WithWalkers = Window & { panelFit: Walkers };

const injected = new WeakSet<Page>();

/** Defines the walkers on the page now and on every document it opens later (once per page). */
async function withWalkers(page: Page): Promise<void> {
  if (injected.has(page)) return;
  const script = `window.panelFit ??= (${pageWalkers.toString()})();`;
  await page.addInitScript(script);
  await page.evaluate(script);
  injected.add(page);
}

export interface FitProblem {
  testId: string;
  problem: string;
}

/** Each test id must name at least one element; every such element that is rendered must fit. */
export async function fitProblems(page: Page, testIds: readonly string[]): Promise<FitProblem[]> {
  await withWalkers(page);
  return page.evaluate((ids) => {
    const { all, deepest, contains, clippedBy } = (window as unknown as WithWalkers).panelFit;
    const problems: { testId: string; problem: string }[] = [];
    for (const id of ids) {
      const elements = all(document, `[data-testid="${id}"]`).filter((el) => el.getClientRects().length > 0);
      if (elements.length === 0) {
        problems.push({ testId: id, problem: 'not on screen at all' });
        continue;
      }
      for (const el of elements) {
        const r = el.getBoundingClientRect();
        const box = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
        if (r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) {
          problems.push({ testId: id, problem: `outside the ${innerWidth}×${innerHeight} window at ${box}` });
          continue;
        }
        const clipped = clippedBy(el);
        if (clipped) {
          problems.push({ testId: id, problem: `cut off by ${clipped} (scrolled out of sight) at ${box}` });
          continue;
        }
        const hit = deepest(r.left + r.width / 2, r.top + r.height / 2);
        if (!contains(el, hit)) problems.push({ testId: id, problem: `covered by ${hit?.tagName.toLowerCase() ?? 'nothing'} at ${box}` });
      }
    }
    return problems;
  }, testIds);
}

/** Elements whose content is wider or taller than their box (a long name cut off or spilling out). */
export async function overflowing(page: Page, selector: string): Promise<string[]> {
  await withWalkers(page);
  return page.evaluate((sel) => {
    const { all } = (window as unknown as WithWalkers).panelFit;
    return all(document, sel)
      .filter((el) => el.getClientRects().length > 0 && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
      .map((el) => `${el.outerHTML.slice(0, 80)} (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
  }, selector);
}

/** Parts (a tile's picture, a button's name) that reach outside the box they belong to. */
export async function partsOutside(page: Page, tile: string, picture: string): Promise<string[]> {
  await withWalkers(page);
  return page.evaluate(
    ([tileSel, picSel]) => {
      const { all } = (window as unknown as WithWalkers).panelFit;
      const out: string[] = [];
      for (const t of all(document, tileSel!)) {
        if (t.getClientRects().length === 0) continue;
        const tr = t.getBoundingClientRect();
        for (const p of t.querySelectorAll(picSel!)) {
          if (p.getClientRects().length === 0) continue; // not shown (named buttons without their pictures)
          const pr = p.getBoundingClientRect();
          if (pr.left < tr.left - 0.5 || pr.right > tr.right + 0.5 || pr.top < tr.top - 0.5 || pr.bottom > tr.bottom + 0.5)
            out.push(
              `${t.getAttribute('data-testid')} "${(p.textContent ?? '').trim().slice(0, 40)}": ${Math.round(pr.width)}×${Math.round(pr.height)} at ${Math.round(pr.left - tr.left)},${Math.round(pr.top - tr.top)} in ${Math.round(tr.width)}×${Math.round(tr.height)}`,
            );
        }
      }
      return out;
    },
    [tile, picture] as const,
  );
}

/** Latin words split across two lines inside the elements matched ("Whiteboa|rd"); Chinese may break between any two characters. */
export async function wordsBrokenInside(page: Page, selector: string): Promise<string[]> {
  await withWalkers(page);
  return page.evaluate((sel) => {
    const { all } = (window as unknown as WithWalkers).panelFit;
    const out: string[] = [];
    for (const el of all(document, sel)) {
      if (el.getClientRects().length === 0) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/[A-Za-z0-9'’-]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  }, selector);
}

/** True when the element's text sits on one line (a button label that does not wrap). */
export async function textOnOneLine(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size === 1;
  });
}

/**
 * A scrolled list (its test id) as a person sees it: how many items show whole, those cut at
 * its fold (by the list or any box that clips it), how many lie below, and the words of the
 * "more below" line in the list's own box, if there is one.
 */
export async function listItemsSeen(page: Page, testId: string): Promise<{ whole: number; cut: string[]; below: number; more: string | null }> {
  await withWalkers(page);
  return page.evaluate((id) => {
    const { all, shownSpan } = (window as unknown as WithWalkers).panelFit;
    const list = all(document, `[data-testid="${id}"]`)[0];
    if (!list) return { whole: 0, cut: [`no ${id} on screen`], below: 0, more: null };
    const seen = shownSpan(list);
    const cut: string[] = [];
    let below = 0;
    let whole = 0;
    for (const li of list.children) {
      const r = li.getBoundingClientRect();
      if (r.top >= seen.top - 0.5 && r.bottom <= seen.bottom + 0.5) whole++;
      else if (r.top >= seen.bottom - 0.5) below++;
      else if (r.bottom > seen.top + 0.5) cut.push((li.textContent ?? '').trim().slice(0, 40));
    }
    const more = list.parentElement?.querySelector('[data-more-below]')?.textContent?.trim() ?? null;
    return { whole, cut, below, more };
  }, testId);
}

/** Every panel size the room may have: 10" and 8" landscape, the 7" 1024×600, and both on their side. */
export const FIT_SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 600 },
  { width: 800, height: 480 },
  { width: 800, height: 1280 },
  { width: 480, height: 800 },
] as const;

/**
 * The sizes a walk that repeats at each size takes by default: the two smallest panels (800×480
 * and 480×800, where room runs out first); every size with ROOMCTL_FULL=1.
 */
export const TIGHT_SIZES = process.env.ROOMCTL_FULL === '1' ? FIT_SIZES : FIT_SIZES.filter((s) => Math.min(s.width, s.height) === 480);

/**
 * Each of `sizes` in both languages, the panel redrawn at each before `visit` measures it; the
 * problems `visit` finds are gathered, each after its place (`<step> WxH locale`). Ends in English.
 */
export async function problemsAtEverySize(
  page: Page,
  step: string,
  sizes: readonly { width: number; height: number }[],
  visit: () => Promise<string[]>,
): Promise<string[]> {
  const found: string[] = [];
  for (const locale of ['en', 'zh-CN'] as const) {
    await setLanguage(page, locale);
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const problem of await visit()) found.push(`${step} ${size.width}x${size.height} ${locale}: ${problem}`);
    }
  }
  await setLanguage(page, 'en');
  return found;
}

export interface FitOptions {
  /** More checks, each problem a line. */
  more?: (where: string) => Promise<string[]>;
  /** A modal dialog on screen: closed for each language switch (the rest of the panel is inert under it) and opened again. */
  modal?: { open(): Promise<void>; close(): Promise<void> };
}

/**
 * At every size in both languages: the accessibility rules, a screenshot
 * (`<flow>/<step>-<w>x<h>-<lang>.png`), and every element of `mustFit` visible without
 * scrolling. Fails with every problem found, where and at which size. Leaves the page at
 * 1280×800 in English.
 */
export async function captureFitting(page: Page, flow: string, step: string, mustFit: readonly string[], options: FitOptions = {}): Promise<void> {
  const { more, modal } = options;
  const dir = join(SCREENSHOT_ROOT, flow);
  mkdirSync(dir, { recursive: true });
  const toast = page.locator('[data-testid="toast"]:not([hidden])');
  for (let i = 0; i < 5 && (await toast.count()) > 0; i++) await toast.click().catch(() => undefined);
  const found: string[] = [];
  for (const locale of ['en', 'zh-CN'] as const) {
    await modal?.close();
    await setLanguage(page, locale);
    await modal?.open();
    for (const size of FIT_SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const where = `${step} ${size.width}x${size.height} ${locale}`;
      await expectAccessibleControls(page, `${flow}/${where}`);
      await page.screenshot({ path: join(dir, `${step}-${size.width}x${size.height}-${locale}.png`) });
      for (const p of await fitProblems(page, mustFit)) found.push(`${where}: ${p.testId} ${p.problem}`);
      if (more) for (const p of await more(where)) found.push(`${where}: ${p}`);
    }
  }
  await modal?.close();
  await setLanguage(page, 'en');
  await page.setViewportSize(FIT_SIZES[0]);
  await modal?.open();
  if (found.length > 0) throw new Error(`${flow}/${step}: not all in view\n${found.join('\n')}`);
}

/** The controls on screen (through every shadow root) whose box meets the box of the element with `testId` (a toast, a banner). */
export async function controlsUnder(page: Page, testId: string): Promise<string[]> {
  await withWalkers(page);
  return page.evaluate((id) => {
    const { all } = (window as unknown as WithWalkers).panelFit;
    const cover = all(document, `[data-testid="${id}"]`).find((el) => el.getClientRects().length > 0);
    if (!cover) return [`no ${id} on screen`];
    const c = cover.getBoundingClientRect();
    return all(document, 'button, [role="button"], input:not([type="hidden"]), select, textarea, a[href]')
      .filter((el) => el.getClientRects().length > 0 && !cover.contains(el))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top;
      })
      .map((el) => `${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 30)}`);
  }, testId);
}

/**
 * Every control on screen (through every shadow root: buttons, fields, sliders, the joystick)
 * that a person cannot reach without scrolling: outside the window, or cut by a box that
 * clips it. A control that takes presses (not disabled, not inert) must also be the element
 * found at its own centre — nothing lies over it. One line per problem. `within`: only the
 * controls inside the element with that test id (an open dialog, whose backdrop lies over the rest).
 */
export async function controlsOutOfReach(page: Page, within?: string): Promise<string[]> {
  await withWalkers(page);
  return page.evaluate((withinId) => {
    const { all, parentOf, deepest, contains, clippedBy } = (window as unknown as WithWalkers).panelFit;
    const takesPresses = (el: Element): boolean => {
      if ((el as HTMLButtonElement).disabled) return false;
      for (let p: Element | null = el; p; p = parentOf(p)) if ((p as HTMLElement).inert) return false;
      return true;
    };
    const name = (el: Element) =>
      el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
    const scope = withinId ? (all(document, `[data-testid="${withinId}"]`)[0] ?? null) : null;
    const problems: string[] = [];
    for (const el of all(document, 'button, input:not([type="hidden"]), select, textarea, [role="button"], [role="slider"], a[href]')) {
      if (el.getClientRects().length === 0 || (scope && !contains(scope, el))) continue;
      const r = el.getBoundingClientRect();
      const box = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      if (r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) {
        problems.push(`${name(el)} outside the window at ${box}`);
        continue;
      }
      const clipped = clippedBy(el);
      if (clipped) problems.push(`${name(el)} cut off by ${clipped} at ${box}`);
      else if (takesPresses(el) && !contains(el, deepest(r.left + r.width / 2, r.top + r.height / 2))) problems.push(`${name(el)} covered at ${box}`);
    }
    if (withinId && !scope) problems.push(`no ${withinId} on screen`);
    return problems;
  }, within);
}
