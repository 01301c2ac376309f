import { Type } from '@sinclair/typebox';
import { actionList, mute } from '../core/capabilities.js';

function hook() {
  return {
    name: 'telephony',
    actions: actionList([
      {
        name: 'hook',
        description: 'Go off-hook (true: in a call, the device reports its mute button and lights Off-Hook) or back on-hook (false).',
        params: Type.Object({ offHook: Type.Boolean() }, { additionalProperties: false }),
      },
    ]),
  };
}

/** Everything the driver declares: its handler table is typed from it. */
export function speakerphoneCapabilities() {
  return [mute(), hook()] as const;
}

export type SpeakerphoneCapabilities = ReturnType<typeof speakerphoneCapabilities>;
