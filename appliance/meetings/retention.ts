import type { Db } from '../store/database.js';
import type { LinkedMeetingsPort } from './linked-port.js';

interface PurgeResult {
  cutoff: string;
  removed: Record<string, number>;
}

/**
 * Deletes meeting records that ended before `cutoff` (their check-ins, agenda, minutes and
 * action items go with them, and what linked rooms sent about them), old feedback, self-tests,
 * sent notifications and audit entries, and logs the purge itself — the log of purges is kept.
 */
export function purgeOlderThan(db: Db, cutoff: Date, now: Date, linked?: Pick<LinkedMeetingsPort, 'forgetGoneMeetings'>): PurgeResult {
  const c = cutoff.toISOString();
  const removed: Record<string, number> = {};
  db.transaction(() => {
    removed.feedback = db.prepare('DELETE FROM feedback WHERE at < ?').run(c).changes;
    removed.selftests = db.prepare('DELETE FROM selftest_reports WHERE at < ?').run(c).changes;
    removed.audit = db.prepare('DELETE FROM minutes_audit WHERE at < ?').run(c).changes;
    removed.notifications = db.prepare("DELETE FROM notify_outbox WHERE status != 'pending' AND created_at < ?").run(c).changes;
    removed.meetings = db.prepare("DELETE FROM meetings WHERE end_at < ? AND status != 'in_progress'").run(c).changes;
    if (linked) removed.linkedRecords = linked.forgetGoneMeetings();
    db.prepare('INSERT INTO retention_log (at, cutoff, removed) VALUES (?, ?, ?)').run(now.toISOString(), c, JSON.stringify(removed));
  })();
  return { cutoff: c, removed };
}

export function purgeLog(db: Db, limit = 50): { at: string; cutoff: string; removed: Record<string, number> }[] {
  const rows = db.prepare('SELECT at, cutoff, removed FROM retention_log ORDER BY id DESC LIMIT ?').all(limit) as {
    at: string;
    cutoff: string;
    removed: string;
  }[];
  return rows.map((r) => ({ at: r.at, cutoff: r.cutoff, removed: JSON.parse(r.removed) as Record<string, number> }));
}
