import { css, html } from 'lit';
import { fleetLocale, ft } from './fleet-words.js';

/** Days the reply-time chart covers, today the last. */
const DAYS = 7;

/** Local midnight of the day `t` falls in (the operator's days, as their calendar has them). */
function dayStart(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A device's reply time per day over the last `days` local days, oldest first: the median of the
 * day's samples (a sample every few minutes; the median, as one slow reply says little), null
 * on a day without any (the device or its room did not report that day).
 */
function dailyMedians(points: ReadonlyArray<{ at: number; value: number }>, now = Date.now(), days = DAYS): Array<{ day: number; median: number | null }> {
  const today = new Date(dayStart(now));
  // By the calendar, not 24 h steps: a day that changes the clock is 23 or 25 hours long.
  const starts = Array.from({ length: days }, (_, i) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1 - i)).getTime());
  const index = new Map(starts.map((s, i) => [s, i]));
  const buckets = starts.map((): number[] => []);
  for (const p of points) {
    const i = index.get(dayStart(p.at));
    if (i !== undefined) buckets[i]!.push(p.value);
  }
  return starts.map((day, i) => ({ day, median: median(buckets[i]!) }));
}

/** A reply time as its figure: whole milliseconds, tenths below 10 ms. */
const figure = (ms: number) => String(ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms));

export const replyTimeChartStyles = css`
  .daily { display: grid; grid-template-columns: repeat(7, 2.1em); align-items: end; gap: 2px; height: 3.2em; }
  .daily .day { display: flex; flex-direction: column; align-items: center; justify-content: end; height: 100%; }
  .daily .day .figure { font-size: 0.8em; line-height: 1.2; white-space: nowrap; }
  .daily .day .bar { width: 70%; min-height: 1px; background: #74c0fc; border-radius: 2px 2px 0 0; }
  .daily .day[data-median=''] .figure { color: #a9b4c0; }
`;

/**
 * The week's reply times of one device as a person reads them: a bar a day with its median
 * figure above it, in ms, "–" on a day without a reading (the table's key says so once); each
 * day's date and figure on hover and for a screen reader.
 */
export function replyTimeChart(points: ReadonlyArray<{ at: number; value: number }>, name: string, now = Date.now()) {
  const days = dailyMedians(points, now);
  if (days.every((d) => d.median === null)) return html`<span class="muted">—</span>`;
  const highest = Math.max(...days.map((d) => d.median ?? 0), 1e-9);
  const date = new Intl.DateTimeFormat(fleetLocale(), { weekday: 'short', month: 'short', day: 'numeric' });
  const said = (m: number | null) => (m === null ? ft('no readings') : ft('{ms} ms', { ms: figure(m) }));
  const label = ft('Reply time of {name}, median a day: {days}', { name, days: days.map((d) => `${date.format(d.day)} ${said(d.median)}`).join(ft(', ')) });
  return html`<div class="daily" role="img" aria-label=${label} data-chart="reply-time">
      ${days.map(
        (d) => html`<div class="day" data-median=${d.median === null ? '' : figure(d.median)} title=${`${date.format(d.day)}: ${said(d.median)}`}>
          <span class="figure">${d.median === null ? '–' : figure(d.median)}</span>
          ${d.median === null ? '' : html`<span class="bar" style=${`height: ${Math.max(4, Math.round((d.median / highest) * 55))}%`}></span>`}
        </div>`,
      )}
    </div>`;
}
