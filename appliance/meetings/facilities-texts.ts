import type { LocalizedNames } from '../../drivers/core/localized-text.js';
import type { NotifyMessage } from '../notify/notify-message.js';
import type { RoomLocale } from '../room/room-language.js';
import { ZH_CN_FACILITIES } from './facilities-words-zh-cn.js';
import type { Meeting } from './meeting-types.js';
import { roomDay, roomHhmm, wordsIn, type Words } from './room-words.js';
import type { SelfTestReport } from './self-test.js';
import { NEXT_STEPS, reasonSentence, SELF_TEST_CHECK_WORDS, silenceSentence } from './self-test-advice.js';
import { ZH_CN_SELF_TEST } from './self-test-words-zh-cn.js';

const ZH_CN = { ...ZH_CN_FACILITIES, ...ZH_CN_SELF_TEST };

/**
 * What the room tells facilities — a failed self-test, a call for help, a problem report — in
 * the room's language, read each time a message is worded (the admin may change it while the
 * room runs), with times and days in the room's zone and devices by their names. What people
 * typed and what devices said (a comment, a device's error) stay as they were written.
 */
export class FacilitiesTexts {
  constructor(
    private readonly room: { name: string; timezone: string; locale?: RoomLocale },
    /** A device's names from the room's config; null for none of the room's devices. */
    private readonly deviceNames: (deviceId: string) => LocalizedNames | null = () => null,
  ) {}

  private get say(): Words {
    return wordsIn(this.room.locale, ZH_CN);
  }

  private get inLanguage(): Pick<NotifyMessage, 'locale'> {
    return this.room.locale ? { locale: this.room.locale } : {};
  }

  /** "at 10:00 on 2026-04-01" / "2026年4月1日 10:00", in the room's zone. */
  private moment(iso: string): { time: string; day: string } {
    return { time: roomHhmm(iso, this.room.timezone), day: roomDay(iso, this.room.timezone, this.room.locale) };
  }

  private deviceName(deviceId: string): string {
    if (deviceId === 'call') return this.say('Online call');
    return this.deviceNames(deviceId)?.[this.room.locale ?? 'en'] || deviceId;
  }

  private meetingTitle(m: { title: string; confidentiality: string }): string {
    return m.confidentiality === 'confidential' ? this.say('Private meeting') : m.title;
  }

  selfTestFailed(m: Meeting | null, report: SelfTestReport): NotifyMessage {
    const say = this.say;
    const failed = report.results.filter((r) => !r.ok);
    const works = [...new Set(report.results.filter((r) => r.ok).map((r) => r.deviceId))].filter((d) => !failed.some((f) => f.deviceId === d));
    const line = (f: SelfTestReport['results'][number]) => {
      const check = SELF_TEST_CHECK_WORDS[f.check] ? say(SELF_TEST_CHECK_WORDS[f.check]) : f.check;
      const next = f.advice && NEXT_STEPS[f.advice] ? say(NEXT_STEPS[f.advice]) : f.nextStep;
      // A silent microphone's measurement, a device's status, the room's wait in the room's words; a device's own error as it said it.
      const sentence = f.heard ? silenceSentence(f.heard) : reasonSentence(f, (note) => say(note));
      const detail = sentence ? say(sentence.words, sentence.values) : (f.detail ?? say('failed'));
      const what = say('- {device} · {check}: {detail}', { device: this.deviceName(f.deviceId), check, detail });
      return next ? `${what}\n  ${say('Next: {step}', { step: next })}` : what;
    };
    return {
      kind: 'selftest',
      ...this.inLanguage,
      title: m
        ? say('Self-test failed in {room} before {time}', { room: this.room.name, time: roomHhmm(m.start, this.room.timezone) })
        : say('Self-test failed in {room}', { room: this.room.name }),
      text: [
        say('The self-test at {time} on {day} found:', this.moment(report.at)),
        ...failed.map(line),
        works.length ? say('Still working: {list}', { list: works.map((d) => this.deviceName(d)).join(say(', ')) }) : say('Nothing else answered.'),
      ].join('\n'),
      ...(m ? { meetingId: m.id } : {}),
      data: { reportId: report.id, results: report.results },
    };
  }

  /** A call for help from the panel. The meeting's title stays out unless it may be shown to groups. */
  helpRequested(message: string | null, m: { id: string; title: string; confidentiality: string } | null, at: Date): NotifyMessage {
    const say = this.say;
    const when = { room: this.room.name, ...this.moment(at.toISOString()) };
    return {
      kind: 'help',
      ...this.inLanguage,
      title: say('Help needed in {room}', { room: this.room.name }),
      text: [
        m
          ? say('Someone in {room} asked for help at {time} on {day}, during {title}.', { ...when, title: this.meetingTitle(m) })
          : say('Someone in {room} asked for help at {time} on {day}.', when),
        message ? say('They wrote: {message}', { message }) : say('They left no message.'),
      ].join('\n'),
      ...(m ? { meetingId: m.id } : {}),
    };
  }

  /** A problem reported from the panel: its categories in words, the comment as typed, and the meeting it was in. */
  problem(categories: readonly string[], comment: string | null, m: Meeting | null, at: Date): NotifyMessage {
    const say = this.say;
    const span = (iso: string) => roomHhmm(iso, this.room.timezone);
    return {
      kind: 'problem',
      ...this.inLanguage,
      title: say('Problem reported in {room}: {categories}', {
        room: this.room.name,
        categories: categories.map((c) => say(c)).join(say(', ')) || say('other'),
      }),
      text: [
        comment ?? say('(no comment)'),
        say('Reported at {time} on {day}.', this.moment(at.toISOString())),
        ...(m ? [say('During: {title} ({when})', { title: this.meetingTitle(m), when: `${span(m.start)}–${span(m.end)}` })] : []),
      ].join('\n'),
      ...(m ? { meetingId: m.id } : {}),
      data: { categories },
    };
  }
}
