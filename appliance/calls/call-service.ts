import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { BrowserCall, CallView } from './browser-call.js';
import type { OnlineMeeting } from './online-meeting-link.js';

export interface CallServiceDeps {
  bus: RoomEventBus;
  call: BrowserCall;
  /** The meeting's online meeting as the room recognised it (null: none it may open). */
  onlineOf(meetingId: string): OnlineMeeting | null | undefined;
}

/**
 * The room's one online call: join a meeting's call, leave it, and leave by itself when the
 * meeting ends. Every change of the call is a room event (`call.changed`), so facilities see
 * a browser that crashed or a join page that did not load within seconds.
 */
export class CallService {
  private meetingId: string | null = null;

  constructor(private readonly deps: CallServiceDeps) {}

  start(): void {
    this.deps.bus.on('event', this.onEvent);
    this.deps.call.on('change', this.onChange);
  }

  async stop(): Promise<void> {
    this.deps.bus.off('event', this.onEvent);
    await this.deps.call.leave('the room is stopping');
    this.deps.call.off('change', this.onChange);
  }

  view(): CallView & { meeting: string | null } {
    return { ...this.deps.call.view(), meeting: this.meetingId };
  }

  async join(meetingId: string): Promise<CallView & { meeting: string | null }> {
    const online = this.deps.onlineOf(meetingId);
    if (online === undefined) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    if (!online) throw new RoomctlError('ROOMCTL_E_MEETING_STATE', 'This meeting has no online meeting the room may open (a link of a known service or an allowed domain)');
    if (online.provider === 'sip') throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `This meeting is a video call to ${online.dialString}: it needs a SIP video system, not the room's browser`);
    this.meetingId = meetingId;
    await this.deps.call.join(online);
    return this.view();
  }

  async leave(reason = 'left from the panel'): Promise<CallView & { meeting: string | null }> {
    await this.deps.call.leave(reason);
    return this.view();
  }

  private readonly onEvent = ({ event }: RoomEventEnvelope) => {
    if (event.type === 'meeting.ended' && event.meetingId === this.meetingId) void this.deps.call.leave('the meeting ended');
  };

  private readonly onChange = (view: CallView) => {
    this.deps.bus.publish({ type: 'call.changed', state: view.state, provider: view.provider, meetingId: this.meetingId, detail: view.detail });
  };
}
