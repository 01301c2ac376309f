/**
 * Every text the panel shows through t('…') has its zh-CN translation, and every
 * placeholder of the English text survives in the Chinese one (a missing {n} would show a
 * count-less sentence to half of the rooms).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { NEXT_STEPS, REASON_WORDS, SELF_TEST_CHECK_WORDS, SILENCE_WORDS } from '../../appliance/meetings/self-test-advice.js';
import { ZH_CN as PANEL_ZH_CN } from './zh-cn.js';
import { ZH_CN_BOOK_PAGE } from './zh-cn-book-page.js';
import { ZH_CN_MEETING_PAGE } from './zh-cn-meeting-page.js';
import { ZH_CN_PHONE_PAGES } from './zh-cn-phone-pages.js';
import { ZH_CN_PHONE_RATING } from './zh-cn-phone-rating.js';
import { ZH_CN_SELFTEST } from './zh-cn-selftest.js';

/** The main table plus the admin view's self-test texts, which load with that view, and the phone pages' and the phone rating's, which load with those pages. */
const ZH_CN: Record<string, string> = {
  ...PANEL_ZH_CN,
  ...ZH_CN_SELFTEST,
  ...ZH_CN_PHONE_RATING,
  ...ZH_CN_PHONE_PAGES,
  ...ZH_CN_MEETING_PAGE,
  ...ZH_CN_BOOK_PAGE,
};

const SRC = join(PROJECT_ROOT, 'panel-ui', 'src');
/** Texts passed to t() through a variable (lists of reasons, categories, statuses). */
const INDIRECT = ['Audio', 'Display', 'Camera', 'Network', 'Cleanliness', 'Other', 'Video call', 'Room', 'open', 'in_progress', 'done', 'cancelled'];

/** Room code the panel bundles that words things through the t() it is given. */
const SHARED = [join(PROJECT_ROOT, 'appliance', 'conversation', 'poll-outcome.ts')];
/** The room's tables the admin view words through t(): what each self-test check tried, why it failed, and what to do next. */
const ROOM_TABLES = [...Object.values(SELF_TEST_CHECK_WORDS), ...Object.values(NEXT_STEPS), ...Object.values(SILENCE_WORDS), ...Object.values(REASON_WORDS)];

function keysUsed(): Set<string> {
  const keys = new Set([...INDIRECT, ...ROOM_TABLES]);
  const files = readdirSync(SRC)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(SRC, f));
  for (const file of [...files, ...SHARED]) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bt\('((?:[^'\\]|\\.)*)'/g)) keys.add(m[1]!.replace(/\\'/g, "'"));
  }
  return keys;
}

describe('panel translations', () => {
  it('has a zh-CN text for every English one the panel uses', () => {
    const missing = [...keysUsed()].filter((k) => !(k in ZH_CN));
    expect(missing).toEqual([]);
  });

  it('keeps every placeholder in the translation', () => {
    const broken = Object.entries(ZH_CN).filter(([en, zh]) => {
      const names = (s: string) =>
        [...s.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1])
          .sort()
          .join(',');
      return names(en) !== names(zh);
    });
    expect(broken).toEqual([]);
  });
});
