import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

/** Speeds below this (a finger resting near the centre) count as zero. */
const DEAD_ZONE = 0.15;

export interface JoystickDetail {
  pan: number;
  tilt: number;
}

/**
 * A press-and-hold joystick: the knob follows the finger, the distance from the centre is the
 * speed. Emits `joystick-drive` {pan, tilt} (each −1..1, up is +tilt) as it changes and
 * `joystick-release` when the touch ends in any way: lifted, cancelled by the browser, or the
 * pointer capture lost. Keyboard: arrow keys drive while held.
 */
@customElement('ptz-joystick')
export class PtzJoystick extends LitElement {
  static override styles = css`
    :host {
      display: block;
      width: var(--size, 200px);
      height: var(--size, 200px);
      touch-action: none;
    }
    .pad {
      position: relative;
      width: 100%;
      height: 100%;
      border-radius: 50%;
      background: radial-gradient(circle, #22303e 0%, #16202a 70%);
      border: 2px solid #3d5166;
      touch-action: none;
      user-select: none;
      cursor: grab;
    }
    .pad:focus-visible {
      outline: 3px solid #ffd43b;
      outline-offset: 3px;
    }
    .pad.held {
      border-color: #5aa0ff;
    }
    .knob {
      position: absolute;
      left: 50%;
      top: 50%;
      width: 38%;
      height: 38%;
      margin: -19% 0 0 -19%;
      border-radius: 50%;
      background: #34506b;
      border: 2px solid #8fb8e6;
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.5);
      pointer-events: none;
    }
    .arrow {
      position: absolute;
      color: #8fa8c0;
      font-size: 1.2em;
      pointer-events: none;
    }
  `;

  @property({ type: String }) label = 'Camera joystick';
  @state() knob: { x: number; y: number } = { x: 0, y: 0 };
  private pointerId: number | null = null;
  private last: JoystickDetail = { pan: 0, tilt: 0 };
  private readonly keys = new Set<string>();

  override render() {
    const held = this.pointerId !== null || this.keys.size > 0;
    return html`<div
      class="pad ${held ? 'held' : ''}"
      role="button"
      tabindex="0"
      aria-label=${this.label}
      aria-pressed=${String(held)}
      data-testid="joystick"
      @pointerdown=${this.down}
      @pointermove=${this.move}
      @pointerup=${this.up}
      @pointercancel=${this.up}
      @lostpointercapture=${this.up}
      @keydown=${this.keyDown}
      @keyup=${this.keyUp}
      @blur=${this.keyRelease}
    >
      <span class="arrow" style="left:46%;top:4%" aria-hidden="true">▲</span>
      <span class="arrow" style="left:46%;bottom:4%" aria-hidden="true">▼</span>
      <span class="arrow" style="left:5%;top:44%" aria-hidden="true">◀</span>
      <span class="arrow" style="right:5%;top:44%" aria-hidden="true">▶</span>
      <div class="knob" style="transform: translate(${this.knob.x * 130}%, ${this.knob.y * 130}%)"></div>
    </div>`;
  }

  private down(e: PointerEvent): void {
    if (this.pointerId !== null) return;
    this.pointerId = e.pointerId;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    this.track(e);
  }

  private move(e: PointerEvent): void {
    if (e.pointerId === this.pointerId) this.track(e);
  }

  private up(e: PointerEvent): void {
    if (e.pointerId !== this.pointerId) return;
    this.pointerId = null;
    this.knob = { x: 0, y: 0 };
    this.last = { pan: 0, tilt: 0 };
    this.dispatchEvent(new CustomEvent('joystick-release', { bubbles: true, composed: true }));
  }

  private track(e: PointerEvent): void {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    let x = (e.clientX - (box.left + box.width / 2)) / (box.width / 2);
    let y = (e.clientY - (box.top + box.height / 2)) / (box.height / 2);
    const length = Math.hypot(x, y);
    if (length > 1) {
      x /= length;
      y /= length;
    }
    this.knob = { x, y };
    this.emit({ pan: shape(x), tilt: shape(-y) });
  }

  private keyDown(e: KeyboardEvent): void {
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) return;
    e.preventDefault();
    this.keys.add(e.key);
    this.emitKeys();
  }

  private keyUp(e: KeyboardEvent): void {
    if (!this.keys.delete(e.key)) return;
    if (this.keys.size === 0) this.keyRelease();
    else this.emitKeys();
  }

  private keyRelease(): void {
    if (this.keys.size === 0 && this.pointerId === null) return;
    this.keys.clear();
    this.knob = { x: 0, y: 0 };
    this.last = { pan: 0, tilt: 0 };
    this.dispatchEvent(new CustomEvent('joystick-release', { bubbles: true, composed: true }));
  }

  private emitKeys(): void {
    const x = (this.keys.has('ArrowRight') ? 0.5 : 0) - (this.keys.has('ArrowLeft') ? 0.5 : 0);
    const y = (this.keys.has('ArrowDown') ? 0.5 : 0) - (this.keys.has('ArrowUp') ? 0.5 : 0);
    this.knob = { x, y };
    this.emit({ pan: x, tilt: -y });
  }

  private emit(detail: JoystickDetail): void {
    if (detail.pan === this.last.pan && detail.tilt === this.last.tilt) return;
    this.last = detail;
    this.dispatchEvent(new CustomEvent<JoystickDetail>('joystick-drive', { detail, bubbles: true, composed: true }));
  }
}

/** Dead zone, then a gentle curve (fine control near the centre), in steps of 0.05. */
function shape(v: number): number {
  const a = Math.abs(v);
  if (a < DEAD_ZONE) return 0;
  const scaled = ((a - DEAD_ZONE) / (1 - DEAD_ZONE)) ** 1.5;
  return Math.sign(v) * Math.max(0.05, Math.round(scaled * 20) / 20);
}

declare global {
  interface HTMLElementTagNameMap {
    'ptz-joystick': PtzJoystick;
  }
  interface HTMLElementEventMap {
    'joystick-drive': CustomEvent<JoystickDetail>;
    'joystick-release': CustomEvent<void>;
  }
}
