import type { AgendaItem } from './agenda-repository.js';
import { overrunMinutes } from './agenda-clock.js';
import type { AttendanceEntry } from './attendance.js';
import type { Meeting, Person } from './meeting-types.js';
import { displayName } from './meeting-types.js';
import { wallTimeAt } from '../schedule/zoned-time.js';
import type { ActionItem, MinutesEntry } from './minutes-repository.js';

interface MinutesAgendaItem {
  position: number;
  title: string;
  owner: string | null;
  allottedMinutes: number;
  startedAt: string | null;
  endedAt: string | null;
  actualMinutes: number | null;
  overrunMinutes: number | null;
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
    room: { id: string; name: string; timezone?: string };
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
  decisions: MinutesEntry[];
  actionItems: ActionItem[];
  /** Who had the floor, in order (absent in minutes kept from before the floor was recorded). */
  floor?: MinutesTurn[];
  assembledAt: string;
}

interface MinutesRoom {
  room: string;
  name: string;
  present: number;
  names: string[];
}

interface MinutesParts {
  meeting: Meeting;
  room: { id: string; name: string; timezone?: string };
  attendance: AttendanceEntry[];
  rooms?: MinutesRoom[];
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
    })),
    notes: p.entries.filter((e) => e.kind === 'note'),
    decisions: p.entries.filter((e) => e.kind === 'decision'),
    actionItems: p.actions,
    floor: p.floor ?? [],
    assembledAt: p.now.toISOString(),
  };
}

const STATUS_WORDS = { on_time: 'on time', late: 'late', absent: 'absent' } as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** Markdown for people: email body, export, the phone page. Times are the room's wall time, its zone named once. */
export function minutesMarkdown(min: Minutes): string {
  const m = min.meeting;
  const zone = m.room.timezone ?? 'UTC';
  const hhmm = (iso: string | null) => {
    if (!iso) return '—';
    const w = wallTimeAt(new Date(iso), zone);
    return `${pad(w.hour)}:${pad(w.minute)}`;
  };
  const day = (() => {
    const w = wallTimeAt(new Date(m.bookedStart), zone);
    return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  })();
  const lines = [
    `# ${m.title}`,
    '',
    `Room ${m.room.name} · booked ${day} ${hhmm(m.bookedStart)}–${hhmm(m.bookedEnd)} · held ${hhmm(m.startedAt)}–${hhmm(m.endedAt)} (${zone} time)`,
  ];
  if (m.organiser.name || m.organiser.email) lines.push(`Organiser: ${displayName(m.organiser)}`);
  lines.push('', '## Attendance', '');
  for (const a of min.attendance)
    lines.push(
      `- ${displayName(a)}${a.invited ? (a.required ? '' : ' (optional)') : ' (walk-in)'}: ${STATUS_WORDS[a.status]}${a.checkedInAt ? ` (${hhmm(a.checkedInAt)}${a.room ? `, in ${a.room}` : ''})` : ''}`,
    );
  if (min.rooms?.length) {
    lines.push('', '## Rooms', '');
    for (const r of min.rooms) lines.push(`- ${r.name} (${r.room}): ${r.present} present${r.names.length ? ` — ${r.names.join(', ')}` : ''}`);
  }
  if (min.agenda.length > 0) {
    lines.push('', '## Agenda', '');
    for (const i of min.agenda) {
      const actual = i.actualMinutes === null ? 'not reached' : `${i.actualMinutes} min${i.overrunMinutes ? `, ${i.overrunMinutes} min over` : ''}`;
      lines.push(`${i.position}. ${i.title}${i.owner ? ` — ${i.owner}` : ''}: ${i.allottedMinutes} min planned, ${actual}`);
    }
  }
  lines.push('', '## Decisions', '');
  if (min.decisions.length === 0) lines.push('- none recorded');
  for (const d of min.decisions) lines.push(`- ${d.text}`);
  lines.push('', '## Action items', '');
  if (min.actionItems.length === 0) lines.push('- none recorded');
  for (const a of min.actionItems)
    lines.push(`- [${a.status === 'done' ? 'x' : ' '}] ${a.text} — ${a.owner}${a.deadline ? `, due ${a.deadline.slice(0, 10)}` : ''}`);
  if (min.floor && min.floor.length > 0) {
    lines.push('', '## Speakers', '');
    min.floor.forEach((turn, i) => {
      const spoke = Math.round(((Date.parse(turn.until) - Date.parse(turn.since)) / 60_000) * 10) / 10;
      lines.push(`${i + 1}. ${turn.name ?? 'a speaker'} (${turn.room}) ${hhmm(turn.since)}–${hhmm(turn.until)}: ${spoke} of ${turn.allottedMinutes} min`);
    });
  }
  if (min.notes.length > 0) {
    lines.push('', '## Notes', '');
    for (const n of min.notes) lines.push(`- ${n.text}`);
  }
  return `${lines.join('\n')}\n`;
}
