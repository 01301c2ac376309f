import { Type } from '@sinclair/typebox';
import { actionList, mute } from '../core/capabilities.js';

const none = { additionalProperties: false } as const;

/** Per-lobe mute and gain, the LED, presets and live meters: what a ceiling array adds to mute. */
function micArray(channels: number) {
  const channel = Type.Integer({ minimum: 1, maximum: channels, description: `Lobe (channel) 1..${channels}` });
  return {
    name: 'mic-array',
    traits: { channels, presets: 10 },
    actions: actionList([
      { name: 'channel.mute', description: 'Mute or unmute one lobe.', params: Type.Object({ channel, on: Type.Boolean() }, none) },
      {
        name: 'channel.gain',
        description: "Set one lobe's gain in dB (-110..+30, 0.1 dB steps).",
        params: Type.Object({ channel, gainDb: Type.Number({ minimum: -110, maximum: 30 }) }, none),
      },
      {
        name: 'led',
        description: "Turn the array's LED on or off, set its brightness (0..5), or flash it to find the array.",
        params: Type.Object(
          { on: Type.Optional(Type.Boolean()), brightness: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })), flash: Type.Optional(Type.Boolean()) },
          { ...none, minProperties: 1 },
        ),
      },
      {
        name: 'preset.recall',
        description: 'Recall a stored preset (1..10).',
        params: Type.Object({ preset: Type.Integer({ minimum: 1, maximum: 10 }) }, none),
      },
      {
        name: 'meter',
        description: 'Publish live levels at this interval (ms, 100..99999), or stop them (0).',
        params: Type.Object({ rateMs: Type.Union([Type.Literal(0), Type.Integer({ minimum: 100, maximum: 99_999 })]) }, none),
      },
    ]),
  };
}

/** Everything the driver declares: its handler table is typed from it. */
export function shureMxaCapabilities(channels: number) {
  return [mute(), micArray(channels)] as const;
}

export type ShureMxaCapabilities = ReturnType<typeof shureMxaCapabilities>;
