import { Type } from '@sinclair/typebox';
import { mute } from '../core/capabilities.js';
import { defineDriver, type Capability } from '../core/definition.js';
import { SHURE_CHANNELS, SHURE_PORT } from './shure-codec.js';
import { ShureMxaDriver } from './shure-mxa-driver.js';
import { shureMxaSimulator } from './shure-mxa-simulator.js';

const none = { additionalProperties: false } as const;

/** Per-lobe mute and gain, the LED, presets and live meters: what a ceiling array adds to mute. */
function micArray(channels: number): Capability {
  const channel = Type.Integer({ minimum: 1, maximum: channels, description: `Lobe (channel) 1..${channels}` });
  return {
    name: 'mic-array',
    traits: { channels, presets: 10 },
    actions: [
      { name: 'channel.mute', description: 'Mute or unmute one lobe.', params: Type.Object({ channel, on: Type.Boolean() }, none) },
      {
        name: 'channel.gain',
        description: 'Set one lobe\'s gain in dB (-110..+30, 0.1 dB steps).',
        params: Type.Object({ channel, gainDb: Type.Number({ minimum: -110, maximum: 30 }) }, none),
      },
      {
        name: 'led',
        description: 'Turn the array\'s LED on or off, set its brightness (0..5), or flash it to find the array.',
        params: Type.Object(
          { on: Type.Optional(Type.Boolean()), brightness: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })), flash: Type.Optional(Type.Boolean()) },
          { ...none, minProperties: 1 },
        ),
      },
      { name: 'preset.recall', description: 'Recall a stored preset (1..10).', params: Type.Object({ preset: Type.Integer({ minimum: 1, maximum: 10 }) }, none) },
      {
        name: 'meter',
        description: 'Publish live levels at this interval (ms, 100..99999), or stop them (0).',
        params: Type.Object({ rateMs: Type.Union([Type.Literal(0), Type.Integer({ minimum: 100, maximum: 99_999 })]) }, none),
      },
    ],
  };
}

export const shureMxaConfig = Type.Object(
  {
    host: Type.String({ minLength: 1, description: 'Address of the array on the room network.' }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: SHURE_PORT, description: 'Command-string TCP port (2202).' })),
    channels: Type.Optional(Type.Integer({ minimum: 1, maximum: SHURE_CHANNELS, default: SHURE_CHANNELS, description: 'Lobes to follow.' })),
    meterRateMs: Type.Optional(
      Type.Union([Type.Literal(0), Type.Integer({ minimum: 100, maximum: 99_999 })], { default: 0, description: 'Publish live levels at this interval from connect on (0 = only on request).' }),
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
  capabilities: [mute(), micArray(SHURE_CHANNELS)],
  probeIntervalMs: 5000,
  simulator: shureMxaSimulator,
  create(config, ctx) {
    return new ShureMxaDriver({ host: config.host, port: config.port, channels: config.channels, meterRateMs: config.meterRateMs }, ctx);
  },
});
