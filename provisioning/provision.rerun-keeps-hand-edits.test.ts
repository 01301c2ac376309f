/**
 * IT runs provisioning again (a display added, a broker moved) on a room whose config it has
 * edited since: a meetings section, a log level while chasing a fault, the display's input
 * names, the camera's model, a panel's pairing code in secrets.yaml (as the README's pairing
 * step says to). The rerun keeps every one of them, and a hand-written value the answers
 * decide (the data folder, which the unit's sandbox must match) is replaced with a note that
 * says so, never silently. The comments IT wrote in those files stay where IT put them.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfigFile } from '../appliance/config/config-load.js';
import { DRIVERS } from '../drivers/registry.js';
import { provision } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
const configPath = () => join(lab.root, 'etc/roomctl/room.yaml');
const secretsPath = () => join(lab.root, 'etc/roomctl/secrets.yaml');
type Plain = Record<string, unknown> & { devices: Record<string, unknown>[] };

const run = async (more: { rewriteUnreadable?: boolean } = {}) => {
  const lines: string[] = [];
  const outcome = await provision({
    answers: lab.answers(),
    root: lab.root,
    discovery: lab.deps,
    doctor: false,
    ...more,
    out: (l) => lines.push(l),
    progress: () => undefined,
  });
  return { ...outcome, out: lines.join('\n') };
};

beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 1 });
  await run();
}, 60_000);
afterAll(() => lab?.close());

it('keeps the sections, fields and secrets IT added by hand, and names the hand-written value the answers replaced', async () => {
  const config = parse(await readFile(configPath(), 'utf8')) as Plain;
  config.meetings = { autoReleaseMinutes: 10 };
  config.log = { level: 'debug' };
  config.storage = { dir: join(lab.dir, 'my-data') };
  const [camera, display] = config.devices;
  expect([camera?.driver, display?.driver]).toEqual(['visca-serial', 'pjlink']);
  Object.assign(camera!, { model: 'sony' });
  Object.assign(display!, { inputs: { '31': 'Laptop (HDMI 1)', '32': 'Wireless' } });
  await writeFile(configPath(), stringify(config));
  const secrets = parse(await readFile(secretsPath(), 'utf8')) as { panel: Record<string, unknown> };
  secrets.panel.pairCodes = ['K7QM-4XPA'];
  await writeFile(secretsPath(), stringify(secrets), { mode: 0o600 });

  const rerun = await run();

  const after = await loadConfigFile(configPath(), DRIVERS);
  expect(after.meetings?.autoReleaseMinutes).toBe(10);
  expect(after.log.level).toBe('debug');
  expect(after.devices.map((d) => [d.id, d.driver, 'model' in d ? d.model : undefined])).toEqual([
    ['camera-1', 'visca-serial', 'sony'],
    ['display-1', 'pjlink', undefined],
  ]);
  expect(after.devices[1]).toMatchObject({ inputs: { '31': 'Laptop (HDMI 1)', '32': 'Wireless' } });
  expect(after.panel?.pairCodes).toEqual(['K7QM-4XPA']);
  // The data folder is the answers' (the unit may write only there), and the note says whose value went.
  expect(after.storage.dir).toBe('/var/lib/roomctl');
  expect(rerun.notes).toContainEqual(
    expect.stringMatching(new RegExp(`^room\\.yaml: storage\\.dir: ${join(lab.dir, 'my-data')} → /var/lib/roomctl \\(the answers`)),
  );

  const third = await run();
  expect(third.changes).toEqual([]);
}, 60_000);

it('keeps the comments IT wrote, on a device, on a top-level key and at the end, through a rerun that changes the file', async () => {
  const notes = {
    device: '  # the projector above the whiteboard; lamp changed in November\n',
    key: '# the data folder: the answers decide it, so a hand edit goes back\n',
    model: ' # the SRG-X120 in the ceiling',
    end: '# asked the integrator about a second camera\n',
    pairCode: '  # the panel by the door\n',
  };
  const config = await readFile(configPath(), 'utf8');
  await writeFile(
    configPath(),
    config
      .replace(/^(  - id: display-1\n)/m, `${notes.device}$1`)
      .replace(/^storage:\n  dir: .*$/m, `${notes.key}storage:\n  dir: ${join(lab.dir, 'by-hand')}`)
      .replace(/^(    model: sony)$/m, `$1${notes.model}`) + notes.end,
  );
  const secrets = await readFile(secretsPath(), 'utf8');
  await writeFile(secretsPath(), secrets.replace(/^(  pairCodes:)/m, `${notes.pairCode}$1`), { mode: 0o600 });

  const rerun = await run();

  expect(rerun.changes).toContainEqual(expect.stringMatching(/^update \/etc\/roomctl\/room\.yaml /));
  const after = await readFile(configPath(), 'utf8');
  expect(after).toContain(`${notes.device}  - id: display-1\n`);
  expect(after).toContain(`${notes.key}storage:\n  dir: /var/lib/roomctl\n`);
  expect(after).toContain(`    model: sony${notes.model}\n`);
  expect(after.endsWith(notes.end)).toBe(true);
  expect(await readFile(secretsPath(), 'utf8')).toContain(`${notes.pairCode}  pairCodes:\n`);
  expect((await loadConfigFile(configPath(), DRIVERS)).storage.dir).toBe('/var/lib/roomctl');

  expect((await run()).changes).toEqual([]);
}, 60_000);

it('a rerun that changes nothing leaves room.yaml and secrets.yaml byte for byte as IT left them: spacing, blank lines, comments', async () => {
  const config = (await readFile(configPath(), 'utf8'))
    .replace(/^room:$/m, 'room:     # hand-aligned')
    .replace(/^( {2}id: .*)$/m, '$1      # as on the door sign')
    .replace(/^api:/m, '\n\napi:')
    .replace(/^devices:$/m, 'devices:   \n\n  #   the devices, as found\n')
    .replace(/^( {4}driver:) pjlink$/m, '$1    pjlink   ');
  await writeFile(configPath(), config);
  const secrets = (await readFile(secretsPath(), 'utf8')).replace(/^api:$/m, '\n# the panel by the door uses the first token\napi:    ');
  await writeFile(secretsPath(), secrets, { mode: 0o600 });

  expect((await run()).changes).toEqual([]);
  expect(await readFile(configPath(), 'utf8')).toBe(config);
  expect(await readFile(secretsPath(), 'utf8')).toBe(secrets);
}, 60_000);

it('keeps the order of the config when a device is missing: an unplugged camera rewrites nothing', async () => {
  const before = await readFile(configPath(), 'utf8');
  await [...lab.ports.values()][0]!.close();

  const rerun = await run();

  expect(rerun.notes).toContainEqual(expect.stringMatching(/^camera-1 \(.*\): not found this time; kept from the existing config$/));
  expect(rerun.changes).toEqual([]);
  expect(await readFile(configPath(), 'utf8')).toBe(before);
}, 60_000);

it('a kept file that is not YAML is refused, nothing written, with the spot to mend; asked for, it is written fresh and IT is told what went', async () => {
  // A tab where spaces go: the file is no longer YAML. Every comment in it is IT's (the first case wrote it without provisioning's header).
  const broken = (await readFile(configPath(), 'utf8')).replace(/^ {2}dir: /m, '\tdir: ');
  await writeFile(configPath(), broken);
  const line = broken.split('\n').findIndex((l) => l.startsWith('\tdir: ')) + 1;
  const comments = broken.split('\n').filter((l) => l.includes('#')).length;
  expect(comments).toBe(7);
  const etc = () => readdir(join(lab.root, 'etc/roomctl'));
  const filesBefore = await etc();

  const refused = await run().catch((err: unknown) => err);

  expect(refused).toMatchObject({
    code: 'ROOMCTL_E_KEPT_FILE_PARSE',
    details: { files: [{ path: configPath(), line, column: 1 }] },
  });
  expect((refused as Error).message.split('\n')).toEqual([
    `${configPath()} is not YAML provisioning can read at line ${line}, column 1: Tabs are not allowed as indentation`,
    '    storage:',
    '    \tdir: /var/lib/roomctl',
    '    ^',
  ]);
  // Nothing touched: the file as IT left it, no file set aside, nothing staged.
  expect(await readFile(configPath(), 'utf8')).toBe(broken);
  expect(await etc()).toEqual(filesBefore);

  const rerun = await run({ rewriteUnreadable: true });

  const said = `written fresh, its hand edits and ${comments} comment(s) dropped, as the file as left is not YAML provisioning can read (`;
  const note = rerun.notes.find((n) => n.startsWith(`/etc/roomctl/room.yaml: ${said}`));
  expect(note).toMatch(/\(ROOMCTL_E_KEPT_FILE_UNREADABLE\); that file is kept as \/etc\/roomctl\/room\.yaml\.before-rewrite$/);
  expect(rerun.changes).toContain(`update /etc/roomctl/room.yaml (0644 root) — room config — ${note!.slice('/etc/roomctl/room.yaml: '.length)}`);
  expect(rerun.out).toContain(`  - ${note}`);
  expect(rerun.notes.filter((n) => n.includes('written fresh'))).toHaveLength(1); // secrets.yaml was edited in place
  // Nothing of IT's is gone for good: the file as it was sits beside the fresh one.
  expect(rerun.changes).toContainEqual(expect.stringMatching(/^create \/etc\/roomctl\/room\.yaml\.before-rewrite \(0644 root\)/));
  expect(await readFile(`${configPath()}.before-rewrite`, 'utf8')).toBe(broken);
}, 60_000);

it('drops what provisioning itself wrote and no longer writes: a password identity turned certificate keeps no username or password', async () => {
  const other = await startRoomLab({ viscaCameras: 0 });
  try {
    const provisionWith = (identity: 'password' | 'certificate') =>
      provision({
        answers: other.answers({ mqtt: { url: 'mqtts://broker.example:8883', identity } }),
        root: other.root,
        discovery: other.deps,
        doctor: false,
        out: () => undefined,
        progress: () => undefined,
      });
    await provisionWith('password');
    const read = async (file: string) => parse(await readFile(join(other.root, 'etc/roomctl', file), 'utf8')) as { mqtt?: Record<string, unknown> };
    expect((await read('room.yaml')).mqtt?.username).toBe('roomctl-hq-hq-3f-aurora');
    expect((await read('secrets.yaml')).mqtt?.password).toEqual(expect.any(String));

    await provisionWith('certificate');

    expect((await read('room.yaml')).mqtt).toEqual({ url: 'mqtts://broker.example:8883' });
    expect((await read('secrets.yaml')).mqtt).toBeUndefined();
  } finally {
    await other.close();
  }
}, 60_000);
