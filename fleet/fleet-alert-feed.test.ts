/**
 * The alerts the dashboard lists carry what the operator's language needs: the rule, its
 * state and its parameters (how long, the device's own words, the device's names from the
 * room's config), kept and served the same by both databases; an alert kept before the
 * parameters were reads as no parameters (the dashboard shows its English then).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';
import type { Alert } from './alert-sink.js';
import { AlertEngine } from './alert-rules.js';
import { FleetAlertFeed } from './fleet-alert-feed.js';
import { emptyChanges } from './fleet-changes.js';

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  let db: TestFleetDatabase;
  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps each alert with its parameters and the device names, and serves them back', async () => {
    const names = { en: 'Projector', 'zh-CN': '投影机' };
    const feed = new FleetAlertFeed(db.sql, async (_site, _room, id) => (id === 'display' ? names : null));
    const fired: Alert[] = [];
    let now = Date.parse('2026-03-01T09:00:00Z');
    const engine = new AlertEngine(
      { deviceOfflineAfterS: 60, roomOfflineAfterS: 120, problemReports: true, helpRequests: true },
      (a) => fired.push(a),
      () => now,
    );
    engine.observe({
      ...emptyChanges(),
      devices: [{ site: 'hq', room: 'aurora', deviceId: 'display', status: 'offline', previous: 'ok', detail: 'Lamp failure' }],
    });
    now += 90_000;
    engine.tick();
    for (const a of fired) await feed.add(a);
    const [view] = await feed.recent();
    expect(view).toMatchObject({
      rule: 'device-offline',
      state: 'firing',
      deviceId: 'display',
      params: { forS: 90, detail: 'Lamp failure', deviceNames: names },
    });
    // The English stays for webhooks and for dashboards of the previous release.
    expect(view!.title).toBe('display offline in hq/aurora');
  });

  it('reads an alert kept without parameters as none', async () => {
    await db.sql.run(
      "INSERT INTO fleet_alert_feed (id, alert_key, rule, state, site, room, device_id, title, text, at) VALUES ('a1', 'k', 'room-offline', 'firing', 'hq', 'aurora', NULL, 'Room hq/aurora offline', 'gone', '2026-03-01T09:00:00Z')",
    );
    expect(await new FleetAlertFeed(db.sql).recent()).toEqual([expect.objectContaining({ id: 'a1', params: {}, text: 'gone' })]);
  });
});
