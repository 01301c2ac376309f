import { property } from 'lit/decorators.js';
import type { ApiClient } from './api-client.js';
import { PanelElement } from './panel-element.js';

/**
 * A panel element that shows one meeting's part (its agenda, its minutes, the summary at its
 * end): the meeting's id and the API client come down as properties, and `load` runs once for
 * each meeting, as soon as both are there.
 */
export abstract class MeetingElement extends PanelElement {
  @property({ type: String, attribute: 'meeting-id' }) meetingId = '';
  @property({ attribute: false }) api: ApiClient | null = null;
  private loadedFor = '';

  protected override updated(): void {
    if (this.meetingId && this.api && this.loadedFor !== this.meetingId) {
      this.loadedFor = this.meetingId;
      void this.load();
    }
  }

  /** Fetches what the element shows of the meeting `meetingId`. */
  protected abstract load(): Promise<void>;
}
