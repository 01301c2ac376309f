import { expect, it } from 'vitest';
import { camelCaseRow } from './camel-case-row.js';

it('names each column as the code names its field, values untouched, in the columns’ order', () => {
  const row = { id: 'a1', meeting_id: null, next_attempt_at: '2026-12-06T10:00:00.000Z', room_seen_at_2: 3, organiser: '{"name":"Ana"}' };
  const fields = camelCaseRow(row);
  expect(fields).toEqual({ id: 'a1', meetingId: null, nextAttemptAt: '2026-12-06T10:00:00.000Z', roomSeenAt2: 3, organiser: '{"name":"Ana"}' });
  expect(Object.keys(fields)).toEqual(['id', 'meetingId', 'nextAttemptAt', 'roomSeenAt2', 'organiser']);
});

it('puts a column whose field has another name under that name', () => {
  const fields = camelCaseRow({ start_at: 's', end_at: 'e', created_at: 'c' }, { start_at: 'start', end_at: 'end' });
  expect(fields).toEqual({ start: 's', end: 'e', createdAt: 'c' });
  expect(fields.start satisfies string).toBe('s');
});
