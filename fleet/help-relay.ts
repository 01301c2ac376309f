import { randomBytes } from 'node:crypto';
import type { Logger } from '../appliance/logger.js';
import { signCommand, type CommandKey } from '../contract/command-signing.js';
import { ACK_HELP, RESOLVE_HELP, type AckHelpParams } from '../contract/commands.js';
import { readers } from '../contract/readers.js';
import { roomTopics } from '../contract/topics.js';
import type { FleetIssue } from './fleet-api-types.js';
import type { FleetSql } from './fleet-sql.js';
import { emptyChanges, roomKey, type FleetChanges, type FleetStore } from './fleet-store.js';

/** A help call older than this is not worth telling the room about any more (its panel forgot it too). */
const TELL_WITHIN_MS = 12 * 3_600_000;

interface HelpRelayOptions {
  sql: FleetSql;
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
 * Carries facilities' answer to a help call back to the room: when staff acknowledge a help
 * issue, the room gets the signed central command `cmd/ack-help {requestId, by}`, and its
 * panel shows who has seen the call; when they resolve it, `cmd/resolve-help {requestId, by}`,
 * and the panel says the call is dealt with (a call resolved unseen counts as seen). The room's answer comes back on
 * `roomctl/<site>/<room>/reply/<instance>` (the reply subtree under the room's own topics, which its broker
 * account may write). The room confirms twice — its answer, and its own `help.acknowledged`
 * event — and either marks the issue `roomSeenAt`. A room that was away (its `status` goes
 * back to `online`) is told again, since a command older than the room's signature window
 * is refused.
 */
export class HelpRelay {
  private readonly replyPrefix: string;

  constructor(private readonly o: HelpRelayOptions) {
    this.replyPrefix = `/reply/${o.instanceId}`;
  }

  /** The topic filter for this instance's answers (a shared subscription would hand them to another instance). */
  get replySubscription(): string {
    return `roomctl/+/+${this.replyPrefix}`;
  }

  /** Staff acknowledged or resolved an issue: a help call's room hears about it (`ack-help`, then `resolve-help`). */
  async tell(issue: FleetIssue): Promise<void> {
    if (issue.kind !== 'help' || issue.state === 'open') return;
    const resolving = issue.state === 'resolved';
    if (resolving ? issue.roomResolvedAt : issue.roomSeenAt) return;
    const key = this.o.key;
    if (!key) {
      await this.fail(issue, 'The fleet view has no command key (--command-key), so the room cannot be told');
      return;
    }
    const topics = roomTopics(issue.site, issue.room);
    const topic = topics.command(resolving ? RESOLVE_HELP : ACK_HELP);
    const params: AckHelpParams = { requestId: issue.id, by: (resolving ? issue.resolvedBy : issue.acknowledgedBy) ?? issue.acknowledgedBy ?? 'facilities' };
    const command = signCommand(topic, key, {
      ts: this.o.now?.() ?? Date.now(),
      nonce: randomBytes(12).toString('base64url'),
      params,
      replyTo: topics.reply(this.o.instanceId),
      correlationId: issue.id,
    });
    this.o.publish(topic, JSON.stringify(command));
  }

  /** True when the message was an answer to this instance (handled here, not by the store). */
  handle(topic: string, payload: Buffer): boolean {
    if (!topic.endsWith(this.replyPrefix) || !topic.startsWith('roomctl/')) return false;
    this.answer(payload).catch((err: Error) => this.o.log.warn({ err: err.message }, "the fleet could not record the room's answer"));
    return true;
  }

  private async answer(payload: Buffer): Promise<void> {
    const read = readers.commandResponse.payload(payload);
    if (!read.ok) {
      this.o.log.warn({ code: read.error.code, err: read.error.message }, 'the fleet ignored a command answer it cannot read');
      return;
    }
    const answer = read.value;
    const id = answer.correlationId;
    if ((answer.command !== ACK_HELP && answer.command !== RESOLVE_HELP) || typeof id !== 'string') return;
    if (answer.ok) {
      const now = new Date(this.o.now?.() ?? Date.now()).toISOString();
      let seen: { changes: number };
      if (answer.command === ACK_HELP) {
        const result = readers.ackHelpResult.check(answer.result);
        const at = result.ok && typeof result.value.acknowledgedAt === 'string' ? result.value.acknowledgedAt : now;
        seen = await this.o.sql.run('UPDATE fleet_issues SET room_seen_at = COALESCE(room_seen_at, ?), room_error = NULL WHERE id = ?', [at, id]);
      } else {
        const result = readers.resolveHelpResult.check(answer.result);
        const value = result.ok ? result.value : {};
        const resolvedAt = typeof value.resolvedAt === 'string' ? value.resolvedAt : now;
        const acknowledgedAt = typeof value.acknowledgedAt === 'string' ? value.acknowledgedAt : now;
        seen = await this.o.sql.run(
          'UPDATE fleet_issues SET room_resolved_at = COALESCE(room_resolved_at, ?), room_seen_at = COALESCE(room_seen_at, ?), room_error = NULL WHERE id = ?',
          [resolvedAt, acknowledgedAt, id],
        );
      }
      if (seen.changes) await this.announce(id);
    } else {
      this.o.log.warn({ issue: id, code: answer.error.code, err: answer.error.message }, 'the room refused the help acknowledgement');
      const issue = await this.o.store.issue(id);
      if (issue) await this.fail(issue, `${answer.error.code}: ${answer.error.message}`);
    }
  }

  /** After each batch from the rooms: a room back online hears what it missed. */
  async observe(changes: FleetChanges): Promise<void> {
    const back = new Set(changes.roomStatus.filter((s) => s.online === 'online').map((s) => roomKey(s.site, s.room)));
    if (back.size === 0) return;
    const since = new Date((this.o.now?.() ?? Date.now()) - TELL_WITHIN_MS).toISOString();
    // One query a batch, not one a room: a fleet's start brings thousands of rooms online at once, and the answers waiting to be told are few.
    const waiting = await this.o.sql.query<{ id: string; site: string; room: string }>(
      "SELECT id, site, room FROM fleet_issues WHERE kind = 'help' AND state != 'open' AND (room_seen_at IS NULL OR (state = 'resolved' AND room_resolved_at IS NULL)) AND opened_at >= ?",
      [since],
    );
    for (const { id, site, room } of waiting) {
      if (!back.has(roomKey(site, room))) continue;
      const issue = await this.o.store.issue(id);
      if (issue) await this.tell(issue);
    }
  }

  private async fail(issue: FleetIssue, error: string): Promise<void> {
    const failed = await this.o.sql.run('UPDATE fleet_issues SET room_error = ? WHERE id = ? AND (room_seen_at IS NULL OR room_resolved_at IS NULL)', [
      error,
      issue.id,
    ]);
    if (failed.changes) await this.announce(issue.id);
  }

  private async announce(id: string): Promise<void> {
    const issue = await this.o.store.issue(id);
    if (!issue) return;
    this.o.changed({ ...emptyChanges(), rooms: new Set([roomKey(issue.site, issue.room)]), issues: new Set([id]) });
  }
}
