import { afterEach, expect, it } from 'vitest';
import { pollDecision, pollOutcome } from '../../appliance/conversation/poll-outcome.js';
import { entryAuthorWords, entryWords, pollOutcomeWords } from './conversation-words.js';
import { i18n } from './i18n.js';

// Set directly: setLocale also tells the page's <html>, which a unit test has not got.
afterEach(() => (i18n.locale = 'en'));

const YES_NO = ['yes', 'no', 'abstain'];

it('words a closed poll in English exactly as the minutes do', () => {
  const tallies: Record<string, number>[] = [{ yes: 3, no: 1 }, { yes: 7, no: 2, abstain: 1 }, { yes: 1, no: 4 }, { yes: 2, no: 2, abstain: 3 }, {}];
  for (const counts of tallies) {
    expect(pollOutcomeWords({ options: YES_NO, counts })).toBe(pollOutcome(YES_NO, counts));
  }
  const listed = { options: ['Tea', 'Coffee', 'Water'], counts: { Tea: 1, Coffee: 3 } };
  expect(pollOutcomeWords(listed)).toBe(pollOutcome(listed.options, listed.counts));
});

it('words a closed poll in Chinese on a Chinese panel, never the English of the minutes', () => {
  i18n.locale = 'zh-CN';
  expect(pollOutcomeWords({ options: YES_NO, counts: { yes: 3, no: 1 } })).toBe('通过（3 票赞成，1 票反对）');
  expect(pollOutcomeWords({ options: YES_NO, counts: { yes: 1, no: 4, abstain: 2 } })).toBe('未通过（1 票赞成，4 票反对），2 票弃权');
  expect(pollOutcomeWords({ options: YES_NO, counts: { yes: 2, no: 2 } })).toBe('票数相同，未通过（2 票赞成，2 票反对）');
  expect(pollOutcomeWords({ options: ['Tea', 'Coffee'], counts: { Tea: 1, Coffee: 3 } })).toBe('Coffee 3、Tea 1');
});

it("words a poll's decision in the panel's language, but a corrected one as it was typed", () => {
  i18n.locale = 'zh-CN';
  const poll = { question: 'Approve the budget?', options: YES_NO, counts: { yes: 3, no: 1 } };
  const entry = {
    id: 'poll:p1',
    kind: 'decision' as const,
    text: pollDecision(poll.question, poll.options, poll.counts),
    author: 'poll',
    at: '2026-12-07T10:00:00.000Z',
    poll,
  };
  expect(entryWords(entry)).toBe('Approve the budget? — 通过（3 票赞成，1 票反对）');
  expect(entryAuthorWords(entry.author)).toBe('表决');
  expect(entryWords({ ...entry, text: 'Budget approved, subject to the board' })).toBe('Budget approved, subject to the board');
  expect(entryWords({ ...entry, id: 'd1', text: 'Typed by hand', author: 'Ada', poll: undefined })).toBe('Typed by hand');
});
