import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DeviceHistory, FleetNames, RoomHistory, UptimeWindow } from '../../../fleet/fleet-api-types.js';
import type { FleetApi } from './fleet-api.js';
import { deviceFaultWords } from './fleet-device-fault-words.js';
import { faultsExport } from './fleet-faults-export.js';
import { replyTimeChart, replyTimeChartStyles } from './fleet-reply-time-chart.js';
import { sparkline } from './fleet-sparkline.js';
import { moreBelowStyles, WholeItemsController } from '../whole-items.js';
import { FleetWordsController, duration, exactTime, ft, nameIn, when } from './fleet-words.js';

const WINDOWS: UptimeWindow[] = ['24h', '7d', '30d'];
/**
 * Faults listed at most (newest first): a month of a flapping device is thousands, which nobody
 * reads in a box 14 lines high and which took the page seconds to draw; the export holds them.
 */
const FAULTS_LISTED = 500;
const pct = (v: number) => `${(Math.floor(v * 10_000) / 100).toFixed(2)}%`;

/** How long a fault still going has lasted: it moves on with the re-render every half minute, not only when the history is fetched again. */
/** A text in the operator's language around one rendered part, which `{t}` in it stands for (its punctuation is the language's). */
const around = (text: string, part: unknown) => {
  const [before, after = ''] = text.split('{t}');
  return html`${before}${part}${after}`;
};

const soFar = (f: RoomHistory['faults'][number]) => Math.max(f.durationMs, Date.now() - f.startedAt);

/** The device's signal over the week: its range and its last value in the label (frame rate in fps, a level in dBFS). */
function signalChart(signal: DeviceHistory['signal'], name: string) {
  if (!signal || signal.points.length < 2) return html`<span class="muted">—</span>`;
  const values = signal.points.map((p) => p.value);
  const label = ft('Signal of {name}: now {value} {unit}, from {min} to {max} in 7 days', {
    name,
    value: values.at(-1)!,
    unit: signal.unit,
    min: Math.min(...values),
    max: Math.max(...values),
  });
  return html`${sparkline(signal.points, { label, range: true, kind: 'signal' })}<div class="muted" data-signal-now>${values.at(-1)} ${signal.unit}</div>`;
}

/** A room's history: uptime per window, each fault with its duration, reply-time and signal trends, lamp hours. */
@customElement('fleet-room-history')
export class FleetRoomHistory extends LitElement {
  static override styles = [
    replyTimeChartStyles,
    moreBelowStyles,
    css`
    :host { display: block; font-size: 0.9em; }
    h3 { font-size: 1em; margin: 0.8em 0 0.3em; }
    table { width: 100%; border-collapse: collapse; }
    td, th { text-align: left; padding: 0.25em 0.4em; border-bottom: 1px solid #2c3a49; vertical-align: middle; }
    /* Chinese may break between any two characters: on a tablet "故障" stood one character a line. Headers and names break at spaces only. */
    th, td:first-child { word-break: keep-all; }
    /* A figure stays with its unit ("1234 小时", "99.96%"). */
    td[data-uptime], td[data-faults], .figure { white-space: nowrap; }
    .muted { color: #a9b4c0; }
    /* Room for a three-digit number: a scrolled list clips what its numbers overhang ("12." read "2."). */
    ol { padding-left: 2.6em; margin: 0; max-height: 14em; overflow: auto; }
    button { font: inherit; font-size: 0.85em; padding: 0.2em 0.6em; border-radius: 6px; border: 1px solid #2c3a49; background: #243243; color: inherit; cursor: pointer; }
    .key { font-size: 0.85em; margin: 0.3em 0 0; }
  `,
  ];

  @property({ attribute: false }) api!: FleetApi;
  @property({ attribute: false }) history: RoomHistory | undefined;
  /** Device id → names from the room's config. */
  @property({ attribute: false }) names: Record<string, FleetNames | null> = {};
  private readonly words = new FleetWordsController(this);
  private readonly wholeFaults = new WholeItemsController(this, 'ol[data-faults]');

  private uptimeRow(d: DeviceHistory) {
    return html`<tr data-device-history=${d.deviceId}>
      <td>${nameIn(this.names[d.deviceId], d.deviceId)}</td>
      ${WINDOWS.map((w) => html`<td data-uptime=${w}>${pct(d.uptime[w])}</td>`)}
      <td data-faults>${d.faults.length}</td>
    </tr>`;
  }

  private trendRow(d: DeviceHistory) {
    const name = nameIn(this.names[d.deviceId], d.deviceId);
    const lamp = d.lamp;
    return html`<tr data-device-history=${d.deviceId}>
      <td>${name}</td>
      <td data-reply-time>${replyTimeChart(d.replyMs, name)}</td>
      <td data-signal>${signalChart(d.signal, name)}</td>
      <td data-lamp>${lamp ? html`<span class="figure">${ft('{h} h', { h: Math.round(lamp.hours) })}</span>${lamp.replaceBy ? html`<div class="muted" title=${exactTime(lamp.replaceBy)}>${ft('replace by {date}', { date: new Date(lamp.replaceBy).toLocaleDateString() })}</div>` : nothing}` : html`<span class="muted">—</span>`}</td>
    </tr>`;
  }

  override render() {
    const h = this.history;
    if (!h) return html`<p class="muted">${ft('Loading…')}</p>`;
    const exported = faultsExport(h.site, h.room, h.faults.length);
    // Two tables, not one of nine columns: with both charts beside the uptimes the table ran past a tablet's width.
    return html`<h3>${ft('Uptime')}</h3>
      <table data-uptime-table>
        <thead><tr><th></th>${WINDOWS.map((w) => html`<th>${ft(w)}</th>`)}<th>${ft('Faults')}</th></tr></thead>
        <tbody>
          <tr data-room-uptime><td><strong>${ft('Room')}</strong></td>${WINDOWS.map((w) => html`<td data-uptime=${w}>${pct(h.uptime[w])}</td>`)}<td>${h.faults.length}</td></tr>
          ${h.devices.map((d) => this.uptimeRow(d))}
        </tbody>
      </table>
      <h3>${ft('The last 7 days')}</h3>
      <table data-trend-table>
        <thead><tr><th></th><th>${ft('Reply time')}</th><th>${ft('Signal')}</th><th>${ft('Lamp')}</th></tr></thead>
        <tbody>${h.devices.map((d) => this.trendRow(d))}</tbody>
      </table>
      <p class="muted key" data-chart-key>${ft('Reply time: the median of each day in ms, today last; – a day without a reading.')}</p>
      <h3>${ft('Faults, 30 days')} <button name="export-faults" @click=${() => void this.api.download(exported.path, exported.filename)}>${ft('Export CSV')}</button></h3>
      ${exported.cut ? html`<p class="muted" data-export-cut>${ft('The export holds the newest {rows} of these {n} faults.', { rows: exported.cut.rows.toLocaleString(), n: exported.cut.of.toLocaleString() })}</p>` : nothing}
      ${
        h.faults.length === 0
          ? html`<p class="muted">${ft('No fault in 30 days.')}</p>`
          : html`${
              h.faults.length > FAULTS_LISTED
                ? html`<p class="muted" data-faults-listed>${ft('The newest {listed} of these {n} faults are listed here.', { listed: FAULTS_LISTED.toLocaleString(), n: h.faults.length.toLocaleString() })}</p>`
                : nothing
            }<ol data-faults>${h.faults.slice(0, FAULTS_LISTED).map(
              (f) => html`<li data-fault=${f.deviceId} data-ongoing=${f.endedAt === null ? 'yes' : 'no'}>
            <strong>${nameIn(this.names[f.deviceId], f.deviceId)}</strong> ${ft(f.status === 'auth-failed' ? 'refused the password' : 'offline')} ${around(ft('{t}, '), when(f.startedAt))}<span data-duration>${f.endedAt === null ? ft('for {d} so far', { d: duration(soFar(f)) }) : ft('for {d}', { d: duration(f.durationMs) })}</span>${f.endedBy ? html` <span data-ended-by>${ft('(ended when {name} resolved its issue)', { name: f.endedBy })}</span>` : nothing}${deviceFaultWords(f.errorCode) ? html` — <span data-fault-words>${deviceFaultWords(f.errorCode)}</span>` : nothing}${f.detail ? html` <span class="muted">(${f.detail})</span>` : nothing}
          </li>`,
            )}</ol>${this.wholeFaults.cue((n) => (n === 1 ? ft('↓ 1 more fault below') : ft('↓ {n} more faults below', { n })))}`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-room-history': FleetRoomHistory;
  }
}
