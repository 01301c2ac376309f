/**
 * A problem report says where it came from — the room's panel or a person's phone (the personal
 * link of their minutes email) — and the fleet keeps it on the issue and in the issues export,
 * beside the report's rating; a room of an earlier release says nothing, and the cell stays
 * empty. On both databases.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { issuesCsv } from './issues-csv.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';

afterAll(closeFleetPostgres);

const report = (id: string, minute: number, fields: Record<string, unknown>): FleetMessage => {
  const body = {
    id,
    at: `2026-03-02T09:0${minute}:00.000Z`,
    type: 'problem.reported',
    reportId: `r-${id}`,
    categories: ['audio'],
    deviceHealth: {},
    ...fields,
  };
  const parsed = parseFleetMessage('roomctl/hq/aurora/events', Buffer.from(JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${JSON.stringify(parsed)}`);
  return parsed;
};

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it("keeps whether a problem report came from the room's panel or a person's phone, and exports it beside the rating", async () => {
    await fleet.store.apply([
      report('panel', 1, { rating: 2, via: 'panel' }),
      report('phone', 2, { rating: 1, via: 'phone' }),
      // A room of an earlier release, and a value this fleet does not know: neither is guessed.
      report('older', 3, {}),
      report('odd', 4, { via: 'kiosk' }),
    ]);
    const via = async (id: string) => (await fleet.store.issue(`r-${id}`))?.reportVia;
    expect([await via('panel'), await via('phone'), await via('older'), await via('odd')]).toEqual(['panel', 'phone', null, null]);

    const { lines } = await issuesCsv(fleet.db.sql, {});
    let text = '';
    for await (const line of lines) text += line;
    const [head, ...rows] = text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const cell = (row: string[], column: string) => row[head!.indexOf(column)];
    expect(head!.at(-1)).toBe('reported_via');
    expect(rows.map((r) => [cell(r, 'id'), cell(r, 'rating'), cell(r, 'reported_via')])).toEqual([
      ['r-odd', '', ''],
      ['r-older', '', ''],
      ['r-phone', '1', 'phone'],
      ['r-panel', '2', 'panel'],
    ]);
  });
});
