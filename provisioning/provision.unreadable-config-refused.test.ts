/**
 * IT reruns `roomctl provision` on a room whose room.yaml or secrets.yaml it broke by hand (a
 * tab in the indentation, a list where the keys go). Writing them again would lose what IT
 * wrote there, so the run refuses before it probes or writes anything: exit 1, the code, each
 * file with the line and column to mend, and the option that writes them fresh instead. A dry
 * run says the same: the plan it would print is one the run would not carry out.
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { stringify } from 'yaml';
import { ERROR_CATALOG } from '../drivers/core/errors.js';
import { spawn } from 'node:child_process';
import { ROOMCTL_BIN, runCli } from '../tests/helpers/cli.js';
import { until } from '../tests/helpers/until.js';
import { ROOMCTL_FROM_SOURCE } from '../tests/helpers/built-cli.js';

let dir: string;
let root: string;
let answers: string;
const roomYaml = ['room:', '  id: hq-3f-aurora', '  name: Aurora', 'storage:', '\tdir: /var/lib/roomctl', 'meetings:', '  autoReleaseMinutes: 10', ''].join(
  '\n',
);
const secretsYaml = ['- panel', '- adminPin: "482916"', ''].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-unreadable-'));
  root = join(dir, 'root');
  await mkdir(join(root, 'etc/roomctl'), { recursive: true });
  await writeFile(join(root, 'etc/roomctl/room.yaml'), roomYaml);
  await writeFile(join(root, 'etc/roomctl/secrets.yaml'), secretsYaml, { mode: 0o600 });
  answers = join(dir, 'aurora.yaml');
  // Nothing to find: no serial ports, no HID, no network search (the run never gets that far).
  const discovery = { serialByIdDir: join(dir, 'by-id'), systemSerialPorts: false, hid: false, pjlink: { search: false }, onvif: { search: false } };
  await writeFile(answers, stringify({ room: { id: 'hq-3f-aurora', name: 'Aurora', site: 'hq', timezone: 'Asia/Shanghai' }, discovery }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every path under the root with its size and modification time: a run that wrote nothing leaves it equal. */
async function tree(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return Promise.all(
    entries.sort().map(async (e) => {
      const { size, mtimeMs } = await stat(join(root, e));
      return `${e} ${size} ${mtimeMs}`;
    }),
  );
}

const RUNS: [string, string[]][] = [
  ['a run', []],
  ['a dry run', ['--dry-run']],
];

it.concurrent.for(RUNS)(
  '%s on a room.yaml and a secrets.yaml that are not YAML refuses, naming each file, line and column, and writes nothing',
  { timeout: 30_000 },
  async ([, more], { expect }) => {
    const before = await tree();

    const result = await runCli(['provision', '--answers', answers, '--root', root, '--skip-doctor', ...more]);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `ROOMCTL_E_KEPT_FILE_PARSE: ${root}/etc/roomctl/room.yaml is not YAML provisioning can read at line 5, column 1: Tabs are not allowed as indentation`,
      '    storage:',
      '    \tdir: /var/lib/roomctl',
      '    ^',
      `${root}/etc/roomctl/secrets.yaml is not YAML provisioning can read at line 1, column 1: the file is not a map of keys (\`key: value\` lines) at its top level`,
      `  next: ${ERROR_CATALOG.ROOMCTL_E_KEPT_FILE_PARSE.hint}`,
      '',
    ]);
    expect(ERROR_CATALOG.ROOMCTL_E_KEPT_FILE_PARSE.hint).toMatch(/fix it at the line and column shown.*nothing was probed or written.*--rewrite-unreadable/);
    expect(await tree()).toEqual(before);
  },
);

it('asked the questions in a terminal, IT is refused before the first one, not after typing the answers', { timeout: 30_000 }, async ({ expect }) => {
  // `script` gives provisioning a terminal, as when IT runs it by hand.
  const command = `${process.execPath} ${ROOMCTL_BIN} provision --root ${root} --skip-doctor`;
  const run = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ROOMCTL_FROM_SOURCE }, stdio: ['pipe', 'pipe', 'pipe'] });
  let said = '';
  run.stdout.on('data', (d) => (said += d));
  try {
    await until(() => /ROOMCTL_E_KEPT_FILE_PARSE|Room id/.test(said), 25_000, 'the refusal or the first question', 50);
    expect(said).toContain(`ROOMCTL_E_KEPT_FILE_PARSE: ${root}/etc/roomctl/room.yaml is not YAML provisioning can read at line 5, column 1`);
    expect(said).not.toContain('Room id');
  } finally {
    run.kill('SIGKILL');
  }
});
