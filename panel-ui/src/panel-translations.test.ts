/**
 * Every text the panel shows through t('…') has its zh-CN translation, every placeholder of the
 * English text survives in the Chinese one (a missing {n} would show a count-less sentence to
 * half of the rooms), and every Chinese text is one the panel still shows: a word nothing shows
 * any more would be carried in the panel's load for nobody.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { PROBLEM_CATEGORIES } from '../../appliance/meetings/feedback-repository.js';
import { ACTION_STATUSES } from '../../appliance/meetings/minutes-repository.js';
import { NEXT_STEPS, REASON_WORDS, SELF_TEST_CHECK_WORDS, SILENCE_WORDS } from '../../appliance/meetings/self-test-advice.js';
import { ROOM_DEVICE_NOTES } from '../../appliance/model/device-view.js';
import { INPUT_WORDS, PJLINK_KINDS } from './device-words.js';
import { HELP_REASONS } from './help-reasons.js';
import { LEFT_WORDS, STATUS_WORDS } from './linked-room-words.js';
import { ZH_CN as PANEL_ZH_CN } from './zh-cn.js';
import { ZH_CN_ADMIN } from './zh-cn-admin.js';
import { ZH_CN_BOOK_PAGE } from './zh-cn-book-page.js';
import { ZH_CN_MEETING_PAGE } from './zh-cn-meeting-page.js';
import { ZH_CN_PHONE_PAGES } from './zh-cn-phone-pages.js';
import { ZH_CN_PHONE_RATING } from './zh-cn-phone-rating.js';
import { ZH_CN_SELFTEST } from './zh-cn-selftest.js';

/** The main table plus the admin view's own words and self-test texts, which load with that view, and the phone pages' and the phone rating's, which load with those pages. */
const ZH_CN: Record<string, string> = {
  ...PANEL_ZH_CN,
  ...ZH_CN_ADMIN,
  ...ZH_CN_SELFTEST,
  ...ZH_CN_PHONE_RATING,
  ...ZH_CN_PHONE_PAGES,
  ...ZH_CN_MEETING_PAGE,
  ...ZH_CN_BOOK_PAGE,
};

const SRC = join(PROJECT_ROOT, 'panel-ui', 'src');
/** Room code the panel bundles that words things through the t() it is given. */
const SHARED = [join(PROJECT_ROOT, 'appliance', 'conversation', 'poll-outcome.ts')];

/**
 * The t() calls given a key that is not written at the call (a code looked up in a table, a key
 * built from a code), by file and argument as written: the keys each can be given, read from
 * the table the call reads. A new such call fails the test until it is listed here, so its
 * words are checked both ways too.
 */
const FAMILIES: Record<string, readonly string[]> = {
  // What each self-test check tried, and what to do next: the room's tables, looked up by code.
  'admin-selftest.ts: words': [...Object.values(SELF_TEST_CHECK_WORDS), ...Object.values(NEXT_STEPS)],
  // Why a check failed: a silent microphone's measurement, or a device's status.
  'admin-selftest.ts: sentence.words': [...Object.values(SILENCE_WORDS), ...Object.values(REASON_WORDS)],
  // The room's own note on a device's status, inside the reason.
  'admin-selftest.ts: note': Object.values(ROOM_DEVICE_NOTES),
  // A display input's code ("hdmi2") worded by its kind.
  'device-words.ts: word': Object.values(INPUT_WORDS),
  // A PJLink input code ("31") worded by its kind and number.
  'device-words.ts: `${PJLINK_KINDS[pjlink[1]!]!} {n}`': Object.values(PJLINK_KINDS).map((kind) => `${kind} {n}`),
  // The help call's reasons, sent to the room in English.
  'help-screen.ts: r': HELP_REASONS,
  // Another room's device status and how it left the meeting, as that room sends them.
  'linked-room-words.ts: s': Object.values(STATUS_WORDS),
  'linked-room-words.ts: LEFT_WORDS[by]': Object.values(LEFT_WORDS),
  // An action item's status as the room keeps it.
  'minutes-screen.ts: a.status': ACTION_STATUSES,
  // The rating's problems, each its category's name capitalised.
  'rating-choices.ts: c[0]!.toUpperCase() + c.slice(1)': PROBLEM_CATEGORIES.map((c) => c[0]!.toUpperCase() + c.slice(1)),
  // t() itself (its declaration and the function that calls it), and the poll wording's declaration of the t() it is given: no key of their own.
  'i18n.ts: text: string': [],
  'i18n.ts: text': [],
  'poll-outcome.ts: en: string': [],
};

/** Connector names, written so in Chinese too: t() gives them back as they are (a component input is a word, 分量). */
const SAME_IN_CHINESE = new Set(Object.values(INPUT_WORDS).filter((word) => word !== 'Component'));

/** The first argument of the call whose `(` is at `open`, as written (up to its `,` or `)`, quotes and brackets skipped). */
function argumentAt(code: string, open: number): string {
  let depth = 0;
  for (let i = open + 1; i < code.length; i++) {
    const c = code[i]!;
    if (c === "'" || c === '"' || c === '`') {
      while (code[++i] !== c) if (code[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (depth > 0 && ')]}'.includes(c)) depth--;
    else if (depth === 0 && (c === ',' || c === ')')) return code.slice(open + 1, i).trim();
  }
  throw new Error(`unclosed t( at ${open}`);
}

/** Every key a t() call in the panel's code (and the room code it bundles) can be given; a call not written nor listed in FAMILIES is named in `unlisted`. */
function keysUsed(): { keys: Set<string>; unlisted: string[] } {
  const keys = new Set<string>();
  const unlisted: string[] = [];
  const files = readdirSync(SRC)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(SRC, f));
  for (const file of [...files, ...SHARED]) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bt\(/g)) {
      const argument = argumentAt(code, m.index + 1);
      const written = /^(['"])((?:(?!\1)[^\\]|\\.)*)\1$/.exec(argument) ?? /^(`)([^`$\\]*)`$/.exec(argument);
      if (written) {
        keys.add(written[2]!.replace(/\\(.)/g, '$1'));
        continue;
      }
      const family = FAMILIES[`${file.split('/').at(-1)}: ${argument}`];
      if (family) for (const key of family) keys.add(key);
      else unlisted.push(`${file.split('/').at(-1)}: ${argument}`);
    }
  }
  return { keys, unlisted };
}

describe('panel translations', () => {
  const { keys, unlisted } = keysUsed();

  it('knows the keys of every t() call: written at the call, or the family of a table it reads', () => {
    expect(unlisted).toEqual([]);
  });

  it('has a zh-CN text for every English one the panel uses', () => {
    const missing = [...keys].filter((k) => !(k in ZH_CN) && !SAME_IN_CHINESE.has(k));
    expect(missing).toEqual([]);
  });

  it('has no zh-CN text the panel does not use', () => {
    const unused = Object.keys(ZH_CN).filter((k) => !keys.has(k));
    expect(unused).toEqual([]);
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
