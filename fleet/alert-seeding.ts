import type { AlertDispatcher } from './alert-dispatcher.js';
import { AlertEngine } from './alert-rules.js';
import type { FleetEvent } from './fleet-api-types.js';
import type { FleetAlertFeed } from './fleet-alert-feed.js';
import { DOWN_STATUSES_SQL } from './fleet-changes.js';
import { queryOne, type FleetSql } from './fleet-sql.js';

/** How far back a start looks for events whose alert was never stored: a stopped fleet comes back within minutes. */
const EVENT_ALERTS_LOOK_BACK_MS = 60 * 60_000;
/** Events read per statement (one placeholder each). */
const EVENTS_PER_READ = 500;

/**
 * What a fleet instance that takes over the alert rules (at start, or when the lead passes to
 * it) finds in the store: conditions already true, so their alerts still fire (or resolve)
 * once; and the events of the last hour that alert at once (a problem report, a help call and its end)
 * whose alert the last process committed the event of but never stored — its stop gave up on
 * a database that did not answer, and the broker will not deliver an acknowledged event again.
 */
export async function seedAlerts(
  sql: FleetSql,
  alerts: AlertEngine,
  recover: {
    now: number;
    eventsBySeq(seqs: number[]): Promise<FleetEvent[]>;
    feed: Pick<FleetAlertFeed, 'add'>;
    dispatcher: Pick<AlertDispatcher, 'enqueue'>;
    sinkIds: readonly string[];
  },
): Promise<void> {
  const lastState = async (key: string) =>
    (await queryOne<{ state: string }>(sql, 'SELECT state FROM fleet_alerts WHERE alert_key = ? ORDER BY id DESC LIMIT 1', [key]))?.state;
  // A device whose issue staff resolved by hand after the room's last report of it has no condition: its alert was resolved then.
  // Down is offline or refusing the password, as for the rules' live changes.
  const devices = await sql.query<{ site: string; room: string; deviceId: string; detail: string | null; since: number }>(
    `SELECT site, room, device_id AS "deviceId", detail, received_at AS since FROM fleet_devices d WHERE status IN (${DOWN_STATUSES_SQL})
       AND NOT EXISTS (SELECT 1 FROM fleet_device_faults f WHERE f.site = d.site AND f.room = d.room AND f.device_id = d.device_id
         AND f.ended_by IS NOT NULL AND f.ended_at >= d.received_at)`,
  );
  for (const d of devices) {
    const key = `device-offline/${d.site}/${d.room}/${d.deviceId}`;
    alerts.seed({
      rule: 'device-offline',
      site: d.site,
      room: d.room,
      deviceId: d.deviceId,
      since: d.since,
      detail: d.detail,
      fired: (await lastState(key)) === 'firing',
    });
  }
  const rooms = await sql.query<{ site: string; room: string; since: number }>(
    "SELECT site, room, status_since AS since FROM fleet_rooms WHERE status = 'offline'",
  );
  for (const r of rooms) {
    const key = `room-offline/${r.site}/${r.room}`;
    alerts.seed({ rule: 'room-offline', site: r.site, room: r.room, since: r.since, detail: null, fired: (await lastState(key)) === 'firing' });
  }
  await storeMissingEventAlerts(sql, alerts, recover);
}

async function storeMissingEventAlerts(sql: FleetSql, alerts: AlertEngine, recover: Parameters<typeof seedAlerts>[2]): Promise<void> {
  const since = recover.now - EVENT_ALERTS_LOOK_BACK_MS;
  const types = AlertEngine.EVENT_TYPES.map((t) => `'${t}'`).join(', ');
  const seqs = (await sql.query<{ seq: number }>(`SELECT seq FROM fleet_events WHERE type IN (${types}) AND received_at >= ? ORDER BY seq`, [since])).map((r) =>
    Number(r.seq),
  );
  if (seqs.length === 0) return;
  // An alert is stored a moment after its event: a day's margin on either clock finds it.
  const margin = since - 86_400_000;
  // By state too: a help call's firing and resolved alerts share their key.
  const inFeed = new Set(
    (
      await sql.query<{ key: string; state: string }>('SELECT alert_key AS "key", state FROM fleet_alert_feed WHERE at >= ?', [new Date(margin).toISOString()])
    ).map((r) => `${r.state} ${r.key}`),
  );
  const forSinks = new Set(
    (
      await sql.query<{ key: string; sink: string; state: string }>('SELECT alert_key AS "key", sink, state FROM fleet_alerts WHERE created_at >= ?', [margin])
    ).map((r) => `${r.sink} ${r.state} ${r.key}`),
  );
  for (let i = 0; i < seqs.length; i += EVENTS_PER_READ) {
    for (const e of await recover.eventsBySeq(seqs.slice(i, i + EVENTS_PER_READ))) {
      const alert = alerts.eventAlert(e);
      if (!alert) continue;
      if (!inFeed.has(`${alert.state} ${alert.key}`)) await recover.feed.add(alert);
      const missing = recover.sinkIds.filter((id) => !forSinks.has(`${id} ${alert.state} ${alert.key}`));
      if (missing.length) await recover.dispatcher.enqueue(alert, missing);
    }
  }
}
