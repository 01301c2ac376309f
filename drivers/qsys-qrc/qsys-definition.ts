import { Type } from '@sinclair/typebox';
import { mute } from '../core/capabilities.js';
import { defineDriver, type Capability } from '../core/definition.js';
import { QRC_PORT } from './qrc-codec.js';
import { QsysDriver } from './qsys-driver.js';
import { qsysSimulator } from './qsys-simulator.js';

const none = { additionalProperties: false } as const;
const name = Type.String({ minLength: 1, maxLength: 128, description: 'Code Name of the component in Q-SYS Designer' });
const controlRef = Type.Object(
  { component: Type.String({ minLength: 1, maxLength: 128 }), control: Type.String({ minLength: 1, maxLength: 128 }) },
  { ...none, description: 'A named component\'s control, e.g. {component: "MicMute", control: "mute"}' },
);

function namedComponents(): Capability {
  return {
    name: 'named-components',
    actions: [
      {
        name: 'component.get',
        description: 'Read controls of a named component.',
        params: Type.Object({ name, controls: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 64 }) }, none),
      },
      {
        name: 'component.set',
        description: 'Set controls of a named component (value, optional ramp in seconds).',
        params: Type.Object(
          { name, controls: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 128 }), value: Type.Number(), ramp: Type.Optional(Type.Number({ minimum: 0, maximum: 60 })) }, none), { minItems: 1, maxItems: 64 }) },
          none,
        ),
      },
      {
        name: 'mixer.inputMute',
        description: 'Mute or unmute mixer inputs ("1-4", "1 3 5" or "*").',
        params: Type.Object({ name, inputs: Type.String({ pattern: '^(\\*|[0-9 -]{1,64})$' }), on: Type.Boolean() }, none),
      },
    ],
  };
}

export const qsysConfig = Type.Object(
  {
    host: Type.String({ minLength: 1, description: 'Address of the Q-SYS Core.' }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: QRC_PORT, description: 'QRC port (1710).' })),
    user: Type.Optional(Type.String({ description: 'Q-SYS Administrator user, when the Core has access control on.' })),
    password: Type.Optional(Type.String({ description: 'That user\'s PIN or password.' })),
    muteControl: Type.Optional(controlRef),
    follow: Type.Optional(Type.Array(controlRef, { maxItems: 100, description: 'Controls the panel follows through the change group.' })),
  },
  { additionalProperties: false },
);

export const qsysDriver = defineDriver({
  id: 'qsys-qrc',
  kind: 'dsp',
  transport: 'tcp',
  description: 'Q-SYS Cores over QRC (JSON-RPC on TCP 1710): room mute, named components, mixer mutes, change-group updates.',
  config: qsysConfig,
  capabilities: [mute(), namedComponents()],
  probeIntervalMs: 5000,
  simulator: qsysSimulator,
  create(config, ctx) {
    return new QsysDriver({ host: config.host, port: config.port, user: config.user, password: config.password, muteControl: config.muteControl, follow: config.follow }, ctx);
  },
});
