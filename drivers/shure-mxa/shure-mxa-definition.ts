import { Type } from '@sinclair/typebox';
import { hostField, tcpPortField } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { SHURE_CHANNELS, SHURE_PORT } from './shure-codec.js';
import { ShureMxaDriver } from './shure-mxa-driver.js';
import { shureMxaCapabilities } from './shure-mxa-capabilities.js';

export const shureMxaConfig = Type.Object(
  {
    host: hostField('Address of the array on the room network.'),
    port: tcpPortField(SHURE_PORT, 'Command-string TCP port (2202).'),
    channels: Type.Optional(Type.Integer({ minimum: 1, maximum: SHURE_CHANNELS, default: SHURE_CHANNELS, description: 'Lobes to follow.' })),
    meterRateMs: Type.Optional(
      Type.Union([Type.Literal(0), Type.Integer({ minimum: 100, maximum: 99_999 })], {
        default: 0,
        description: 'Publish live levels at this interval from connect on (0 = only on request).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const shureMxaDriver = defineDriver({
  id: 'shure-mxa',
  kind: 'microphone',
  transport: 'tcp',
  description: 'Shure MXA910/MXA920 ceiling arrays over TCP 2202: device mute, lobe mute and gain, LED, presets, live meters.',
  config: shureMxaConfig,
  capabilities: shureMxaCapabilities(SHURE_CHANNELS),
  loadSimulator: async () => (await import('./shure-mxa-simulator.js')).shureMxaSimulator,
  create: (config, ctx) => new ShureMxaDriver(config, ctx),
});
