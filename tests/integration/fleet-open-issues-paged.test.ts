/**
 * The open issues come a page at a time: 50 unless `limit` asks for another number, never more
 * than 200 (a coded refusal above), each page with the number open in all and a cursor to the
 * next. Paged to the end, every open issue comes once, newest first, issues opened at the same
 * moment included; resolved ones never. With `mine`, an operator's own: the pages, the total
 * and the cursor are of the issues given to the operator whose token asks (the dashboard's
 * "Only mine" once filtered the page it had, and counted everyone's). On SQLite and on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetIssue } from '../../fleet/fleet-api-types.js';
import { OPEN_ISSUES_MAX_PAGE, OPEN_ISSUES_PAGE, type OpenIssuesPage } from '../../fleet/open-issues-page.js';
import { FLEET_BACKENDS, sharedPostgres } from '../helpers/fleet-databases.js';
import { brokerForFleetTests } from '../helpers/fleet-store-per-test.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';

/** Open issues, three at a time opened in the same minute; and some resolved besides. */
const OPEN = 154;
const RESOLVED = 10;
/** Every third issue is Ana's, every third Bo's: more of Ana's open than a page. */
const OWNERS = ['Ana Lima', 'Bo Chen', null] as const;
const ANAS_OPEN = 52;
const broker = brokerForFleetTests();

describe.each(FLEET_BACKENDS)('the open issues on %s', (backend) => {
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;

  beforeAll(async () => {
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    fleet = await startTestFleet({ broker: { url: broker.url }, database });
    const minute = (i: number) => new Date(Date.UTC(2026, 2, 1, 8) + Math.floor(i / 3) * 60_000).toISOString();
    for (let i = 0; i < OPEN + RESOLVED; i++)
      await fleet.sql.run(
        "INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state, assigned_to) VALUES (?, 'help', 'hq', ?, 'Help requested', ?, ?, ?)",
        [
          `help-${String(i).padStart(3, '0')}`,
          `room-${i % 40}`,
          minute(i),
          i % 17 === 5 && i < 17 * RESOLVED ? 'resolved' : i % 2 ? 'acknowledged' : 'open',
          OWNERS[i % OWNERS.length]!,
        ],
      );
  }, 60_000);
  afterAll(async () => {
    await fleet?.close();
  });

  const ask = (query: string, token = FLEET_TOKEN, path = '/api/fleet/open-issues') =>
    fetch(`${fleet.url}${path}${query}`, { headers: { authorization: `Bearer ${token}` } });
  const page = async (query: string, token?: string) => {
    const response = await ask(query, token);
    expect(response.status).toBe(200);
    return (await response.json()) as OpenIssuesPage;
  };
  /** Every page from the first, following each page's cursor. */
  const allPages = async (query: string, token?: string) => {
    const pages = [await page(query, token)];
    for (let next = pages[0]!.next; next; next = pages.at(-1)!.next) pages.push(await page(`${query}&after=${encodeURIComponent(next)}`, token));
    return pages;
  };

  it(`gives ${OPEN_ISSUES_PAGE} at a time with the total, and every open issue once, newest first, to the last page`, async () => {
    const pages = await allPages('?');
    expect(pages[0]!.issues).toHaveLength(OPEN_ISSUES_PAGE);
    expect(pages.every((p) => p.total === OPEN)).toBe(true);
    const seen = pages.flatMap((p) => p.issues);
    expect(seen).toHaveLength(OPEN);
    expect(new Set(seen.map((i) => i.id)).size).toBe(OPEN);
    expect(seen.every((i) => i.state !== 'resolved')).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.openedAt >= seen[i]!.openedAt, `issue ${i}`).toBe(true);
  });

  it('gives the page asked for, up to the most', async () => {
    expect((await page('?limit=3')).issues.map((i) => i.id)).toEqual(['help-163', 'help-162', 'help-161']);
    const most = await page(`?limit=${OPEN_ISSUES_MAX_PAGE}`);
    expect(most.issues).toHaveLength(OPEN);
    expect(most.next).toBeNull();
  });

  it('refuses a limit over the most, and a cursor that is none, with a coded error', async () => {
    for (const query of [`?limit=${OPEN_ISSUES_MAX_PAGE + 1}`, '?after=no-bar']) {
      const response = await ask(query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'ROOMCTL_E_BAD_REQUEST' });
    }
  });

  it("gives with `mine` the asking operator's own open issues: their pages, their total, their cursor", async () => {
    const ana = await fleet.operators.add('Ana Lima');
    const pages = await allPages('?mine=true', ana);
    expect(pages.map((p) => p.issues.length)).toEqual([OPEN_ISSUES_PAGE, ANAS_OPEN - OPEN_ISSUES_PAGE]);
    expect(pages.map((p) => p.total)).toEqual([ANAS_OPEN, ANAS_OPEN]);
    const hers = pages.flatMap((p) => p.issues);
    expect(new Set(hers.map((i) => i.id)).size).toBe(ANAS_OPEN);
    expect(hers.every((i) => i.assignedTo === 'Ana Lima' && i.state !== 'resolved')).toBe(true);
    for (let i = 1; i < hers.length; i++) expect(hers[i - 1]!.openedAt >= hers[i]!.openedAt, `issue ${i}`).toBe(true);
    // Bo's are his; the start token's actor has none; without `mine` (or with it false), everyone's.
    const bos = (await allPages('?mine=true', await fleet.operators.add('Bo Chen'))).flatMap((p) => p.issues);
    expect(bos.length).toBeGreaterThan(0);
    expect(bos.every((i) => i.assignedTo === 'Bo Chen')).toBe(true);
    expect(await page('?mine=true')).toEqual({ issues: [], total: 0, next: null });
    expect((await page('?mine=false', ana)).total).toBe(OPEN);
    expect((await ask('?mine=perhaps', ana)).status).toBe(400);

    // The issue list and its CSV export take `mine` too.
    const found = (await (await ask('?mine=true&state=unresolved&limit=1000', ana, '/api/fleet/issues')).json()) as FleetIssue[];
    expect(found.map((i) => i.id)).toEqual(hers.map((i) => i.id));
    const csv = await (await ask('?mine=true&state=unresolved', ana, '/api/fleet/export/issues.csv')).text();
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[0])).toEqual(hers.map((i) => i.id));
  });
});
