import { systemClock, type Clock, type ClockTimer } from '../core/clock.js';

/**
 * Turns boot-keyboard reports (modifier, reserved, six key codes) into badge ids. A wedge
 * reader types a whole badge in a burst, a few ms per key, usually ending with Enter; a gap
 * longer than `interCharTimeoutMs` ends the badge too (readers set to send no terminator), and
 * a burst shorter than `minLength` is noise or a person typing, not a badge. Pure apart from
 * the clock it is given.
 */
export interface KeyboardWedgeOptions {
  interCharTimeoutMs?: number;
  minLength?: number;
  maxLength?: number;
  clock?: Clock;
}

const SHIFT = 0x22; // left or right shift
/** HUT §10 Keyboard page: letters 0x04..0x1D, digits 0x1E..0x27, Enter 0x28, Tab 0x2B, - 0x2D. */
function keyToChar(code: number, shift: boolean): string | 'enter' | undefined {
  if (code >= 0x04 && code <= 0x1d) {
    const c = String.fromCharCode(0x61 + code - 0x04);
    return shift ? c.toUpperCase() : c;
  }
  if (code >= 0x1e && code <= 0x26) return String(code - 0x1d);
  if (code === 0x27) return '0';
  if (code === 0x28 || code === 0x58 || code === 0x2b) return 'enter'; // Enter, keypad Enter, Tab
  if (code === 0x2d) return shift ? '_' : '-';
  return undefined;
}

export class KeyboardWedge {
  private previous = new Set<number>();
  private buffer = '';
  private timer: ClockTimer | undefined;
  private readonly clock: Clock;
  private readonly interCharTimeoutMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;
  /** Bursts thrown away (too short, too long, unknown keys), for the health view. */
  discarded = 0;

  constructor(
    private readonly onBadge: (id: string) => void,
    options: KeyboardWedgeOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.interCharTimeoutMs = options.interCharTimeoutMs ?? 100;
    this.minLength = options.minLength ?? 4;
    this.maxLength = options.maxLength ?? 64;
  }

  /** One input report as node-hid delivers it (8 bytes for a boot keyboard without report IDs). */
  push(report: Uint8Array): void {
    if (report.length < 3) return;
    const shift = (report[0]! & SHIFT) !== 0;
    const keys = new Set([...report.subarray(2, 8)].filter((k) => k > 0x03)); // 0 none, 1..3 error codes (rollover)
    if ([...report.subarray(2, 8)].some((k) => k >= 0x01 && k <= 0x03)) return; // phantom state: ignore the report
    for (const code of keys) {
      if (this.previous.has(code)) continue; // still held, not a new press
      const ch = keyToChar(code, shift);
      if (ch === 'enter') this.flush();
      else if (ch === undefined) this.drop();
      else this.add(ch);
    }
    this.previous = keys;
  }

  /** Stop the timer (the driver is going away). */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.buffer = '';
  }

  private add(ch: string): void {
    this.buffer += ch;
    if (this.buffer.length > this.maxLength) return this.drop();
    this.timer?.cancel();
    this.timer = this.clock.after(this.interCharTimeoutMs, () => this.flush());
  }

  private flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const id = this.buffer;
    this.buffer = '';
    if (id.length === 0) return;
    if (id.length < this.minLength) {
      this.discarded++;
      return;
    }
    this.onBadge(id);
  }

  private drop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.buffer) this.discarded++;
    this.buffer = '';
  }
}
