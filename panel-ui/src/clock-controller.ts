import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host at every minute boundary (the panel shows hours and minutes), and
 * only while the host is in the page. A timer per minute rather than per second keeps an
 * always-on panel idle; re-arming from the wall clock each time corrects drift and sleep.
 */
export class ClockController implements ReactiveController {
  now = new Date();
  private timer: number | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.tick();
  }

  hostDisconnected(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.now = new Date();
    this.host.requestUpdate();
    const msToNextMinute = 60_000 - (this.now.getTime() % 60_000);
    this.timer = window.setTimeout(() => this.tick(), msToNextMinute + 20);
  }
}
