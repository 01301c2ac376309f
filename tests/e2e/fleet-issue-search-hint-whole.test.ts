/**
 * The issue search box says what it searches ("Search issues, notes, people…"). On a laptop,
 * a large screen and a tablet, in English and in Chinese, that hint shows whole: beside the
 * two lists the box was squeezed until it read "Search issues, not" (Debian's Chromium, the
 * built dashboard).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
];
const lab = fleetLabForThisFile();

it('shows the search hint whole at every size, in both languages', async () => {
  const page = await lab.dashboard({ viewport: SIZES[0]! });
  const search = page.locator('fleet-issue-search input[name="q"]');
  await search.waitFor({ timeout: 10_000 });
  const cut: string[] = [];
  for (const language of ['en', 'zh-CN'] as const) {
    await page.locator('select[name="language"]').selectOption(language);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // The hint's width in the box's own font, against the room inside the box.
      const fit = await search.evaluate((input: HTMLInputElement) => {
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        return { hint: input.placeholder, needs: context.measureText(input.placeholder).width, room };
      });
      if (fit.needs > fit.room)
        cut.push(`${language} ${size.width}×${size.height}: "${fit.hint}" needs ${Math.ceil(fit.needs)} px, has ${Math.floor(fit.room)}`);
    }
  }
  expect(cut).toEqual([]);
  expect(lab.errors).toEqual([]);
}, 60_000);
