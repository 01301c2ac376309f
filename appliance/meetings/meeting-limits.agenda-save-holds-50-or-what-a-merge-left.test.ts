import { expect, it } from 'vitest';
import { assertAgendaSaveFits } from './meeting-limits.js';

/** What a save of `items` items over an agenda of `holds` gets: saved, or the limit it was refused at. */
const answer = (holds: number, items: number) => {
  try {
    assertAgendaSaveFits('m1', items, holds);
    return 'saved';
  } catch (err) {
    return (err as { code: string; details: unknown }).code === 'ROOMCTL_E_MEETING_LIMIT' ? (err as { details: unknown }).details : err;
  }
};

it.each([
  ['an agenda of 49, one more', 49, 50, 'saved'],
  ['an agenda of 49, two more', 49, 51, { limit: 50, what: 'agenda items' }],
  ['an agenda of 50, one more', 50, 51, { limit: 50, what: 'agenda items' }],
  ['a merged agenda of 51 (49 and one from each of two rooms), changed', 51, 51, 'saved'],
  ['a merged agenda of 51, one removed', 51, 50, 'saved'],
  ['a merged agenda of 51, one more', 51, 52, { limit: 51, what: 'agenda items' }],
  ['a merged agenda of 100, changed', 100, 100, 'saved'],
  ['a merged agenda of 100, one more', 100, 101, { limit: 100, what: 'agenda items' }],
])('an agenda save holds 50 items, or as many as a merge left — %s', (_case, holds, items, expected) => {
  expect(answer(holds, items)).toEqual(expected);
});
