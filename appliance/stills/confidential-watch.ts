import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { Meeting } from '../meetings/meeting-types.js';

/**
 * Whether a confidential meeting is running, for the room's cameras: no still is taken
 * then, as no recording is. Follows `meeting.started` / `meeting.ended` on the event bus
 * (the pattern the media layer's recording follows) and also asks the meetings module for
 * the meeting in progress, so a restart in the middle of a confidential meeting (no new
 * `meeting.started`) still counts.
 */
export class ConfidentialWatch {
  private readonly running = new Set<string>();

  constructor(
    private readonly bus: RoomEventBus,
    private readonly current: () => Pick<Meeting, 'status' | 'confidentiality'> | null = () => null,
  ) {
    bus.on('event', this.onEvent);
  }

  get active(): boolean {
    if (this.running.size > 0) return true;
    const meeting = this.current();
    return meeting?.status === 'in_progress' && meeting.confidentiality === 'confidential';
  }

  close(): void {
    this.bus.off('event', this.onEvent);
  }

  private readonly onEvent = ({ event }: RoomEventEnvelope) => {
    if (event.type === 'meeting.started' && event.confidential === true) this.running.add(event.meetingId);
    if (event.type === 'meeting.ended') this.running.delete(event.meetingId);
  };
}
