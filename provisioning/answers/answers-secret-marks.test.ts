import { expect, it } from 'vitest';
import { validateAnswers } from './answers-load.js';

it('takes { secret: value } for any answer, the broker and camera passwords and the PIN included', () => {
  const answers = validateAnswers(
    {
      room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
      mqtt: { url: 'mqtts://broker.example:8883', password: { secret: 'broker-pass' } },
      devices: { onvif: { username: 'operator', password: { secret: 'cam-pass' } }, pjlink: { password: { secret: 'display-pass' } } },
      panel: { adminPin: { secret: '482916' } },
      calendar: { url: { secret: 'https://calendar.example/room.ics' } },
    },
    'answers.yaml',
  );
  expect(answers.mqtt?.password).toBe('broker-pass');
  expect(answers.devices?.onvif).toEqual({ username: 'operator', password: 'cam-pass' });
  expect(answers.devices?.pjlink?.password).toBe('display-pass');
  expect(answers.panel?.adminPin).toBe('482916');
  // Sections copied into the config as they are keep the mark: it sends the value to secrets.yaml there.
  expect(answers.calendar).toEqual({ url: { secret: 'https://calendar.example/room.ics' } });
});

it('still names a bad secret answer by its field', () => {
  expect(() =>
    validateAnswers({ room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' }, panel: { adminPin: { secret: '12ab' } } }, 'answers.yaml'),
  ).toThrow(/panel\.adminPin: "12ab" is not in the expected form/);
});
