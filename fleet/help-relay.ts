import { randomBytes } from 'node:crypto';
import type { Logger } from '../appliance/logger.js';
import type { Db } from '../appliance/store/database.js';
import { signCommand, type CommandKey } from '../appliance/telemetry/command-auth.js';
import type { CommandResponse } from '../appliance/telemetry/command-server.js';
import type { FleetIssue } from './fleet-api-types.js';
import { roomKey, type FleetChanges, type FleetStore } from './fleet-store.js';

/** A help call older than this is not worth telling the room about any more (its panel forgot it too). */
const TELL_WITHIN_MS = 12 * 3_600_000;

interface HelpRelayOptions {
  db: Db;
  store: FleetStore;
  /** The key the rooms list in `mqtt.commandKeys`; without one, nothing is sent (and the dashboard says so). */
  key: CommandKey | undefined;
  /** This fleet instance's part of the reply topic, so answers come back to the sender. */
  instanceId: string;
  publish(topic: string, payload: string): void;
  /** Tells the dashboard (and anything else following the store) that an issue changed. */
  changed(changes: FleetChanges): void;
  log: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
}

/**
 * Carries facilities' answer to a help call back to the room: when staff acknowledge (or
 * resolve) a help issue, the room gets the signed central command `cmd/ack-help {requestId,
 * by}`, and its panel shows who has seen the call. The room's answer comes back on
 * `roomctl/<site>/<room>/reply/<instance>` (the reply subtree under the room's own topics, which its broker
 * account may write). The room confirms twice — its answer, and its own `help.acknowledged`
 * event — and either marks the issue `roomSeenAt`. A room that was away (its `status` goes
 * back to `online`) is told again, since a command older than the room's signature window
 * is refused.
 */
export class HelpRelay {
  private readonly replyPrefix: string;
  private readonly s;

  constructor(private readonly o: HelpRelayOptions) {
    this.replyPrefix = `/reply/${o.instanceId}`;
    const p = (sql: string) => o.db.prepare(sql);
    this.s = {
      seen: p('UPDATE fleet_issues SET room_seen_at = COALESCE(room_seen_at, ?), room_error = NULL WHERE id = ?'),
      error: p('UPDATE fleet_issues SET room_error = ? WHERE id = ? AND room_seen_at IS NULL'),
      waiting: p("SELECT id FROM fleet_issues WHERE kind = 'help' AND site = ? AND room = ? AND state != 'open' AND room_seen_at IS NULL AND opened_at >= ?").pluck(),
    };
  }

  /** The topic filter for this instance's answers (a shared subscription would hand them to another instance). */
  get replySubscription(): string {
    return `roomctl/+/+${this.replyPrefix}`;
  }

  /** Staff acknowledged or resolved an issue: a help call's room hears about it. */
  tell(issue: FleetIssue): void {
    if (issue.kind !== 'help' || issue.state === 'open' || issue.roomSeenAt) return;
    const key = this.o.key;
    if (!key) {
      this.fail(issue, 'The fleet view has no command key (--command-key), so the room cannot be told');
      return;
    }
    const topic = `roomctl/${issue.site}/${issue.room}/cmd/ack-help`;
    const by = issue.acknowledgedBy ?? issue.resolvedBy ?? 'facilities';
    const command = signCommand(topic, key, {
      ts: this.o.now?.() ?? Date.now(),
      nonce: randomBytes(12).toString('base64url'),
      params: { requestId: issue.id, by },
      replyTo: `roomctl/${issue.site}/${issue.room}${this.replyPrefix}`,
      correlationId: issue.id,
    });
    this.o.publish(topic, JSON.stringify(command));
  }

  /** True when the message was an answer to this instance (handled here, not by the store). */
  handle(topic: string, payload: Buffer): boolean {
    if (!topic.endsWith(this.replyPrefix) || !topic.startsWith('roomctl/')) return false;
    let answer: CommandResponse;
    try {
      answer = JSON.parse(payload.toString('utf8')) as CommandResponse;
    } catch {
      return true;
    }
    const id = answer.correlationId;
    if (answer.command !== 'ack-help' || typeof id !== 'string') return true;
    if (answer.ok) {
      const result = answer.result as { acknowledgedAt?: unknown } | null;
      const at = typeof result?.acknowledgedAt === 'string' ? result.acknowledgedAt : new Date(this.o.now?.() ?? Date.now()).toISOString();
      if (this.s.seen.run(at, id).changes) this.announce(id);
    } else {
      this.o.log.warn({ issue: id, code: answer.error.code, err: answer.error.message }, 'the room refused the help acknowledgement');
      const issue = this.o.store.issue(id);
      if (issue) this.fail(issue, `${answer.error.code}: ${answer.error.message}`);
    }
    return true;
  }

  /** After each batch from the rooms: a room back online hears what it missed. */
  observe(changes: FleetChanges): void {
    const since = new Date((this.o.now?.() ?? Date.now()) - TELL_WITHIN_MS).toISOString();
    for (const { site, room, online } of changes.roomStatus) {
      if (online !== 'online') continue;
      for (const id of this.s.waiting.all(site, room, since) as string[]) {
        const issue = this.o.store.issue(id);
        if (issue) this.tell(issue);
      }
    }
  }

  private fail(issue: FleetIssue, error: string): void {
    if (this.s.error.run(error, issue.id).changes) this.announce(issue.id);
  }

  private announce(id: string): void {
    const issue = this.o.store.issue(id);
    if (!issue) return;
    this.o.changed({ rooms: new Set([roomKey(issue.site, issue.room)]), events: [], issues: new Set([id]), devices: [], roomStatus: [], stale: 0, duplicates: 0 });
  }
}
