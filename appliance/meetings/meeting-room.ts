import { RoomctlError } from '../../drivers/core/errors.js';
import { ConversationRepository } from '../conversation/conversation-repository.js';
import { ConversationService } from '../conversation/conversation-service.js';
import { TypedBus } from '../model/typed-bus.js';
import { sendHelpCallsToFacilities } from './help-to-facilities.js';
import type { LinkPolicy } from '../calls/online-meeting-link.js';
import { onlineOfBooking } from '../calls/online-meeting-view.js';
import type { RoomEventBus } from '../model/room-events.js';
import type { Logger } from '../logger.js';
import type { NotificationsConfig } from '../notify/notify-config.js';
import { NotifyDispatcher } from '../notify/notify-dispatcher.js';
import { Notifier } from '../notify/notifier.js';
import { Outbox } from '../notify/outbox.js';
import { CalendarFeed } from '../schedule/calendar-feed.js';
import type { CalendarConfig } from '../schedule/calendar-config.js';
import type { Clock, TimerHandle } from '../model/clock.js';
import type { Db } from '../store/database.js';
import { AgendaRepository } from './agenda-repository.js';
import { AuditLog, type AuditEntry } from './audit-log.js';
import { badgeCheckIn } from './checkin-service.js';
import { CheckInRepository, type CheckIn } from './checkin-repository.js';
import { dailyJobs, followUps } from './daily-jobs.js';
import { DoorCodes } from './door-codes.js';
import { FeedbackRepository } from './feedback-repository.js';
import { meetingRules, type MeetingsConfig } from './meeting-config.js';
import type { MeetingContext, RoomIdentity } from './meeting-context.js';
import { MeetingRepository } from './meeting-repository.js';
import { applyRules } from './meeting-rules.js';
import { MeetingTexts } from './meeting-texts.js';
import { MinutesReaderLinks } from './minutes-reader-links.js';
import type { Meeting } from './meeting-types.js';
import type { MeetingNotice, MeetingStreamMessage } from './meeting-views.js';
import { meetingView, roomNowView } from './meeting-view-builders.js';
import { MinutesRepository, type ActionItem } from './minutes-repository.js';
import { roomStateAt, type RoomStateView } from './room-state.js';
import { configuredScene, defaultEndScene, defaultStartScene, type SceneHost } from './scenes.js';
import { SelfTestRepository } from './selftest-repository.js';
import type { SelfTestReport } from './self-test.js';
import { isLoopbackUrl } from '../lan-address.js';

export interface MeetingRoomOptions {
  db: Db;
  room: RoomIdentity;
  meetings?: MeetingsConfig;
  calendar?: CalendarConfig;
  notifications?: NotificationsConfig;
  /** Online-meeting links the room may open besides the known services. */
  linkPolicy?: LinkPolicy;
  /** The display input of the computer that runs online calls (`calls.displayInput`). */
  callDisplayInput?: string;
  /** Checks a meeting's online call before it (with the self-test). */
  callCheck?: MeetingContext['callCheck'];
  devices: SceneHost;
  bus: RoomEventBus;
  clock: Clock;
  log: Logger;
  /** How often the rules are evaluated (ms); default 5 s. */
  tickMs?: number;
  /** How often the outbox is looked at for retries (ms); default 5 s. */
  notifyPollMs?: number;
}

/**
 * The meeting, run by the room: schedule, rules on the clock, check-in, agenda, minutes,
 * notifications. Emits 'change' (MeetingStreamMessage) whenever the panel should redraw.
 */
export class MeetingRoom extends TypedBus<{ change: [MeetingStreamMessage] }> {
  readonly ctx: MeetingContext;
  readonly outbox: Outbox;
  readonly dispatcher: NotifyDispatcher;
  readonly calendar: CalendarFeed;
  /** The door code in the door panel's booking QR code (made from a secret kept in the store). */
  readonly doorCodes: DoorCodes;
  private baseUrl = 'http://127.0.0.1:8080';
  private baseUrlChosen = false;
  private timer: TimerHandle | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private state: RoomStateView;
  private ticking = false;
  private readonly stopHelpCalls: () => void;

  constructor(private readonly options: MeetingRoomOptions) {
    super();
    const { db, clock, log, bus, room } = options;
    const rules = meetingRules(options.meetings);
    const notifications = options.notifications ?? {};
    this.outbox = new Outbox(db);
    this.dispatcher = new NotifyDispatcher({
      outbox: this.outbox,
      config: notifications,
      room,
      clock,
      log: log.child({ component: 'notify' }),
      pollMs: options.notifyPollMs,
    });
    const meetings = new MeetingRepository(db);
    const agenda = new AgendaRepository(db, () => clock.now());
    const texts = new MeetingTexts(
      room,
      (m) => this.checkInUrl(m),
      (id) => this.meetingPageUrl(id),
      (m) => onlineOfBooking(m, options.linkPolicy ?? {}),
      (deviceId) => {
        const d = options.devices.list().find((x) => x.id === deviceId);
        return d ? (d.names ?? { en: d.name, 'zh-CN': d.name }) : null;
      },
    );
    const devices = options.devices;
    const readerLinks = new MinutesReaderLinks(db);
    const checkIns = new CheckInRepository(db);
    const minutes = new MinutesRepository(db);
    const conversation = new ConversationService({
      records: new ConversationRepository(db),
      clock,
      room: `${room.site}/${room.id}`,
      meetings,
      checkIns,
      agenda,
      minutes,
      speakerMinutes: rules.floor?.speakerMinutes ?? 3,
      warningPercents: rules.agendaWarningPercents,
      changed: (notice) => this.changed(notice),
      log: log.child({ component: 'conversation' }),
    });
    this.ctx = {
      db,
      meetings,
      agenda,
      checkIns,
      minutes,
      conversation,
      audit: new AuditLog(db),
      feedback: new FeedbackRepository(db),
      selfTests: new SelfTestRepository(db),
      clock,
      bus,
      notifier: new Notifier(notifications, this.outbox, this.dispatcher, () => clock.now()),
      texts,
      readerLinks,
      personalMinutesUrl: (m, email) => `${this.checkInUrl(m)}&reader=${readerLinks.tokenFor(m.id, email)}`,
      devices,
      rules,
      linkPolicy: options.linkPolicy ?? {},
      ...(options.callCheck ? { callCheck: options.callCheck } : {}),
      room,
      log,
      startScene: (m) => (rules.startScene ? configuredScene(rules.startScene) : defaultStartScene(devices.list(), this.displayInputFor(m))),
      endScene: () => (rules.endScene ? configuredScene(rules.endScene) : defaultEndScene(devices.list())),
      changed: (notice) => this.changed(notice),
      track: (work) => this.track(work),
    };
    const badges = new Map((rules.directory ?? []).filter((p) => p.email && p.badge).map((p) => [p.email!.toLowerCase(), p.badge!]));
    this.calendar = new CalendarFeed({
      db,
      meetings,
      agenda,
      config: options.calendar ?? {},
      clock,
      bus,
      log: log.child({ component: 'calendar' }),
      roomTimeZone: room.timezone,
      badgeOf: (email) => badges.get(email.toLowerCase()),
      checkInOpensMinutes: rules.checkInOpensMinutes,
      onChange: () => this.changed(),
    });
    this.doorCodes = new DoorCodes(db, clock);
    this.stopHelpCalls = sendHelpCallsToFacilities(bus, this.ctx, () => this.state.current);
    this.state = this.computeState();
  }

  start(): void {
    this.dispatcher.start();
    this.calendar.start();
    this.timer = this.options.clock.setInterval(() => this.tick(), this.options.tickMs ?? 5000);
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopHelpCalls();
    this.options.clock.clearTimeout(this.timer);
    this.calendar.stop();
    await this.settle();
    await this.dispatcher.stop();
  }

  /**
   * Where phones reach the appliance (QR codes); `meetings.publicUrl` wins over the listen address.
   * `chosen`: the URL is the config's own (api.publicUrl), kept even on loopback (the person's choice).
   */
  setBaseUrl(url: string, chosen = false): void {
    this.baseUrl = url;
    this.baseUrlChosen = chosen;
  }

  /** A phone can open the links the QR codes carry: a chosen public URL, or a listen address beyond this machine. */
  phonesReach(): boolean {
    return this.ctx.rules.publicUrl !== undefined || this.baseUrlChosen || !isLoopbackUrl(this.baseUrl);
  }

  checkInUrl(m: Meeting): string {
    return `${this.publicBase()}/meeting/${encodeURIComponent(m.id)}?code=${m.code}`;
  }

  /** The meeting's page without its access code (for group chats and shortened messages). */
  meetingPageUrl(meetingId: string): string {
    return `${this.publicBase()}/meeting/${encodeURIComponent(meetingId)}`;
  }

  /** The booking page a phone opens from the door's QR code; the code rides in the fragment, which no request carries. */
  bookingUrl(doorCode: string): string {
    return `${this.publicBase()}/book#code=${doorCode}`;
  }

  private publicBase(): string {
    return (this.ctx.rules.publicUrl ?? this.baseUrl).replace(/\/$/, '');
  }

  /** A meeting whose online call the room may open starts on the call computer's input; others on `meetings.displayInput`. */
  private displayInputFor(m: Meeting | undefined): string | undefined {
    const call = this.options.callDisplayInput;
    const online = m && call ? onlineOfBooking(m, this.options.linkPolicy ?? {}) : null;
    return online && online.provider !== 'sip' ? call : this.ctx.rules.displayInput;
  }

  /** Evaluates every rule once; a failing rule is logged, never thrown into the timer. */
  tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    try {
      applyRules(this.ctx);
      if (this.state.current) this.ctx.conversation.tick(this.state.current.id);
      followUps(this.ctx);
      dailyJobs(this.ctx);
    } catch (err) {
      this.ctx.log.error({ err: (err as Error).message }, 'meeting tick failed');
    } finally {
      this.ticking = false;
    }
    this.refreshState();
  }

  /** Waits for background work (self-tests, scenes) started so far. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * A badge read by the room's badge reader (the HID engineer's entry point; the same as
   * POST /api/v1/checkins): checks its holder in to the meeting open now.
   */
  checkInBadge(badge: string) {
    return badgeCheckIn(this.ctx, this.state, badge);
  }

  roomState(): RoomStateView {
    return this.state;
  }

  streamMessage(notice?: MeetingNotice): MeetingStreamMessage {
    return { type: 'meeting', now: roomNowView(this.ctx, this.state, false, this.calendar.shownEntries()), ...(notice ? { notice } : {}) };
  }

  view(m: Meeting, authorised: boolean) {
    return meetingView(this.ctx, m, authorised);
  }

  /** One meeting of this room, or ROOMCTL_E_MEETING_NOT_FOUND. */
  meeting(id: string): Meeting {
    return this.ctx.meetings.require(id);
  }

  /** The meetings that overlap [from, to). */
  meetingsBetween(from: Date, to: Date): Meeting[] {
    return this.ctx.meetings.between(from.toISOString(), to.toISOString());
  }

  checkInsOf(meetingId: string): CheckIn[] {
    return this.ctx.checkIns.list(meetingId);
  }

  /** One action item, or ROOMCTL_E_NOT_FOUND. */
  actionItem(id: string): ActionItem {
    const item = this.ctx.minutes.action(id);
    if (!item) throw new RoomctlError('ROOMCTL_E_NOT_FOUND', `No action item "${id}"`);
    return item;
  }

  /** Who changed what in a meeting's record (agenda, minutes, action items). */
  auditOf(meetingId: string): AuditEntry[] {
    return this.ctx.audit.list(meetingId);
  }

  latestSelfTest(): SelfTestReport | undefined {
    return this.ctx.selfTests.latest();
  }

  private computeState(): RoomStateView {
    const now = this.options.clock.now();
    const near = this.ctx.meetings.between(new Date(now.getTime() - 86_400_000).toISOString(), new Date(now.getTime() + 30 * 86_400_000).toISOString(), [
      'booked',
      'in_progress',
    ]);
    return roomStateAt(near, now, this.ctx.rules.checkInOpensMinutes);
  }

  private refreshState(): void {
    const before = this.state;
    this.state = this.computeState();
    const key = (s: RoomStateView) => `${s.state}|${s.current?.id}|${s.current?.status}|${s.current?.end}|${s.next?.id}|${s.next?.start}`;
    if (key(before) !== key(this.state)) this.emit('change', this.streamMessage());
  }

  private changed(notice?: MeetingNotice): void {
    this.state = this.computeState();
    this.emit('change', this.streamMessage(notice));
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((err: Error) => this.ctx.log.error({ err: err.message }, 'background meeting work failed')).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}
