import type { LinkPolicy } from '../calls/online-meeting-link.js';
import type { ConversationService } from '../conversation/conversation-service.js';
import type { RoomEventBus } from '../model/room-events.js';
import type { Logger } from '../logger.js';
import type { Notifier } from '../notify/notifier.js';
import type { Clock } from '../model/clock.js';
import type { Db } from '../store/database.js';
import type { AgendaRepository } from './agenda-repository.js';
import type { AuditLog } from './audit-log.js';
import type { LinkedMeetingsPort } from './linked-port.js';
import type { CheckInRepository } from './checkin-repository.js';
import type { FeedbackRepository } from './feedback-repository.js';
import type { MeetingRules } from './meeting-config.js';
import type { MeetingRepository } from './meeting-repository.js';
import type { MeetingTexts } from './meeting-texts.js';
import type { Meeting } from './meeting-types.js';
import type { MeetingNotice } from './meeting-views.js';
import type { MinutesReaderLinks } from './minutes-reader-links.js';
import type { MinutesRepository } from './minutes-repository.js';
import type { SceneHost, SceneStep } from './scenes.js';
import type { SelfTestCheck } from './self-test.js';
import type { SelfTestRepository } from './selftest-repository.js';
import type { RoomLocale } from '../room/room-language.js';

export interface RoomIdentity {
  id: string;
  name: string;
  site: string;
  timezone: string;
  /**
   * The language of what the room sends (minutes, reminders, nudges): `room.locale`, English by
   * default, replaced by the admin's choice while it is set. Read it each time a message is
   * worded (the appliance's is a getter over the stored setting), never keep a copy.
   */
  readonly locale?: RoomLocale;
}

/** Everything the meeting services share: stores, time, the bus, the devices, the rules. */
export interface MeetingContext {
  db: Db;
  meetings: MeetingRepository;
  agenda: AgendaRepository;
  checkIns: CheckInRepository;
  minutes: MinutesRepository;
  audit: AuditLog;
  feedback: FeedbackRepository;
  selfTests: SelfTestRepository;
  /** The floor and polls (hands, speakers, votes), as replicable records. */
  conversation: ConversationService;
  clock: Clock;
  bus: RoomEventBus;
  notifier: Notifier;
  texts: MeetingTexts;
  /** Personal links to the minutes (signed per recipient), and the URL that carries one. */
  readerLinks: MinutesReaderLinks;
  personalMinutesUrl(m: Meeting, email: string): string;
  devices: SceneHost;
  rules: MeetingRules;
  /** Which online-meeting links the room may open besides the known services (`calls.allowDomains`, `calls.jitsiDomains`). */
  linkPolicy: LinkPolicy;
  room: RoomIdentity;
  log: Logger;
  /** The checks of a meeting's online call before it (the service answers, the browser starts), when the room joins calls. */
  callCheck?: (m: Meeting) => Promise<SelfTestCheck[]>;
  /** The start scene; for a meeting with an online call the displays go to the call computer's input (`calls.displayInput`). */
  startScene(m?: Meeting): SceneStep[];
  endScene(): SceneStep[];
  /** Something changed: recompute the room state and tell the panel (with a notice, if any). */
  changed(notice?: MeetingNotice): void;
  /** The rooms this room's meetings are linked with (set by the link layer when the room has a broker). */
  linked?: LinkedMeetingsPort;
  /** Runs work in the background; tests and shutdown wait for it with `settle()`. */
  track(work: Promise<unknown>): void;
}

export const minutesMs = (m: number) => m * 60_000;
