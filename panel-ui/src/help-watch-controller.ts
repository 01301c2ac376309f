import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpRequestView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';

const STORAGE_KEY = 'roomctl.help';

/**
 * Follows one help request until facilities acknowledge it. The room stream says when a
 * request changes (`roomctl-help`, see room-stream-controller.ts); after each (re)connect
 * (`roomctl-resync`) and when its host comes on screen it asks once, for what it missed
 * while offline. The request is remembered (localStorage), so leaving the screen or
 * reloading the panel does not lose "someone has seen it".
 */
export class HelpWatchController implements ReactiveController {
  api: ApiClient | null = null;
  request: HelpRequestView | null = null;
  private askedWith: ApiClient | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    const saved = readStored();
    // A call from hours ago is not "on its way" any more.
    if (saved && Date.now() - Date.parse(saved.at) < 2 * 3_600_000) this.request = saved;
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
    this.adopt(null);
  }

  private readonly onChange = (event: CustomEvent<HelpRequestView>) => {
    const fresh = event.detail;
    const mine = this.request?.id;
    // A call queued offline has a stand-in id until the panel sent it and stored the real one.
    if (mine === fresh.id || (mine?.startsWith('queued:') && readStored()?.id === fresh.id)) this.adopt(fresh);
  };

  private readonly refresh = async (): Promise<void> => {
    const request = this.request;
    // Asked until resolved: a call can be seen, then dealt with, while the panel was away.
    if (!request || request.resolvedAt || !this.api || request.id.startsWith('queued:')) return;
    try {
      const fresh = await this.api.get<HelpRequestView>(`/api/v1/help/${encodeURIComponent(request.id)}`);
      if (this.request?.id === fresh.id) this.adopt(fresh);
    } catch {
      // Offline: the stream's next snapshot asks again.
    }
  };

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
