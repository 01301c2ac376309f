import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** The line under a list that says how many items are below. */
export const moreBelowStyles = css`
  button.more-below { all: unset; cursor: pointer; display: block; margin-top: 0.3em; color: #a9b4c0; font-size: 0.85em; }
  button.more-below:focus-visible { outline: 2px solid #e8edf2; }
`;

/**
 * A scrolled list that shows whole items: its height is set to the items that fit whole in
 * `maxEm` of its text (a fixed height cut its last item mid-line), the rest scroll, and `cue`
 * says how many are below. Fitted again after each render and when its width changes.
 */
export class WholeItemsController implements ReactiveController {
  /** Items below the list's visible part. */
  below = 0;
  private readonly resized = new ResizeObserver(() => this.fit());
  private observed: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly selector: string,
    private readonly maxEm = 14,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const list = this.list();
    if (list && list !== this.observed) {
      this.resized.disconnect();
      this.resized.observe(list);
      list.addEventListener('scroll', () => this.count(list), { passive: true });
      this.observed = list;
    }
    this.fit();
  }

  hostDisconnected(): void {
    this.resized.disconnect();
    this.observed = null;
  }

  private list(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(this.selector);
  }

  /** Where each item ends, from the top of the list's content, whatever it is scrolled to. */
  private bottoms(list: HTMLElement): number[] {
    const top = list.getBoundingClientRect().top + list.clientTop - list.scrollTop;
    return [...list.children].map((item) => item.getBoundingClientRect().bottom - top);
  }

  private fit(): void {
    const list = this.list();
    if (!list || list.hidden) return;
    const room = this.maxEm * Number.parseFloat(getComputedStyle(list).fontSize);
    const bottoms = this.bottoms(list);
    // The whole items that fit, at least the first however long.
    const fitting = bottoms.filter((b) => b <= room).at(-1) ?? bottoms[0] ?? 0;
    const height = bottoms.length === 0 || bottoms.at(-1)! <= room ? '' : `${Math.ceil(fitting)}px`;
    if (list.style.maxHeight !== height) list.style.maxHeight = height;
    this.count(list);
  }

  private count(list: HTMLElement): void {
    const seen = list.clientHeight + 1;
    const below = this.bottoms(list).filter((b) => b - list.scrollTop > seen).length;
    if (below !== this.below) {
      this.below = below;
      this.host.requestUpdate();
    }
  }

  /** A line under the list saying how many items are below (pressed, it scrolls on); nothing when none are. */
  cue(words: (n: number) => string) {
    if (this.below === 0) return nothing;
    return html`<button class="more-below" data-more-below @click=${() => this.list()?.scrollBy({ top: this.list()!.clientHeight, behavior: 'smooth' })}>${words(this.below)}</button>`;
  }
}
