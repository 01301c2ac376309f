/**
 * Every text the room sends through one of its word tables has its zh-CN translation, every
 * placeholder of the English survives in the Chinese (a lost {n} sends a count-less
 * sentence), and no table keeps a word nothing says any more.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { ZH_CN_FACILITIES } from './facilities-words-zh-cn.js';
import { PROBLEM_CATEGORIES } from './feedback-repository.js';
import { ZH_CN_MESSAGES } from './message-words-zh-cn.js';
import { ZH_CN_MINUTES } from './minutes-words-zh-cn.js';
import { NEXT_STEPS, REASON_WORDS, SELF_TEST_CHECK_WORDS, SILENCE_WORDS } from './self-test-advice.js';
import { ZH_CN_SELF_TEST } from './self-test-words-zh-cn.js';
import { ROOM_DEVICE_NOTES } from '../model/device-view.js';

const TABLES = [
  {
    name: 'minutes',
    table: ZH_CN_MINUTES,
    /** Where its words are said, and the name the words function has there. */
    sources: ['appliance/meetings/minutes-assemble.ts', 'appliance/meetings/meeting-texts.ts', 'appliance/conversation/poll-outcome.ts'],
    callee: 't',
    /** Words passed through a variable (attendance statuses). */
    indirect: ['on time', 'late', 'absent'],
  },
  {
    name: 'messages',
    table: ZH_CN_MESSAGES,
    sources: ['appliance/meetings/meeting-texts.ts'],
    callee: 'say',
    /** An action item's status. */
    indirect: ['open', 'in_progress', 'done', 'cancelled'],
  },
  {
    name: 'facilities',
    table: ZH_CN_FACILITIES,
    sources: ['appliance/meetings/facilities-texts.ts'],
    callee: 'say',
    /** A problem report's categories. */
    indirect: [...PROBLEM_CATEGORIES],
  },
  {
    name: 'self-test',
    table: ZH_CN_SELF_TEST,
    sources: [],
    callee: 'say',
    /** Said through its tables, by facilities' messages and the panel's admin view: what each check tried, what to do next, what a silent microphone measured, why a device could not be reached. */
    indirect: [
      ...Object.values(SELF_TEST_CHECK_WORDS),
      ...Object.values(NEXT_STEPS),
      ...Object.values(SILENCE_WORDS),
      ...Object.values(REASON_WORDS),
      ...Object.values(ROOM_DEVICE_NOTES),
    ],
  },
];

function wordsSaid(sources: readonly string[], callee: string): Set<string> {
  const said = new Set<string>();
  // A literal in single or double quotes: callee('…') or callee("…").
  const call = new RegExp(`\\b${callee}\\(\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|"((?:[^"\\\\]|\\\\.)*)")`, 'g');
  for (const file of sources)
    for (const m of readFileSync(join(PROJECT_ROOT, file), 'utf8').matchAll(call)) said.add((m[1] ?? m[2]!).replace(/\\(['"])/g, '$1'));
  return said;
}

const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

describe.each(TABLES)('the room’s $name words', ({ table, sources, callee, indirect }) => {
  const said = new Set([...wordsSaid(sources, callee), ...indirect]);

  it('are found where they are said (the scan itself works)', () => {
    expect(said.size).toBeGreaterThan(10);
  });

  it('each have a zh-CN translation', () => {
    expect([...said].filter((en) => !(en in table))).toEqual([]);
  });

  it('keep every placeholder in the translation', () => {
    expect(Object.entries(table).filter(([en, zh]) => placeholders(en) !== placeholders(zh))).toEqual([]);
  });

  it('keep no word nothing says', () => {
    expect(Object.keys(table).filter((en) => !said.has(en))).toEqual([]);
  });
});
