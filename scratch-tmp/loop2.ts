import { expansionSteps } from '../appliance/schedule/ics-expand.js';
import { calendarOf } from '../appliance/schedule/testing/ics-text.js';
const series = Array.from({ length: 20 }, (_, i) => [`UID:flood-${i}@example.com`, 'DTSTART:20261206T000000Z', 'DURATION:PT1M', 'RRULE:FREQ=MINUTELY;COUNT=5000', `SUMMARY:Flood ${i}`]);
const ics = calendarOf(series);
for (let run = 0; run < 2; run++) {
let t = performance.now();
const steps = expansionSteps(Buffer.from(ics), { from: new Date('2026-12-06T00:00:00Z'), to: new Date('2026-12-21T00:00:00Z'), roomTimeZone: 'Europe/Berlin' });
let max = 0, n = 0; const big: number[] = [];
for (;;) { const c0 = process.cpuUsage(); const s0 = performance.now(); const st = steps.next(); const d = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000; if (d > max) max = d; if (d > 10) big.push(Math.round(d)); n++; if (st.done) break; }
console.log('steps', n, 'max step ms', max.toFixed(1), 'total', (performance.now() - t).toFixed(0), big.slice(0, 20));
}
