import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** `roomctl fleet` refuses a bound or a retention that is not a whole number, naming each, before it opens anything. */
it('refuses --room-events-per-minute, --keep-issues-days and --max-rooms that are not whole numbers of 1 or more', async () => {
  const r = await runCli(['fleet', '--room-events-per-minute', '0', '--keep-issues-days', 'a year', '--max-rooms', '1e9.5', '--listen', '127.0.0.1:0']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('roomctl fleet: --keep-issues-days must be a whole number of days (1 or more), got "a year"');
  expect(r.stderr).toContain('roomctl fleet: --room-events-per-minute must be a whole number (1 or more), got "0"');
  expect(r.stderr).toContain('roomctl fleet: --max-rooms must be a whole number (1 or more), got "1e9.5"');
  expect(r.stderr).toContain('--room-events-per-minute N');
  expect(r.stderr).toContain('--max-rooms N');
});
