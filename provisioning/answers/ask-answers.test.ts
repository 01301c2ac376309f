import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { askAnswers } from './ask-answers.js';

/** The questions answered with these lines, as typed at the prompt; what the prompt showed. */
async function typedAtThePrompt(lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d.toString()));
  input.end(`${lines.join('\n')}\n`);
  const answers = await askAnswers(input, output);
  return { answers, shown };
}

it('asks one question at a time, refuses a bad answer on the spot with the field named, and asks again', async () => {
  const lines = [
    'hq-3f-aurora',
    'Aurora',
    'hq',
    'Mars/Olympus',
    'Asia/Shanghai',
    '',
    'http://0.0.0.0:8080',
    'http://10.0.0.20:8080',
    '',
    'facilities@example.com',
    'mqtts://broker.example:8883',
    '',
    '',
    '',
    '12ab',
    '482916',
    'no',
  ];
  const { answers, shown } = await typedAtThePrompt(lines);

  expect(shown).toContain('room.timezone: unknown time zone "Mars/Olympus"');
  expect(shown).toMatch(/api\.publicUrl: 0\.0\.0\.0 is where the API listens on every address, not an address a phone can open/);
  expect(shown).toMatch(/panel\.adminPin: "12ab" is not in the expected form \(allowed: text — PIN of the panel's admin view: 4 to 12 digits/);
  expect(answers).toMatchObject({
    room: { id: 'hq-3f-aurora', name: 'Aurora', site: 'hq', timezone: 'Asia/Shanghai', language: 'en' },
    api: { publicUrl: 'http://10.0.0.20:8080' },
    panel: { adminPin: '482916' },
    notifications: { facilities: ['facilities@example.com'] },
    mqtt: { url: 'mqtts://broker.example:8883', identity: 'password', username: 'roomctl-hq-hq-3f-aurora' },
    service: { kiosk: false },
  });
  expect(answers.mqtt?.password).toBeUndefined();
  expect(answers.calendar).toBeUndefined();
});

it('refuses a language, a calendar feed and a facilities address the room config would refuse, and a kiosk answer that is neither yes nor no, at their questions', async () => {
  const lines = [
    ...['hq-3f-aurora', 'Aurora', 'hq', 'Asia/Shanghai', 'zh', 'zh-CN', 'http://10.0.0.20:8080'],
    'webcal://calendar.example/aurora.ics',
    'https://calendar.example/aurora.ics',
    'fm, facilities@example.com',
    'facilities at example.com',
    'facilities@example.com',
    ...['', '482916'],
    'maybe',
    'yes',
  ];
  const { answers, shown } = await typedAtThePrompt(lines);

  expect(shown).toContain('  calendar.url: "webcal://calendar.example/aurora.ics" is not in the expected form (allowed: text — Published ICS feed');
  // The language typed without its region gets its suggestion, as a typo of English does.
  expect(shown).toContain('  room.language: is not one of the allowed values; did you mean "zh-CN"? (allowed: "en", "zh-CN")');
  // An address is checked as one, not by its length: the field, and what it takes.
  expect(shown).toContain(
    '  notifications.facilities[0]: "fm" is not in the expected form (allowed: text — An e-mail address, e.g. facilities@example.com or "Facilities <fm@example.com>")',
  );
  expect(shown).toContain(
    '  notifications.facilities[0]: "facilities at example.com" is not in the expected form (allowed: text — An e-mail address, e.g. facilities@example.com or "Facilities <fm@example.com>")',
  );
  expect(shown).toContain('  service.kiosk: "maybe" is not an answer to this question (allowed: yes, no)');
  expect(answers).toMatchObject({
    room: { language: 'zh-CN' },
    calendar: { url: 'https://calendar.example/aurora.ics' },
    notifications: { facilities: ['facilities@example.com'] },
    service: { kiosk: true },
  });
});
