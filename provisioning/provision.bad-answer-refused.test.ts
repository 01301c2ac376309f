import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../tests/helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-answers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `roomctl provision --answers NAME.yaml --root …` with these lines as the file; its root and stderr's lines. */
async function provisionWith(name: string, yaml: string[]) {
  const answers = join(dir, `${name}.yaml`);
  await writeFile(answers, [...yaml, ''].join('\n'));
  const root = join(dir, `${name}-root`);
  const result = await runCli(['provision', '--answers', answers, '--root', root]);
  return { answers, root, result, lines: result.stderr.split('\n') };
}

it('refuses bad answers before probing anything, naming each field and what it accepts', async () => {
  const { answers, root, result, lines } = await provisionWith('answers', [
    'room: { id: "Aurora Room", name: Aurora, site: hq, timezone: Mars/Olympus, language: fr }',
    'mqtt: { url: "http://broker:1883" }',
    'colour: blue',
  ]);

  expect(result.code).toBe(1);
  expect(lines[0]).toBe(`ROOMCTL_E_ANSWERS_INVALID: ${answers} has 5 bad answer(s):`);
  expect(lines).toContain(
    '  room.id: "Aurora Room" is not in the expected form (allowed: text — Room id, unique in the fleet; part of the MQTT topics (lower-case letters, digits and dashes))',
  );
  expect(lines.some((l) => l.startsWith('  room.language: is not one of the allowed values (allowed: "en", "zh-CN")'))).toBe(true);
  expect(
    lines.some((l) =>
      l.startsWith('  mqtt.url: "http://broker:1883" is not in the expected form (allowed: text — Broker URL, e.g. mqtts://broker.example:8883)'),
    ),
  ).toBe(true);
  expect(
    lines.some((l) => l.startsWith('  colour: unknown key (allowed: room, api, panel, storage, mqtt, calendar, notifications, service, devices, discovery)')),
  ).toBe(true);
  // Words, never a regular expression.
  expect(result.stderr).not.toMatch(/\^\[|\{0,|\\s/);
  expect(lines).toContain('  room.timezone: unknown time zone "Mars/Olympus" (allowed: an IANA zone such as Asia/Shanghai, Europe/Berlin, UTC)');
  // Nothing was probed or written.
  await expect(readdir(root)).rejects.toThrow(/ENOENT/);
});

it('refuses a calendar feed and a facilities address the room config would refuse before probing, as it does the other answers', async () => {
  const { answers, root, result, lines } = await provisionWith('calendar-answers', [
    'room: { id: hq-3f-aurora, name: Aurora, site: hq, timezone: Asia/Shanghai }',
    'calendar: { url: "webcal://calendar.example/aurora.ics" }',
    'notifications: { facilities: [ facilities@example.com, "facilities at example.com" ] }',
  ]);

  expect(result.code).toBe(1);
  expect(lines[0]).toBe(`ROOMCTL_E_ANSWERS_INVALID: ${answers} has 2 bad answer(s):`);
  expect(lines).toContain(
    '  calendar.url: "webcal://calendar.example/aurora.ics" is not in the expected form (allowed: text — Published ICS feed of the room (Exchange, Google, …), http(s)://…)',
  );
  // An address is checked as one, not by its length.
  expect(lines).toContain(
    '  notifications.facilities[1]: "facilities at example.com" is not in the expected form (allowed: text — An e-mail address, e.g. facilities@example.com or "Facilities <fm@example.com>")',
  );
  expect(result.stderr).not.toContain('serial:');
  await expect(readdir(root)).rejects.toThrow(/ENOENT/);
});
