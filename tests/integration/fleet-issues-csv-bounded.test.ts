/**
 * The fleet's issues export is bounded as its faults export is: newest first, 1,000 rows
 * unless `limit` asks for another number, never more than 10,000, streamed a page at a time,
 * and the answer says when older issues were left out. The file opens in a spreadsheet as it
 * reads: a byte-order mark (Chinese words stay Chinese), and each time also on the wall clock
 * of the room it happened in, the zone its retained state told. Its filter is the issue list's,
 * room and all. On SQLite and PostgreSQL.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISSUES_CSV_DEFAULT_ROWS, ISSUES_CSV_MAX_ROWS, MORE_ROWS_HEADER } from '../../fleet/export-bounds.js';
import { FLEET_BACKENDS, sharedPostgres } from '../helpers/fleet-databases.js';
import { brokerForFleetTests } from '../helpers/fleet-store-per-test.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

/** One issue more than the most an export carries, a minute apart. */
const ISSUES = ISSUES_CSV_MAX_ROWS + 1;
const NEWEST = Date.parse('2026-03-02T09:00:00Z');
const broker = brokerForFleetTests();

describe.each(FLEET_BACKENDS)('the issues export on %s', (backend) => {
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;

  beforeAll(async () => {
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    fleet = await startTestFleet({ broker: { url: broker.url }, database });
    await until(() => fleet.connected, 5000, 'the fleet connected');
    // The room's retained state, as it publishes it: its zone comes with it.
    const room = await mqtt.connectAsync(broker.url);
    const state = { room: { id: 'aurora', name: '极光', site: 'hq', timezone: 'Asia/Shanghai' }, roomState: 'idle' };
    await room.publishAsync('roomctl/hq/aurora/state', JSON.stringify(state), { qos: 1, retain: true });
    await room.endAsync();
    await until(async () => (await fleet.sql.query('SELECT 1 AS x FROM fleet_rooms WHERE timezone IS NOT NULL')).length > 0, 10_000, 'the room state');
    // Issue i<n> opened n minutes before the newest; the newest, i0, is a help call in Chinese. A thousand a statement.
    // i1 is then made a device issue: its device's names from the room, its fault's code.
    for (let from = 0; from < ISSUES; from += 1000) {
      const chunk = Array.from({ length: Math.min(1000, ISSUES - from) }, (_, k) => from + k);
      await fleet.sql.run(
        `INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state) VALUES ${chunk.map(() => "(?, 'help', 'hq', 'aurora', ?, ?, 'open')").join(', ')}`,
        chunk.flatMap((i) => [`i${i}`, i === 0 ? '投影仪没有画面' : 'No picture', new Date(NEWEST - i * 60_000).toISOString()]),
      );
    }
    await fleet.sql.run(
      "UPDATE fleet_issues SET kind = 'device', device_id = 'projector', device_names = ?, error_code = 'ROOMCTL_E_CONNECT_FAILED' WHERE id = 'i1'",
      [JSON.stringify({ en: 'Front projector', 'zh-CN': '前投影仪' })],
    );
  }, 60_000);
  afterAll(async () => {
    await fleet?.close();
  });

  const exportCsv = (query: string) => fetch(`${fleet.url}/api/fleet/export/issues.csv${query}`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
  const rowsOf = async (response: Response) => {
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(head).toBe(
      'id,kind,site,room,device,summary,opened,state,acknowledged_by,assigned_to,resolved_by,resolved,cleared,meeting,rating,comment,device_name,code,timezone,opened_local,resolved_local,' +
        'self_test_status,self_test_said,self_test_waited_ms,self_test_heard_peak_db,self_test_heard_above_db,self_test_heard_within_ms,self_test_room_said,reported_via',
    );
    return rows.map((row) => row.split(','));
  };
  const expectNewestFirst = (rows: string[][]) => rows.forEach((r, i) => expect(r[0], `row ${i}`).toBe(`i${i}`));

  it(`gives the newest ${ISSUES_CSV_DEFAULT_ROWS} issues when no limit is asked for, and says there are more`, async () => {
    const response = await exportCsv('');
    expect(response.status).toBe(200);
    expect(response.headers.get(MORE_ROWS_HEADER)).toBe('true');
    const rows = await rowsOf(response);
    expect(rows).toHaveLength(ISSUES_CSV_DEFAULT_ROWS);
    expectNewestFirst(rows);
    expect(rows[0]).toEqual([
      'i0',
      'help',
      'hq',
      'aurora',
      '',
      '投影仪没有画面',
      '2026-03-02T09:00:00.000Z',
      'open',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'Asia/Shanghai',
      '2026-03-02 17:00:00',
      '',
      // Not a failed self-test check's issue: its columns are empty; nor a problem report, which says where it came from.
      ...Array(7).fill(''),
      '',
    ]);
  });

  it('names the device of a device issue and its fault by its code, as the faults export does', async () => {
    const rows = await rowsOf(await exportCsv('?limit=2'));
    expect(rows[1]).toEqual([
      'i1',
      'device',
      'hq',
      'aurora',
      'projector',
      'No picture',
      '2026-03-02T08:59:00.000Z',
      'open',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'Front projector',
      'ROOMCTL_E_CONNECT_FAILED',
      'Asia/Shanghai',
      '2026-03-02 16:59:00',
      '',
      // Not a failed self-test check's issue: its columns are empty; nor a problem report, which says where it came from.
      ...Array(7).fill(''),
      '',
    ]);
  });

  it(`gives ${ISSUES_CSV_MAX_ROWS} issues at the most, streamed, the oldest left out`, async () => {
    const response = await exportCsv(`?room=hq/aurora&limit=${ISSUES_CSV_MAX_ROWS}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get(MORE_ROWS_HEADER)).toBe('true');
    const rows = await rowsOf(response);
    expect(rows).toHaveLength(ISSUES_CSV_MAX_ROWS);
    expectNewestFirst(rows);
    expect(rows.at(-1)![0]).toBe(`i${ISSUES_CSV_MAX_ROWS - 1}`);
  });

  it('says nothing was left out when the search found fewer', async () => {
    const response = await exportCsv('?q=%E6%8A%95%E5%BD%B1');
    expect(response.headers.get(MORE_ROWS_HEADER)).toBe('false');
    expect((await rowsOf(response)).map((r) => r[0])).toEqual(['i0']);
  });

  it('refuses a limit over the most, with a coded error', async () => {
    const response = await exportCsv(`?limit=${ISSUES_CSV_MAX_ROWS + 1}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'ROOMCTL_E_BAD_REQUEST', message: expect.stringContaining('limit') });
  });

  it("refuses a room that is no room's address as the issue list does, with a coded error", async () => {
    for (const path of ['/api/fleet/export/issues.csv', '/api/fleet/issues']) {
      const response = await fetch(`${fleet.url}${path}?room=HQ%2FAurora`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({ code: 'ROOMCTL_E_BAD_REQUEST', message: expect.stringContaining('room') });
    }
  });
});
