import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { ERROR_CATALOG } from '../drivers/core/errors.js';
import { runCli } from '../tests/helpers/cli.js';

/**
 * An answers file that cannot be used as a file (not there, a folder, not YAML): each its own
 * words, never the bad-answers hint. The cases run side by side: each waits on a Node start.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-answers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const NEXT =
  '  next: Check the path given to --answers. To write one, start from the example under "The answers file" in docs/PROVISIONING.md, or run `roomctl provision` without --answers to be asked the questions.';

it.concurrent('an answers file that is not there is named as missing, with where to start one, not as bad answers', async ({ expect }) => {
  const answers = join(dir, 'aurora.yaml');
  const root = join(dir, 'root');

  const result = await runCli(['provision', '--answers', answers, '--root', root]);

  expect(result.code).toBe(1);
  expect(result.stderr.split('\n')).toEqual([`ROOMCTL_E_ANSWERS_NOT_FOUND: The answers file ${answers} does not exist`, NEXT, '']);
  await expect(readdir(root)).rejects.toThrow(/ENOENT/);
}, 30_000);

it.concurrent('a folder given as the answers file is one that cannot be read', async ({ expect }) => {
  const result = await runCli(['provision', '--answers', dir, '--root', join(dir, 'root')]);

  expect(result.code).toBe(1);
  expect(result.stderr.split('\n')).toEqual([`ROOMCTL_E_ANSWERS_NOT_FOUND: The answers file ${dir} is a folder, not a file`, NEXT, '']);
}, 30_000);

it.concurrent('an answers file that is not valid YAML is named with the line and column of the fault, not as bad answers to fix', async ({ expect }) => {
  const answers = join(dir, 'not-yaml.yaml');
  await writeFile(answers, ['room:', '  id: aurora', '  name: Aurora: the big room', '  site: hq', ''].join('\n'));
  const root = join(dir, 'root');

  const result = await runCli(['provision', '--answers', answers, '--root', root]);

  expect(result.code).toBe(1);
  expect(result.stderr.split('\n')).toEqual([
    `ROOMCTL_E_ANSWERS_PARSE: The answers file ${answers} is not valid YAML at line 3, column 9: Nested mappings are not allowed in compact mappings`,
    '      name: Aurora: the big room',
    '            ^',
    `  next: ${ERROR_CATALOG.ROOMCTL_E_ANSWERS_PARSE.hint}`,
    '',
  ]);
  expect(ERROR_CATALOG.ROOMCTL_E_ANSWERS_PARSE.hint).toMatch(/^The answers file is not valid YAML.*fix it at the line and column shown/);
  await expect(readdir(root)).rejects.toThrow(/ENOENT/);
}, 30_000);
