/**
 * The fleet dashboard's texts all have their zh-CN translation, with every placeholder kept
 * (a missing {n} would show a count-less sentence to half of the operators).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../appliance/paths.js';
import { MEDIA_SIGNAL_DEVICE_IDS } from '../../../appliance/media/media-signal-devices.js';
import { HELP_REASONS } from '../help-reasons.js';
import { BUILT_IN_DEVICE_WORDS, nameIn, setFleetLocale } from './fleet-words.js';
import { FLEET_ZH_CN } from './fleet-zh-cn.js';

const DIR = join(PROJECT_ROOT, 'panel-ui', 'src', 'fleet');
/** Texts passed to ft() through a variable: kinds, states, actions, statuses, windows. */
const INDIRECT = [
  'Help call',
  'Problem report',
  'Device fault',
  'Failed call',
  'The online call failed',
  'Help requested',
  'Problem reported',
  'the next call went through',
  'a call failed again',
  'open',
  'acknowledged',
  'resolved',
  'assigned to',
  'note',
  'the device came back',
  'the device failed again',
  'OK',
  'Degraded',
  'Offline',
  'Wrong password',
  'Unknown',
  '24h',
  '7d',
  '30d',
  'acknowledge',
  'resolve',
  'take',
  'assign',
  'offline',
  'refused the password',
];

function keysUsed(): Set<string> {
  // The panel's help reasons come as the call's message, worded in the operator's language.
  const keys = new Set([...INDIRECT, ...HELP_REASONS, ...Object.values(BUILT_IN_DEVICE_WORDS)]);
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const code = readFileSync(join(DIR, file), 'utf8');
    for (const m of code.matchAll(/\bft(?:Parts)?\('((?:[^'\\]|\\.)*)'/g)) keys.add(m[1]!.replace(/\\'/g, "'"));
    for (const m of code.matchAll(/\bft(?:Parts)?\("((?:[^"\\]|\\.)*)"/g)) keys.add(m[1]!);
  }
  return keys;
}

it('has a zh-CN text for every English one the fleet dashboard shows', () => {
  expect([...keysUsed()].filter((k) => !(k in FLEET_ZH_CN))).toEqual([]);
});

it('keeps every placeholder in the translation', () => {
  const names = (s: string) =>
    [...s.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .sort()
      .join(',');
  expect(Object.entries(FLEET_ZH_CN).filter(([en, zh]) => names(en) !== names(zh))).toEqual([]);
});

it('names every device a room adds by itself, in both languages, not by its id', () => {
  const ids = Object.values(MEDIA_SIGNAL_DEVICE_IDS);
  expect(ids.filter((id) => BUILT_IN_DEVICE_WORDS[id] === undefined)).toEqual([]);
  try {
    setFleetLocale('zh-CN');
    expect(ids.filter((id) => nameIn(null, id) === id || nameIn(null, id) === BUILT_IN_DEVICE_WORDS[id])).toEqual([]);
    expect(nameIn(null, 'media-audio')).toBe('麦克风信号');
    // The room's own names for a device come first.
    expect(nameIn({ en: 'Table mic', 'zh-CN': '桌面麦克风' }, 'media-audio')).toBe('桌面麦克风');
  } finally {
    setFleetLocale('en');
  }
  expect(nameIn(null, 'media-video')).toBe('Video signal');
});
