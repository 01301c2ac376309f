import { readFile } from 'node:fs/promises';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../../drivers/registry.js';
import { exportedConfigSchema } from './config-schema.js';
import { formatIssue, validateConfig } from './config-validate.js';
import { parseConfigText } from './config-load.js';
import type { RoomctlError } from '../../drivers/core/errors.js';

/** A room with one camera and one display, for the checks that fields name a camera (fresh each time: validation fills defaults in). */
const cameraAndDisplay = () => ({
  room: { id: 'a', name: 'A', site: 's', timezone: 'UTC' },
  api: { listen: '127.0.0.1:1', tokens: ['0123456789abcdef'] },
  devices: [
    { id: 'cam-front', driver: 'visca-serial', port: '/dev/ttyUSB0', baudRate: 9600 },
    { id: 'display', driver: 'pjlink', host: '10.0.0.30' },
  ],
});

const fixture = (name: string) => readFile(new URL(`../../tests/fixtures/${name}`, import.meta.url), 'utf8');

describe('room config', () => {
  it('accepts the example room of the README and fills defaults', async () => {
    const config = parseConfigText(await fixture('room-valid.yaml'), 'room-valid.yaml', DRIVERS);
    expect(config.room.id).toBe('hq-3f-aurora');
    expect(config.devices.map((d) => d.driver)).toEqual(['visca-serial', 'pjlink']);
    expect(config.log.level).toBe('info');
  });

  it('lists every problem with its path and what is allowed', async () => {
    let error: RoomctlError | undefined;
    try {
      parseConfigText(await fixture('room-invalid.yaml'), 'room-invalid.yaml', DRIVERS);
    } catch (err) {
      error = err as RoomctlError;
    }
    expect(error?.code).toBe('ROOMCTL_E_CONFIG_INVALID');
    const lines = (error!.details as { issues: Parameters<typeof formatIssue>[0][] }).issues.map(formatIssue);
    const has = (re: RegExp) =>
      expect(
        lines.some((l) => re.test(l)),
        `expected a line matching ${re}\n${lines.join('\n')}`,
      ).toBe(true);
    has(/^room\.id: "Aurora Room" is not in the expected form \(allowed: text — .*\(lower-case letters, digits and dashes\)\)$/);
    // Words, not regular expressions.
    for (const line of lines) expect(line).not.toMatch(/\^|\[a-z|\\s|\{0,/);
    has(/^room\.colour: unknown key \(allowed: id, name, site, timezone, locale\)/);
    has(/^room\.timezone: unknown time zone "Mars\/Olympus"/);
    has(/^api\.listen: /);
    has(/^api\.tokens\[0\]: .*at least 16 characters/);
    has(/^devices\[0\]\.baudRate: .*\(allowed: 9600, 38400\)/);
    has(/^devices\[1\]\.host: is required/);
    has(/^devices\[1\]\.id: duplicate device id "cam-front"/);
    has(/^devices\[2\]\.driver: unknown driver "shure-mxb"; did you mean "shure-mxa"\? \(allowed: visca-serial, pjlink/);
  });

  it('refuses unknown top-level keys instead of ignoring them', () => {
    const result = validateConfig(
      { room: { id: 'a', name: 'A', site: 's', timezone: 'UTC' }, api: { listen: '127.0.0.1:1', tokens: ['0123456789abcdef'] }, devcies: [] },
      DRIVERS,
    );
    expect(result.ok).toBe(false);
    // Sections are added by later issues (calendar, notifications, secrets…): the list grows, the first ones stay.
    if (!result.ok)
      expect(result.issues.map(formatIssue).find((l) => l.startsWith('devcies: unknown key'))).toMatch(
        /^devcies: unknown key; did you mean "devices"\? \(allowed: room, api, storage, mqtt, log, devices\b.*\bsecrets\b/,
      );
  });

  it('checks that media.video.camera names a camera of the room', () => {
    const room = cameraAndDisplay();
    const withCamera = (camera: string) => validateConfig({ ...room, media: { video: { source: { type: 'test' }, camera } } }, DRIVERS);
    expect(withCamera('cam-front').ok).toBe(true);
    for (const [camera, message] of [
      ['display', 'names no camera device "display"'],
      ['cam-back', 'names no camera device "cam-back"'],
    ]) {
      const result = withCamera(camera!);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map(formatIssue)).toEqual([`media.video.camera: ${message} (allowed: cam-front)`]);
    }
    const badForm = validateConfig({ ...room, media: { video: { source: { type: 'test' }, camera: '../cam' } } }, DRIVERS);
    expect(badForm.ok || badForm.issues.map(formatIssue)).toEqual([expect.stringMatching(/^media\.video\.camera: "\.\.\/cam" is not in the expected form/)]);
  });

  it('checks that presets and an rtsp source name cameras of the room too', () => {
    const room = {
      ...cameraAndDisplay(),
      panel: {
        presets: [
          { device: 'cam-front', preset: 1, name: 'Room' },
          { device: 'display', preset: 2, name: 'Table' },
        ],
      },
      media: { video: { source: { type: 'rtsp', camera: 'cam-side' } } },
    };
    const result = validateConfig(room, DRIVERS);
    expect(result.ok || result.issues.map(formatIssue)).toEqual([
      'media.video.source.camera: names no camera device "cam-side" (allowed: cam-front)',
      'panel.presets[1].device: names no camera device "display" (allowed: cam-front)',
    ]);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(() => parseConfigText('room: {id: x\napi: [', 'bad.yaml', DRIVERS)).toThrow(/ROOMCTL_E_CONFIG_PARSE|bad\.yaml:\d+/);
    try {
      parseConfigText('room: {id: x\napi: [', 'bad.yaml', DRIVERS);
    } catch (err) {
      expect((err as RoomctlError).code).toBe('ROOMCTL_E_CONFIG_PARSE');
    }
  });

  it('exports a JSON Schema that agrees with the validator on the example room', async () => {
    const schema = exportedConfigSchema(DRIVERS);
    const config = parseConfigText(await fixture('room-valid.yaml'), 'room-valid.yaml', DRIVERS);
    expect(Value.Check(schema, config)).toBe(true);
    const bad = structuredClone(config) as unknown as { devices: Record<string, unknown>[] };
    bad.devices[0]!.baudRate = 4800;
    expect(Value.Check(schema, bad)).toBe(false);
  });
});
