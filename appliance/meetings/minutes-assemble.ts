import type { AgendaItem } from './agenda-repository.js';
import { isSkipped, overrunMinutes } from './agenda-clock.js';
import type { AttendanceEntry } from './attendance.js';
import type { Meeting, Person, ReleaseReason } from './meeting-types.js';
import { displayName } from './meeting-types.js';
import { wallTimeAt } from '../schedule/zoned-time.js';
import type { ActionItem, MinutesEntry } from './minutes-repository.js';
import { roomDay, wordsIn, type Words } from './room-words.js';
import type { RoomLocale } from '../room/room-language.js';
import { ZH_CN_MINUTES } from './minutes-words-zh-cn.js';
import { decisionWords } from '../conversation/poll-outcome.js';

interface MinutesAgendaItem {
  position: number;
  title: string;
  owner: string | null;
  allottedMinutes: number;
  startedAt: string | null;
  endedAt: string | null;
  actualMinutes: number | null;
  overrunMinutes: number | null;
  /** Passed over with "skip" (absent in minutes kept from before skips were recorded). */
  skipped?: boolean;
}

/** One turn at the floor, in the order spoken. */
interface MinutesTurn {
  name: string | null;
  /** `site/room` the speaker sat in */
  room: string;
  since: string;
  until: string;
  allottedMinutes: number;
  agendaPosition: number | null;
}

/** The minutes of one meeting, as sent and exported (JSON). */
export interface Minutes {
  meeting: {
    id: string;
    title: string;
    organiser: Person;
    /** `timezone` (IANA): the room's, in which people read the times; absent in minutes kept from before it was recorded (UTC). */
    room: { id: string; name: string; timezone?: string; locale?: RoomLocale };
    bookedStart: string;
    bookedEnd: string;
    startedAt: string | null;
    endedAt: string | null;
    confidentiality: Meeting['confidentiality'];
  };
  attendance: AttendanceEntry[];
  /** A linked meeting: who came in each room (names only when the meeting is not confidential). */
  rooms?: MinutesRoom[];
  agenda: MinutesAgendaItem[];
  notes: MinutesEntry[];
  decisions: MinutesDecision[];
  actionItems: ActionItem[];
  /** Who had the floor, in order (absent in minutes kept from before the floor was recorded). */
  floor?: MinutesTurn[];
  assembledAt: string;
}

/** The count of a closed poll, so the minutes word its result in the room's language. */
interface MinutesPoll {
  question: string;
  options: string[];
  counts: Record<string, number>;
}

/** A decision; a closed poll's (entry id `poll:<pollId>`) carries the poll, its `text` the English wording. */
type MinutesDecision = MinutesEntry & { poll?: MinutesPoll };

interface MinutesRoom {
  room: string;
  name: string;
  present: number;
  names: string[];
  /** The room released its booking and left the meeting (how). */
  released?: ReleaseReason;
}

interface MinutesParts {
  meeting: Meeting;
  room: { id: string; name: string; timezone?: string; locale?: RoomLocale };
  attendance: AttendanceEntry[];
  rooms?: MinutesRoom[];
  /** The meeting's closed polls, by id. */
  polls?: ReadonlyMap<string, MinutesPoll>;
  agenda: AgendaItem[];
  entries: MinutesEntry[];
  actions: ActionItem[];
  floor?: MinutesTurn[];
  now: Date;
}

export function assembleMinutes(p: MinutesParts): Minutes {
  const m = p.meeting;
  return {
    meeting: {
      id: m.id,
      title: m.title,
      organiser: m.organiser,
      room: p.room,
      bookedStart: m.start,
      bookedEnd: m.end,
      startedAt: m.startedAt,
      endedAt: m.endedAt,
      confidentiality: m.confidentiality,
    },
    attendance: p.attendance,
    ...(p.rooms ? { rooms: p.rooms } : {}),
    agenda: p.agenda.map((i) => ({
      position: i.position,
      title: i.title,
      owner: i.owner ?? null,
      allottedMinutes: i.minutes,
      startedAt: i.startedAt,
      endedAt: i.endedAt,
      actualMinutes: i.startedAt && i.endedAt ? Math.round(((Date.parse(i.endedAt) - Date.parse(i.startedAt)) / 60_000) * 10) / 10 : null,
      overrunMinutes: overrunMinutes(i),
      skipped: isSkipped(i),
    })),
    notes: p.entries.filter((e) => e.kind === 'note'),
    decisions: p.entries
      .filter((e) => e.kind === 'decision')
      .map((e) => {
        const poll = e.id.startsWith('poll:') ? p.polls?.get(e.id.slice('poll:'.length)) : undefined;
        return poll ? { ...e, poll } : e;
      }),
    actionItems: p.actions,
    floor: p.floor ?? [],
    assembledAt: p.now.toISOString(),
  };
}

const STATUS_WORDS = { on_time: 'on time', late: 'late', absent: 'absent' } as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** The minutes' words in a language (their table: minutes-words-zh-cn.ts). */
export const minutesWords = (locale: RoomLocale | undefined): Words => wordsIn(locale, ZH_CN_MINUTES);

/**
 * Markdown for people: email body, export, the phone page. In the room's language
 * (`room.locale`); times are the room's wall time, its zone named once.
 */
export function minutesMarkdown(min: Minutes): string {
  const m = min.meeting;
  const zone = m.room.timezone ?? 'UTC';
  const t = minutesWords(m.room.locale);
  const hhmm = (iso: string | null) => {
    if (!iso) return '—';
    const w = wallTimeAt(new Date(iso), zone);
    return `${pad(w.hour)}:${pad(w.minute)}`;
  };
  const day = (iso: string) => roomDay(iso, zone, m.room.locale);
  const lines = [
    `# ${m.title}`,
    '',
    t('Room {room} · booked {day} {from}–{to} · held {heldFrom}–{heldTo} ({zone} time)', {
      room: m.room.name,
      day: day(m.bookedStart),
      from: hhmm(m.bookedStart),
      to: hhmm(m.bookedEnd),
      heldFrom: hhmm(m.startedAt),
      heldTo: hhmm(m.endedAt),
      zone,
    }),
  ];
  if (m.organiser.name || m.organiser.email) lines.push(t('Organiser: {name}', { name: displayName(m.organiser) }));
  lines.push('', `## ${t('Attendance')}`, '');
  for (const a of min.attendance) {
    const name = displayName(a);
    const who = a.invited ? (a.required ? name : t('{name} (optional)', { name })) : t('{name} (walk-in)', { name });
    const status = t(STATUS_WORDS[a.status]);
    const when = !a.checkedInAt
      ? status
      : a.room
        ? t('{status} ({time}, in {room})', { status, time: hhmm(a.checkedInAt), room: a.room })
        : t('{status} ({time})', { status, time: hhmm(a.checkedInAt) });
    lines.push(`- ${t('{what}: {detail}', { what: who, detail: when })}`);
  }
  if (min.rooms?.length) {
    lines.push('', `## ${t('Rooms')}`, '');
    for (const r of min.rooms) {
      // A room that released its booking left the meeting: how it was released.
      const line =
        r.released === 'no-check-in'
          ? t('{name} ({room}): left the meeting, nobody checked in there', { name: r.name, room: r.room })
          : r.released === 'by-hand'
            ? t('{name} ({room}): left the meeting, freed by hand', { name: r.name, room: r.room })
            : r.released === 'ahead-of-time'
              ? t('{name} ({room}): left the meeting, cancelled ahead of time', { name: r.name, room: r.room })
              : t('{name} ({room}): {n} present', { name: r.name, room: r.room, n: r.present });
      lines.push(`- ${line}${r.names.length ? ` — ${r.names.join(t(', '))}` : ''}`);
    }
  }
  if (min.agenda.length > 0) {
    lines.push('', `## ${t('Agenda')}`, '');
    for (const i of min.agenda) {
      const actual =
        i.actualMinutes === null
          ? t('not reached')
          : i.skipped
            ? t('skipped')
            : i.overrunMinutes
              ? t('{n} min, {over} min over', { n: i.actualMinutes, over: i.overrunMinutes })
              : t('{n} min', { n: i.actualMinutes });
      const what = `${i.title}${i.owner ? ` — ${i.owner}` : ''}`;
      lines.push(`${i.position}. ${t('{what}: {detail}', { what, detail: t('{planned} min planned, {actual}', { planned: i.allottedMinutes, actual }) })}`);
    }
  }
  lines.push('', `## ${t('Decisions')}`, '');
  if (min.decisions.length === 0) lines.push(`- ${t('none recorded')}`);
  for (const d of min.decisions) lines.push(`- ${decisionWords(d, { t })}`);
  lines.push('', `## ${t('Action items')}`, '');
  if (min.actionItems.length === 0) lines.push(`- ${t('none recorded')}`);
  for (const a of min.actionItems)
    lines.push(
      `- [${a.status === 'done' ? 'x' : ' '}] ${a.deadline ? t('{text} — {owner}, due {day}', { text: a.text, owner: a.owner, day: day(a.deadline) }) : `${a.text} — ${a.owner}`}`,
    );
  if (min.floor && min.floor.length > 0) {
    lines.push('', `## ${t('Speakers')}`, '');
    min.floor.forEach((turn, i) => {
      const spoke = Math.round(((Date.parse(turn.until) - Date.parse(turn.since)) / 60_000) * 10) / 10;
      lines.push(
        `${i + 1}. ${t('{what}: {detail}', {
          what: `${turn.name ?? t('a speaker')} (${turn.room}) ${hhmm(turn.since)}–${hhmm(turn.until)}`,
          detail: t('{spoke} of {allotted} min', { spoke, allotted: turn.allottedMinutes }),
        })}`,
      );
    });
  }
  if (min.notes.length > 0) {
    lines.push('', `## ${t('Notes')}`, '');
    for (const n of min.notes) lines.push(`- ${n.text}`);
  }
  return `${lines.join('\n')}\n`;
}
