import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpRequestView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';

const STORAGE_KEY = 'roomctl.help';
/** When the newest call put away with Done was placed: it and older calls are not shown again. */
const PUT_AWAY_KEY = 'roomctl.help.putAwayUpTo';
/** A call from hours ago is not "on its way" any more. */
const STILL_ON_ITS_WAY_MS = 2 * 3_600_000;

/**
 * Follows one help request until facilities acknowledge it. The room stream says when a
 * request changes (`roomctl-help`, see room-stream-controller.ts); after each (re)connect
 * (`roomctl-resync`) and when its host comes on screen it asks once, for what it missed
 * while offline. The request is remembered (localStorage), so leaving the screen or
 * reloading the panel does not lose "someone has seen it". A call is the room's, not the
 * panel's: with none followed, the room's newest open call (placed through the API or on
 * another panel) is followed, unless Done put it away here.
 */
export class HelpWatchController implements ReactiveController {
  api: ApiClient | null = null;
  request: HelpRequestView | null = null;
  private askedWith: ApiClient | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    const saved = readStored();
    if (saved && isRecent(saved)) this.request = saved;
  }

  hostConnected(): void {
    window.addEventListener('roomctl-help', this.onChange);
    window.addEventListener('roomctl-resync', this.refresh);
    this.askedWith = null;
  }

  /** The host hands over its API client when it renders: ask once with it. */
  hostUpdated(): void {
    if (!this.api || this.api === this.askedWith) return;
    this.askedWith = this.api;
    void this.refresh();
  }

  hostDisconnected(): void {
    window.removeEventListener('roomctl-help', this.onChange);
    window.removeEventListener('roomctl-resync', this.refresh);
  }

  follow(request: HelpRequestView): void {
    this.adopt(request);
  }

  forget(): void {
    if (this.request && !this.request.id.startsWith('queued:')) remember(PUT_AWAY_KEY, this.request.at);
    this.adopt(null);
  }

  private readonly onChange = (event: CustomEvent<HelpRequestView>) => {
    const fresh = event.detail;
    if (!this.request) {
      if (isOpen(fresh)) this.adopt(fresh);
      return;
    }
    const mine = this.request?.id;
    // A call queued offline has a stand-in id until the panel sent it and stored the real one.
    if (mine === fresh.id || (mine?.startsWith('queued:') && readStored()?.id === fresh.id)) this.adopt(fresh);
  };

  private readonly refresh = async (): Promise<void> => {
    const request = this.request;
    if (!request) return this.findOpenCall();
    // Asked until resolved: a call can be seen, then dealt with, while the panel was away.
    if (request.resolvedAt || !this.api || request.id.startsWith('queued:')) return;
    try {
      const fresh = await this.api.get<HelpRequestView>(`/api/v1/help/${encodeURIComponent(request.id)}`);
      if (this.request?.id === fresh.id) this.adopt(fresh);
    } catch {
      // Offline: the stream's next snapshot asks again.
    }
  };

  /** The room's newest open call, for a panel that follows none (opened after the call, or another panel's). */
  private async findOpenCall(): Promise<void> {
    if (!this.api) return;
    try {
      const recent = await this.api.get<HelpRequestView[]>('/api/v1/help');
      const newest = recent.filter(isOpen).at(-1);
      if (newest && !this.request) this.adopt(newest);
    } catch {
      // Offline: the stream's next snapshot asks again.
    }
  }

  private adopt(request: HelpRequestView | null): void {
    this.request = request;
    storeHelpRequest(request);
    this.host.requestUpdate();
  }
}

/** The room stream's help news, for whichever screen follows a request. */
export function announceHelpChange(request: HelpRequestView): void {
  window.dispatchEvent(new CustomEvent('roomctl-help', { detail: request }));
}

/** Also called by the panel when a queued help call finally went out. */
export function storeHelpRequest(request: HelpRequestView | null): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(request));
  } catch {
    // Kept in memory only.
  }
}

function isRecent(request: HelpRequestView): boolean {
  return Date.now() - Date.parse(request.at) < STILL_ON_ITS_WAY_MS;
}

/** Not dealt with, not from hours ago, and not put away on this panel. */
function isOpen(request: HelpRequestView): boolean {
  const putAwayUpTo = recall(PUT_AWAY_KEY);
  return !request.resolvedAt && isRecent(request) && (putAwayUpTo === null || Date.parse(request.at) > Date.parse(putAwayUpTo));
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Kept for this page only: a reload may show the call again.
  }
}

function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function readStored(): HelpRequestView | null {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as HelpRequestView | null;
  } catch {
    return null;
  }
}

declare global {
  interface WindowEventMap {
    'roomctl-help': CustomEvent<HelpRequestView>;
    'roomctl-resync': Event;
  }
}
