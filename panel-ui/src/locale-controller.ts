import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { i18n } from './i18n.js';

/** Re-renders its host when the language or the room's time zone changes. */
export class LocaleController implements ReactiveController {
  private off: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = i18n.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
  }
}
