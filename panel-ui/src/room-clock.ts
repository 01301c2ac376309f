import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ClockController } from './clock-controller.js';
import { i18n } from './i18n.js';
import { LocaleController } from './locale-controller.js';

/** The time and date in the room's time zone and the panel's language (not the browser's). */
@customElement('room-clock')
export class RoomClock extends LitElement {
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
      font-size: 1.8em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .date {
      font-size: 0.8em;
      color: #a9b4c0;
    }
    @media (max-height: 560px) {
      .time {
        font-size: 1.4em;
      }
    }
    /* A narrow portrait panel: the room's name matters more than the date beside it. */
    @media (max-width: 560px) {
      .date {
        display: none;
      }
    }
  `;

  private readonly clock = new ClockController(this);
  private readonly locale = new LocaleController(this);

  override render() {
    const now = this.clock.now;
    return html`<time datetime=${now.toISOString()} data-testid="clock">
      <span class="time">${i18n.time(now)}</span>
      <span class="date">${i18n.date(now)}</span>
    </time>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-clock': RoomClock;
  }
}
