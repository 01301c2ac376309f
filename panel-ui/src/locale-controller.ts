import type { ReactiveControllerHost } from 'lit';
import { i18n } from './i18n.js';
import { RenderOnChange } from './render-on-change.js';

/** Re-renders its host when the language or the room's time zone changes. */
export class LocaleController extends RenderOnChange {
  constructor(host: ReactiveControllerHost) {
    super(host, (listener) => i18n.subscribe(listener));
  }
}
