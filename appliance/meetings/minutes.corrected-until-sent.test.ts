import { afterEach, expect, it } from 'vitest';
import { book, end, start } from './meeting-lifecycle.js';
import { addActionItem, addEntry, deleteActionItem, editEntry, readMinutes, updateActionItem } from './minutes-actions.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('holds the minutes for the review time after the end: notes, decisions and action items can be corrected or deleted until they are sent, not after', async () => {
  fx = roomFixture({ start: '2026-04-01T08:58:00.000Z', meetings: { reminderMinutes: 0, minutesReviewMinutes: 10 } });
  const ctx = fx.room.ctx;
  const panel = { via: 'token' as const };
  const m = book(ctx, { start: '2026-04-01T09:00:00.000Z', minutes: 30, title: 'Budget review' });
  await fx.advanceTo('2026-04-01T09:00:00.000Z');
  start(ctx, m.id);
  const note = addEntry(ctx, m.id, 'note', 'Q1 spend was 4 % under plam', undefined, panel);
  const wrong = addEntry(ctx, m.id, 'decision', 'Approve the Q3 budget', undefined, panel);
  const kept = addEntry(ctx, m.id, 'decision', 'Approve the Q2 budget', undefined, panel);
  const item = addActionItem(ctx, m.id, { text: 'Send the budget', owner: 'Bob' }, panel);
  const dropped = addActionItem(ctx, m.id, { text: 'Duplicate', owner: 'Bob' }, panel);
  await fx.advance(20 * 60_000);
  end(ctx, m.id);

  // Ended, assembled, not sent: the summary can still be put right.
  let read = readMinutes(ctx, m.id, panel);
  expect(read).toMatchObject({ final: true, sentAt: null, sendsAt: '2026-04-01T09:30:00.000Z' });
  editEntry(ctx, m.id, 'note', note.id, 'Q1 spend was 4 % under plan', panel);
  editEntry(ctx, m.id, 'decision', wrong.id, null, panel);
  deleteActionItem(ctx, dropped.id, panel);
  updateActionItem(ctx, item.id, { owner: 'Alice' }, panel);
  expect(() => editEntry(ctx, m.id, 'note', kept.id, 'a decision is not a note', panel)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_NOT_FOUND' }));
  read = readMinutes(ctx, m.id, panel);
  expect(read.minutes.notes.map((n) => n.text)).toEqual(['Q1 spend was 4 % under plan']);
  expect(read.minutes.decisions.map((d) => d.text)).toEqual(['Approve the Q2 budget']);
  expect(read.minutes.actionItems.map((a) => [a.text, a.owner])).toEqual([['Send the budget', 'Alice']]);
  expect(read.markdown).toContain('Q1 spend was 4 % under plan');
  expect(ctx.audit.list(m.id).map((a) => a.action)).not.toContain('send');

  // The review time is over: they go out, with the corrections, and are closed.
  await fx.advance(10 * 60_000);
  expect(ctx.audit.list(m.id).map((a) => a.action)).toContain('send');
  read = readMinutes(ctx, m.id, panel);
  expect(read.sentAt).toBe('2026-04-01T09:30:00.000Z');
  expect(read.minutes.notes.map((n) => n.text)).toEqual(['Q1 spend was 4 % under plan']);
  expect(() => editEntry(ctx, m.id, 'note', note.id, 'too late', panel)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_MINUTES_SENT' }));
  expect(() => addEntry(ctx, m.id, 'decision', 'too late', undefined, panel)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_MINUTES_SENT' }));
  expect(() => deleteActionItem(ctx, item.id, panel)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_MINUTES_SENT' }));
  // The work itself goes on: an item's status still follows it.
  expect(updateActionItem(ctx, item.id, { status: 'done' }, panel).status).toBe('done');
});
