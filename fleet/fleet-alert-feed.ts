import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Alert } from './alert-sink.js';
import type { FleetAlertView, FleetNames } from './fleet-api-types.js';
import type { FleetSql } from './fleet-sql.js';

/**
 * Every alert the rules fire or resolve, kept for the dashboard (the sinks' delivery rows
 * exist only when a sink is configured, and say nothing a person on the dashboard needs).
 * Emits 'alert' with each one stored.
 */
export class FleetAlertFeed extends EventEmitter<{ alert: [FleetAlertView] }> {
  constructor(
    private readonly sql: FleetSql,
    /** The device's names from its room's config, so the dashboard names it in the operator's language. */
    private readonly namesOf: (site: string, room: string, deviceId: string) => Promise<FleetNames | null> = async () => null,
  ) {
    super();
  }

  /**
   * Keeps the alert; undefined when the database already holds it — a help call's resolution
   * is kept once (migration 13), however many fleet instances resolve the call at once.
   */
  async add(alert: Alert): Promise<FleetAlertView | undefined> {
    const names = alert.deviceId ? await this.namesOf(alert.site, alert.room, alert.deviceId) : null;
    const view: FleetAlertView = {
      id: randomUUID(),
      key: alert.key,
      rule: alert.rule,
      state: alert.state,
      site: alert.site,
      room: alert.room,
      deviceId: alert.deviceId ?? null,
      title: alert.title,
      text: alert.text,
      params: names ? { ...alert.params, deviceNames: names } : { ...alert.params },
      at: new Date().toISOString(),
    };
    const { changes } = await this.sql.run(
      'INSERT INTO fleet_alert_feed (id, alert_key, rule, state, site, room, device_id, title, text, params, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [view.id, view.key, view.rule, view.state, view.site, view.room, view.deviceId, view.title, view.text, JSON.stringify(view.params), view.at],
    );
    if (!changes) return undefined;
    this.emit('alert', view);
    return view;
  }

  /** True when the incident's alert fired and nothing resolved it yet (so a resolution is news, once). */
  async stillFiring(key: string): Promise<boolean> {
    const rows = await this.sql.query<{ state: string }>('SELECT state FROM fleet_alert_feed WHERE alert_key = ?', [key]);
    return rows.some((r) => r.state === 'firing') && !rows.some((r) => r.state === 'resolved');
  }

  /**
   * The newest alerts first, in one query whatever their number: a device's alert resolved by
   * hand said the room had not reported the device back; once the room has (its issue cleared
   * since), `params.backAt` says when, so the dashboard stops saying it.
   */
  async recent(limit = 50): Promise<FleetAlertView[]> {
    const rows = await this.sql.query<Omit<FleetAlertView, 'params'> & { params: string | null; backAt: string | null }>(
      `SELECT f.id, f.alert_key AS "key", f.rule, f.state, f.site, f.room, f.device_id AS "deviceId", f.title, f.text, f.params, f.at,
         CASE WHEN f.rule = 'device-offline' AND f.state = 'resolved' THEN (SELECT MIN(i.cleared_at) FROM fleet_issues i
           WHERE i.kind = 'device' AND i.site = f.site AND i.room = f.room AND i.device_id = f.device_id AND i.cleared_at >= f.at) END AS "backAt"
       FROM fleet_alert_feed f ORDER BY f.at DESC, f.id LIMIT ?`,
      [limit],
    );
    return rows.map(({ backAt, ...r }) => {
      // Alerts kept before their parameters were: the dashboard falls back to their English text.
      const params = r.params ? (JSON.parse(r.params) as FleetAlertView['params']) : {};
      // Only an alert resolved by hand (`by`) said the device was not back.
      if (backAt && typeof params.by === 'string') params.backAt = backAt;
      return { ...r, params };
    });
  }
}
