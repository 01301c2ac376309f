import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { tesiraDriver } from './biamp-tesira/tesira-definition.js';
import { actionsOf } from './core/definition.js';
import { badgeReaderDriver } from './hid-badge-reader/badge-reader-definition.js';
import { speakerphoneDriver } from './hid-speakerphone/speakerphone-definition.js';
import { lgDriver } from './lg-serial/lg-definition.js';
import { qsysDriver } from './qsys-qrc/qsys-definition.js';
import { DRIVERS } from './registry.js';
import { mdcDriver } from './samsung-mdc/mdc-definition.js';
import { shureMxaDriver } from './shure-mxa/shure-mxa-definition.js';
import { loadSimulators } from './sim/simulators.js';

/** The microphone, DSP, display and HID definitions: data that the API, panel and config schema read. */
describe('AV and HID driver definitions', () => {
  const cases = [
    {
      d: shureMxaDriver,
      kind: 'microphone',
      actions: ['mute', 'channel.mute', 'channel.gain', 'led', 'preset.recall', 'meter'],
      ok: { host: '10.0.0.40' },
      bad: { host: '10.0.0.40', meterRateMs: 50 },
    },
    {
      d: tesiraDriver,
      kind: 'dsp',
      actions: ['mute', 'level.get', 'level.set', 'level.step', 'mute.get', 'mute.set', 'mute.toggle'],
      ok: { host: '10.0.0.50', muteBlock: { instanceTag: 'MicMute', channel: 1 } },
      bad: { host: '10.0.0.50', muteBlock: { instanceTag: 'Mic Mute', channel: 1 } },
    },
    {
      d: qsysDriver,
      kind: 'dsp',
      actions: ['mute', 'component.get', 'component.set', 'mixer.inputMute'],
      ok: { host: '10.0.0.60', muteControl: { component: 'MicMute', control: 'mute' } },
      bad: { host: '10.0.0.60', muteControl: { component: 'MicMute' } },
    },
    {
      d: mdcDriver,
      kind: 'display',
      actions: ['power', 'input', 'volume', 'mute', 'status'],
      ok: { serialPort: '/dev/ttyUSB1', displayId: 1 },
      bad: { host: 'x', displayId: 254 },
    },
    {
      d: lgDriver,
      kind: 'display',
      actions: ['power', 'input', 'volume', 'mute', 'status'],
      ok: { port: '/dev/ttyUSB2' },
      bad: { port: '/dev/ttyUSB2', setId: 0 },
    },
    {
      d: speakerphoneDriver,
      kind: 'speakerphone',
      actions: ['mute', 'hook'],
      ok: { vendorId: 0x0b0e, productId: 0x0422 },
      bad: { vendorId: 0x10000, productId: 1 },
    },
    { d: badgeReaderDriver, kind: 'badge-reader', actions: ['status'], ok: { vendorId: 0x16c0, productId: 0x27db, minLength: 8 }, bad: { vendorId: 1 } },
  ] as const;

  for (const c of cases) {
    it(`${c.d.id}: ${c.kind} with its actions, a config schema that says no to bad fields, in the registry`, () => {
      expect(c.d.kind).toBe(c.kind);
      expect(actionsOf(c.d).map((a) => a.name)).toEqual(c.actions);
      expect(Value.Check(c.d.config, c.ok)).toBe(true);
      expect(Value.Check(c.d.config, c.bad)).toBe(false);
      expect(Value.Check(c.d.config, { ...c.ok, colour: 'red' })).toBe(false);
      expect(DRIVERS).toContain(c.d);
    });
  }

  it('every network or serial driver among them has a simulator; HID drivers are tested on the fake bus', async () => {
    const simulators = await loadSimulators();
    for (const id of ['shure-mxa', 'biamp-tesira', 'qsys-qrc', 'samsung-mdc', 'lg-serial']) expect(simulators.map((s) => s.driver)).toContain(id);
  });

  it('the mute action schema is the shared one: {on: boolean}', () => {
    for (const d of [shureMxaDriver, tesiraDriver, qsysDriver, mdcDriver, lgDriver, speakerphoneDriver]) {
      const mute = actionsOf(d).find((a) => a.name === 'mute')!;
      expect(Value.Check(mute.params, { on: true })).toBe(true);
      expect(Value.Check(mute.params, { on: 'yes' })).toBe(false);
    }
  });
});
