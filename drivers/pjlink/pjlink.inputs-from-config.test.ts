import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { expect, it } from 'vitest';
import { capabilitiesOf } from '../core/definition.js';
import { pjlinkDriver } from './pjlink-definition.js';

const inputAction = (config: Record<string, unknown>) => {
  const caps = capabilitiesOf(pjlinkDriver, { id: 'display', driver: 'pjlink', host: '10.0.0.30', ...config });
  const input = caps.find((c) => c.name === 'input')!;
  return { traits: input.traits, accepts: (code: string) => TypeCompiler.Compile(input.actions[0]!.params).Check({ input: code }) };
};

it('offers the inputs the config names — codes beyond the default list too (52, 6A) — with their names per language', () => {
  const config = { inputs: { '31': 'Laptop (HDMI 1)', '52': { en: 'Network', 'zh-CN': '网络' }, '6A': { en: 'Internal 10' } } };
  expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', ...config })).toBe(true);
  const display = inputAction(config);
  expect(display.traits).toEqual({
    inputs: ['31', '52', '6A'],
    labels: {
      '31': { en: 'Laptop (HDMI 1)', 'zh-CN': 'Laptop (HDMI 1)' },
      '52': { en: 'Network', 'zh-CN': '网络' },
      '6A': { en: 'Internal 10', 'zh-CN': 'Internal 10' },
    },
  });
  // The action's schema is this display's list: what the config adds is accepted, what it leaves out is refused.
  expect(['31', '52', '6A'].map(display.accepts)).toEqual([true, true, true]);
  expect(display.accepts('32')).toBe(false);
});

it('keeps the plain list of codes and the default list working', () => {
  expect(inputAction({ inputs: ['31', '52'] }).traits).toEqual({ inputs: ['31', '52'] });
  expect(inputAction({}).traits).toEqual({ inputs: ['11', '12', '31', '32', '33', '51'] });
});

it('refuses a name map with a key that is no PJLink input code, or an empty name', () => {
  expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', inputs: { HDMI1: 'HDMI 1' } })).toBe(false);
  expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', inputs: { '31': '' } })).toBe(false);
  expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', inputs: { '31': { fr: 'Portable' } } })).toBe(false);
});
