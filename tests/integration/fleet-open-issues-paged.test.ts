/**
 * The open issues come a page at a time: 50 unless `limit` asks for another number, never more
 * than 200 (a coded refusal above), each page with the number open in all and a cursor to the
 * next. Paged to the end, every open issue comes once, newest first, issues opened at the same
 * moment included; resolved ones never. On SQLite and on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_ISSUES_MAX_PAGE, OPEN_ISSUES_PAGE, type OpenIssuesPage } from '../../fleet/open-issues-page.js';
import { FLEET_BACKENDS, sharedPostgres } from '../helpers/fleet-databases.js';
import { brokerForFleetTests } from '../helpers/fleet-store-per-test.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';

/** Open issues, three at a time opened in the same minute; and some resolved besides. */
const OPEN = 154;
const RESOLVED = 10;
const broker = brokerForFleetTests();

describe.each(FLEET_BACKENDS)('the open issues on %s', (backend) => {
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;

  beforeAll(async () => {
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    fleet = await startTestFleet({ broker: { url: broker.url }, database });
    const minute = (i: number) => new Date(Date.UTC(2026, 2, 1, 8) + Math.floor(i / 3) * 60_000).toISOString();
    for (let i = 0; i < OPEN + RESOLVED; i++)
      await fleet.sql.run("INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state) VALUES (?, 'help', 'hq', ?, 'Help requested', ?, ?)", [
        `help-${String(i).padStart(3, '0')}`,
        `room-${i % 40}`,
        minute(i),
        i % 17 === 5 && i < 17 * RESOLVED ? 'resolved' : i % 2 ? 'acknowledged' : 'open',
      ]);
  }, 60_000);
  afterAll(async () => {
    await fleet?.close();
  });

  const ask = (query: string) => fetch(`${fleet.url}/api/fleet/open-issues${query}`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
  const page = async (query: string) => {
    const response = await ask(query);
    expect(response.status).toBe(200);
    return (await response.json()) as OpenIssuesPage;
  };

  it(`gives ${OPEN_ISSUES_PAGE} at a time with the total, and every open issue once, newest first, to the last page`, async () => {
    const first = await page('');
    expect(first.issues).toHaveLength(OPEN_ISSUES_PAGE);
    expect(first.total).toBe(OPEN);
    const seen = [...first.issues];
    let next = first.next;
    while (next) {
      const more = await page(`?after=${encodeURIComponent(next)}`);
      expect(more.total).toBe(OPEN);
      seen.push(...more.issues);
      next = more.next;
    }
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
});
