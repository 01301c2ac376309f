import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../../drivers/registry.js';
import { formatIssue, validateConfig } from './config-validate.js';

const room = (api: Record<string, unknown>, host = '10.0.0.30', extra: Record<string, unknown> = {}) => ({
  room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
  api: { tokens: ['0123456789abcdef'], ...api },
  devices: [{ id: 'display', driver: 'pjlink', host }],
  ...extra,
});
const problems = (config: unknown) => {
  const result = validateConfig(config, DRIVERS);
  return result.ok ? [] : result.issues.map(formatIssue);
};

describe('config check: addresses and ports, as start will take them', () => {
  it('refuses a port out of range and an address that is not one, in words', () => {
    expect(problems(room({ listen: '127.0.0.1:80800' }))).toEqual([expect.stringMatching(/^api\.listen: port 80800 is out of range: 0 to 65535/)]);
    expect(problems(room({ listen: '127.0.0.1:8080' }, '10.0.0.300'))).toEqual([
      expect.stringMatching(/^devices\[0\]\.host: "10\.0\.0\.300" is not an IPv4 address/),
    ]);
    expect(problems(room({ listen: 'my host:8080' }))).toEqual([
      expect.stringMatching(/^api\.listen: .*not in the expected form|^api\.listen: "my host" is not a host name/),
    ]);
    expect(problems(room({ listen: '8080' }))).toEqual([
      expect.stringMatching(/^api\.listen: "8080" is not host:port \(allowed: host:port, e\.g\. 0\.0\.0\.0:8080/),
    ]);
  });

  it('takes IPv4, IPv6 and host names', () => {
    expect(problems(room({ listen: '[::1]:8080' }, 'fe80::1'))).toEqual([]);
    expect(problems(room({ listen: 'localhost:0' }, 'display-3f.example.com'))).toEqual([]);
  });

  it('refuses a public URL phones cannot open, and warns when a wildcard listen has none', () => {
    expect(problems(room({ listen: '0.0.0.0:8080', publicUrl: 'http://0.0.0.0:8080' }))).toEqual([
      expect.stringMatching(/^api\.publicUrl: 0\.0\.0\.0 is where the API listens on every address/),
    ]);
    const warned = validateConfig(room({ listen: '0.0.0.0:8080' }), DRIVERS);
    expect(warned.ok && warned.warnings.map(formatIssue)).toEqual([
      expect.stringMatching(/^api\.publicUrl: not set while the API listens on every address \(0\.0\.0\.0:8080\)/),
    ]);
    const set = validateConfig(room({ listen: '0.0.0.0:8080', publicUrl: 'http://10.0.0.20:8080' }), DRIVERS);
    expect(set.ok && set.warnings).toEqual([]);
  });

  it('still reads the old meetings.publicUrl, with a warning to move it', () => {
    const old = validateConfig(room({ listen: '0.0.0.0:8080' }, '10.0.0.30', { meetings: { publicUrl: 'http://10.0.0.20:8080' } }), DRIVERS);
    expect(old.ok && old.warnings.map(formatIssue)).toEqual([
      'meetings.publicUrl: is the old place of the public URL; move it to api.publicUrl (it is still read here meanwhile)',
    ]);
    const both = problems(
      room({ listen: '0.0.0.0:8080', publicUrl: 'http://10.0.0.21:8080' }, '10.0.0.30', { meetings: { publicUrl: 'http://10.0.0.20:8080' } }),
    );
    expect(both).toEqual([expect.stringMatching(/^meetings\.publicUrl: differs from api\.publicUrl/)]);
  });
});
