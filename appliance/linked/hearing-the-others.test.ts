import { expect, it } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import { HearingTheOthers } from './hearing-the-others.js';

const join = (id: string): LinkRecord => ({ id, link: 'L', room: 'hq/aurora', at: '2026-04-01T08:00:00.000Z', kind: 'room.joined', name: 'Aurora' });

it('listens from the moment its own join came back from the broker, not from when it was written', () => {
  let now = 0;
  const hearing = new HearingTheOthers(() => now);
  hearing.joining(join('j1'));
  now = 10_000; // the outbox's connection was slow: the join is not on the broker yet
  expect(hearing.heardTheOthers('L', [])).toBe(false);
  expect(hearing.awaitsEcho('L')).toBe(true);
  hearing.echoed('L', 'another-record');
  expect(hearing.awaitsEcho('L')).toBe(true);
  hearing.echoed('L', 'j1');
  expect(hearing.awaitsEcho('L')).toBe(false);
  now = 12_999; // a room it has never heard of gets 3 s to show up
  expect(hearing.heardTheOthers('L', [])).toBe(false);
  now = 13_000;
  expect(hearing.heardTheOthers('L', [])).toBe(true);
  // A later join (a reconnect) does not re-open the question.
  hearing.joining(join('j2'));
  expect(hearing.heardTheOthers('L', [])).toBe(true);
});

it("waits for the re-send of every room it knows online to end (that room's join, last), however slow, up to 15 s", () => {
  let now = 0;
  const hearing = new HearingTheOthers(() => now);
  hearing.joinOf('L', 'ny/hudson'); // before this room's join is on the broker: not an answer to it
  hearing.joining(join('j1'));
  hearing.echoed('L', 'j1');
  now = 5000; // a busy machine: Hudson's re-send has not ended, Lotus's has
  hearing.joinOf('L', 'sz/lotus');
  expect(hearing.heardTheOthers('L', ['ny/hudson', 'sz/lotus'])).toBe(false);
  hearing.joinOf('L', 'ny/hudson');
  expect(hearing.heardTheOthers('L', ['ny/hudson', 'sz/lotus'])).toBe(true);

  const other = new HearingTheOthers(() => now);
  now = 0;
  other.joining(join('j1'));
  other.echoed('L', 'j1');
  now = 14_999; // a room online that holds the meeting no more never re-sends
  expect(other.heardTheOthers('L', ['ny/hudson'])).toBe(false);
  now = 15_000;
  expect(other.heardTheOthers('L', ['ny/hudson'])).toBe(true);
});

it('after a minute decides alone rather than never: a join that did not come back, or none sent (the subscription never confirmed)', () => {
  let now = 0;
  const hearing = new HearingTheOthers(() => now);
  hearing.takesPart('L');
  now = 500; // its subscription confirmed: it says it takes part
  hearing.joining(join('j1'));
  now = 59_999;
  expect(hearing.heardTheOthers('L', ['ny/hudson'])).toBe(false);
  now = 60_000; // a minute after it first took part, not after its join
  expect(hearing.heardTheOthers('L', ['ny/hudson'])).toBe(true);

  const unconfirmed = new HearingTheOthers(() => now);
  now = 0;
  unconfirmed.takesPart('L');
  now = 59_999;
  expect(unconfirmed.heardTheOthers('L', [])).toBe(false);
  now = 60_000;
  expect(unconfirmed.heardTheOthers('L', [])).toBe(true);
  expect(unconfirmed.heardTheOthers('never-taken-part', [])).toBe(false);
});
