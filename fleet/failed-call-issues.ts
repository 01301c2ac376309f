import { randomUUID } from 'node:crypto';
import type { FleetSqlTx } from './fleet-sql.js';

/** What a room's `call.changed` event means for its issues: a failed call opens one, a call that goes through closes it. */
type CallIssueChange = { issueId: string } | null;

/**
 * A room's online call that failed is an issue (kind `call`): the people in the room could
 * not reach their meeting. One unresolved call issue per room (a unique key: a second failure
 * before anyone resolves it is the same trouble, and two instances cannot open two); the
 * room's next call that goes through (`in-call`) closes it by itself unless an operator
 * acknowledged it, in which case it is theirs to resolve (like a device fault). Runs inside
 * the batch's transaction, after the event was stored once (a redelivered event does nothing).
 */
export async function trackCallIssue(
  tx: FleetSqlTx,
  room: { site: string; room: string },
  event: { id: string; at: string; body: Record<string, unknown> },
  meeting: string | null,
): Promise<CallIssueChange> {
  const state = event.body.state;
  if (state === 'failed') {
    const detail = typeof event.body.detail === 'string' && event.body.detail ? event.body.detail : null;
    const provider = typeof event.body.provider === 'string' ? event.body.provider : null;
    // The room's own words (the dashboard says "Failed call" beside them, in the operator's language).
    const summary = [provider, detail].filter(Boolean).join(': ') || 'The online call failed';
    const id = `call-${event.id}`;
    const opened = await tx.run(
      "INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state, meeting) VALUES (?, 'call', ?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING",
      [id, room.site, room.room, summary, event.at, meeting],
    );
    if (opened.changes) {
      await log(tx, id, 'opened', detail, event.at);
      return { issueId: id };
    }
    // The room has an unresolved call issue: a call that went through since (someone had taken it on) makes this a relapse.
    const again = await tx.query<{ id: string }>(
      "UPDATE fleet_issues SET cleared_at = NULL WHERE kind = 'call' AND site = ? AND room = ? AND state <> 'resolved' AND cleared_at IS NOT NULL RETURNING id",
      [room.site, room.room],
    );
    if (!again[0]) return null;
    await log(tx, again[0].id, 'reopened', detail, event.at);
    return { issueId: again[0].id };
  }
  if (state !== 'in-call') return null;
  const open = await tx.query<{ id: string }>(
    "SELECT id FROM fleet_issues WHERE kind = 'call' AND site = ? AND room = ? AND state <> 'resolved' AND cleared_at IS NULL",
    [room.site, room.room],
  );
  const issue = open[0];
  if (!issue) return null;
  await tx.run(
    "UPDATE fleet_issues SET cleared_at = ?, state = CASE WHEN state = 'open' THEN 'resolved' ELSE state END, resolved_at = CASE WHEN state = 'open' THEN ? ELSE resolved_at END WHERE id = ?",
    [event.at, event.at, issue.id],
  );
  await log(tx, issue.id, 'cleared', null, event.at);
  return { issueId: issue.id };
}

async function log(tx: FleetSqlTx, issueId: string, action: 'opened' | 'cleared' | 'reopened', text: string | null, at: string): Promise<void> {
  await tx.run('INSERT INTO fleet_issue_log (id, issue_id, at, actor, action, text) VALUES (?, ?, ?, NULL, ?, ?)', [randomUUID(), issueId, at, action, text]);
}
