import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from './locale-controller.js';
import { screenReaderOnly } from './panel-styles.js';

export interface Toast {
  tone: 'ok' | 'error' | 'info';
  title: string;
  /**
   * The part of the title that names what was pressed (a device's long name): where the header
   * is short, the title gives up its second line before the words go, this part cut with "…"
   * and the rest (": not done") whole on the one line.
   */
  subject?: string;
  text?: string;
  /**
   * Shorter wordings of `text`, longest first, shown in its place when it does not fit the
   * header (the self-test's device names cut so that its count always shows). Screen readers
   * still hear `text` whole.
   */
  shorter?: readonly string[];
  /** The error code, on a line of its own that always shows whole: what a person reads out to facilities. */
  code?: string;
}

/**
 * A toast's words, built when it shows and again when the language changes: one that waited
 * its turn (six check-ins in a row) is said in the panel's language of the moment, not in
 * the one of the moment it came.
 */
export type ToastWords = () => Toast;

interface Queued {
  words: ToastWords;
  /** The meeting it is about: it goes, shown or waiting, once that meeting ends. */
  meetingId?: string;
}

const TOAST_MS = { ok: 3_000, info: 5_000, error: 8_000 } as const;

/**
 * What just happened, at the top of the screen: one toast at a time, the others wait their
 * turn (a release notice must not be wiped out by the self-test right after it). A tap
 * dismisses it; errors stay long enough to be read. It lies over the header's words (the
 * room's name, state and clock — no control; the language switch stays in reach) for its few
 * seconds. Laid over the screen it hid the admin tabs at 800×480; as a row of its own under
 * the header it pushed every screen's bottom row out of view while it showed. It never comes
 * or goes while a finger is down, so nothing changes under a held press.
 */
@customElement('panel-toast')
export class PanelToast extends LitElement {
  static override styles = [
    screenReaderOnly,
    css`
    /* The header's grid area of the words, reaching into the header's padding (room-panel
       styles): the toast fills it and never grows past it (its height never changes the
       header's). What it holds is fitted by fitWords. */
    :host {
      display: block;
      position: relative;
      pointer-events: none;
      z-index: 2;
    }
    div {
      position: absolute;
      inset: 0;
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      justify-content: safe center;
      overflow: hidden;
      padding: 0.15em 0.8em;
      border-radius: 12px;
      font-size: 0.85em;
      line-height: 1.15;
      overflow-wrap: anywhere;
      pointer-events: auto;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.5);
    }
    div[hidden] {
      display: none;
    }
    /* The title on one line (fitWords): the words take the padding above and below too. */
    div.tight {
      padding-block: 0;
    }
    .ok { background: #1d4d2b; border: 2px solid #40c057; }
    .info { background: #2a3b4d; border: 2px solid #5aa0ff; }
    .error { background: #5c1717; border: 2px solid #ff6b6b; }
    /* The title: two lines at most. */
    strong {
      flex: none;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow: hidden;
    }
    /* The title on one line (fitWords, when the words would not show under two): what was
       pressed is cut, the outcome after it stays whole. */
    strong.one-line {
      display: flex;
      white-space: nowrap;
    }
    strong.one-line > .subject {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    strong.one-line > span:not(.subject) {
      flex: none;
    }
    /* Never shrunk by the box (it would be cut mid-line): fitWords cuts it to whole lines. */
    .text {
      flex: none;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .text[hidden] {
      display: none;
    }
    /* One line, never broken inside (a code cut in two is misread): the words give it its room. */
    .code {
      display: block;
      flex: none;
      font-size: 0.75em;
      opacity: 0.8;
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      white-space: nowrap;
      overflow-wrap: normal;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `,
  ];

  @state() private shown: Queued | null = null;
  private waiting: Queued[] = [];
  // The words of the toast on screen follow the language switch.
  private readonly locale = new LocaleController(this);
  private timer: number | undefined;
  /** A finger (or mouse button) is down somewhere on the panel: the toast's row neither comes nor goes meanwhile. */
  private held = false;
  /** A toast's turn ended, or one came, while a finger was down: done on release. */
  private due = false;

  /** The header changes height with the window: the words are fitted again. */
  private readonly resized = new ResizeObserver(() => this.fitWords());

  private readonly press = (): void => {
    this.held = true;
  };

  private readonly release = (): void => {
    this.held = false;
    if (this.due) this.next();
  };

  show(toast: Toast | ToastWords, meetingId?: string): void {
    this.waiting.push({ words: typeof toast === 'function' ? toast : () => toast, ...(meetingId ? { meetingId } : {}) });
    if (!this.shown) this.next();
  }

  /** A meeting ended: what was about it (a check-in still waiting its turn) is old news over its summary. */
  forget(meetingId: string): void {
    this.waiting = this.waiting.filter((q) => q.meetingId !== meetingId);
    if (this.shown?.meetingId === meetingId) this.next();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pointerdown', this.press, { capture: true });
    window.addEventListener('pointerup', this.release, { capture: true });
    window.addEventListener('pointercancel', this.release, { capture: true });
    this.resized.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.timer);
    this.resized.disconnect();
    window.removeEventListener('pointerdown', this.press, { capture: true });
    window.removeEventListener('pointerup', this.release, { capture: true });
    window.removeEventListener('pointercancel', this.release, { capture: true });
  }

  override render() {
    const shown = this.shown;
    const toast = shown?.words() ?? null;
    return html`<div class=${toast?.tone ?? ''} role="status" aria-live="polite" data-testid="toast" data-tone=${toast?.tone ?? ''} ?hidden=${!toast} @click=${() => this.dismiss(shown)}>
      ${
        toast
          ? html`${this.titleOf(toast)}${toast.text ? html`<span class="text">${toast.text}</span>` : nothing}${(toast.shorter ?? []).map(
              (words) => html`<span class="text" aria-hidden="true" hidden>${words}</span>`,
            )}${toast.code ? html`<span class="code" data-testid="toast-code">${toast.code}</span>` : nothing}`
          : nothing
      }
    </div>`;
  }

  /** The title, what was pressed in a part of its own (cut first when the title takes one line). */
  private titleOf(toast: Toast) {
    const at = toast.subject ? toast.title.indexOf(toast.subject) : -1;
    if (!toast.subject || at < 0) return html`<strong>${toast.title}</strong>`;
    const after = toast.title.slice(at + toast.subject.length);
    return html`<strong><span>${toast.title.slice(0, at)}</span><span class="subject">${toast.subject}</span><span>${after}</span></strong>`;
  }

  protected override updated(): void {
    this.fitWords();
  }

  /**
   * The toast never passes the header, and what it says stays whole: the title (two lines at
   * most) and the code's line always show; the words take what is left — in full, else the
   * first shorter wording that fits; else the same with the title on one line (what was pressed
   * cut with "…", its outcome whole), so that a long device name and a code still leave the
   * words a line on the smallest panels; else the last wording cut to the lines that fit,
   * ending in "…", else none. All of them stay in the element for screen readers (the full
   * words are read).
   */
  private fitWords(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('div');
    const strong = box?.querySelector('strong');
    const [full, ...shorter] = box ? [...box.querySelectorAll<HTMLElement>('.text')] : [];
    if (!box || !strong) return;
    const over = () => box.scrollHeight - box.clientHeight;
    const titleOnOneLine = (one: boolean) => {
      strong.classList.toggle('one-line', one && strong.querySelector('.subject') !== null);
      box.classList.toggle('tight', one);
      if (one) strong.style.setProperty('-webkit-line-clamp', '1');
      else strong.style.removeProperty('-webkit-line-clamp');
    };
    titleOnOneLine(false);
    if (!full) {
      // A title and a code only: the title gives up its second line before the code is cut.
      if (over() > 0) titleOnOneLine(true);
      return;
    }
    const show = (words: HTMLElement) => {
      for (const w of [full, ...shorter]) w.hidden = w !== words && w !== full;
      full.classList.toggle('sr-only', words !== full);
    };
    full.style.removeProperty('-webkit-line-clamp');
    for (const w of shorter) w.style.removeProperty('-webkit-line-clamp');
    for (const one of [false, true]) {
      titleOnOneLine(one);
      const fitting = [full, ...shorter].find((words) => {
        show(words);
        return over() <= 0;
      });
      if (fitting) return;
    }
    const last = shorter.at(-1) ?? full;
    show(last);
    const line = Number.parseFloat(getComputedStyle(last).lineHeight);
    const lines = Math.floor((last.offsetHeight - over()) / line);
    if (lines >= 1) last.style.setProperty('-webkit-line-clamp', String(lines));
    else {
      // Not one line of words fits beside the title and the code: they are left to screen readers.
      last.hidden = last !== full;
      full.classList.add('sr-only');
    }
  }

  /** A tap on the toast: that toast goes (not the next one, which its release may already have brought). */
  private dismiss(shown: Queued | null): void {
    if (shown && this.shown === shown) this.next();
  }

  private next(): void {
    window.clearTimeout(this.timer);
    // Its row pushes the screen down or lets it back up: never under a finger holding a preset or the joystick.
    this.due = this.held;
    if (this.held) return;
    const next = this.waiting.shift() ?? null;
    this.shown = next;
    if (!next) return;
    const { tone } = next.words();
    // With more waiting, each gets a shorter turn; errors keep enough time to be read.
    const ms = this.waiting.length > 0 && tone !== 'error' ? 2_000 : TOAST_MS[tone];
    this.timer = window.setTimeout(() => this.next(), ms);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'panel-toast': PanelToast;
  }
}
