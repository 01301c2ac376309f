import { localDay, localTimeOnDay, startOfLocalDay, wallTimeAt, wallTimeToInstant } from '../schedule/zoned-time.js';
import { roomFigures, type RoomFigures } from './figures.js';
import { minutesMs, type MeetingContext } from './meeting-context.js';
import { purgeOlderThan } from './retention.js';

/** What this file's functions use of the meeting context. */
type DailyJobsContext = Pick<MeetingContext, 'bus' | 'clock' | 'db' | 'linked' | 'log' | 'meetings' | 'minutes' | 'notifier' | 'room' | 'rules' | 'texts'>;

/** Business minutes between two instants, counting each local day's business hours. */
function businessMinutes(ctx: DailyJobsContext, from: Date, to: Date): number {
  const { timezone } = ctx.room;
  const { start, end } = ctx.rules.businessHours;
  let total = 0;
  for (let day = startOfLocalDay(from, timezone); day < to; ) {
    const open = Math.max(localTimeOnDay(day, start, timezone).getTime(), from.getTime());
    const close = Math.min(
      end === '24:00' ? startOfLocalDay(new Date(day.getTime() + 26 * 3_600_000), timezone).getTime() : localTimeOnDay(day, end, timezone).getTime(),
      to.getTime(),
    );
    total += Math.max(0, close - open) / 60_000;
    const w = wallTimeAt(new Date(day.getTime() + 26 * 3_600_000), timezone);
    day = wallTimeToInstant({ ...w, hour: 0, minute: 0, second: 0 }, timezone);
  }
  return total;
}

export function figuresBetween(ctx: DailyJobsContext, from: Date, to: Date): RoomFigures {
  return roomFigures(ctx.db, {
    from: from.toISOString(),
    to: to.toISOString(),
    businessMinutes: businessMinutes(ctx, from, to),
    lateAfterMinutes: ctx.rules.lateAfterMinutes,
    now: ctx.clock.now(),
  });
}

/** Reminds action item owners before their deadlines (once per deadline). */
export function followUps(ctx: DailyJobsContext): void {
  const now = ctx.clock.now();
  const until = new Date(now.getTime() + ctx.rules.followUpHours * 3_600_000).toISOString();
  for (const item of ctx.minutes.dueForReminder(until)) {
    const meeting = ctx.meetings.get(item.meetingId);
    ctx.minutes.markReminded(item.id, now);
    if (!item.ownerEmail) continue;
    ctx.notifier.notify(ctx.texts.followUp(item, meeting?.title ?? 'a meeting'), { emails: [item.ownerEmail], groups: false });
  }
}

/**
 * Once a local day at `dailyAt`: publish yesterday's figures (`room.figures`) and purge
 * records past retention. The day's row in daily_jobs makes it once, even after a restart.
 */
export function dailyJobs(ctx: DailyJobsContext): void {
  const now = ctx.clock.now();
  const { timezone } = ctx.room;
  if (now < localTimeOnDay(now, ctx.rules.dailyAt, timezone)) return;
  const today = localDay(now, timezone);
  const claimed = ctx.db.prepare("INSERT OR IGNORE INTO daily_jobs (job, day, at) VALUES ('daily', ?, ?)").run(today, now.toISOString()).changes === 1;
  if (!claimed) return;
  const todayStart = startOfLocalDay(now, timezone);
  const yesterdayStart = startOfLocalDay(new Date(todayStart.getTime() - minutesMs(12 * 60)), timezone);
  const figures = figuresBetween(ctx, yesterdayStart, todayStart);
  const { from: _from, to: _to, ...numbers } = figures;
  ctx.bus.publish({ type: 'room.figures', day: localDay(yesterdayStart, timezone), figures: numbers });
  const purge = purgeOlderThan(ctx.db, new Date(now.getTime() - ctx.rules.retentionDays * 86_400_000), now, ctx.linked);
  ctx.log.info({ cutoff: purge.cutoff, removed: purge.removed }, 'retention purge');
}
