import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { askAnswers } from './ask-answers.js';

it('asks one question at a time, refuses a bad answer on the spot with the field named, and asks again', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d.toString()));
  const lines = ['hq-3f-aurora', 'Aurora', 'hq', 'Mars/Olympus', 'Asia/Shanghai', '', '', 'facilities@example.com', 'mqtts://broker.example:8883', '', '', '', 'no'];
  input.end(`${lines.join('\n')}\n`);

  const answers = await askAnswers(input, output);

  expect(shown).toContain('room.timezone: unknown time zone "Mars/Olympus"');
  expect(answers).toMatchObject({
    room: { id: 'hq-3f-aurora', name: 'Aurora', site: 'hq', timezone: 'Asia/Shanghai', language: 'en' },
    notifications: { facilities: ['facilities@example.com'] },
    mqtt: { url: 'mqtts://broker.example:8883', identity: 'password', username: 'roomctl-hq-hq-3f-aurora' },
    service: { kiosk: false },
  });
  expect(answers.mqtt?.password).toBeUndefined();
  expect(answers.calendar).toBeUndefined();
});
