import { Type } from '@sinclair/typebox';
import { actionList, mute } from '../core/capabilities.js';

export const none = { additionalProperties: false } as const;
const instanceTag = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$', description: 'Instance tag of the block in Tesira software (case-sensitive)' });
const channel = Type.Integer({ minimum: 1, maximum: 256, description: 'Channel (index) in the block' });
export const blockRef = { instanceTag, channel };

/** Level and mute blocks addressed by instance tag and channel. */
function tesiraBlocks() {
  return {
    name: 'dsp-blocks',
    actions: actionList([
      { name: 'level.get', description: 'Read a level block channel (dB).', params: Type.Object(blockRef, none) },
      {
        name: 'level.set',
        description: 'Set a level block channel (dB, -100..12).',
        params: Type.Object({ ...blockRef, level: Type.Number({ minimum: -100, maximum: 12 }) }, none),
      },
      {
        name: 'level.step',
        description: 'Raise (positive) or lower (negative) a level by this many dB.',
        params: Type.Object({ ...blockRef, step: Type.Number({ minimum: -112, maximum: 112 }) }, none),
      },
      { name: 'mute.get', description: 'Read a mute.', params: Type.Object(blockRef, none) },
      { name: 'mute.set', description: 'Mute or unmute a channel of a block.', params: Type.Object({ ...blockRef, on: Type.Boolean() }, none) },
      { name: 'mute.toggle', description: 'Flip a mute.', params: Type.Object(blockRef, none) },
    ]),
  };
}

/** Everything the driver declares: its handler table is typed from it. */
export function tesiraCapabilities() {
  return [mute(), tesiraBlocks()] as const;
}

export type TesiraCapabilities = ReturnType<typeof tesiraCapabilities>;
