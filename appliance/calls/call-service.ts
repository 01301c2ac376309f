import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { CallStatus } from '../model/call-status.js';
import { TypedBus } from '../model/typed-bus.js';
import type { BrowserCall, CallView } from './browser-call.js';
import type { OnlineMeeting } from './online-meeting-link.js';

export type { CallStatus };

interface CallServiceDeps {
  bus: RoomEventBus;
  call: BrowserCall;
  /**
   * The meeting's online meeting as the room recognised it (null: none it may open;
   * undefined: no such meeting). Throws when the meeting cannot be joined now.
   */
  onlineOf(meetingId: string): OnlineMeeting | null | undefined;
  /** Whether the meeting still holds the room (booked or running): a call outlives no meeting. */
  meetingLive?(meetingId: string): boolean;
  /** `calls.autoJoin`: join the call when the meeting starts. */
  autoJoin?: boolean;
}

/**
 * The room's one online call: join a meeting's call, leave it, and leave by itself when the
 * meeting ends, is released or cancelled. Every change of the call is a room event
 * (`call.changed`), so facilities see a browser that crashed or a join page that did not
 * load within seconds. Emits 'change' (CallStatus).
 */
export class CallService extends TypedBus<{ change: [CallStatus] }> {
  private meetingId: string | null = null;
  private joining: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CallServiceDeps) {
    super();
  }

  start(): void {
    this.deps.bus.on('event', this.onEvent);
    this.deps.call.on('change', this.onChange);
  }

  async stop(): Promise<void> {
    this.deps.bus.off('event', this.onEvent);
    await this.deps.call.leave('the room is stopping');
    this.deps.call.off('change', this.onChange);
  }

  /** Whether the call's browser is running. */
  get running(): boolean {
    return this.deps.call.running;
  }

  view(): CallStatus {
    const { state, provider, since, detail } = this.deps.call.view();
    return { state, provider, meetingId: this.meetingId, since, detail };
  }

  /** Joins the meeting's call; resolves once its page has loaded (`in-call`) or the join failed. */
  async join(meetingId: string): Promise<CallStatus> {
    await this.begin(meetingId).done;
    return this.view();
  }

  /**
   * Starts joining: refuses at once (coded) a meeting the room cannot join, else answers
   * with the call's state while the browser opens the page (`done` settles when it has).
   */
  begin(meetingId: string): { view: CallStatus; done: Promise<unknown> } {
    const online = this.deps.onlineOf(meetingId);
    if (online === undefined) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    if (!online)
      throw new RoomctlError(
        'ROOMCTL_E_MEETING_STATE',
        'This meeting has no online meeting the room may open (a link of a known service or an allowed domain)',
      );
    if (online.provider === 'sip')
      throw new RoomctlError(
        'ROOMCTL_E_NOT_SUPPORTED',
        `This meeting is a video call to ${online.dialString}: it needs a SIP video system, not the room's browser`,
      );
    const state = this.deps.call.view().state;
    if (this.meetingId === meetingId && (state === 'joining' || state === 'in-call')) return { view: this.view(), done: this.joining };
    this.meetingId = meetingId;
    this.joining = this.deps.call.join(online);
    return { view: this.view(), done: this.joining };
  }

  async leave(reason = 'left from the panel'): Promise<CallStatus> {
    await this.deps.call.leave(reason);
    return this.view();
  }

  /** The meetings changed (ended, released, cancelled, moved): a call whose meeting is over is left. */
  meetingsChanged(): void {
    const id = this.meetingId;
    if (!id || !this.deps.call.running || !this.deps.meetingLive || this.deps.meetingLive(id)) return;
    void this.deps.call.leave('the meeting is over');
  }

  private readonly onEvent = ({ event }: RoomEventEnvelope) => {
    if (event.type === 'meeting.ended' && event.meetingId === this.meetingId) void this.deps.call.leave('the meeting ended');
    if (event.type === 'meeting.started' && this.deps.autoJoin) void this.autoJoin(event.meetingId);
  };

  /** autoJoin: the call opens with the meeting; a meeting without a link the room may open just starts. */
  private async autoJoin(meetingId: string): Promise<void> {
    try {
      const online = this.deps.onlineOf(meetingId);
      if (online && online.provider !== 'sip') await this.join(meetingId);
    } catch {
      // Not joinable now (the panel's Join says why); the meeting itself goes on.
    }
  }

  private readonly onChange = (view: CallView) => {
    this.deps.bus.publish({ type: 'call.changed', state: view.state, provider: view.provider, meetingId: this.meetingId, detail: view.detail });
    this.emit('change', this.view());
  };
}
