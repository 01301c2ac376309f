import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, type CliResult } from '../tests/helpers/cli.js';
import { loadAnswersFile } from './answers/answers-load.js';
import { provision } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
let answersFile: string;
beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 1 });
  answersFile = join(lab.dir, 'answers.yaml');
  await writeFile(
    answersFile,
    stringify(lab.answers({ room: { id: 'hq-2f-borealis', name: 'Borealis', site: 'hq', timezone: 'Europe/Berlin', language: 'zh-CN' } })),
  );
});
afterAll(() => lab?.close());

/** Every file under the root with its content and mode: what "changes nothing" is checked against. */
async function snapshot(dir: string, into = new Map<string, string>()): Promise<Map<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const info = await stat(path).catch(() => undefined);
    if (entry.isDirectory()) await snapshot(path, into);
    else into.set(path, `${info?.mode.toString(8)} ${info?.mtimeMs} ${entry.isFile() ? await readFile(path, 'utf8') : ''}`);
  }
  return into;
}

it('installs from an answers file without a question, passes `roomctl config check`, and a second run changes nothing', async () => {
  const first: CliResult = await runCli(['provision', '--answers', answersFile, '--root', lab.root]);
  expect(first.stderr).toMatch(/VISCA: 1 camera in the chain/); // progress while probing
  expect(first.stdout).toMatch(/create \/etc\/roomctl\/room\.yaml/);
  expect(first.stdout).toMatch(/result: PASS/);
  expect(first.code).toBe(0);

  const check = await runCli(['config', 'check', join(lab.root, 'etc/roomctl/room.yaml')]);
  expect(check.stdout).toContain('ok — room hq-2f-borealis with 2 device(s)');
  expect(check.code).toBe(0);

  const before = await snapshot(lab.root);
  // The second run in-process (same code as the CLI, a few seconds less on a loaded machine).
  let out = '';
  const second = await provision({
    answers: await loadAnswersFile(answersFile),
    root: lab.root,
    doctor: false,
    out: (l) => (out += `${l}\n`),
    progress: () => undefined,
  });
  expect(second.changes).toEqual([]);
  expect(out).toContain('Nothing changed: the machine already matched.');
  expect(await snapshot(lab.root)).toEqual(before);
}, 60_000);
