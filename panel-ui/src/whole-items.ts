import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** The line under a list that says how many items are below. */
export const moreBelowStyles = css`
  .more-below { display: block; margin: 0.3em 0 0; color: #a9b4c0; font-size: 0.85em; }
  button.more-below { all: unset; cursor: pointer; display: block; margin-top: 0.3em; color: #a9b4c0; font-size: 0.85em; }
  button.more-below:focus-visible { outline: 2px solid #e8edf2; }
`;

interface WholeItemsOptions {
  /** The most a list may take, in its text's em (default 14). */
  maxEm?: number;
  /**
   * The lists share one box whose rows split its height (the end summary's cards): all are
   * measured uncapped at once, so what one list is cut to never decides another's room, and
   * each list's own box (its parent) is held at least as tall as its first item needs — the
   * rows then share what is left.
   */
  sharedBox?: boolean;
}

/**
 * Scrolled lists that show whole items (a fixed height cut the last item mid-line): each list
 * is as tall as the whole items that fit, the rest scroll, and `cue` says how many are below.
 * The room a list has is the lesser of `maxEm` of its text and the height its layout gives it.
 * Fitted again after each render and when a list or the host changes size.
 */
export class WholeItemsController implements ReactiveController {
  /** Items below each list's visible part. */
  private readonly below = new Map<Element, number>();
  private readonly resized = new ResizeObserver(() => this.fit());
  private readonly observed = new Set<Element>();
  /** Lists that count again as they scroll. */
  private readonly counted = new WeakSet<Element>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    private readonly selector: string,
    private readonly options: WholeItemsOptions = {},
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const lists = this.lists();
    if (lists.some((list) => !this.observed.has(list)) || lists.length + 1 !== this.observed.size) {
      this.resized.disconnect();
      this.observed.clear();
      this.below.clear();
      // The host too: a list held to its whole items does not change size when its box grows.
      this.resized.observe(this.host);
      this.observed.add(this.host);
      for (const list of lists) {
        this.resized.observe(list);
        this.observed.add(list);
        if (!this.counted.has(list)) list.addEventListener('scroll', () => this.count(list), { passive: true });
        this.counted.add(list);
      }
    }
    this.fit();
  }

  hostDisconnected(): void {
    this.resized.disconnect();
    this.observed.clear();
  }

  private lists(): HTMLElement[] {
    return [...this.host.renderRoot.querySelectorAll<HTMLElement>(this.selector)];
  }

  /** Where each item ends, from the top of the list's content, whatever it is scrolled to. */
  private bottoms(list: HTMLElement): number[] {
    const top = list.getBoundingClientRect().top + list.clientTop - list.scrollTop;
    return [...list.children].map((item) => item.getBoundingClientRect().bottom - top);
  }

  private fit(): void {
    const lists = this.lists().filter((list) => !list.hidden);
    // Measured uncapped, then held again where it was scrolled to (uncapped, it could not scroll as far).
    const scrolled = lists.map((list) => list.scrollTop);
    for (const list of lists) list.style.maxHeight = '';
    const maxEm = this.options.maxEm ?? 14;
    const measured = lists.map((list) => ({
      list,
      room: Math.min(maxEm * Number.parseFloat(getComputedStyle(list).fontSize), list.clientHeight),
      bottoms: this.bottoms(list),
      // The rest of the list's own box: its heading, its padding.
      around: (list.parentElement?.offsetHeight ?? 0) - list.offsetHeight,
    }));
    for (const { list, room, bottoms, around } of measured) {
      // The whole items that fit, at least the first however long.
      const fitting = bottoms.filter((b) => b <= room).at(-1) ?? bottoms[0] ?? 0;
      list.style.maxHeight = bottoms.length === 0 || bottoms.at(-1)! <= room ? '' : `${Math.ceil(fitting)}px`;
      if (this.options.sharedBox && list.parentElement) list.parentElement.style.minHeight = `${Math.ceil(around + (bottoms[0] ?? 0))}px`;
    }
    lists.forEach((list, i) => {
      if (list.scrollTop !== scrolled[i]) list.scrollTop = scrolled[i]!;
      this.count(list);
    });
  }

  private count(list: HTMLElement): void {
    const seen = list.clientHeight + 1;
    const below = this.bottoms(list).filter((b) => b - list.scrollTop > seen).length;
    if (below !== (this.below.get(list) ?? 0)) {
      this.below.set(list, below);
      this.host.requestUpdate();
    }
  }

  /**
   * A line under a list saying how many items are below; nothing when none are. `list`: which
   * of the lists (a selector it matches; the first list when not given). Pressed, it scrolls
   * on; `pressable: false` makes it words only (on a touch panel the list is swiped, and a
   * line that takes presses would need a finger's height).
   */
  cue(words: (n: number) => string, options: { list?: string; pressable?: boolean } = {}) {
    const list = this.lists().find((l) => !options.list || l.matches(options.list));
    const below = list ? (this.below.get(list) ?? 0) : 0;
    if (!list || below === 0) return nothing;
    if (options.pressable === false) return html`<p class="more-below" data-more-below>${words(below)}</p>`;
    return html`<button class="more-below" data-more-below @click=${() => list.scrollBy({ top: list.clientHeight, behavior: 'smooth' })}>${words(below)}</button>`;
  }
}
