import { expect, it } from 'vitest';
import type { RoomctlError } from '../../drivers/core/errors.js';
import { DRIVERS } from '../../drivers/registry.js';
import { parseConfigText } from '../config/config-load.js';
import { formatIssue } from '../config/config-validate.js';

const room = (calls: string) => `room: { id: a, name: A, site: s, timezone: UTC }
api: { listen: "127.0.0.1:1", tokens: [ "0123456789abcdef" ] }
calls:
${calls}
`;

const problems = (text: string): string[] => {
  try {
    parseConfigText(text, 'room.yaml', DRIVERS);
    return [];
  } catch (err) {
    return ((err as RoomctlError).details as { issues: Parameters<typeof formatIssue>[0][] }).issues.map(formatIssue);
  }
};

it('takes the calls section with its defaults', () => {
  const config = parseConfigText(room('  browser: { executable: /usr/bin/chromium, display: ":0" }\n  allowDomains: [ vc.acme.lan ]'), 'room.yaml', DRIVERS);
  expect(config.calls).toMatchObject({ launcher: 'browser', autoJoin: false, allowDomains: ['vc.acme.lan'], browser: { display: ':0' } });
});

it('names the bad field of the calls section by its path', () => {
  const lines = problems(room('  launcher: zoom-rooms\n  browser: { display: "0", extraArg: [] }\n  allowDomains: [ "https://zoom.us" ]\n  autoJoin: yes'));
  const has = (re: RegExp) =>
    expect(
      lines.some((l) => re.test(l)),
      `expected a line matching ${re}\n${lines.join('\n')}`,
    ).toBe(true);
  has(/^calls\.launcher: /);
  has(/^calls\.browser\.display: /);
  has(/^calls\.browser\.extraArg: unknown key; did you mean "extraArgs"\?/);
  has(/^calls\.allowDomains\[0\]: /);
  has(/^calls\.autoJoin: /);
});
