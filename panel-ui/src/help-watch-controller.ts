import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpRequestView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';

const POLL_MS = 1_500;
const STORAGE_KEY = 'roomctl.help';

/**
 * Follows one help request until facilities acknowledge it: polls GET /api/v1/help/:id while
 * its host is on screen. The request is remembered (localStorage), so leaving the screen or
 * reloading the panel does not lose "someone has seen it".
 */
export class HelpWatchController implements ReactiveController {
  api: ApiClient | null = null;
  request: HelpRequestView | null = null;
  private timer: number | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    const saved = readStored();
    // A call from hours ago is not "on its way" any more.
    if (saved && Date.now() - Date.parse(saved.at) < 2 * 3_600_000) this.request = saved;
  }

  hostConnected(): void {
    this.timer = window.setInterval(() => void this.poll(), POLL_MS);
  }

  hostDisconnected(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }

  follow(request: HelpRequestView): void {
    this.request = request;
    this.save();
    this.host.requestUpdate();
  }

  forget(): void {
    this.request = null;
    this.save();
    this.host.requestUpdate();
  }

  private async poll(): Promise<void> {
    if (this.request?.id.startsWith('queued:')) {
      // The queued call went out meanwhile: the panel stored the appliance's answer.
      const stored = readStored();
      if (stored && !stored.id.startsWith('queued:')) {
        this.request = stored;
        this.host.requestUpdate();
      }
    }
    const request = this.request;
    if (!request || request.acknowledgedAt || !this.api || request.id.startsWith('queued:')) return;
    try {
      const fresh = await this.api.get<HelpRequestView>(`/api/v1/help/${encodeURIComponent(request.id)}`);
      if (this.request?.id !== fresh.id) return;
      this.request = fresh;
      this.save();
      this.host.requestUpdate();
    } catch {
      // Offline or the appliance restarted (requests live in memory): keep showing what we know.
    }
  }

  private save(): void {
    storeHelpRequest(this.request);
  }
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
