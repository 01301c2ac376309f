import { hostField, tcpPortField } from '../core/config-fields.js';
import { defineDisplayDriver } from '../core/display-definition.js';
import { BRAVIA_INPUTS, BRAVIA_PORT } from './bravia-codec.js';
import { BraviaDriver } from './bravia-driver.js';

export const braviaDriver = defineDisplayDriver({
  id: 'sony-bravia',
  transport: 'tcp',
  description: 'Sony BRAVIA displays over Simple IP control (TCP 20060): power, input, volume, mute, status; follows changes made with the remote.',
  fields: {
    host: hostField('Address of the display (Simple IP control must be on: Settings > Network > Home network setup > IP control).'),
    port: tcpPortField(BRAVIA_PORT, 'Simple IP control port (20060).'),
  },
  inputs: { brand: 'BRAVIA', names: Object.keys(BRAVIA_INPUTS) },
  statusReads: 'Read power and, when on, input, volume and mute.',
  loadSimulator: async () => (await import('./bravia-simulator.js')).braviaSimulator,
  create: (config, ctx) => new BraviaDriver(config, ctx),
});
