import { expect, it } from 'vitest';
import { capabilitiesOf } from '../core/definition.js';
import { viscaIpDriver } from './visca-ip-definition.js';
import { viscaSerialDriver } from './visca-serial-definition.js';

const presetRange = (capabilities: ReturnType<typeof capabilitiesOf>) => {
  const ptz = capabilities.find((c) => c.name === 'ptz')!;
  const recall = ptz.actions.find((a) => a.name === 'preset.recall')!.params as unknown as { properties: { preset: { maximum: number } } };
  return { trait: ptz.traits?.presets, schema: recall.properties.preset.maximum };
};

it("a device's listing advertises its model's preset range: 0..127 for generic and Lumens, 0..255 for Sony", () => {
  const base = { id: 'cam', driver: 'visca-ip', host: '10.0.0.2' };
  expect(presetRange(capabilitiesOf(viscaIpDriver, base))).toEqual({ trait: 127, schema: 127 });
  expect(presetRange(capabilitiesOf(viscaIpDriver, { ...base, model: 'lumens' }))).toEqual({ trait: 127, schema: 127 });
  expect(presetRange(capabilitiesOf(viscaIpDriver, { ...base, model: 'sony' }))).toEqual({ trait: 255, schema: 255 });
  expect(
    presetRange(capabilitiesOf(viscaSerialDriver, { id: 'cam', driver: 'visca-serial', port: '/dev/ttyUSB0', baudRate: 9600, model: 'ptzoptics' })),
  ).toEqual({ trait: 254, schema: 254 });
  // The definition as a whole still admits the largest range any model has.
  expect(presetRange(viscaIpDriver.capabilities)).toEqual({ trait: 255, schema: 255 });
});
