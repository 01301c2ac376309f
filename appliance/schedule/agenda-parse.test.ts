import { describe, expect, it } from 'vitest';
import { parseAgenda } from './agenda-parse.js';

describe('agenda from an invite description', () => {
  it('reads a numbered list with durations and owners', () => {
    const text = 'Hi all,\n\n1. Welcome (5 min) - Alice\n2) Budget review 20 min @Bob\n3. Decisions [10m]\n\nThanks';
    expect(parseAgenda(text)).toEqual([
      { title: 'Welcome', owner: 'Alice', minutes: 5 },
      { title: 'Budget review', owner: 'Bob', minutes: 20 },
      { title: 'Decisions', minutes: 10 },
    ]);
  });

  it('reads Chinese durations', () => {
    expect(parseAgenda('1. 开场 5分钟 - 王芳')).toEqual([{ title: '开场', owner: '王芳', minutes: 5 }]);
  });

  it('treats a list with a line missing its duration as a plain description', () => {
    expect(parseAgenda('1. Welcome (5 min)\n2. Budget review')).toBeNull();
  });

  it('treats numbers out of order as a plain description', () => {
    expect(parseAgenda('1. A 5 min\n3. B 5 min')).toBeNull();
  });

  it('treats text without a list as a plain description', () => {
    expect(parseAgenda('Let us talk about the budget for 30 min.')).toBeNull();
    expect(parseAgenda('')).toBeNull();
  });
});

describe('agenda in the forms Chinese invites use', () => {
  it('reads 、 numbering, full-width brackets and a full-width colon before the owner', () => {
    expect(parseAgenda('议程：\n1、开场（5分钟）：王芳\n2、预算评审（20分钟）：李雷\n3、决策【10分钟】')).toEqual([
      { title: '开场', owner: '王芳', minutes: 5 },
      { title: '预算评审', owner: '李雷', minutes: 20 },
      { title: '决策', minutes: 10 },
    ]);
  });
});
