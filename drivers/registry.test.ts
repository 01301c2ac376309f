import { Kind, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { actionsOf, DEVICE_KINDS } from './core/definition.js';
import { DRIVERS } from './registry.js';
import { describeDefault } from './sim/define-simulator.js';
import { createPtyPair } from './sim/pty-pair.js';
import { loadSimulators } from './sim/simulators.js';
import { createTestContext } from './testing/test-context.js';

/** The shapes of the shared action names (README, Interfaces), so every driver's `mute` means the same. */
const SHARED_ACTION_FIELDS: Record<string, string[]> = {
  power: ['on'],
  move: ['pan', 'tilt', 'zoom'],
  stop: [],
  home: [],
  'preset.recall': ['preset'],
  'preset.save': ['preset'],
  input: ['input'],
  volume: ['level'],
  mute: ['on'],
  snapshot: [],
};

const RESERVED_CONFIG_FIELDS = ['id', 'driver', 'name'];

describe('driver registry invariants', () => {
  it('has unique, well-formed driver ids', () => {
    const ids = DRIVERS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  describe.each(DRIVERS.map((d) => [d.id, d] as const))('%s', (_id, definition) => {
    it('declares a known kind, a transport and a description', () => {
      expect(DEVICE_KINDS).toContain(definition.kind);
      expect(['serial', 'tcp', 'udp', 'http', 'hid']).toContain(definition.transport);
      expect(definition.description.length).toBeGreaterThan(10);
      expect(typeof definition.create).toBe('function');
      if (definition.probeIntervalMs !== undefined) expect(definition.probeIntervalMs).toBeGreaterThan(0);
    });

    it('has a closed config schema whose fields are described and not reserved', () => {
      const config = definition.config as TObject;
      expect(config[Kind]).toBe('Object');
      expect(config.additionalProperties).toBe(false);
      for (const [field, schema] of Object.entries(config.properties)) {
        expect(RESERVED_CONFIG_FIELDS, `${field} is set by the room config`).not.toContain(field);
        expect((schema as TSchema).description, `config field ${field} needs a description`).toBeTruthy();
      }
    });

    it('has unique actions with closed object schemas', () => {
      const actions = actionsOf(definition);
      expect(actions.length).toBeGreaterThan(0);
      const names = actions.map((a) => a.name);
      expect(new Set(names).size, `duplicate action in ${names.join(', ')}`).toBe(names.length);
      for (const action of actions) {
        expect(action.name).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)*$/i);
        expect(action.description.length).toBeGreaterThan(5);
        expect(action.params[Kind]).toBe('Object');
        expect(action.params.additionalProperties, `${action.name} must refuse unknown fields`).toBe(false);
      }
    });

    it('keeps the shared action names to their shared shape', () => {
      for (const action of actionsOf(definition)) {
        const fields = SHARED_ACTION_FIELDS[action.name];
        if (!fields) continue;
        expect(Object.keys(action.params.properties ?? {}).sort(), action.name).toEqual([...fields].sort());
      }
    });

    it('has a handler for every action it declares, and none for an action it does not', () => {
      // Built, never connected: a constructor opens nothing, so the schema's own defaults do.
      const driver = definition.create({ id: 'registry-check', driver: definition.id, ...Value.Create(definition.config) }, createTestContext());
      expect(driver.handlers, 'a handler table typed from its capabilities (ActionHandlers), not a switch').toBeDefined();
      expect(Object.keys(driver.handlers ?? {}).sort()).toEqual(
        actionsOf(definition)
          .map((a) => a.name)
          .sort(),
      );
    });

    it('can be provisioned: what finds it (search, probe or USB identity) comes with the entry it proposes', async () => {
      const parts = (await definition.loadProvisioning?.()) ?? {};
      const found = parts.discover !== undefined || parts.probe !== undefined || definition.transport === 'hid';
      expect(typeof parts.proposeConfig, 'a driver that can be found proposes its entry').toBe(found ? 'function' : 'undefined');
      if (parts.probe)
        expect(parts.probe.serial?.length || parts.probe.tcp || parts.probe.hid, 'a probe asks on a serial port, a TCP port or of a HID device').toBeTruthy();
      for (const section of [parts.discover?.options, parts.credentials]) {
        if (!section) continue;
        expect(section[Kind]).toBe('Object');
        expect(section.additionalProperties, 'an answers section refuses unknown fields').toBe(false);
      }
      if (parts.discover) expect(Object.keys(parts.discover.options.properties)).toEqual(expect.arrayContaining(['search', 'timeoutMs']));
    });

    it('ships a simulator speaking its protocol (HID devices are faked at the node-hid object instead)', async () => {
      if (definition.transport === 'hid') return;
      const simulator = await definition.loadSimulator?.();
      expect(simulator?.driver, 'the definition names its simulator').toBe(definition.id);
      expect(await loadSimulators()).toContain(simulator);
      // `roomctl sim` refuses undeclared options and lists the declared ones: each spelling names one option.
      const spellings = simulator!.options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
      expect(new Set(spellings).size, 'no option spelled twice').toBe(spellings.length);
      expect(spellings, 'quirks stands for the quirk profiles').not.toContain('quirks');
      for (const option of simulator!.options) expect(option.description.length, `--${option.name} says what it sets`).toBeGreaterThan(10);
      // A default is declared once, in `default`/`quirkDefaults`; help adds it to the description, which never says it again.
      for (const option of simulator!.options) expect(option.description, `--${option.name}'s description`).not.toMatch(/\bdefault/i);
    });

    it('its simulator starts from its declared options as `roomctl sim` gives them, and reads no other', async () => {
      if (definition.transport === 'hid') return;
      const simulator = (await definition.loadSimulator?.())!;
      // Every address on a free loopback port; a PTY end where the simulator cannot start without one.
      const pair = simulator.options.some((o) => o.required && o.value === 'PATH') ? await createPtyPair() : undefined;
      const text: Record<string, string> = {};
      for (const option of simulator.options) {
        if (option.value === 'HOST:PORT') text[option.name] = '127.0.0.1:0';
        if (option.value === 'PORT') text[option.name] = '0';
        if (option.required && option.value === 'PATH') text[option.name] = pair!.simulatorPath;
      }
      // Help and behaviour agree: what `start` is handed for an option not given is the default help prints, under each quirk profile too.
      const handed = (given: Record<string, string>): Record<string, unknown> => ({ ...simulator.read(given) });
      for (const option of simulator.options.filter((o) => !(o.name in text))) {
        const help = describeDefault(option);
        expect(handed(text)[option.name], `--${option.name}: help says${help || ' no default'}`).toBe(option.default);
        if (option.default !== undefined) expect(help).toMatch(new RegExp(`^ \\(default ${option.default}[;)]`));
        for (const [quirk, value] of Object.entries(option.quirkDefaults ?? {})) {
          expect(handed({ ...text, quirks: quirk })[option.name], `--${option.name} under ${quirk}`).toBe(value);
          expect(help).toContain(`${value} under ${quirk}`);
        }
      }
      try {
        // A simulator reading an option it does not declare throws here (defineSimulator's options answer only declared names).
        const running = await simulator.start(text);
        await running.close();
        // Where a driver connects: the PTY end it was given, or the loopback port it got (not the 0 it was asked for).
        if (pair) expect(Object.values(running.endpoint)).toContain(pair.simulatorPath);
        else expect(running.endpoint).toMatchObject({ host: '127.0.0.1', port: expect.any(Number) });
        expect(Object.values(running.endpoint)).not.toContain(0);
      } finally {
        await pair?.close();
      }
    });
  });
});
