import { LitElement, css, html } from 'lit';
import { ClockController } from './clock-controller.js';

/** The time and date in the room's time zone (not the browser's), e.g. for a panel set up elsewhere. */
export class RoomClock extends LitElement {
  static override properties = {
    timeZone: { type: String, attribute: 'time-zone' },
  };

  static override styles = css`
    :host {
      display: block;
      text-align: end;
      line-height: 1.1;
    }
    time {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
    }
    .time {
      font-size: 2em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    @media (max-height: 560px) {
      .time {
        font-size: 1.6em;
      }
    }
    .date {
      font-size: 0.9em;
      color: var(--text-muted, #a9b4c0);
    }
  `;

  /** IANA time zone, e.g. "Asia/Shanghai"; empty or unknown falls back to the browser's. */
  declare timeZone: string;

  private readonly clock = new ClockController(this);

  constructor() {
    super();
    this.timeZone = '';
  }

  override render() {
    const now = this.clock.now;
    const { time, date } = formatters(this.timeZone);
    return html`<time datetime=${now.toISOString()}>
      <span class="time">${time.format(now)}</span>
      <span class="date">${date.format(now)}</span>
    </time>`;
  }
}

const cache = new Map<string, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

function formatters(timeZone: string): { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat } {
  let entry = cache.get(timeZone);
  if (!entry) {
    const zone = isValidTimeZone(timeZone) ? timeZone : undefined;
    entry = {
      time: new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: zone }),
      date: new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone }),
    };
    cache.set(timeZone, entry);
  }
  return entry;
}

function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

customElements.define('room-clock', RoomClock);

declare global {
  interface HTMLElementTagNameMap {
    'room-clock': RoomClock;
  }
}
