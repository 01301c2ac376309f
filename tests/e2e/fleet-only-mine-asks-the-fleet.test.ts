/**
 * "Only mine" on the open-issues column asks the fleet for the operator's own open issues: it
 * filtered the page already shown, so an operator with more issues than a page saw fewer than
 * their own, under "The newest 50 of N" counting everyone's. Now the page, the total and "Show
 * more" are of the operator's own; one given to them meanwhile is counted live; let go, the
 * column is everyone's again. The search's "Only mine" searches again, of the operator's own. In English and in Chinese (Debian's Chromium, the built dashboard,
 * a real Mosquitto).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { OPEN_ISSUES_PAGE } from '../../fleet/open-issues-page.js';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-only-mine');
/** Bo's open issues (more than a page), among others' and nobody's. */
const BOS = OPEN_ISSUES_PAGE + 5;
const OTHERS = 20;
const lab = fleetLabForThisFile();

it("lists the operator's own open issues a page at a time, counted and paged by the fleet, in both languages", async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Every other issue Bo's until he has BOS, every fourth Ana's; the rest nobody's.
  const owner = (i: number) => (i % 2 && i < 2 * BOS ? 'Bo Chen' : i % 4 === 0 ? 'Ana Lima' : null);
  for (let i = 0; i < 2 * BOS + OTHERS; i++)
    await lab.fleet.sql.run(
      "INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state, assigned_to) VALUES (?, 'help', 'hq', ?, ?, ?, 'open', ?)",
      [`help-${String(i).padStart(3, '0')}`, `room-${i % 9}`, `Call ${i}`, new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString(), owner(i)],
    );
  const all = 2 * BOS + OTHERS;

  const bo = await lab.dashboard({ operator: 'Bo Chen' });
  const column = bo.locator('fleet-issue-list[data-open]');
  const heading = column.locator('h2');
  const items = column.locator('li[data-issue]');
  await until(async () => (await heading.textContent()) === `Open issues (${all})`, 10_000, 'every open issue counted');
  await column.locator('button[name="only-mine"]').click();
  await until(async () => (await heading.textContent()) === `Open issues (${BOS})`, 10_000, "Bo's own counted");
  expect(await column.locator('button[name="only-mine"]').getAttribute('aria-pressed')).toBe('true');
  expect(await items.count()).toBe(OPEN_ISSUES_PAGE);
  expect(await items.evaluateAll((li) => li.every((i) => i.getAttribute('data-mine') === 'yes'))).toBe(true);
  expect(await column.locator('[data-paged]').textContent()).toBe(`The newest ${OPEN_ISSUES_PAGE} of ${BOS}`);
  const more = column.locator('button[name="more-issues"]');
  expect(await more.textContent()).toBe(`Show ${BOS - OPEN_ISSUES_PAGE} more`);
  await more.scrollIntoViewIfNeeded();
  await bo.screenshot({ path: join(SHOTS, 'only-mine-1440x1000-en.png') });

  await bo.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await heading.textContent()) === `未结问题（${BOS}）`, 5000, 'the heading in Chinese');
  expect(await column.locator('button[name="only-mine"]').textContent()).toBe('只看我的');
  expect(await column.locator('[data-paged]').textContent()).toBe(`最新的 ${OPEN_ISSUES_PAGE} 个，共 ${BOS} 个`);
  expect(await more.textContent()).toBe(`再显示 ${BOS - OPEN_ISSUES_PAGE} 个`);
  await more.scrollIntoViewIfNeeded();
  await bo.screenshot({ path: join(SHOTS, 'only-mine-1440x1000-zh-CN.png') });
  await bo.locator('select[name="language"]').selectOption('en');

  // The rest of his, from the fleet: each of his once, the oldest last, nothing more to ask for.
  await more.click();
  await until(async () => (await items.count()) === BOS, 10_000, "the rest of Bo's shown");
  const ids = await items.evaluateAll((li) => li.map((i) => [i.getAttribute('data-issue'), i.getAttribute('data-mine')]));
  expect(new Set(ids.map(([id]) => id)).size).toBe(BOS);
  expect(ids.every(([, mine]) => mine === 'yes')).toBe(true);
  expect(await column.locator('[data-more]').count()).toBe(0);

  // Ana gives him one of hers: his list counts and shows it, live.
  const ana = await lab.fleet.operators.add('Ana Lima');
  const given = await fetch(`${lab.fleet.url}/api/fleet/issues/help-000/assign`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ana}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'Bo Chen' }),
  });
  expect(given.status).toBe(200);
  await until(async () => (await heading.textContent()) === `Open issues (${BOS + 1})`, 10_000, 'the issue given to Bo counted');
  expect(await items.last().getAttribute('data-issue')).toBe('help-000');

  // Let go: everyone's again, a page of them.
  await column.locator('button[name="only-mine"]').click();
  await until(async () => (await heading.textContent()) === `Open issues (${all})`, 5000, 'everyone’s counted again');
  expect(await column.locator('[data-paged]').textContent()).toBe(`The newest ${OPEN_ISSUES_PAGE} of ${all}`);

  // The search's "Only mine" searches again, of his own.
  const search = bo.locator('fleet-issue-search');
  await search.locator('input[name="q"]').fill('Call');
  await search.locator('button[name="search"]').click();
  const found = search.locator('fleet-issue-list[data-results]');
  await until(
    async () =>
      (await found
        .locator('h2')
        .textContent()
        .catch(() => '')) === `Found ${all}`,
    5000,
    'every call found',
  );
  await found.locator('button[name="only-mine"]').click();
  await until(async () => (await found.locator('h2').textContent()) === `Found ${BOS + 1}`, 5000, 'his own found');
  expect(await found.locator('li[data-issue]').evaluateAll((li) => li.every((i) => i.getAttribute('data-mine') === 'yes'))).toBe(true);
  expect(lab.errors).toEqual([]);
}, 120_000);
