import type { DeviceView, HelpRequestView } from '../../appliance/api/api-types.js';
import type { ActionQueue, FlushOutcome } from './action-queue.js';
import { ApiError, type ApiClient } from './api-client.js';
import { inPanelLanguage } from './device-words.js';
import { announceHelpChange, storeHelpRequest } from './help-watch-controller.js';
import { t } from './i18n.js';
import type { PanelRequest } from './panel-events.js';
import type { Toast } from './panel-toast.js';
import { refusalWords, unexplainedCode } from './refusal-words.js';

interface PanelRequestsDeps {
  api(): ApiClient | null;
  /** Whether the room's stream is up (the panel is online). */
  connected(): boolean;
  /** A request failed on the network: the stream is checked at once. */
  suspect(): void;
  queue: ActionQueue;
  devices(): DeviceView[];
  show(toast: Toast): void;
  /** The room revoked this panel's pairing. */
  unpaired(): void;
}

/**
 * What the panel's screens ask the room for, in one place: sent now, queued while offline
 * (when it keeps), or refused out loud, and each outcome said in a toast.
 */
export class PanelRequests {
  constructor(private readonly deps: PanelRequestsDeps) {}

  /** Runs what a screen asked for: now, queued for later (offline, if it keeps), or refused out loud. */
  async run(request: PanelRequest): Promise<void> {
    const api = this.deps.api();
    if (!api) return;
    if (!this.deps.connected()) return this.offline(request);
    try {
      const result = await api.send(request.method, request.path, request.body);
      request.done?.(result);
      if (request.success) this.deps.show({ tone: 'ok', title: request.success });
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError({ code: 'PANEL_E_BAD_RESPONSE', message: String(err) }, 0);
      if (error.code === 'PANEL_E_NETWORK') {
        this.deps.suspect();
        return this.offline(request);
      }
      request.failed?.(error);
      if (request.answersRefusal?.(error)) return;
      if (error.status === 401 && (error.details as { panelRevoked?: boolean } | undefined)?.panelRevoked) return this.deps.unpaired();
      this.deps.show({
        tone: 'error',
        title: t('{what}: not done', { what: request.label }),
        subject: request.label,
        text: refusalWords(error, inPanelLanguage(this.deps.devices()), request.path),
        code: unexplainedCode(error),
      });
    }
  }

  private offline(request: PanelRequest): void {
    if (request.queueable) {
      this.deps.queue.add({ label: request.label, method: request.method, path: request.path, body: request.body });
      request.queued?.();
      this.deps.show({
        tone: 'info',
        title: t('{what}: saved', { what: request.label }),
        text: t('The panel is offline; it will be sent when the room is back.'),
      });
    } else {
      this.deps.show({
        tone: 'error',
        title: t('{what}: not sent', { what: request.label }),
        text: t('The panel is offline. Try again when the connection is back.'),
      });
    }
  }

  flushed(outcome: FlushOutcome): void {
    if (outcome.ok) {
      if (outcome.action.path === '/api/v1/help') {
        storeHelpRequest(outcome.result as HelpRequestView);
        announceHelpChange(outcome.result as HelpRequestView);
      }
      this.deps.show({ tone: 'ok', title: t('{what}: sent', { what: outcome.action.label }) });
    } else if (outcome.error === 'expired') {
      this.deps.show({ tone: 'error', title: t('{what}: dropped', { what: outcome.action.label }), text: t('It waited too long to be sent.') });
    } else {
      this.deps.show({
        tone: 'error',
        title: t('{what}: not done', { what: outcome.action.label }),
        subject: outcome.action.label,
        text: refusalWords(outcome.error, inPanelLanguage(this.deps.devices()), outcome.action.path),
        code: unexplainedCode(outcome.error),
      });
    }
  }
}
