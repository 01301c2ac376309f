import { Type } from '@sinclair/typebox';
import { action, input, type InputOptions, mute, power, volume } from '../core/capabilities.js';

/** PJLink-only reading: everything the panel and the health view want in one round. */
function pjlinkStatus() {
  return {
    name: 'pjlink',
    actions: [
      action(
        'status',
        'Read power, input, mute, error status (fan, lamp, temperature, cover, filter, other), lamp hours, name and PJLink class.',
        Type.Object({}, { additionalProperties: false }),
      ),
      action(
        'blank',
        'Blank the picture (true) or show it again (false), without touching the sound (AVMT 11/10).',
        Type.Object({ on: Type.Boolean() }, { additionalProperties: false }),
      ),
    ],
  };
}

/** Everything a PJLink display declares: the driver's handler table is typed from it. */
export function pjlinkCapabilities(inputs: InputOptions) {
  return [power(), input(inputs), mute(), volume(), pjlinkStatus()] as const;
}

export type PjlinkCapabilities = ReturnType<typeof pjlinkCapabilities>;
