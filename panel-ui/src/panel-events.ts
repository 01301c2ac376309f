import type { ApiError, Method } from './api-client.js';

/**
 * What a screen asks the panel to do; the room panel runs it (one place for the network,
 * the offline queue and the result toast). Events up, properties down.
 */
export interface PanelRequest {
  /** What the person pressed, for a failure's toast ("…: not done") and the queue badge. */
  label: string;
  method: Method;
  path: string;
  body?: unknown;
  /** Still makes sense minutes later (mute, a note, a rating): queued while offline. Otherwise refused. */
  queueable?: boolean;
  /**
   * What the success toast says, in words of what happened ("Meeting extended by 15
   * minutes"), never the button's own words again. None: no toast (the screen shows the
   * result itself).
   */
  success?: string;
  done?: (result: unknown) => void;
  /** Kept for later (offline): the screen may move on as if done. */
  queued?: () => void;
  failed?: (error: ApiError) => void;
  /** A refusal the screen answers itself, in its own words and with its own choices (true): then nothing else is said of it. */
  answersRefusal?: (error: ApiError) => boolean;
}

export type Screen = 'home' | 'controls' | 'minutes' | 'floor' | 'help' | 'admin' | 'end';

export function panelRequest(from: EventTarget, detail: PanelRequest): void {
  from.dispatchEvent(new CustomEvent<PanelRequest>('panel-request', { detail, bubbles: true, composed: true }));
}

/**
 * The minutes screen's tab a navigation asked for ("Add an agenda" opens the agenda tab);
 * read once by the next minutes screen that comes up.
 */
export const requestedMinutesTab: { tab: string | null } = { tab: null };

export function navigate(from: EventTarget, screen: Screen, minutesTab?: 'agenda'): void {
  requestedMinutesTab.tab = minutesTab ?? null;
  from.dispatchEvent(new CustomEvent<Screen>('navigate', { detail: screen, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'panel-request': CustomEvent<PanelRequest>;
    navigate: CustomEvent<Screen>;
  }
}
