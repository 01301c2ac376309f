import { expect, it } from 'vitest';
import { runSimUntilStarted } from '../helpers/cli.js';

/**
 * `roomctl sim DRIVER` takes only the options its simulator declares. A mistyped one is refused
 * with its name, the option it resembles and the ones there are: ignored, it would leave the
 * simulator quietly on its default (a display on TCP 1515 while IT waits on a serial port).
 */
it('refuses an option the simulator does not take, naming it, the nearest one and every one it takes', async () => {
  const result = await runSimUntilStarted(['samsung-mdc', '--listen', '127.0.0.1:0', '--serialpth', '/dev/pts/9']);

  expect(result.started).toBe(false);
  expect(result.code).toBe(2);
  const [problem, , , heading, ...options] = result.stderr.split('\n');
  expect(problem).toBe('ROOMCTL_E_UNKNOWN_OPTION: roomctl sim samsung-mdc: unknown option --serialpth; did you mean "--serialPath"?');
  expect(heading).toBe('The samsung-mdc simulator takes:');
  for (const option of ['--listen HOST:PORT', '--serialPath PATH', '--id N', '--warmupMs MS', '--replyDelayMs MS', '--quirks PROFILE,...']) {
    expect(
      options.some((line) => line.trimStart().startsWith(option)),
      option,
    ).toBe(true);
  }
  expect(result.stdout).toBe('');
});

it('refuses an option of another simulator, and a serial simulator started without its port', async () => {
  const foreign = await runSimUntilStarted(['pjlink', '--listen', '127.0.0.1:0', '--serialPath', '/dev/pts/9']);
  expect(foreign).toMatchObject({ started: false, code: 2 });
  expect(foreign.stderr).toMatch(/^ROOMCTL_E_UNKNOWN_OPTION: roomctl sim pjlink: unknown option --serialPath\n/);

  const bare = await runSimUntilStarted(['visca-serial']);
  expect(bare).toMatchObject({ started: false, code: 2 });
  expect(bare.stderr).toMatch(/^ROOMCTL_E_MISSING_ARGUMENT: roomctl sim visca-serial: needs --port PATH\n {2}next: .*\n\nThe visca-serial simulator takes:\n/);
});
