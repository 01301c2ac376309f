/** Actions that drive a camera's motors: they reach it in the order they were accepted. */
export const DRIVE_ACTIONS: ReadonlySet<string> = new Set([
  'move',
  'stop',
  'home',
  'reset',
  'preset.recall',
  'preset.goto',
  'position.absolute',
  'position.relative',
]);

/** The joystick's commands: short, answered at once, and the ones a driver may queue or coalesce. */
const JOYSTICK = new Set(['move', 'stop']);

type Send = (action: string, params: Record<string, unknown>) => Promise<unknown>;

/**
 * One camera's motor commands in the order they were accepted, whoever sent them (API, MQTT,
 * a scene, the move watchdog). A command is handed to the driver only once every joystick
 * command (`move`, `stop`) accepted before it has been answered, so a `move` then a `home`
 * 10 ms apart can never reach the camera as `home` then `move` (which leaves it turning with
 * nobody at the controls). A travel (home, preset, position) does not hold back what follows:
 * a `stop` during a long preset trip goes out at once, after the trip's command.
 * A `move` still waiting when a newer one arrives is merged into it (axes the newer one leaves
 * out keep their speed), so a slow camera gets the latest speeds rather than a backlog.
 */
export class DriveLane {
  /** Joystick commands accepted and not answered yet. */
  private unanswered = 0;
  /** Commands waiting for their turn (not handed to the driver yet). */
  private waiting = 0;
  /** Settles when every joystick command accepted so far has been answered. */
  private joystickDone: Promise<unknown> = Promise.resolve();
  /** A move accepted but not yet handed over, that a newer move may still merge into. */
  private waitingMove: { params: Record<string, unknown>; promise: Promise<unknown> } | undefined;

  run(action: string, params: Record<string, unknown>, send: Send): Promise<unknown> {
    if (action === 'move' && this.waitingMove) {
      Object.assign(this.waitingMove.params, params);
      return this.waitingMove.promise;
    }
    // Anything else accepted after a waiting move closes it: a later move must not jump ahead.
    this.waitingMove = undefined;
    // Nothing accepted before it is unanswered or still waiting: it goes to the driver now, not a
    // turn of the microtask queue later (behind whatever else is queued there, on every joystick move).
    const promise = this.unanswered === 0 && this.waiting === 0 ? sendNow(send, action, { ...params }) : this.queue(action, params, send);
    if (JOYSTICK.has(action)) {
      this.unanswered++;
      const answered = () => {
        this.unanswered--;
      };
      this.joystickDone = promise.then(answered, answered);
    }
    return promise;
  }

  /** Handed over once the joystick commands accepted before it are answered; a move may still take newer speeds meanwhile. */
  private queue(action: string, params: Record<string, unknown>, send: Send): Promise<unknown> {
    const item = { params: { ...params }, promise: undefined as unknown as Promise<unknown> };
    this.waiting++;
    item.promise = this.joystickDone.then(() => {
      this.waiting--;
      if (this.waitingMove === item) this.waitingMove = undefined;
      return send(action, item.params);
    });
    if (action === 'move') this.waitingMove = item;
    return item.promise;
  }
}

function sendNow(send: Send, action: string, params: Record<string, unknown>): Promise<unknown> {
  try {
    return Promise.resolve(send(action, params));
  } catch (err) {
    return Promise.reject(err);
  }
}
