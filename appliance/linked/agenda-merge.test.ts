import { expect, it } from 'vitest';
import type { ClockItem } from '../../contract/link-records.js';
import { mergeAgendaEdit } from './agenda-merge.js';

/** Items written `id:title:minutes` (`title` alone: no id, as a room of an earlier release sends them). */
const agenda = (...items: string[]): ClockItem[] =>
  items.map((text) => {
    const [id, title, minutes] = text.includes(':') ? text.split(':') : [undefined, text, '10'];
    return { ...(id ? { id } : {}), title: title!, minutes: Number(minutes ?? 10), startedAt: null, endedAt: null };
  });
const titles = (items: readonly ClockItem[]) => items.map((i) => `${i.title} ${i.minutes}`);

const BASE = agenda('a:Welcome:5', 'b:Budget:20', 'c:Questions:10');

it.each([
  ['made on the items as they stand: the edit', BASE, agenda('a:Welcome:5', 'c:Questions:10'), ['Welcome 5', 'Questions 10']],
  [
    'changed here only: the change stays',
    agenda('a:Welcome:5', 'b:Budget:30', 'c:Questions:10'),
    agenda('a:Hello:5', 'b:Budget:20', 'c:Questions:10'),
    ['Hello 5', 'Budget 30', 'Questions 10'],
  ],
  [
    'changed on both sides: the edit',
    agenda('a:Welcome:5', 'b:Budget:30', 'c:Questions:10'),
    agenda('a:Welcome:5', 'b:Budget:25', 'c:Questions:10'),
    ['Welcome 5', 'Budget 25', 'Questions 10'],
  ],
  [
    'added on both sides: both, each after the item it followed',
    agenda('a:Welcome:5', 'x:Hiring:15', 'b:Budget:20', 'c:Questions:10'),
    agenda('a:Welcome:5', 'b:Budget:20', 'c:Questions:10', 'y:Rollout:5'),
    ['Welcome 5', 'Hiring 15', 'Budget 20', 'Questions 10', 'Rollout 5'],
  ],
  [
    'removed by the edit, unchanged here: gone',
    agenda('a:Welcome:5', 'b:Budget:20', 'c:Questions:10', 'x:Hiring:15'),
    agenda('a:Welcome:5', 'b:Budget:20'),
    ['Welcome 5', 'Budget 20', 'Hiring 15'],
  ],
  [
    'removed by the edit, changed here: kept',
    agenda('a:Welcome:5', 'b:Budget:20', 'c:Questions:15'),
    agenda('a:Welcome:5', 'b:Budget:20'),
    ['Welcome 5', 'Budget 20', 'Questions 15'],
  ],
  [
    'removed here, changed by the edit: kept',
    agenda('a:Welcome:5', 'b:Budget:20'),
    agenda('a:Welcome:5', 'b:Budget:20', 'c:Questions and answers:10'),
    ['Welcome 5', 'Budget 20', 'Questions and answers 10'],
  ],
  ['removed on both sides: gone', agenda('a:Welcome:5', 'b:Budget:20'), agenda('a:Welcome:5', 'b:Budget:20'), ['Welcome 5', 'Budget 20']],
  [
    "nothing changed by the edit (a room's first clock, its agenda as it had it): the items as they are, in their order",
    agenda('c:Questions:10', 'a:Welcome:5', 'x:Hiring:15'),
    BASE,
    ['Questions 10', 'Welcome 5', 'Hiring 15'],
  ],
  [
    'items here without ids (a clock of an earlier release): known by title',
    agenda('Welcome', 'Budget', 'Questions', 'Hiring'),
    agenda('a:Welcome:5', 'b:Budget:25', 'c:Questions:10'),
    ['Welcome 10', 'Budget 25', 'Questions 10', 'Hiring 10'],
  ],
])('an edit folded onto items another room changed meanwhile — %s', (_case, current, edit, expected) => {
  expect(titles(mergeAgendaEdit(current, BASE, edit))).toEqual(expected);
});

it('keeps the ids of the edit on the items it matched here, and leaves an item here without one as it is', () => {
  const merged = mergeAgendaEdit(agenda('Welcome', 'Budget', 'Questions', 'Hiring'), BASE, agenda('a:Welcome:5', 'b:Budget:25', 'c:Questions:10'));
  expect(merged.map((i) => i.id)).toEqual(['a', 'b', 'c', undefined]);
});
