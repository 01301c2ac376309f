import { randomUUID } from 'node:crypto';
import { RoomctlError } from '../drivers/core/errors.js';
import type { FleetIssue, FleetIssueLogEntry } from './fleet-api-types.js';
import { isDown, type DownStatus } from './fleet-changes.js';
import type { FleetSql } from './fleet-sql.js';
import { toIssue, type FleetStore, type IssueRow } from './fleet-store.js';
import { issueSearchWhere, type IssueSearch } from './issue-search.js';
import { issuesCsv } from './issues-csv.js';

/** The issue after a step, and whether this call took it: false when the issue was already so (another operator, or another fleet instance, got there first). */
interface IssueStep {
  issue: FleetIssue;
  changed: boolean;
  /** A device's issue this call resolved while the room's last report of the device said it was down. */
  stillDown?: DownStatus;
}

/** Each step's UPDATE (actor, time, id): it changes the issue only from the states it may leave. */
const STEPS = {
  acknowledged: "UPDATE fleet_issues SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'",
  resolved: "UPDATE fleet_issues SET state = 'resolved', resolved_by = ?, resolved_at = ? WHERE id = ? AND state != 'resolved'",
} as const;

/**
 * What staff do with an issue, each step recorded with who did it: acknowledge, assign,
 * resolve, add a note. The actor is always the operator the credential belongs to (the
 * server passes it in; a name in a request body is never taken). Resolved issues stay
 * and are found again by search.
 */
export class IssueDesk {
  constructor(
    private readonly sql: FleetSql,
    private readonly store: Pick<FleetStore, 'issue'>,
  ) {}

  /*
   * Each step is one conditional UPDATE: the database lets one of two operators (or fleet
   * instances) pressing at the same instant through; only that one is logged, and only that
   * one tells the room. The other is answered with the issue as it now is.
   */
  acknowledge(id: string, actor: string, at = new Date()): Promise<IssueStep> {
    return this.step(id, actor, 'acknowledged', at);
  }

  /**
   * A device's issue resolved by hand ends the device's running fault then (recorded as ended by
   * the operator): staff who resolve it have dealt with it, and the figures stop counting it. The
   * room does not send a status again while it is unchanged, so the fleet says when the device was
   * still down by the room's last report (`stillDown`, and in the story's resolved step): a fresh
   * issue opens with the room's next report of it down (device-fault-issues.ts).
   */
  async resolve(id: string, actor: string, at = new Date()): Promise<IssueStep> {
    const issue = await this.existing(id);
    const status = issue.kind === 'device' && issue.deviceId !== null ? await this.deviceStatus(issue.site, issue.room, issue.deviceId) : undefined;
    const stillDown = isDown(status) ? status : undefined;
    const step = await this.step(id, actor, 'resolved', at, stillDown ?? null);
    if (!step.changed || issue.kind !== 'device') return step;
    // Never before it started (a fault begins on the clock of the batch that heard it).
    await this.sql.run(
      'UPDATE fleet_device_faults SET ended_at = CASE WHEN started_at > ? THEN started_at ELSE ? END, ended_by = ? WHERE issue_id = ? AND ended_at IS NULL',
      [at.getTime(), at.getTime(), actor, id],
    );
    return stillDown ? { ...step, stillDown } : step;
  }

  private async deviceStatus(site: string, room: string, deviceId: string): Promise<string | undefined> {
    const rows = await this.sql.query<{ status: string }>('SELECT status FROM fleet_devices WHERE site = ? AND room = ? AND device_id = ?', [
      site,
      room,
      deviceId,
    ]);
    return rows[0]?.status;
  }

  /** One step of the issue's life (its conditional UPDATE in STEPS); only a press that changed the issue is logged, with `text`. */
  private async step(id: string, actor: string, action: keyof typeof STEPS, at: Date, text: string | null = null): Promise<IssueStep> {
    await this.existing(id);
    const { changes } = await this.sql.run(STEPS[action], [actor, at.toISOString(), id]);
    if (changes) await this.record(id, actor, action, text, at);
    return { issue: await this.existing(id), changed: changes > 0 };
  }

  /** Gives the issue to an operator (by name; they must exist), or to nobody with null. */
  async assign(id: string, to: string | null, actor: string, at = new Date()): Promise<FleetIssue> {
    await this.existing(id);
    if (to !== null) {
      const known = await this.sql.query<{ name: string }>('SELECT name FROM fleet_operators WHERE name = ?', [to]);
      if (!known.length) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `No operator named "${to}"`, { field: 'to' });
    }
    await this.sql.run('UPDATE fleet_issues SET assigned_to = ? WHERE id = ?', [to, id]);
    await this.record(id, actor, 'assigned', to, at);
    return this.existing(id);
  }

  async note(id: string, text: string, actor: string, at = new Date()): Promise<FleetIssueLogEntry> {
    await this.existing(id);
    return this.record(id, actor, 'note', text, at);
  }

  /** The issue's story, oldest first: opened, acknowledged, notes, cleared, reopened, resolved. */
  async log(id: string): Promise<FleetIssueLogEntry[]> {
    return this.sql.query<FleetIssueLogEntry>(
      'SELECT id, issue_id AS "issueId", at, actor, action, text FROM fleet_issue_log WHERE issue_id = ? ORDER BY at, id',
      [id],
    );
  }

  async record(issueId: string, actor: string | null, action: FleetIssueLogEntry['action'], text: string | null, at = new Date()): Promise<FleetIssueLogEntry> {
    const entry: FleetIssueLogEntry = { id: randomUUID(), issueId, at: at.toISOString(), actor, action, text };
    await this.sql.run('INSERT INTO fleet_issue_log (id, issue_id, at, actor, action, text) VALUES (?, ?, ?, ?, ?, ?)', [
      entry.id,
      issueId,
      entry.at,
      actor,
      action,
      text,
    ]);
    return entry;
  }

  /**
   * The issues a search finds, newest first (ties by id, as the open issues' pages and the CSV):
   * one query whatever the page (each issue used to be read again by its id, 201 queries for 200).
   */
  async search(s: IssueSearch = {}): Promise<FleetIssue[]> {
    const { where, params } = issueSearchWhere(s);
    params.push(Math.min(s.limit ?? 200, 1000));
    const rows = await this.sql.query<IssueRow>(`SELECT * FROM fleet_issues WHERE ${where} ORDER BY opened_at DESC, id DESC LIMIT ?`, params);
    return rows.map(toIssue);
  }

  /** The issues a search finds as CSV, newest first (issues-csv.ts). */
  csv(s: IssueSearch = {}): ReturnType<typeof issuesCsv> {
    return issuesCsv(this.sql, s);
  }

  private async existing(id: string): Promise<FleetIssue> {
    const issue = await this.store.issue(id);
    if (!issue) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No issue "${id}"`);
    return issue;
  }
}
