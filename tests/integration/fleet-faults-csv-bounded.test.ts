/**
 * The fleet's faults export is bounded: newest first, 1,000 rows unless `limit` asks for
 * another number, never more than 10,000, streamed a page at a time (no Content-Length: the
 * fleet does not build the file before sending it). Faults that share a start time keep
 * their place across the pages; the answer says when older ones were left out. On SQLite and
 * on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS_CSV_DEFAULT_ROWS, FAULTS_CSV_MAX_ROWS, MORE_ROWS_HEADER } from '../../fleet/export-bounds.js';
import { FLEET_BACKENDS, sharedPostgres } from '../helpers/fleet-databases.js';
import { brokerForFleetTests } from '../helpers/fleet-store-per-test.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';

/** Faults of the last ten days, inside the export's 30-day window. */
const T0 = Date.now() - 10 * 86_400_000;
/** One fault more than the most an export carries; three at a time share a start minute. */
const FAULTS = FAULTS_CSV_MAX_ROWS + 1;
const broker = brokerForFleetTests();

describe.each(FLEET_BACKENDS)('the faults export on %s', (backend) => {
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;

  beforeAll(async () => {
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    fleet = await startTestFleet({ broker: { url: broker.url }, database });
    await fleet.sql.run(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, detail, started_at, ended_at)
       SELECT 'f' || i, 'i' || i, 'hq', 'aurora', 'cam', 'offline', 'no answer', CAST(? AS BIGINT) + (i / 3) * 60000, CAST(? AS BIGINT) + (i / 3) * 60000 + 5000 FROM n`,
      [FAULTS, T0, T0],
    );
  }, 60_000);
  afterAll(async () => {
    await fleet?.close();
  });

  const exportCsv = (query: string) => fetch(`${fleet.url}/api/fleet/export/faults.csv${query}`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
  const rowsOf = async (response: Response) => {
    // The byte-order mark first, so a spreadsheet reads the file as UTF-8.
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(head).toBe('site,room,device,status,started,ended,duration_s,detail,issue,device_name,code,timezone,started_local,ended_local,ended_by');
    return rows.map((row) => {
      const cells = row.split(',');
      return { started: cells[4]!, issue: cells[8]! };
    });
  };
  /** Newest first, each fault once. */
  const expectNewestFirst = (rows: Array<{ started: string; issue: string }>) => {
    expect(new Set(rows.map((r) => r.issue)).size).toBe(rows.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.started >= rows[i]!.started, `row ${i}`).toBe(true);
  };

  it(`gives the newest ${FAULTS_CSV_DEFAULT_ROWS} faults when no limit is asked for`, async () => {
    const response = await exportCsv('');
    expect(response.status).toBe(200);
    expect(response.headers.get(MORE_ROWS_HEADER)).toBe('true');
    const rows = await rowsOf(response);
    expect(rows).toHaveLength(FAULTS_CSV_DEFAULT_ROWS);
    expectNewestFirst(rows);
    expect(rows[0]!.started).toBe(new Date(T0 + Math.floor(FAULTS / 3) * 60_000).toISOString());
  });

  it(`gives ${FAULTS_CSV_MAX_ROWS} faults at the most, streamed, the oldest left out`, async () => {
    const response = await exportCsv(`?site=hq&room=aurora&limit=${FAULTS_CSV_MAX_ROWS}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = await rowsOf(response);
    expect(rows).toHaveLength(FAULTS_CSV_MAX_ROWS);
    expectNewestFirst(rows);
    expect(rows.map((r) => r.issue)).not.toContain('i1');
    expect(rows.at(-1)!.issue).toBe('i2');
    expect(response.headers.get(MORE_ROWS_HEADER)).toBe('true');
    // All of another room's (none here): nothing left out.
    expect((await exportCsv('?site=hq&room=elsewhere')).headers.get(MORE_ROWS_HEADER)).toBe('false');
  });

  it('refuses a limit over the most, with a coded error', async () => {
    const response = await exportCsv(`?limit=${FAULTS_CSV_MAX_ROWS + 1}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'ROOMCTL_E_BAD_REQUEST', message: expect.stringContaining('limit') });
  });
});
