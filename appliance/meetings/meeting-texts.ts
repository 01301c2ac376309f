import type { LocalizedNames } from '../../drivers/core/localized-text.js';
import type { NotifyMessage } from '../notify/notify-message.js';
import { FacilitiesTexts } from './facilities-texts.js';
import type { ActionItem } from './minutes-repository.js';
import type { Minutes } from './minutes-assemble.js';
import { minutesMarkdown, minutesWords } from './minutes-assemble.js';
import { roomDay, roomHhmm, wordsIn, type Words } from './room-words.js';
import type { RoomLocale } from '../room/room-language.js';
import { ZH_CN_MESSAGES } from './message-words-zh-cn.js';
import type { Meeting, ReleaseVia } from './meeting-types.js';
import type { SelfTestCheck } from './self-test.js';
import type { OnlineMeeting } from '../calls/online-meeting-link.js';

/**
 * What the room says, one function per message, in the room's language (`room.locale`: the
 * words people get before and around a meeting; facilities' messages, in `facilities`, too).
 * Titles of confidential meetings stay out of group chats.
 */
export class MeetingTexts {
  constructor(
    private readonly room: { name: string; timezone: string; locale?: RoomLocale },
    private readonly checkInUrl: (m: Meeting) => string,
    /** The meeting's page without its access code: the only link a group chat may carry. */
    private readonly pageUrl: (meetingId: string) => string = () => '',
    /** The meeting's online meeting (the room's link policy applied), for the reminder and a failed call check. */
    private readonly onlineOf: (m: Meeting) => OnlineMeeting | null = () => null,
    /** A device's names from the room's config, for facilities' messages. */
    deviceNames?: (deviceId: string) => LocalizedNames | null,
  ) {
    this.facilities = new FacilitiesTexts(room, deviceNames);
  }

  /** What the room tells facilities (a failed self-test, a help call, a problem report), in the room's language too. */
  readonly facilities: FacilitiesTexts;

  /** The messages' words (their table: message-words-zh-cn.ts), in the room's language as it is now. */
  private get say(): Words {
    return wordsIn(this.room.locale, ZH_CN_MESSAGES);
  }

  /** The language people's messages are in, for what the notify layer adds (a shortened text's note, the email's `lang`). */
  private get inLanguage(): Pick<NotifyMessage, 'locale'> {
    return this.room.locale ? { locale: this.room.locale } : {};
  }

  /** How to join from elsewhere: the link, its id and passcode, the video address. */
  private joinLines(m: Meeting): string[] {
    const online = this.onlineOf(m);
    if (!online) return [];
    const say = this.say;
    const ids = [
      online.meetingId ? say('meeting ID {id}', { id: online.meetingId }) : '',
      online.passcode ? say('passcode {code}', { code: online.passcode }) : '',
    ]
      .filter(Boolean)
      .join(say(', '));
    const where = { name: online.name, url: online.url, ids };
    return [
      ...(online.provider !== 'sip' ? [ids ? say('Online ({name}): {url} ({ids})', where) : say('Online ({name}): {url}', where)] : []),
      ...(online.dialString ? [say('Video system / dial-in: {dial}', { dial: online.dialString })] : []),
    ];
  }

  /** Before the meeting the room could not reach its online meeting's service (or start the call's browser): how to join anyway. */
  callCheckFailed(m: Meeting, failures: readonly SelfTestCheck[]): NotifyMessage {
    const online = this.onlineOf(m);
    const say = this.say;
    return {
      kind: 'reminder',
      ...this.inLanguage,
      title: say('{title} at {time}: {room} may not join the {service} call', {
        title: m.title,
        time: roomHhmm(m.start, this.room.timezone),
        room: this.room.name,
        service: online?.name ?? say('online'),
      }),
      text: [
        say("The room's check before {title} ({when}) failed:", { title: m.title, when: this.when(m) }),
        ...failures.map((f) => `- ${f.detail ?? f.check}`),
        say('Join from your own device, or ask people to, with:'),
        ...this.joinLines(m).map((l) => `- ${l}`),
      ].join('\n'),
      meetingId: m.id,
      data: { start: m.start, end: m.end, online, failures },
    };
  }

  private when(m: Meeting): string {
    return `${roomHhmm(m.start, this.room.timezone)}–${roomHhmm(m.end, this.room.timezone)}`;
  }

  private titleFor(m: Meeting, groups: boolean): string {
    return groups && m.confidentiality === 'confidential' ? this.say('Private meeting') : m.title;
  }

  reminder(m: Meeting, minutesBefore: number, groups: boolean): NotifyMessage {
    const say = this.say;
    const title = say('Reminder: {title} in {n} min ({room})', { title: this.titleFor(m, groups), n: minutesBefore, room: this.room.name });
    // A group chat reaches people outside the meeting: its link must not carry the meeting's code.
    const checkIn = groups
      ? say('Check in at the room, or from the link in your own reminder.')
      : say('Check in at the room or at {url}', { url: this.checkInUrl(m) });
    // The join link goes to the invitees only: a group chat reaches people outside the meeting.
    const text = [
      say('{title} starts at {time} in {room} ({when}).', {
        title: this.titleFor(m, groups),
        time: roomHhmm(m.start, this.room.timezone),
        room: this.room.name,
        when: this.when(m),
      }),
      checkIn,
      ...(groups ? [] : this.joinLines(m)),
    ].join('\n');
    return { kind: 'reminder', ...this.inLanguage, title, text, meetingId: m.id, data: { start: m.start, end: m.end } };
  }

  nudge(m: Meeting, who: string): NotifyMessage {
    return {
      kind: 'nudge',
      ...this.inLanguage,
      title: this.say('{title} has started in {room}', { title: m.title, room: this.room.name }),
      text: [
        this.say('{who}, the meeting started at {time} and you have not checked in.', { who, time: roomHhmm(m.start, this.room.timezone) }),
        this.say('Check in: {url}', { url: this.checkInUrl(m) }),
      ].join('\n'),
      meetingId: m.id,
    };
  }

  released(m: Meeting, afterMinutes: number): NotifyMessage {
    return {
      kind: 'released',
      ...this.inLanguage,
      title: this.say('{room} released: nobody checked in to {title}', { room: this.room.name, title: m.title }),
      text: this.say('Nobody checked in within {n} min of the start ({time}), so the room was released for others.', {
        n: afterMinutes,
        time: roomHhmm(m.start, this.room.timezone),
      }),
      meetingId: m.id,
      data: { start: m.start, end: m.end, releasedBy: 'no-check-in' },
    };
  }

  /**
   * Someone freed the room by hand: in its check-in window ("we are not meeting": not "nobody checked
   * in"), or before it (a cancellation ahead of time). The mail says which, and through what: a panel
   * is someone at the room; a room token is a program or device that holds one, not necessarily there.
   */
  freedByHand(m: Meeting, at: Date, ahead: boolean, via: ReleaseVia): NotifyMessage {
    const tz = this.room.timezone;
    const say = this.say;
    const values = {
      time: roomHhmm(at.toISOString(), tz),
      room: this.room.name,
      title: m.title,
      day: roomDay(m.start, tz, this.room.locale),
      start: roomHhmm(m.start, tz),
      end: roomHhmm(m.end, tz),
    };
    const title = ahead
      ? say('{room} booking cancelled ahead of time: {title}', values)
      : via === 'panel'
        ? say('{room} freed from the panel: {title}', values)
        : say('{room} freed through its API: {title}', values);
    const text = ahead
      ? [
          via === 'panel'
            ? say(
                "At {time} the booking of {room} on {day}, {start}–{end}, was cancelled from the room's panel, before its check-in opened. The room is free for others to book.",
                values,
              )
            : say(
                "At {time} the booking of {room} on {day}, {start}–{end}, was cancelled through the room's API (by a program or device holding one of the room's tokens), before its check-in opened. The room is free for others to book.",
                values,
              ),
          // The room changes no calendar: the invitees would still come.
          ...(m.source === 'calendar'
            ? [say("The invitation is still in the invitees' calendars: cancel it there too if the meeting is not taking place.")]
            : []),
        ].join('\n')
      : via === 'panel'
        ? say(
            'At {time} someone in {room} freed the room from its panel: the meeting ({start}–{end}) is not taking place. The booking was released so others can book the room.',
            values,
          )
        : say(
            "At {time} {room} was freed through the room's API (by a program or device holding one of the room's tokens): the meeting ({start}–{end}) is not taking place. The booking was released so others can book the room.",
            values,
          );
    return {
      kind: 'released',
      ...this.inLanguage,
      title,
      text,
      meetingId: m.id,
      data: { start: m.start, end: m.end, releasedBy: ahead ? 'ahead-of-time' : 'by-hand', releasedVia: via },
    };
  }

  flagged(m: Meeting, misses: number): NotifyMessage {
    return {
      kind: 'flagged',
      ...this.inLanguage,
      title: this.say('Recurring booking unused {n} times in a row: {title} ({room})', { n: misses, title: this.titleFor(m, true), room: this.room.name }),
      text: this.say(
        'The series was released unused {n} times in a row (nobody checked in, or the room was freed by hand once check-in had opened). Please cancel it if it is no longer needed, so others can book {room}.',
        {
          n: misses,
          room: this.room.name,
        },
      ),
      meetingId: m.id,
      data: { seriesKey: m.seriesKey, misses },
    };
  }

  minutes(min: Minutes, attachments: NotifyMessage['attachments']): NotifyMessage {
    const link = this.pageUrl(min.meeting.id);
    const t = minutesWords(this.room.locale);
    return {
      kind: 'minutes',
      ...this.inLanguage,
      title: t('Minutes: {title}', { title: min.meeting.title }),
      text: minutesMarkdown(min),
      meetingId: min.meeting.id,
      ...(link ? { link } : {}),
      data: min as unknown as Record<string, unknown>,
      attachments,
    };
  }

  /** The line under the minutes that carries a recipient's own link (never forward it: it proves who reads). */
  personalLink(url: string, organiser: boolean): string {
    const t = minutesWords(this.room.locale);
    return organiser
      ? t('Your personal link to these minutes (do not forward it; as the organiser you amend them through it): {url}', { url })
      : t('Your personal link to these minutes (do not forward it): {url}', { url });
  }

  /** The line under it that opens the person's own rating of the room on the phone page (their link, at the rating). */
  ratingLink(url: string): string {
    const t = minutesWords(this.room.locale);
    return t('How was the room? Rate it and tell us what did not work, from your phone: {url}', { url });
  }

  followUp(item: ActionItem, meetingTitle: string): NotifyMessage {
    const say = this.say;
    // The day in the room's zone: a deadline late in a UTC day is the next day in Shanghai.
    const day = item.deadline ? roomDay(item.deadline, this.room.timezone, this.room.locale) : '';
    return {
      kind: 'followup',
      ...this.inLanguage,
      title: say('Action item due {day}: {text}', { day, text: item.text }),
      text: [
        say('{owner}, this action item from "{title}" is due {day}.', { owner: item.owner, title: meetingTitle, day }),
        say('Status: {status}. Update it through the room API (PATCH /api/v1/action-items/{id}).', { status: say(item.status), id: item.id }),
      ].join('\n'),
      meetingId: item.meetingId,
    };
  }
}
