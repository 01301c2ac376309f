import { Type } from '@sinclair/typebox';
import { baudRateField, hostField, serialPortField, tcpPortField } from '../core/config-fields.js';
import { defineDriver } from '../core/definition.js';
import { TESIRA_TELNET_PORT } from './tesira-codec.js';
import { TesiraDriver } from './tesira-driver.js';
import { tesiraSimulator } from './tesira-simulator.js';
import { tesiraCapabilities, none, blockRef } from './tesira-capabilities.js';

export const tesiraConfig = Type.Object(
  {
    host: Type.Optional(hostField('Address of the Tesira server (telnet). Give this or serialPort.')),
    port: tcpPortField(TESIRA_TELNET_PORT, 'Telnet port (23).'),
    serialPort: Type.Optional(serialPortField('RS-232 port instead of telnet, e.g. /dev/serial/by-id/...')),
    baudRate: baudRateField(115200, "RS-232 speed (the server's default is 115200)."),
    muteBlock: Type.Optional(Type.Object(blockRef, { ...none, description: 'The mute block that is the room microphone mute.' })),
    subscriptions: Type.Optional(
      Type.Array(Type.Object({ ...blockRef, attribute: Type.Union([Type.Literal('level'), Type.Literal('mute')]) }, none), {
        maxItems: 64,
        description: 'Blocks whose changes the panel follows (re-subscribed on every reconnect).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const tesiraDriver = defineDriver({
  id: 'biamp-tesira',
  kind: 'dsp',
  transport: 'tcp',
  description: 'Biamp Tesira DSPs over the Tesira Text Protocol (telnet 23 or RS-232): room mute, level and mute blocks by instance tag, live subscriptions.',
  config: tesiraConfig,
  capabilities: [...tesiraCapabilities()],
  probeIntervalMs: 5000,
  simulator: tesiraSimulator,
  // The config's fields are the driver's options, name for name.
  create: (config, ctx) => new TesiraDriver(config, ctx),
});
