/**
 * The panel's toasts as the end-to-end tests meet them: tapped away before a press, as a person
 * would, and held still while they are read, whatever the machine's load.
 */
import type { Page } from 'playwright-core';
import { waitFor } from './test-room.js';

const shownToast = (page: Page) => page.locator('[data-testid="toast"]:not([hidden])');

/** Taps every toast that shows away, one after the other (what came before a press, what the room sent meanwhile). */
export function tapAwayToasts(page: Page): Promise<unknown> {
  return waitFor(
    async () => {
      if ((await shownToast(page).count()) === 0) return true;
      await shownToast(page)
        .click({ timeout: 1_000 })
        .catch(() => undefined);
      return false;
    },
    10_000,
    'earlier toasts tapped away',
  );
}

/**
 * The page's time stands still from a moment on (a toast stays up while it is looked at,
 * whatever the machine's load; the page's clock must be installed). Under load that moment may
 * have passed before the call lands ("cannot fast-forward to the past"): then it is taken again.
 */
export async function holdTheClock(page: Page): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      return await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
    } catch (err) {
      if (tries === 5 || !String(err).includes('to the past')) throw err;
    }
  }
}
