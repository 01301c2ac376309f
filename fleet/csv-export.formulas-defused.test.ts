/**
 * A problem report's comment is typed by anyone in a room, and lands in the issues export a
 * facilities person opens in a spreadsheet: no cell may start as a formula, whatever comes first.
 */
import { expect, it } from 'vitest';
import { csvRow } from './csv-export.js';

it('defuses a cell starting with = + - @, or with a tab or carriage return before one', () => {
  const cells = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', 'plain', 'a, b'];
  expect(csvRow(cells)).toBe(`"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\t=1+1,"'\r=1+1",plain,"a, b"`);
});

it('leaves a plain negative number a number (a level in dB), and defuses one with more after it', () => {
  expect(csvRow(['-60', '-60.5', '-1e3', '-60 dB', '- 60'])).toBe(`-60,-60.5,'-1e3,'-60 dB,'- 60`);
});
