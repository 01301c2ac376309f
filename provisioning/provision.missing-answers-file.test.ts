import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../tests/helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-answers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const NEXT =
  '  next: Check the path given to --answers. To write one, start from the example under "The answers file" in docs/PROVISIONING.md, or run `roomctl provision` without --answers to be asked the questions.';

it('an answers file that is not there is named as missing, with where to start one, not as bad answers', async () => {
  const answers = join(dir, 'aurora.yaml');
  const root = join(dir, 'root');

  const result = await runCli(['provision', '--answers', answers, '--root', root]);

  expect(result.code).toBe(1);
  expect(result.stderr.split('\n')).toEqual([`ROOMCTL_E_ANSWERS_NOT_FOUND: The answers file ${answers} does not exist`, NEXT, '']);
  await expect(readdir(root)).rejects.toThrow(/ENOENT/);
});

it('a folder given as the answers file is one that cannot be read', async () => {
  const result = await runCli(['provision', '--answers', dir, '--root', join(dir, 'root')]);

  expect(result.code).toBe(1);
  expect(result.stderr.split('\n')).toEqual([`ROOMCTL_E_ANSWERS_NOT_FOUND: The answers file ${dir} is a folder, not a file`, NEXT, '']);
});
