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

  /** The newest alerts first. */
  async recent(limit = 50): Promise<FleetAlertView[]> {
    const rows = await this.sql.query<Omit<FleetAlertView, 'params'> & { params: string | null }>(
      'SELECT id, alert_key AS "key", rule, state, site, room, device_id AS "deviceId", title, text, params, at FROM fleet_alert_feed ORDER BY at DESC, id LIMIT ?',
      [limit],
    );
    // Alerts kept before their parameters were: the dashboard falls back to their English text.
    const views = rows.map((r) => ({ ...r, params: r.params ? (JSON.parse(r.params) as FleetAlertView['params']) : {} }));
    for (const v of views) if (v.rule === 'device-offline' && v.state === 'resolved' && typeof v.params.by === 'string') await this.markBack(v);
    return views;
  }

  /**
   * A device's alert resolved by hand said the room had not reported the device back; once the
   * room has (its issue cleared since), `params.backAt` says when, so the dashboard stops saying it.
   */
  private async markBack(v: FleetAlertView): Promise<void> {
    const back = await this.sql.query<{ at: string }>(
      "SELECT cleared_at AS at FROM fleet_issues WHERE kind = 'device' AND site = ? AND room = ? AND device_id = ? AND cleared_at >= ? ORDER BY cleared_at LIMIT 1",
      [v.site, v.room, v.deviceId, v.at],
    );
    if (back[0]) v.params.backAt = back[0].at;
  }
}
