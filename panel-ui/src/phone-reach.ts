import type { ReactiveControllerHost } from 'lit';
import { RenderOnChange } from './render-on-change.js';

type Listener = () => void;

/**
 * Whether a phone can open the room's QR codes, as the room says (PanelInfo.phonesReach): the
 * panel never guesses from its own address (a kiosk opens it on loopback while phones use the LAN).
 * Unknown until the room answers: no code is drawn before then.
 */
class PhoneReach {
  private value: boolean | undefined;
  private readonly listeners = new Set<Listener>();

  get reachable(): boolean | undefined {
    return this.value;
  }

  set(reachable: boolean): void {
    if (reachable === this.value) return;
    this.value = reachable;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const phoneReach = new PhoneReach();

/** Re-renders its host when the room says phones can or cannot reach it. */
export class PhoneReachController extends RenderOnChange {
  constructor(host: ReactiveControllerHost) {
    super(host, (listener) => phoneReach.subscribe(listener));
  }
}
