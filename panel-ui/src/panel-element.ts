import { type CSSResultGroup, type CSSResultOrNative, LitElement } from 'lit';
import { LocaleController } from './locale-controller.js';
import { panelStyles } from './panel-styles.js';

/**
 * What every element of the panel shares: the panel's look (`panelStyles`: dark theme,
 * touch-sized buttons, visible focus) under the element's own styles, and a new render when
 * the language or the room's time zone changes. An element's `static styles` are its own only.
 */
export class PanelElement extends LitElement {
  protected static override finalizeStyles(styles?: CSSResultGroup): CSSResultOrNative[] {
    return super.finalizeStyles([panelStyles, styles ?? []]);
  }

  private readonly locale = new LocaleController(this);
}
