import { Type } from '@sinclair/typebox';
import { actionList, mute } from '../core/capabilities.js';

const none = { additionalProperties: false } as const;
const name = Type.String({ minLength: 1, maxLength: 128, description: 'Code Name of the component in Q-SYS Designer' });
export const controlRef = Type.Object(
  { component: Type.String({ minLength: 1, maxLength: 128 }), control: Type.String({ minLength: 1, maxLength: 128 }) },
  { ...none, description: 'A named component\'s control, e.g. {component: "MicMute", control: "mute"}' },
);

function namedComponents() {
  return {
    name: 'named-components',
    actions: actionList([
      {
        name: 'component.get',
        description: 'Read controls of a named component.',
        params: Type.Object({ name, controls: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 64 }) }, none),
      },
      {
        name: 'component.set',
        description: 'Set controls of a named component (value, optional ramp in seconds).',
        params: Type.Object(
          {
            name,
            controls: Type.Array(
              Type.Object(
                { name: Type.String({ minLength: 1, maxLength: 128 }), value: Type.Number(), ramp: Type.Optional(Type.Number({ minimum: 0, maximum: 60 })) },
                none,
              ),
              { minItems: 1, maxItems: 64 },
            ),
          },
          none,
        ),
      },
      {
        name: 'mixer.inputMute',
        description: 'Mute or unmute mixer inputs ("1-4", "1 3 5" or "*").',
        params: Type.Object({ name, inputs: Type.String({ pattern: '^(\\*|[0-9 -]{1,64})$' }), on: Type.Boolean() }, none),
      },
    ]),
  };
}

/** Everything the driver declares: its handler table is typed from it. */
export function qsysCapabilities() {
  return [mute(), namedComponents()] as const;
}

export type QsysCapabilities = ReturnType<typeof qsysCapabilities>;
