import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../../drivers/registry.js';
import { formatIssue, validateConfig } from './config-validate.js';
import { closestMatch } from './did-you-mean.js';

/** A room with the mistakes people make on their first config, one per field. */
const typos = () => ({
  room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'Asia/Shangai', locale: 'zh-cn' },
  api: { listen: '0.0.0.0:8080', tokens: ['0123456789abcdef'] },
  mqtt: { url: 'mqtts://broker.example:8883', usename: 'aurora', pasword: 'secret' },
  log: { level: 'infos' },
  media: { video: { source: { type: 'test' }, camera: 'cam-front' } },
  devices: [{ id: 'cam-front', driver: 'visca-serail', port: '/dev/ttyUSB0' }],
});

describe('config check: did you mean', () => {
  const result = validateConfig(typos(), DRIVERS);
  const lines = result.ok ? [] : result.issues.map(formatIssue);
  const line = (path: string) => lines.find((l) => l.startsWith(`${path}: `)) ?? `(no line for ${path} in:\n${lines.join('\n')})`;

  it('suggests the key, driver, time zone, locale and value that were meant', () => {
    expect(line('mqtt.usename')).toMatch(/^mqtt\.usename: unknown key; did you mean "username"\? \(allowed: url, username/);
    expect(line('mqtt.pasword')).toMatch(/did you mean "password"\?/);
    expect(line('devices[0].driver')).toMatch(/^devices\[0\]\.driver: unknown driver "visca-serail"; did you mean "visca-serial"\?/);
    expect(line('room.timezone')).toMatch(/unknown time zone "Asia\/Shangai"; did you mean "Asia\/Shanghai"\?/);
    expect(line('room.locale')).toMatch(/did you mean "zh-CN"\? \(allowed: "en", "zh-CN"\)$/);
    expect(line('log.level')).toMatch(/did you mean "info"\?/);
  });

  it('reports a camera with a mistyped driver as that, not as "no camera"', () => {
    expect(lines.filter((l) => l.startsWith('media.video.camera'))).toEqual([]);
    expect(lines.join('\n')).not.toContain('has none');
  });

  it('suggests the one value a language typed without its region stands for (zh for zh-CN), as it does a typo of en', () => {
    expect(closestMatch('zh', ['en', 'zh-CN'])).toBe('zh-CN');
    expect(closestMatch('ZH', ['en', 'zh-CN'])).toBe('zh-CN');
    expect(closestMatch('eng', ['en', 'zh-CN'])).toBe('en');
    // Two values begin the same way: neither is meant more than the other.
    expect(closestMatch('visca', ['visca-serial', 'visca-ip'])).toBeUndefined();
    const zh = validateConfig({ ...typos(), room: { ...typos().room, locale: 'zh' } }, DRIVERS);
    expect(zh.ok ? [] : zh.issues.map(formatIssue).filter((l) => l.startsWith('room.locale: '))).toEqual([
      'room.locale: is not one of the allowed values; did you mean "zh-CN"? (allowed: "en", "zh-CN")',
    ]);
  });

  it('suggests nothing when nothing is close, and nothing for a value that is right', () => {
    expect(closestMatch('projector', ['visca-serial', 'pjlink', 'onvif'])).toBeUndefined();
    expect(closestMatch('pjlink', ['visca-serial', 'pjlink'])).toBeUndefined();
    expect(closestMatch('PJLINK', ['visca-serial', 'pjlink'])).toBe('pjlink');
  });
});
