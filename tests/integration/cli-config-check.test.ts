import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('roomctl config check', () => {
  it('passes a valid room config with exit 0', async () => {
    const result = await runCli(['config', 'check', 'tests/fixtures/room-valid.yaml']);
    expect(result.stdout).toContain('ok — room hq-3f-aurora with 2 device(s), 1 warning(s)');
    // It listens on every address and names no public URL: valid, but the QR codes may not reach phones.
    expect(result.stderr).toMatch(/^warning: api\.publicUrl: not set while the API listens on every address \(0\.0\.0\.0:8080\)/);
    expect(result.code).toBe(0);
  });

  it('prints every problem as "path: message (allowed: ...)" and exits 1', async () => {
    const result = await runCli(['config', 'check', 'tests/fixtures/room-invalid.yaml']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^ROOMCTL_E_CONFIG_INVALID: .* has \d+ problem\(s\)$/);
    expect(lines).toContain(
      'devices[0].baudRate: Expected union value (allowed: 9600, 38400)'.replace('Expected union value', 'is not one of the allowed values'),
    );
    expect(lines.some((l) => l.startsWith('devices[2].driver: unknown driver "shure-mxb"; did you mean "shure-mxa"? (allowed: '))).toBe(true);
  });

  it('names a missing file', async () => {
    const result = await runCli(['config', 'check', 'no/such/room.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ROOMCTL_E_CONFIG_NOT_FOUND: Cannot read config no\/such\/room\.yaml: no such file/);
  });

  it('prints the JSON Schema for editors, with every driver', async () => {
    const result = await runCli(['config', 'schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { properties: { devices: { items: { anyOf: { title: string }[] } } } };
    expect(schema.properties.devices.items.anyOf.map((s) => s.title)).toEqual(expect.arrayContaining(['visca-serial', 'pjlink']));
  });
});
