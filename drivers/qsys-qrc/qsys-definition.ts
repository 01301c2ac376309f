import { Type } from '@sinclair/typebox';
import { hostField, tcpPortField } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { QRC_PORT } from './qrc-codec.js';
import { QsysDriver } from './qsys-driver.js';
import { qsysCapabilities, controlRef } from './qsys-capabilities.js';

export const qsysConfig = Type.Object(
  {
    host: hostField('Address of the Q-SYS Core.'),
    port: tcpPortField(QRC_PORT, 'QRC port (1710).'),
    user: Type.Optional(Type.String({ description: 'Q-SYS Administrator user, when the Core has access control on.' })),
    password: Type.Optional(Type.String({ description: "That user's PIN or password." })),
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
  capabilities: qsysCapabilities(),
  loadSimulator: async () => (await import('./qsys-simulator.js')).qsysSimulator,
  // The config's fields are the driver's options, name for name.
  create: (config, ctx) => new QsysDriver(config, ctx),
});
