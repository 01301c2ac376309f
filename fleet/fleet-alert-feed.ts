import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Alert } from './alert-sink.js';
import type { FleetAlertView } from './fleet-api-types.js';
import type { FleetSql } from './fleet-sql.js';

/**
 * Every alert the rules fire or resolve, kept for the dashboard (the sinks' delivery rows
 * exist only when a sink is configured, and say nothing a person on the dashboard needs).
 * Emits 'alert' with each one stored.
 */
export class FleetAlertFeed extends EventEmitter<{ alert: [FleetAlertView] }> {
  constructor(private readonly sql: FleetSql) {
    super();
  }

  async add(alert: Alert): Promise<FleetAlertView> {
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
      at: new Date().toISOString(),
    };
    await this.sql.run(
      'INSERT INTO fleet_alert_feed (id, alert_key, rule, state, site, room, device_id, title, text, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [view.id, view.key, view.rule, view.state, view.site, view.room, view.deviceId, view.title, view.text, view.at],
    );
    this.emit('alert', view);
    return view;
  }

  /** The newest alerts first. */
  async recent(limit = 50): Promise<FleetAlertView[]> {
    return this.sql.query<FleetAlertView>(
      'SELECT id, alert_key AS "key", rule, state, site, room, device_id AS "deviceId", title, text, at FROM fleet_alert_feed ORDER BY at DESC, id LIMIT ?',
      [limit],
    );
  }
}
