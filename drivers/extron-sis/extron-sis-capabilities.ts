import { Type } from '@sinclair/typebox';
import { action, input, type InputOptions } from '../core/capabilities.js';

/** The largest switcher the schemas admit; the config says how many outputs this one has. */
export const EXTRON_MAX_PORTS = 64;

/** What a switcher does beyond the shared `input`: a tie to one output, and what it is. */
function extronSwitcher() {
  return {
    name: 'extron-switcher',
    actions: [
      action(
        'tie',
        'Tie an input (video and audio) to one output; input 0 unties the output.',
        Type.Object(
          {
            input: Type.Integer({ minimum: 0, maximum: EXTRON_MAX_PORTS, description: 'Input number, 0 = none' }),
            output: Type.Integer({ minimum: 1, maximum: EXTRON_MAX_PORTS, description: 'Output number' }),
          },
          { additionalProperties: false },
        ),
      ),
      action('status', 'Read the firmware version, part number and size of the switcher.', Type.Object({}, { additionalProperties: false })),
    ],
  };
}

/** Everything the driver declares for a switcher offering `inputs` on the panel: its handler table is typed from it. */
export function extronSisCapabilities(inputs: InputOptions) {
  return [input(inputs), extronSwitcher()] as const;
}

export type ExtronSisCapabilities = ReturnType<typeof extronSisCapabilities>;
