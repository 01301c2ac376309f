/** Actions that drive a camera's motors: they reach it one at a time, in the order accepted. */
export const DRIVE_ACTIONS: ReadonlySet<string> = new Set(['move', 'stop', 'home', 'reset', 'preset.recall', 'preset.goto', 'position.absolute', 'position.relative']);

interface Waiting {
  action: string;
  params: Record<string, unknown>;
  promise: Promise<unknown>;
  start(): void;
}

/**
 * One camera's motor commands in the order they were accepted, whoever sent them (API, MQTT,
 * a scene, the move watchdog): each starts when the one before has been answered, so a
 * `move` then a `home` 10 ms apart can never reach the camera as `home` then `move` (which
 * leaves it turning with nobody at the controls). A joystick `move` still waiting when a newer
 * one arrives is merged into it (axes the newer one leaves out keep their speed), so a slow
 * camera gets the latest speeds rather than a backlog; a stop or a travel is never merged.
 */
export class DriveLane {
  private readonly waiting: Waiting[] = [];
  private busy = false;

  run(action: string, params: Record<string, unknown>, send: (action: string, params: Record<string, unknown>) => Promise<unknown>): Promise<unknown> {
    const last = this.waiting.at(-1);
    if (action === 'move' && last?.action === 'move') {
      Object.assign(last.params, params);
      return last.promise;
    }
    let start!: () => void;
    const item: Waiting = { action, params: { ...params }, promise: undefined as unknown as Promise<unknown>, start: () => start() };
    item.promise = new Promise<unknown>((resolve, reject) => {
      start = () => {
        send(item.action, item.params)
          .then(resolve, reject)
          .finally(() => {
            this.busy = false;
            this.pump();
          });
      };
    });
    this.waiting.push(item);
    this.pump();
    return item.promise;
  }

  private pump(): void {
    if (this.busy) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.busy = true;
    next.start();
  }
}
