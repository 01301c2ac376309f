import { randomUUID } from 'node:crypto';
import type { FleetNames, HealthStatus } from './fleet-api-types.js';
import type { IssueDesk } from './fleet-issue-desk.js';
import type { FleetSql } from './fleet-sql.js';
import { DOWN_STATUSES_SQL, isDown } from './fleet-changes.js';
import type { FleetChanges } from './fleet-store.js';

/** A device back within this long reopens its last issue instead of opening a new one. */
const DEFAULT_FLAP_WINDOW_MS = 10 * 60_000;

const deviceKey = (d: { site: string; room: string; deviceId: string }) => `${d.site}/${d.room}/${d.deviceId}`;

interface LastIssue {
  id: string;
  state: string;
  resolved_by: string | null;
  cleared_at: string | null;
}

/** A device as `reconcile` reads it. */
interface ReconciledDevice {
  site: string;
  room: string;
  deviceId: string;
  status: HealthStatus;
  detail: string | null;
  code: string | null;
  since: string | null;
  receivedAt: number;
}

/**
 * Device faults as issues. A device going offline (or refusing the password) opens an issue
 * — one per fault, with the meeting that was running — and a fault row with its start; the
 * device coming back ends the fault, and closes the issue only if nobody acknowledged it
 * (once someone has, it is theirs to resolve). Staff resolving the issue end the fault too
 * (fleet-issue-desk.ts); a device still down then opens a fresh issue with the room's next
 * report of it. A device that comes back and fails again
 * within the flap window reopens the same issue: one flapping projector is one issue with
 * several faults, not a page of them.
 *
 * Several instances may hear one device fail at once (each remembers the last status it saw):
 * the database keeps one open issue and one running fault per device (unique keys), so the
 * instance whose write lands second finds the work done and does nothing.
 */
export class DeviceFaultIssues {
  private queue: Promise<void> = Promise.resolve();
  /** The previous batch's commit time: no transition of a later batch is placed before it. */
  private lastNow = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly sql: FleetSql,
    private readonly desk: IssueDesk,
    private readonly o: {
      /** The meeting running in a room now (title, or null when none or confidential). */
      meetingIn(site: string, room: string): Promise<string | null> | string | null;
      /** The device's names from the room's config (null when it names none). */
      namesOf(site: string, room: string, deviceId: string): Promise<FleetNames | null> | FleetNames | null;
      /** Issues that changed, for the dashboard. */
      changed(issueIds: string[], rooms: string[]): void;
      flapWindowMs?: number;
      onError?(err: unknown): void;
    },
  ) {}

  /** After each committed batch; the work is queued so faults are handled in order. */
  observe(changes: FleetChanges, now: number): void {
    const transitions = changes.devices.filter((d) => isDown(d.status) !== (d.previous !== undefined && isDown(d.previous)) && d.status !== 'unknown');
    const moved = new Set(transitions.map((d) => deviceKey(d)));
    // Reports of a device down that was down already (the same status again, or offline ↔ auth-failed).
    const downAgain = [
      ...changes.devices.filter((d) => isDown(d.status) && d.previous !== undefined && isDown(d.previous)),
      ...changes.repeated.filter((d) => isDown(d.status)),
    ];
    const stillDown = [...new Map(downAgain.filter((d) => !moved.has(deviceKey(d))).map((d) => [deviceKey(d), d])).values()];
    // Reports of a device up that this instance has not heard of before: on PostgreSQL another
    // instance may have taken the report of its going down, and the issue it opened must clear.
    const upUnheard = changes.devices.filter((d) => d.status === 'ok' && d.previous === undefined);
    if (transitions.length === 0 && stillDown.length === 0 && upUnheard.length === 0) return;
    const at = this.moments(transitions, now);
    this.lastNow = Math.max(this.lastNow, now);
    this.queue = this.queue
      .then(async () => {
        const ids: string[] = [];
        for (const [i, d] of transitions.entries()) {
          const id = isDown(d.status) ? await this.begin(d, at[i]!) : await this.end(d, at[i]!);
          if (id) ids.push(id);
        }
        for (const d of await this.withOpenIssue(upUnheard)) {
          const id = await this.end(d, now);
          if (id) ids.push(id);
        }
        // A device still down without a running fault: staff resolved its issue (which ended the fault) and it is not back.
        for (const d of await this.withoutRunningFault(stillDown)) {
          const id = await this.begin({ ...d, previous: d.status }, now);
          if (id) ids.push(id);
        }
        if (ids.length) this.o.changed(ids, [...new Set([...transitions, ...stillDown].map((d) => `${d.site}/${d.room}`))]);
      })
      .catch((err: unknown) => this.o.onError?.(err));
  }

  /** Of `devices`, those with an issue not cleared (a self-test's aside, as at start-up). */
  private async withOpenIssue<T extends { site: string; room: string; deviceId: string }>(devices: readonly T[]): Promise<T[]> {
    const open = await this.devicesIn("fleet_issues WHERE kind = 'device' AND cleared_at IS NULL AND id NOT LIKE 'selftest-%'", devices);
    return devices.filter((d) => open.has(deviceKey(d)));
  }

  /** Of `devices`, those with no running fault. */
  private async withoutRunningFault<T extends { site: string; room: string; deviceId: string }>(devices: readonly T[]): Promise<T[]> {
    const running = await this.devicesIn('fleet_device_faults WHERE ended_at IS NULL', devices);
    return devices.filter((d) => !running.has(deviceKey(d)));
  }

  /** The keys of `devices` that have a row in `fromWhere` (a table and its condition; one query per 300, none for none). */
  private async devicesIn(fromWhere: string, devices: readonly { site: string; room: string; deviceId: string }[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < devices.length; i += 300) {
      const chunk = devices.slice(i, i + 300);
      const rows = await this.sql.query<{ site: string; room: string; deviceId: string }>(
        `SELECT site, room, device_id AS "deviceId" FROM ${fromWhere} AND (${chunk.map(() => '(site = ? AND room = ? AND device_id = ?)').join(' OR ')})`,
        chunk.flatMap((d) => [d.site, d.room, d.deviceId]),
      );
      for (const r of rows) found.add(deviceKey(r));
    }
    return found;
  }

  /**
   * When each transition happened on the fleet's clock. A device's last one in the batch at the
   * commit; one before it (a fault that began and ended within one batch) as long before as the
   * room's own reports say, at least 1 ms (so the issue's log keeps the order and the fault a
   * length) and never before the previous batch.
   */
  private moments(transitions: FleetChanges['devices'], now: number): number[] {
    const out: number[] = [];
    const later = new Map<string, { at: number | null; t: number }>();
    for (let i = transitions.length - 1; i >= 0; i--) {
      const d = transitions[i]!;
      const key = `${d.site}/${d.room}/${d.deviceId}`;
      const next = later.get(key);
      let t = now;
      if (next) {
        const gap = next.at != null && d.at != null ? next.at - d.at : 0;
        t = next.t - Math.max(1, gap);
        if (t <= this.lastNow) t = next.t - 1;
      }
      out[i] = t;
      later.set(key, { at: d.at ?? null, t });
    }
    return out;
  }

  /**
   * Brings the issues in line with the devices' stored status, after a start: a fault the last
   * process had committed the device's status of but not yet recorded (its stop gave up on
   * a database that did not answer, or the write failed) is recorded now — an issue for each
   * failed device without a running fault, the end of the fault for each device back since.
   * The acknowledged message is not delivered again: its committed status is the record.
   * A failed self-test check's issue (its device answers all along) is left to the room's next
   * self-test.
   */
  reconcile(now: number): void {
    this.queue = this.queue
      .then(async () => {
        // A fault staff ended by hand is not begun again until the room reports the device down after it.
        const begun = await this.sql.query<ReconciledDevice>(
          `SELECT site, room, device_id AS "deviceId", status, detail, code, since, received_at AS "receivedAt" FROM fleet_devices d WHERE status IN (${DOWN_STATUSES_SQL})
             AND NOT EXISTS (SELECT 1 FROM fleet_device_faults f WHERE f.site = d.site AND f.room = d.room AND f.device_id = d.device_id
               AND (f.ended_at IS NULL OR (f.ended_by IS NOT NULL AND f.ended_at >= d.received_at)))`,
        );
        const ended = await this.sql.query<ReconciledDevice>(
          `SELECT site, room, device_id AS "deviceId", status, detail, code, since, received_at AS "receivedAt" FROM fleet_devices d WHERE status NOT IN (${DOWN_STATUSES_SQL}, 'unknown')
             AND EXISTS (SELECT 1 FROM fleet_issues i WHERE i.kind = 'device' AND i.site = d.site AND i.room = d.room AND i.device_id = d.device_id AND i.cleared_at IS NULL
               AND i.id NOT LIKE 'selftest-%')`,
        );
        const ids: string[] = [];
        for (const d of [...begun, ...ended]) {
          // A fault begins when the room says the status began (else when the fleet heard it) and ends
          // when the fleet last heard the device back: never before the fault's start on the fleet's clock, never after now.
          const heard = Number(d.receivedAt);
          const since = d.since === null ? Number.NaN : Date.parse(d.since);
          const at = Math.min(now, isDown(d.status) && Number.isFinite(since) ? Math.min(since, heard) : heard);
          const change = { site: d.site, room: d.room, deviceId: d.deviceId, status: d.status, previous: undefined, detail: d.detail, code: d.code };
          const id = isDown(d.status) ? await this.begin(change, at) : await this.end(change, at);
          if (id) ids.push(id);
        }
        if (ids.length) this.o.changed(ids, [...new Set([...begun, ...ended].map((d) => `${d.site}/${d.room}`))]);
      })
      .catch((err: unknown) => this.o.onError?.(err));
  }

  /** Resolves when everything observed so far is stored (tests and shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async last(site: string, room: string, deviceId: string): Promise<LastIssue | undefined> {
    const rows = await this.sql.query<LastIssue>(
      "SELECT id, state, resolved_by, cleared_at FROM fleet_issues WHERE kind = 'device' AND site = ? AND room = ? AND device_id = ? ORDER BY opened_at DESC LIMIT 1",
      [site, room, deviceId],
    );
    return rows[0];
  }

  private async begin(d: FleetChanges['devices'][number], now: number): Promise<string | undefined> {
    const at = new Date(now);
    const last = await this.last(d.site, d.room, d.deviceId);
    const flapMs = this.o.flapWindowMs ?? DEFAULT_FLAP_WINDOW_MS;
    let issueId: string;
    if (last && last.cleared_at === null && last.state !== 'resolved') {
      issueId = last.id; // Still open (a restart, or offline → auth-failed): the same fault goes on.
      const running = await this.sql.query<{ id: string }>('SELECT id FROM fleet_device_faults WHERE issue_id = ? AND ended_at IS NULL', [issueId]);
      if (running.length) return undefined;
    } else if (
      last &&
      // A failed self-test check's issue is not this fault's: it is worded by its check, and closed by a self-test.
      !last.id.startsWith('selftest-') &&
      (last.state !== 'resolved' || (last.resolved_by === null && last.cleared_at !== null && now - Date.parse(last.cleared_at) <= flapMs))
    ) {
      issueId = last.id;
      const reopened = await this.sql.run(
        "UPDATE fleet_issues SET cleared_at = NULL, state = CASE WHEN state = 'resolved' THEN 'open' ELSE state END, resolved_at = NULL, resolved_by = NULL WHERE id = ? AND (cleared_at IS NOT NULL OR state = 'resolved')",
        [issueId],
      );
      if (!reopened.changes) return undefined; // Another instance reopened it a moment ago.
      await this.desk.record(issueId, null, 'reopened', d.detail, at);
    } else {
      issueId = `fault-${randomUUID()}`;
      const meeting = await this.o.meetingIn(d.site, d.room);
      const names = await this.o.namesOf(d.site, d.room, d.deviceId);
      const summary = d.detail ?? (d.status === 'auth-failed' ? 'Wrong password' : 'Offline');
      const opened = await this.sql.run(
        "INSERT INTO fleet_issues (id, kind, site, room, device_id, device_names, summary, error_code, opened_at, state, meeting) VALUES (?, 'device', ?, ?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING",
        [issueId, d.site, d.room, d.deviceId, names ? JSON.stringify(names) : null, summary, d.code ?? null, at.toISOString(), meeting],
      );
      if (!opened.changes) return undefined; // Another instance opened it: the device has its one open issue.
      await this.desk.record(issueId, null, 'opened', d.detail, at);
    }
    await this.sql.run(
      'INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, detail, error_code, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT DO NOTHING',
      [randomUUID(), issueId, d.site, d.room, d.deviceId, d.status, d.detail, d.code ?? null, now],
    );
    return issueId;
  }

  private async end(d: FleetChanges['devices'][number], now: number): Promise<string | undefined> {
    const at = new Date(now);
    const last = await this.last(d.site, d.room, d.deviceId);
    if (!last || last.cleared_at !== null) return undefined;
    // The device's running fault (one at most), whichever issue it is on: its issue resolved by hand while the device
    // was out, a self-test issue may have opened since and be the last one.
    await this.sql.run('UPDATE fleet_device_faults SET ended_at = ? WHERE site = ? AND room = ? AND device_id = ? AND ended_at IS NULL', [
      now,
      d.site,
      d.room,
      d.deviceId,
    ]);
    // Nobody took it on: the fault cleared by itself and the issue closes. Once acknowledged, the operator closes it.
    const cleared = await this.sql.run(
      "UPDATE fleet_issues SET cleared_at = ?, state = CASE WHEN state = 'open' THEN 'resolved' ELSE state END, resolved_at = CASE WHEN state = 'open' THEN ? ELSE resolved_at END WHERE id = ? AND cleared_at IS NULL",
      [at.toISOString(), at.toISOString(), last.id],
    );
    if (!cleared.changes) return undefined; // Another instance closed it a moment ago.
    await this.desk.record(last.id, null, 'cleared', null, at);
    return last.id;
  }
}
