import { randomUUID } from 'node:crypto';
import { TypedBus } from './typed-bus.js';

/**
 * Why a self-test check failed, beside the room's English `detail`: the device's status then and
 * what the device itself said (a device it could not reach) or, when it said nothing, the room's
 * own note on its status (`roomSaid`, e.g. restarted from the admin view), how long the room
 * waited (a check it stopped waiting for), or what a silent microphone heard. Each only when the
 * check has it.
 */
export interface SelfTestFaultReason {
  status?: string;
  said?: string | null;
  roomSaid?: string | null;
  waitedMs?: number;
  heard?: { aboveDb: number; withinMs: number; peakDb: number | null };
}

/** Where a rating or a problem report came from: the room's panel, or a person's phone. */
export type FeedbackVia = 'panel' | 'phone';

/**
 * Things that happen in a room that facilities hears about (MQTT `events`), one union so
 * the meeting logic, the device health and the fleet view agree on the words.
 */
export type RoomEvent =
  /**
   * A device's fault carries its health status and, when there is one, its error's code; a failed
   * self-test check's fault carries why it failed (`selfTest`): the fleet words it in the operator's language.
   */
  | {
      type: 'fault.raised';
      faultId: string;
      deviceId?: string;
      detail: string;
      status?: 'offline' | 'degraded' | 'auth-failed';
      code?: string;
      selfTest?: SelfTestFaultReason;
    }
  | { type: 'fault.cleared'; faultId: string; deviceId?: string; detail?: string }
  | { type: 'help.requested'; requestId: string; message?: string }
  | { type: 'help.acknowledged'; requestId: string; by?: string }
  | { type: 'help.resolved'; requestId: string; by?: string }
  | {
      type: 'problem.reported';
      reportId: string;
      categories: string[];
      rating?: number;
      comment?: string;
      meetingId?: string;
      deviceHealth: Record<string, unknown>;
      /** Told at the room's panel, or from a person's phone (the personal link of their minutes email). */
      via?: FeedbackVia;
    }
  /** `via`: rated at the room's panel, or from a person's phone (the personal link of their minutes email). */
  | { type: 'feedback'; meetingId: string; rating: number; via?: FeedbackVia }
  | { type: 'selftest.result'; reportId: string; meetingId?: string; passed: boolean; results: Record<string, unknown>[] }
  /** `confidential`: no title is sent, and the room does not record it. */
  | { type: 'meeting.started'; meetingId: string; title?: string; confidential?: true }
  | { type: 'meeting.ended'; meetingId: string; title?: string }
  /**
   * A booking released before it took place: nobody checked in (`no-check-in`), freed by hand once its
   * check-in had opened (`by-hand`), or before (`ahead-of-time`); by hand, whose credential did (`via`).
   * No `title` for a confidential meeting.
   */
  | { type: 'meeting.released'; meetingId: string; title?: string; releasedBy: 'no-check-in' | 'by-hand' | 'ahead-of-time'; via?: 'panel' | 'token' }
  | { type: 'room.figures'; day: string; figures: Record<string, number> }
  /** Another room invited this room to a linked meeting and was refused (`meetings.links.acceptFrom`): nothing was booked. */
  | { type: 'link.refused'; invitationId: string; from: string; code: 'ROOMCTL_E_LINK_REFUSED'; reason: string }
  /** The room's online call changed: joining, in the call, ended, or failed (with why). */
  | {
      type: 'call.changed';
      state: 'idle' | 'joining' | 'in-call' | 'ended' | 'failed';
      provider: string | null;
      meetingId: string | null;
      detail: string | null;
    };

/** An event as it is stored and sent: with an id (for de-duplication) and a time. */
export interface RoomEventEnvelope {
  id: string;
  at: string;
  event: RoomEvent;
}

/**
 * The room's event bus. Publishers call `publish`; the telemetry outbox listens to
 * 'event' and stores each envelope before anything is sent (store and forward).
 */
export class RoomEventBus extends TypedBus<{ event: [RoomEventEnvelope] }> {
  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  publish(event: RoomEvent): RoomEventEnvelope {
    const envelope: RoomEventEnvelope = { id: randomUUID(), at: this.now().toISOString(), event };
    this.emit('event', envelope);
    return envelope;
  }
}
