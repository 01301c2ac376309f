import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { actionItemsIcs } from './action-items-ics.js';
import type { ActionItem } from './minutes-repository.js';

const item = (fields: Partial<ActionItem>): ActionItem => ({
  id: 'a1',
  meetingId: 'm1',
  text: 'Send the budget',
  owner: 'Bob',
  ownerEmail: 'bob@example.com',
  deadline: '2026-04-08T09:00:00.000Z',
  status: 'open',
  createdAt: '2026-04-01T10:00:00.000Z',
  updatedAt: '2026-04-01T10:05:00.000Z',
  remindedAt: null,
  ...fields,
});

// What people type: the characters iCalendar escapes, line breaks of both kinds, and long
// lines of three- and four-byte characters that must fold between characters, not inside one.
const tricky = [
  item({ text: 'Budget; Q2, final \\ signed\nthen filed\r\nby Friday', owner: 'Müller, Jan: "JM" ^ lead', status: 'in_progress' }),
  item({ id: 'a2', text: `把预算发给财务部门${'，请在周五之前完成'.repeat(6)}`, owner: '王小明', ownerEmail: null, deadline: null, status: 'done' }),
  item({ id: 'a3', text: `Order 🎉 ${'🎂'.repeat(40)}`, owner: 'Ana', status: 'cancelled' }),
];

it('writes action items that an iCalendar reader reads back field for field', () => {
  const ics = actionItemsIcs(tricky, 'Budget, "Q2"; review', new Date('2026-04-01T11:00:00.000Z'), { name: 'Lee; Chair', email: 'lee@example.com' });
  const todos = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vtodo');
  expect(todos.map((t) => t.getFirstPropertyValue('uid'))).toEqual(['a1@roomctl', 'a2@roomctl', 'a3@roomctl']);
  expect(todos.map((t) => t.getFirstPropertyValue('summary'))).toEqual([
    'Budget; Q2, final \\ signed\nthen filed\nby Friday',
    tricky[1]!.text,
    tricky[2]!.text,
  ]);
  expect(todos.map((t) => t.getFirstPropertyValue('status'))).toEqual(['IN-PROCESS', 'COMPLETED', 'CANCELLED']);
  expect(todos[0]!.getFirstPropertyValue('description')).toBe('From the meeting "Budget, "Q2"; review". Owner: Müller, Jan: "JM" ^ lead');
  expect(todos[0]!.getFirstProperty('attendee')!.getParameter('cn')).toBe('Müller, Jan: "JM" ^ lead');
  expect(todos[0]!.getFirstPropertyValue('attendee')).toBe('mailto:bob@example.com');
  expect(todos[1]!.getFirstProperty('attendee')).toBeNull();
  expect(todos[0]!.getFirstProperty('organizer')!.getParameter('cn')).toBe('Lee; Chair');
  expect(todos[0]!.getFirstPropertyValue('organizer')).toBe('mailto:lee@example.com');
  expect(String(todos[0]!.getFirstPropertyValue('due'))).toBe('2026-04-08T09:00:00Z');
  expect(todos[1]!.getFirstProperty('due')).toBeNull();
  expect(String(todos[0]!.getFirstPropertyValue('dtstamp'))).toBe('2026-04-01T11:00:00Z');
  expect(String(todos[0]!.getFirstPropertyValue('created'))).toBe('2026-04-01T10:00:00Z');
  expect(String(todos[0]!.getFirstPropertyValue('last-modified'))).toBe('2026-04-01T10:05:00Z');
});

it('ends every line with CRLF and folds none longer than 75 octets', () => {
  const ics = actionItemsIcs(tricky, 'Review', new Date('2026-04-01T11:00:00.000Z'));
  expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = ics.split('\r\n');
  expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
  for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
  expect(ics).not.toMatch(/\uFFFD/);
});

it('writes an organiser without a name, and no organiser without an email', () => {
  const named = actionItemsIcs([item({})], 'Review', new Date('2026-04-01T11:00:00.000Z'), { email: 'lee@example.com' });
  expect(named).toContain('\r\nORGANIZER:mailto:lee@example.com\r\n');
  const none = actionItemsIcs([item({})], 'Review', new Date('2026-04-01T11:00:00.000Z'), { name: 'Lee' });
  expect(none).not.toContain('ORGANIZER');
});
