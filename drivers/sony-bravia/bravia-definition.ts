import { Type } from '@sinclair/typebox';
import { displayCapabilities } from '../core/capabilities.js';
import { defineDriver } from '../core/definition.js';
import { displayInputs, namedInputsConfig } from '../core/localized-text.js';
import { BRAVIA_INPUTS, BRAVIA_PORT } from './bravia-codec.js';
import { BraviaDriver } from './bravia-driver.js';
import { braviaSimulator } from './bravia-simulator.js';

/** What the `status` action reads on this display. */
const STATUS_READS = 'Read power and, when on, input, volume and mute.';

export const braviaConfig = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      description: 'Address of the display (Simple IP control must be on: Settings > Network > Home network setup > IP control).',
    }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: BRAVIA_PORT, description: 'Simple IP control port (20060).' })),
    inputs: namedInputsConfig('BRAVIA', Object.keys(BRAVIA_INPUTS)),
  },
  { additionalProperties: false },
);

export const braviaDriver = defineDriver({
  id: 'sony-bravia',
  kind: 'display',
  transport: 'tcp',
  description: 'Sony BRAVIA displays over Simple IP control (TCP 20060): power, input, volume, mute, status; follows changes made with the remote.',
  config: braviaConfig,
  capabilities: [...displayCapabilities({ inputs: Object.keys(BRAVIA_INPUTS) }, STATUS_READS)],
  capabilitiesFor(config) {
    return [...displayCapabilities(displayInputs(config.inputs, Object.keys(BRAVIA_INPUTS)), STATUS_READS)];
  },
  probeIntervalMs: 5000,
  simulator: braviaSimulator,
  create(config, ctx) {
    return new BraviaDriver({ host: config.host, port: config.port }, ctx);
  },
});
