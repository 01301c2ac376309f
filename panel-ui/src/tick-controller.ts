import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host every second while it is in the page (countdowns: auto-release, time
 * left). Only the screens that show a countdown have one, so an idle panel stays idle.
 */
export class TickController implements ReactiveController {
  now = Date.now();
  private timer: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly everyMs = 1000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.timer = window.setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, this.everyMs);
  }

  hostDisconnected(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }
}
