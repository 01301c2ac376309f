import { Type } from '@sinclair/typebox';
import { displayCapabilities } from '../core/capabilities.js';
import { defineDriver } from '../core/definition.js';
import { displayInputs, namedInputsConfig } from '../core/localized-text.js';
import { LG_INPUTS } from './lg-codec.js';
import { LgDriver } from './lg-driver.js';
import { lgProbe, proposeLg } from './lg-probe.js';
import { lgSimulator } from './lg-simulator.js';

/** What the `status` action reads on this display. */
const STATUS_READS = 'Read power, and volume, mute and input when on.';

export const lgConfig = Type.Object(
  {
    port: Type.String({ minLength: 1, description: 'Serial port, e.g. /dev/serial/by-id/usb-FTDI_...' }),
    baudRate: Type.Optional(Type.Integer({ minimum: 1200, maximum: 115200, default: 9600, description: 'RS-232 speed (9600 on LG displays).' })),
    setId: Type.Optional(Type.Integer({ minimum: 1, maximum: 99, default: 1, description: "The display's Set ID." })),
    inputs: namedInputsConfig('LG', Object.keys(LG_INPUTS)),
  },
  { additionalProperties: false },
);

export const lgDriver = defineDriver({
  id: 'lg-serial',
  kind: 'display',
  transport: 'serial',
  description: 'LG commercial displays over RS-232: power, input, volume, mute, status.',
  config: lgConfig,
  capabilities: [...displayCapabilities({ inputs: Object.keys(LG_INPUTS) }, STATUS_READS)],
  capabilitiesFor(config) {
    return [...displayCapabilities(displayInputs(config.inputs, Object.keys(LG_INPUTS)), STATUS_READS)];
  },
  probeIntervalMs: 5000,
  probe: lgProbe,
  proposeConfig: proposeLg,
  simulator: lgSimulator,
  create(config, ctx) {
    return new LgDriver({ port: config.port, baudRate: config.baudRate, setId: config.setId }, ctx);
  },
});
