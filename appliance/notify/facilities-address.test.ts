import { describe, expect, it } from 'vitest';
import { FACILITIES_ADDRESS } from './notify-config.js';

describe('a facilities address', () => {
  const taken = (text: string) => new RegExp(FACILITIES_ADDRESS).test(text);

  it('is taken bare or with a name, as the sender is written', () => {
    expect(['fm@example.com', 'Facilities <fm@example.com>', '"Facilities, Building A" <fm@corp.example.cn>'].map(taken)).toEqual([true, true, true]);
  });

  it('is refused without an @ and a dotted domain, with spaces, or with its brackets unclosed', () => {
    const refused = ['facilities at example.com', 'fm@example', 'fm @example.com', 'Facilities <fm@example.com', 'a@b@example.com', 'x <a@b.c> y'];
    expect(refused.filter(taken)).toEqual([]);
  });
});
