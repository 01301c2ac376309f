import { expect, it } from 'vitest';
import { parseSpeakers } from './agenda-speakers.js';

it('reads named speakers in order with their minutes, in either language, and refuses a part without minutes', () => {
  expect(parseSpeakers('Lin 5, Omar Khan 3 min')).toEqual([
    { name: 'Lin', minutes: 5 },
    { name: 'Omar Khan', minutes: 3 },
  ]);
  expect(parseSpeakers('林 5，王 3分钟')).toEqual([
    { name: '林', minutes: 5 },
    { name: '王', minutes: 3 },
  ]);
  expect(parseSpeakers('')).toEqual([]);
  expect(parseSpeakers('Lin')).toBeUndefined();
  expect(parseSpeakers('Lin 0')).toBeUndefined();
  expect(parseSpeakers('5')).toBeUndefined();
});
