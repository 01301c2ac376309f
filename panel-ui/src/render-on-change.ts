import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Follows a source of changes: calls the listener on each one until the returned function is called. */
type Subscribe = (listener: () => void) => () => void;

/** Re-renders its host on every change of a source, while the host is in the page. */
export class RenderOnChange implements ReactiveController {
  private off: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly subscribe: Subscribe,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = this.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = undefined;
  }
}
